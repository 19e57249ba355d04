// GET /alerts on the hub: without ALERTER_URL it says there is no alerter (the dashboard
// hides its panel); with one that does not answer, a 502 in the API's error shape; with
// one that answers, its deliveries and dead letters passed on, asked with the API token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@arbhub/session/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { HubHarness } from './testing/harness.js';

const API_TOKEN = 'the-alerts-route-api-token';
const harness = new HubHarness();
afterEach(() => harness.close());
const auth = { authorization: `Bearer ${API_TOKEN}` };

describe('GET /alerts', () => {
  it('without ALERTER_URL answers that there is no alerter', async () => {
    const { base } = await harness.start({ API_TOKEN });
    const answer = await fetch(`${base}/alerts`, { headers: auth });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ alerter: null, deliveries: [], deadLetters: [] });
    expect((await fetch(`${base}/alerts`)).status).toBe(401);
  });

  it('answers 502 in the API shape when the alerter does not answer', async () => {
    const { base } = await harness.start({
      API_TOKEN,
      ALERTER_URL: `http://127.0.0.1:${String(await freePort())}`,
    });
    const answer = await fetch(`${base}/alerts`, { headers: auth });
    expect(answer.status).toBe(502);
    const body = (await answer.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body.error).toBe('alerter_unreachable');
  });

  it("passes on the alerter's deliveries and dead letters, asking with the API token", async () => {
    const seen: (string | undefined)[] = [];
    const alerter = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ deliveries: [{ id: 'd1', status: 'delivered' }], deadLetters: [{ id: 'd2' }] }),
        );
    });
    await new Promise<void>((resolve) => alerter.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${String((alerter.address() as AddressInfo).port)}`;
      const { base } = await harness.start({ API_TOKEN, ALERTER_URL: url });
      const answer = (await (await fetch(`${base}/alerts`, { headers: auth })).json()) as Record<
        string,
        unknown
      >;
      expect(answer).toEqual({
        alerter: url,
        deliveries: [{ id: 'd1', status: 'delivered' }],
        deadLetters: [{ id: 'd2' }],
      });
      expect(seen).toEqual([`Bearer ${API_TOKEN}`]);
    } finally {
      await new Promise((resolve) => alerter.close(resolve));
    }
  });
});

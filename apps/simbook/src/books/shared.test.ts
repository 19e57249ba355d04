import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { escapeHtml, refuseSession } from './shared.js';

describe('refuseSession', () => {
  const app = Fastify();
  app.get('/limited', (_request, reply) =>
    refuseSession(reply, { ok: false, reason: 'rate_limited', retryAfterS: 7 }),
  );
  app.get('/kicked', (_request, reply) => refuseSession(reply, { ok: false, reason: 'kicked' }));
  app.get('/login', (_request, reply) =>
    refuseSession(reply, { ok: false, reason: 'expired' }, (r) => r.redirect('/login-page', 302)),
  );

  it('answers 429 with Retry-After when the account is rate limited', async () => {
    const res = await app.inject('/limited');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json()).toEqual({ error: 'rate_limited' });
  });

  it('answers 401 session_expired with the reason by default', async () => {
    const res = await app.inject('/kicked');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'session_expired', reason: 'kicked' });
  });

  it("uses the book's own answer for a lost session when given one", async () => {
    const res = await app.inject('/login');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login-page');
  });
});

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      '&#60;img src=x onerror=&#34;a(&#39;b&#39;)&#34;&#62;&#38;',
    );
    expect(escapeHtml('alice')).toBe('alice');
  });
});

import { describe, expect, it } from 'vitest';
import { lineFormatter, plan } from './start.mjs';

// What `npm start` runs for a given environment, and how it shows its children's logs.
// The whole command is run for real by the end-to-end tests (e2e/).
const names = (setup) => setup.processes.map((p) => p.name).join(' ');

describe('npm start: the plan', () => {
  it('runs the simulator, the hub and one worker per book against them by default', () => {
    const setup = plan({});
    expect(names(setup)).toBe('simbook hub csport-1 sbo-1 bmk-1 pin-1 ibc-1 cmd-1');
    expect(setup.hub).toBe('http://127.0.0.1:8000');
    // Loopback unless asked: the hub and the simulator are this machine's alone.
    expect(setup.processes.find((p) => p.name === 'hub').env.HUB_HOST).toBe('127.0.0.1');
    expect(setup.processes.find((p) => p.name === 'simbook').env.SIMBOOK_HOST).toBe('127.0.0.1');
    expect(plan({ HUB_HOST: '0.0.0.0' }).processes.find((p) => p.name === 'hub').env.HUB_HOST).toBe(
      '0.0.0.0',
    );
    const csport = setup.processes.find((p) => p.name === 'csport-1');
    expect(csport.env).toEqual({
      SITE: 'csport',
      WORKER_ID: 'csport-1',
      HUB_WS_URL: 'ws://127.0.0.1:8000/ws',
      CSPORT_BASE_URL: 'http://127.0.0.1:7001/csport',
    });
  });

  it('follows the ports and a book URL that is set, and runs n workers per book with Redis', () => {
    const setup = plan({
      HUB_PORT: '9100',
      SIMBOOK_PORT: '9200',
      SBO_BASE_URL: 'https://sbo.example/',
      WORKERS_PER_BOOK: '2',
      REDIS_URL: 'redis://127.0.0.1:6379',
      BOOKS: 'csport, SBO',
    });
    expect(names(setup)).toBe('simbook hub csport-1 csport-2 sbo-1 sbo-2');
    const [, hub, csport1, , sbo1] = setup.processes;
    expect(hub.env.HUB_PORT).toBe('9100');
    expect(csport1.env.HUB_WS_URL).toBe('ws://127.0.0.1:9100/ws');
    expect(csport1.env.CSPORT_BASE_URL).toBe('http://127.0.0.1:9200/csport');
    expect(sbo1.env.SBO_BASE_URL).toBe('https://sbo.example/');
  });

  it('runs two gateways and HUB_ENGINES engines instead of the single hub, with Redis', () => {
    expect(() => plan({ HUB_ENGINES: '2' })).toThrow(/HUB_ENGINES=2 needs REDIS_URL/);
    expect(() => plan({ HUB_ENGINES: 'x', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/HUB_ENGINES/);
    const setup = plan({ HUB_ENGINES: '2', REDIS_URL: 'redis://127.0.0.1:6379', BOOKS: 'csport' });
    expect(names(setup)).toBe('simbook hub hub-2 engine-1 engine-2 csport-1');
    const env = (name) => setup.processes.find((p) => p.name === name).env;
    expect(env('hub')).toMatchObject({ HUB_ROLE: 'gateway', HUB_PORT: '8000' });
    expect(env('hub-2')).toMatchObject({ HUB_ROLE: 'gateway', HUB_PORT: '8001' });
    expect(env('engine-2')).toMatchObject({ HUB_ROLE: 'engine', HUB_PORT: '8011', ENGINE_ID: 'engine-2' });
    expect(env('csport-1').HUB_WS_URL).toBe('ws://127.0.0.1:8000/ws,ws://127.0.0.1:8001/ws');
    expect(names(plan({ HUB_ENGINES: '0' }))).toBe(names(plan({})));
  });

  it('runs the alerter when a channel is set, and tells the hub where it is', () => {
    expect(names(plan({}))).not.toContain('alerter');
    const setup = plan({ ALERT_WEBHOOK_URL: 'http://127.0.0.1:9999/hook' });
    expect(names(setup)).toBe('simbook hub alerter csport-1 sbo-1 bmk-1 pin-1 ibc-1 cmd-1');
    const alerter = setup.processes.find((p) => p.name === 'alerter');
    expect(alerter.env).toEqual({
      HUB_URL: 'http://127.0.0.1:8000',
      ALERTER_HOST: '127.0.0.1',
      ALERTER_PORT: '8010',
    });
    expect(setup.processes.find((p) => p.name === 'hub').env.ALERTER_URL).toBe('http://127.0.0.1:8010');
    expect(names(plan({ TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_CHAT_ID: '5' }))).toContain('alerter');
  });

  it('runs a number of workers for one book alone with <BOOK>_WORKERS', () => {
    const setup = plan({ CSPORT_WORKERS: '2', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(names(setup)).toBe('simbook hub csport-1 csport-2 sbo-1 bmk-1 pin-1 ibc-1 cmd-1');
  });

  it('refuses several workers per book without Redis, unknown books and bad ports, saying what to change', () => {
    expect(() => plan({ WORKERS_PER_BOOK: '3' })).toThrow(/WORKERS_PER_BOOK=3 needs REDIS_URL/);
    expect(() => plan({ CSPORT_WORKERS: '2' })).toThrow(/CSPORT_WORKERS=2 needs REDIS_URL/);
    expect(() => plan({ BOOKS: 'csport,bet365' })).toThrow('BOOKS: unknown book bet365');
    expect(() => plan({ HUB_PORT: 'eighty' })).toThrow(
      'HUB_PORT must be a whole number from 1 to 65535, not "eighty"',
    );
    expect(() => plan({ WORKERS_PER_BOOK: '0' })).toThrow(/WORKERS_PER_BOOK must be/);
  });
});

describe('npm start: its children’s logs', () => {
  const line = JSON.stringify({
    level: 30,
    time: Date.UTC(2026, 10, 23, 12),
    msg: 'worker started',
    book: 'sbo',
  });
  it('pretty-prints pino lines on one line behind the process name, and passes other text through', () => {
    const format = lineFormatter('pretty', false);
    const shown = format('sbo-1', line);
    expect(shown).toMatch(/^sbo-1 {5}\| \[\d\d:\d\d:\d\d\.\d{3}\] INFO: worker started \{"book":"sbo"\}$/);
    expect(format('hub', 'plain text {')).toBe('hub       | plain text {');
  });
  it('tags each line with its process for LOG_FORMAT=json', () => {
    const format = lineFormatter('json', false);
    expect(JSON.parse(format('sbo-1', line))).toMatchObject({
      proc: 'sbo-1',
      msg: 'worker started',
      level: 30,
    });
    expect(JSON.parse(format('hub', 'not json'))).toEqual({ proc: 'hub', line: 'not json' });
  });
});

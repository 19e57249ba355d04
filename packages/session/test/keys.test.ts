import { describe, expect, it } from 'vitest';
import { aesGcmSealer, keysFor } from '@arbhub/session';

describe('keysFor', () => {
  it('builds the documented keys, with the account URI-encoded', () => {
    expect(keysFor({ book: 'csport', account: 'demo1' })).toEqual({
      session: 'arbhub:session:csport:demo1',
      lock: 'arbhub:lock:csport:demo1',
      failures: 'arbhub:login-failures:csport:demo1',
      channel: 'arbhub:session-ready:csport:demo1',
    });
    expect(keysFor({ book: 'sbo', account: 'a:b c' }, 'x:').session).toBe('x:session:sbo:a%3Ab%20c');
  });
});

describe('aesGcmSealer', () => {
  const sealer = aesGcmSealer('a-test-secret-of-enough-length');

  it('round-trips, with a fresh IV each time', () => {
    const a = sealer.seal('{"cookie":"v"}', 'k');
    expect(a).not.toBe(sealer.seal('{"cookie":"v"}', 'k'));
    expect(sealer.open(a, 'k')).toBe('{"cookie":"v"}');
  });

  it('refuses a value moved to another key, tampered, or not sealed at all', () => {
    const sealed = sealer.seal('secret', 'arbhub:session:csport:a');
    expect(sealer.open(sealed, 'arbhub:session:csport:b')).toBeUndefined();
    // The body's first character: always a real byte (the last one may hold only padding bits).
    const at = sealed.lastIndexOf('.') + 1;
    const tampered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    expect(sealer.open(tampered, 'arbhub:session:csport:a')).toBeUndefined();
    expect(sealer.open('{"plain":true}', 'arbhub:session:csport:a')).toBeUndefined();
    expect(
      aesGcmSealer('another-secret-of-enough-length').open(sealed, 'arbhub:session:csport:a'),
    ).toBeUndefined();
  });

  it('wants a secret of at least 16 characters', () => {
    expect(() => aesGcmSealer('short')).toThrow('SESSION_SECRET must be at least 16 characters');
  });
});

// AES-256-GCM for stored sessions when SESSION_SECRET is set. The key is derived from
// the secret with HKDF; the store key is authenticated data, so a value copied under
// another account's key does not decrypt. Anything that does not decrypt is absent.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const VERSION = 'v1';

export interface Sealer {
  seal(plain: string, key: string): string;
  /** The plaintext, or undefined when the value was tampered with or sealed with another secret. */
  open(sealed: string, key: string): string | undefined;
}

/** Encrypts with a key derived from `secret`. */
export function aesGcmSealer(secret: string): Sealer {
  if (secret.length < 16) throw new RangeError('SESSION_SECRET must be at least 16 characters');
  const key = Buffer.from(hkdfSync('sha256', secret, 'arbhub-session', 'aes-256-gcm v1', 32));
  return {
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed, aad) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(aad));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        // A wrong tag, key or body: tampered, or sealed with another secret. Treated as absent.
        return undefined;
      }
    },
  };
}

/** Stores values as they are (no SESSION_SECRET). */
export const plainSealer: Sealer = {
  seal: (plain) => plain,
  open: (sealed) => sealed,
};

/**
 * Whether a presented token is the expected one, compared in constant time (of SHA-256
 * digests, so the lengths match too). The hub's WORKER_TOKEN and API_TOKEN and the
 * alerter's API_TOKEN are all checked with it.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

// How a session is written to the store and read back: JSON, sealed with SESSION_SECRET
// (AES-256-GCM) when one is set, checked against the schema on the way out.
import { check, storedSessionSchema } from '@arbhub/schema';
import type { Logger, StoredSession } from '@arbhub/schema';
import { aesGcmSealer, plainSealer } from './crypto.js';
import type { Sealer } from './crypto.js';
import type { Keys, SessionKey } from './keys.js';
import type { SessionStore } from './store.js';

/** A session as stored, with the raw value it was read from (for compare-and-set). */
export interface Found {
  session: StoredSession;
  raw: string;
}

export class SessionCodec {
  private readonly sealer: Sealer;

  constructor(
    secret: string | undefined,
    private readonly logger: Logger,
  ) {
    this.sealer = secret ? aesGcmSealer(secret) : plainSealer;
  }

  encode(session: StoredSession, keys: Keys): string {
    return this.sealer.seal(JSON.stringify(session), keys.session);
  }

  /** The session a stored value holds, or undefined (with a warning) when it cannot be read. */
  decode(raw: string, keys: Keys, key: SessionKey): StoredSession | undefined {
    const plain = this.sealer.open(raw, keys.session);
    let parsed: unknown;
    try {
      parsed = plain === undefined ? undefined : JSON.parse(plain);
    } catch {
      // Not JSON: stored encrypted while this process has no SESSION_SECRET. Reported below.
      parsed = undefined;
    }
    const result = parsed === undefined ? undefined : check(storedSessionSchema, parsed);
    if (result?.ok) return result.value;
    this.logger.warn(
      {
        book: key.book,
        account: key.account,
        reason: result ? result.error.message : 'not readable with this SESSION_SECRET setting',
      },
      'ignoring an unreadable stored session (every worker must use the same SESSION_SECRET)',
    );
    return undefined;
  }

  /** The stored session of `key`, if there is a readable one. Throws when the store does. */
  async read(store: SessionStore, keys: Keys, key: SessionKey): Promise<Found | undefined> {
    const raw = await store.get(keys.session);
    if (raw === null) return undefined;
    const session = this.decode(raw, keys, key);
    return session ? { session, raw } : undefined;
  }
}

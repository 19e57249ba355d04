/** Base of every error @arbhub/session throws. */
export class SessionError extends Error {
  override name = 'SessionError';
}

/** No session came within waitTimeoutMs: the login holder is slow or the store unreachable. */
export class SessionTimeoutError extends SessionError {
  override name = 'SessionTimeoutError';
}

/** Logins for this account failed recently; the next attempt waits until `retryAt`. */
export class LoginBackoffError extends SessionError {
  override name = 'LoginBackoffError';
  readonly retryAt: number;
  readonly failures: number;

  constructor(message: string, retryAt: number, failures: number) {
    super(message);
    this.retryAt = retryAt;
    this.failures = failures;
  }
}

/** The store (Redis) is down and this process holds no session to fall back on. */
export class StoreUnavailableError extends SessionError {
  override name = 'StoreUnavailableError';
}

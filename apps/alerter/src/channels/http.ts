// How the channels read an HTTP answer: 2xx delivered; 429, 5xx, a timeout or no answer
// retried; any other 4xx failed for good. Error texts never carry the URL (a Telegram URL
// holds the bot token) nor a header.
import { isAxiosError } from 'axios';
import { PermanentError, RetryableError } from '../delivery.js';

/** Turns what axios threw into a RetryableError or a PermanentError, naming `what`, never the URL. */
export function classify(
  what: string,
  error: unknown,
  retryAfterMs?: (body: unknown) => number | undefined,
): Error {
  if (!isAxiosError(error))
    return new RetryableError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  const status = error.response?.status;
  if (status === undefined) {
    const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
    return new RetryableError(
      `${what}: ${timedOut ? 'no answer within 5 s' : `no answer (${error.code ?? 'network error'})`}`,
    );
  }
  const detail = describeBody(error.response?.data);
  if (status === 429 || status >= 500)
    return new RetryableError(
      `${what}: HTTP ${status.toString()}${detail}`,
      retryAfterMs?.(error.response?.data),
    );
  return new PermanentError(`${what}: HTTP ${status.toString()}${detail}`);
}

/** A short, safe description of an error body: Telegram's `description`, or the first 120 characters. */
function describeBody(data: unknown): string {
  if (data && typeof data === 'object' && 'description' in data && typeof data.description === 'string')
    return ` (${data.description.slice(0, 120)})`;
  if (typeof data === 'string' && data.trim() !== '') return ` (${data.trim().slice(0, 120)})`;
  return '';
}

// A worker's HTTP client for one book (axios): its User-Agent, at most `concurrency`
// requests at once, Retry-After honoured for every request after a 429, and each answer
// classified: session refused, rate limited, failed, or a body to parse.
import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import pLimit from 'p-limit';
import { BookError, RateLimitedError, SessionRejectedError } from './errors.js';
import type { Clock } from '@arbhub/schema';

export interface BookHttpOptions {
  book: string;
  baseUrl: string;
  userAgent: string;
  concurrency: number;
  timeoutMs: number;
  /** A redirect whose Location matches this is the book sending a dead session to its login page. */
  loginPage?: RegExp;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
}

/** Seconds or an HTTP date, as Retry-After may say; 1 s when absent or unreadable. */
export function retryAfterMs(header: unknown, now: number): number {
  const value = typeof header === 'string' ? header.trim() : '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : 1000;
}

export class BookHttp {
  readonly client: AxiosInstance;
  private readonly limit: ReturnType<typeof pLimit>;
  private pausedUntil = 0;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made and answers by kind, for the logs and the worker's status. */
  readonly counts = { requests: 0, rateLimited: 0, refused: 0, failed: 0 };

  constructor(private readonly options: BookHttpOptions) {
    this.client = axios.create({
      baseURL: options.baseUrl.replace(/\/?$/, '/'),
      timeout: options.timeoutMs,
      headers: { 'User-Agent': options.userAgent },
      maxRedirects: 0, // a redirect is an answer: the login page means the session is dead
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: (data: unknown) => data, // the body is parsed here, so a bad one is named
    });
    this.limit = pLimit(options.concurrency);
    this.clock = options.clock ?? Date;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get userAgent(): string {
    return this.options.userAgent;
  }

  /** Milliseconds until the book takes requests again (after a 429). */
  get pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** A request whose JSON body is returned; every other answer throws the error that says what to do. */
  json(config: AxiosRequestConfig): Promise<unknown> {
    return this.limit(async () => {
      const wait = this.pausedFor;
      if (wait > 0) await this.sleep(wait);
      const { book } = this.options;
      this.counts.requests += 1;
      let response;
      try {
        response = await this.client.request<string>(config);
      } catch (error) {
        this.counts.failed += 1;
        throw new BookError(
          book,
          `${config.method ?? 'GET'} ${config.url ?? ''}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      const { status } = response;
      if (status === 429) {
        this.counts.rateLimited += 1;
        const ms = retryAfterMs(response.headers['retry-after'], this.clock.now());
        this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
        throw new RateLimitedError(book, ms);
      }
      const location = String(response.headers.location ?? '');
      if (
        status === 401 ||
        status === 403 ||
        (status >= 300 && status < 400 && this.options.loginPage?.test(location))
      ) {
        this.counts.refused += 1;
        throw new SessionRejectedError(
          book,
          status >= 300 && status < 400 ? `redirect to ${location}` : `HTTP ${status}`,
        );
      }
      if (status < 200 || status >= 300) {
        this.counts.failed += 1;
        throw new BookError(book, `${config.url ?? ''} answered HTTP ${status}`);
      }
      try {
        return JSON.parse(response.data) as unknown;
      } catch {
        this.counts.failed += 1;
        throw new BookError(
          book,
          `${config.url ?? ''} answered a body that is not JSON (${response.data.length} bytes)`,
        );
      }
    });
  }
}

/** The Cookie header for a session's cookies. */
export function cookieHeader(cookies: readonly { name: string; value: string }[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

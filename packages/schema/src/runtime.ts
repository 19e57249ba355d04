// The two things every process hands its parts: a clock and a logger. Named once here
// so that a fake clock or a test logger fits every part that takes one.

/** What tells the time, in epoch ms: `Date` in production, a fake in tests. */
export interface Clock {
  now(): number;
}

/** The logger methods the parts use: pino's shape, the fields first, then the message. */
export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

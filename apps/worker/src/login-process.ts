// The login process: forked by the worker for each browser login (`login.ts`), it takes
// one request over IPC, logs in with Chromium, answers with the cookies and exits.
// Playwright (80 MB of resident code and heap in a Node process) lives and dies here,
// so the long-running worker never loads it.
import { check, loginRequestSchema } from '@arbhub/schema';
import type { LoginReply } from '@arbhub/schema';
import type { BookId } from './books/index.js';
import { LOGINS } from './books/logins.js';
import { browserLogin } from './browser.js';
import { redactSecret } from './login.js';

function reply(message: LoginReply): void {
  process.send?.(message, () => {
    process.disconnect();
  });
}

// The worker went away (killed, restarted): nothing is waiting for this login.
process.on('disconnect', () => process.exit(0));

process.once('message', (raw: unknown) => {
  const parsed = check(loginRequestSchema, raw);
  if (!parsed.ok) {
    reply({ error: `bad login request: ${parsed.error.message}` });
    return;
  }
  const request = parsed.value;
  const steps = Object.hasOwn(LOGINS, request.site) ? LOGINS[request.site as BookId] : undefined;
  if (!steps) {
    reply({ error: `${request.site} has no browser login` });
    return;
  }
  const deps = {
    baseUrl: request.baseUrl,
    credentials: { username: request.username, password: request.password },
  };
  browserLogin((page) => steps(page, deps), {
    executablePath: request.executablePath,
    userAgent: request.userAgent,
    timeoutMs: request.stepTimeoutMs,
  }).then(
    (result) => {
      reply({ cookies: result.cookies });
    },
    (error: unknown) => {
      reply({ error: redactSecret((error as Error).message, request.password) });
    },
  );
});

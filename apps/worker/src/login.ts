// Browser logins in a short-lived child process (`login-process.ts`): the worker sends
// it the request over IPC (never in argv or the environment, where `ps` shows them),
// gets the cookies back, and the process and its Chromium are gone. Loading Playwright
// into the worker itself would keep ~80 MB resident for the worker's whole life.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { check, loginReplySchema } from '@arbhub/schema';
import type { LoginRequest, LoginResult } from '@arbhub/schema';

/** `message` with every occurrence of `secret` replaced (an error must not carry a password to a log). */
export function redactSecret(message: string, secret: string): string {
  return secret ? message.split(secret).join('[redacted]') : message;
}

/** How the login process is started: compiled JS runs as is; sources (tests, `npm run worker`) through tsx. */
function entry(): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    path: fileURLToPath(new URL(fromSource ? './login-process.ts' : './login-process.js', import.meta.url)),
    execArgv: fromSource ? ['--import', 'tsx', '--conditions=@arbhub/source'] : [],
  };
}

/**
 * Logs in in a child process and returns the cookies. Rejects with the login's own error
 * (password redacted), or when the process does not answer within `timeoutMs` (it is stopped).
 */
export function loginInChildProcess(request: LoginRequest, timeoutMs = 90_000): Promise<LoginResult> {
  const { path, execArgv } = entry();
  return new Promise<LoginResult>((resolve, reject) => {
    const child = fork(path, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      // SIGTERM lets Playwright close its Chromium; SIGKILL if that does not end it.
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      settle(() => {
        reject(new Error(`the login process did not answer within ${timeoutMs} ms`));
      });
    }, timeoutMs);
    child.once('message', (message: unknown) => {
      const reply = check(loginReplySchema, message, 'answer of the login process');
      settle(() => {
        if (!reply.ok) reject(reply.error);
        else if ('error' in reply.value) reject(new Error(reply.value.error));
        else resolve({ cookies: reply.value.cookies });
      });
    });
    child.once('error', (error) => {
      settle(() => {
        reject(error);
      });
    });
    child.once('exit', (code, signal) => {
      settle(() => {
        reject(new Error(`the login process exited (${signal ?? `code ${code}`}) without answering`));
      });
    });
    child.send(request);
  });
}

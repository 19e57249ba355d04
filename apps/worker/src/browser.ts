// Chromium for logins only: launched (by @arbhub/browser: CHROMIUM_PATH, else Playwright's
// own, else /usr/bin/chromium, with the flags this kind of machine needs), used for one
// login, closed.
import { launchChromium } from '@arbhub/browser';
import type { LoginResult } from '@arbhub/schema';
import type { Page } from 'playwright-core';

/** Runs `steps` on a fresh page of a fresh browser and returns the cookies it ends with; the browser is always closed. */
export async function browserLogin(
  steps: (page: Page) => Promise<void>,
  options: { executablePath?: string | undefined; userAgent: string; timeoutMs?: number },
): Promise<LoginResult> {
  const browser = await launchChromium(options.executablePath);
  try {
    const context = await browser.newContext({ userAgent: options.userAgent });
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutMs ?? 15_000);
    await steps(page);
    return { cookies: await context.cookies() };
  } finally {
    await browser.close();
  }
}

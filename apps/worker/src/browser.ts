// Chromium for logins only: launched, used for one login, closed. CHROMIUM_PATH, else
// Playwright's own browser (the Docker image's), else Debian's /usr/bin/chromium, with
// the flags a container or CI machine needs.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import type { LoginResult } from '@arbhub/schema';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumPath(configured?: string): string {
  if (configured) return configured;
  const own = chromium.executablePath();
  if (own && existsSync(own)) return own;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('no Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
}

/** Runs `steps` on a fresh page of a fresh browser and returns the cookies it ends with; the browser is always closed. */
export async function browserLogin(
  steps: (page: Page) => Promise<void>,
  options: { executablePath?: string; userAgent: string; timeoutMs?: number },
): Promise<LoginResult> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(options.executablePath),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ userAgent: options.userAgent });
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutMs ?? 15_000);
    await steps(page);
    const cookies = await context.cookies();
    return { cookies: cookies.map((c) => ({ ...c, sameSite: c.sameSite })) };
  } finally {
    await browser.close();
  }
}

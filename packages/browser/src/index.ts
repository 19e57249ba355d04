// Launching Chromium, for worker logins and browser tests: CHROMIUM_PATH, else
// Playwright's own download (the Playwright Docker image), else Debian's
// /usr/bin/chromium, with the flags this kind of machine needs (no sandbox as root;
// nothing that reaches for the network by itself).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The executable: `configured` (CHROMIUM_PATH), else Playwright's own, else /usr/bin/chromium. */
export function chromiumPath(configured: string | undefined = process.env.CHROMIUM_PATH): string {
  if (configured) return configured;
  const own = chromium.executablePath();
  if (own && existsSync(own)) return own;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('no Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
}

/** A headless Chromium with the flags above. */
export function launchChromium(executablePath?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(executablePath),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

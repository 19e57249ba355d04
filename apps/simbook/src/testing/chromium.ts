// Launching Chromium for tests and logins: CHROMIUM_PATH, else Playwright's own
// download, else Debian's /usr/bin/chromium, with the flags this kind of machine needs
// (no sandbox as root; nothing that reaches for the network by itself).
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

export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const own = chromium.executablePath();
  if (own && existsSync(own)) return own;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('no Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

// Each book's login through its own pages in a real browser. Only the login process
// (`login-process.ts`) loads this module: Playwright is never loaded into a worker.
import type { Page } from 'playwright-core';
import type { BookId } from './index.js';
import type { LoginSteps } from './types.js';

/** The book's error text on a refused login, else where the browser got stuck. */
async function refusal(page: Page): Promise<string> {
  const error = await page
    .locator('.error')
    .textContent({ timeout: 1000 })
    .catch(() => null);
  const text = (error ?? '').trim();
  return text !== '' ? text : `still at ${page.url()}`;
}

const root = (baseUrl: string) => baseUrl.replace(/\/?$/, '/');

/** csport: one form; success lands on the member page, a refusal renders the form again at Member/Login. */
const csport: LoginSteps = async (page, { baseUrl, credentials }) => {
  await page.goto(root(baseUrl));
  await page.fill('#username', credentials.username);
  await page.fill('#password', credentials.password);
  await Promise.all([
    page.waitForURL((url) => /\/Member\/(BetsView|Login)$/.test(url.pathname)),
    page.click('#submit'),
  ]);
  if (!page.url().includes('/Member/BetsView'))
    throw new Error(`csport login failed: ${await refusal(page)}`);
};

/** sbo: the username on one page, the password on the next; success lands on /sports. */
const sbo: LoginSteps = async (page, { baseUrl, credentials }) => {
  await page.goto(root(baseUrl));
  await page.fill('#username', credentials.username);
  await Promise.all([page.waitForSelector('#password'), page.click('#next')]);
  await page.fill('#password', credentials.password);
  await Promise.all([
    page.waitForURL((url) => /\/(sports|step2|step1)$/.test(url.pathname)),
    page.click('#next'),
  ]);
  if (!page.url().endsWith('/sports')) throw new Error(`sbo login failed: ${await refusal(page)}`);
};

/** bmk: a form at /login; success redirects to the book's root, a refusal back to /login. */
const bmk: LoginSteps = async (page, { baseUrl, credentials }) => {
  await page.goto(`${root(baseUrl)}login`);
  await page.fill('#username', credentials.username);
  await page.fill('#password', credentials.password);
  await Promise.all([page.waitForLoadState('load'), page.click('#submit')]);
  await page.waitForURL((url) => /\/bmk\/?$|\/login$/.test(url.pathname), { timeout: 10_000 });
  if (page.url().endsWith('/login')) throw new Error('bmk login failed: the book refused the credentials');
};

/** ibc: one form whose script posts the password hashed; success lands on /main, a refusal renders the form at ProcessLogin. */
const ibc: LoginSteps = async (page, { baseUrl, credentials }) => {
  await page.goto(root(baseUrl));
  await page.fill('#txtID', credentials.username);
  await page.fill('#txtPW', credentials.password);
  await Promise.all([
    page.waitForURL((url) => /\/(main|ProcessLogin)$/.test(url.pathname)),
    page.click('#btnLogin'),
  ]);
  if (!page.url().endsWith('/main')) throw new Error(`ibc login failed: ${await refusal(page)}`);
};

/** cmd: username, password and the validation code the page draws (read off the page, as a person would). */
const cmd: LoginSteps = async (page, { baseUrl, credentials }) => {
  await page.goto(root(baseUrl));
  await page.fill('#txtUserName', credentials.username);
  await page.fill('#txtPassword', credentials.password);
  const code = (await page.locator('#vcode').textContent({ timeout: 5000 }))?.trim() ?? '';
  if (!/^\d{4}$/.test(code))
    throw new Error(`cmd login: no validation code on the page (${JSON.stringify(code)})`);
  await page.fill('#txtCode', code);
  await Promise.all([
    page.waitForURL((url) => /\/Member\/(BetsView|Login)$/.test(url.pathname)),
    page.click('#btnLogin'),
  ]);
  if (!page.url().includes('/Member/BetsView')) throw new Error(`cmd login failed: ${await refusal(page)}`);
};

/** The books with a browser login (pin has none: HTTP Basic). */
export const LOGINS: Partial<Record<BookId, LoginSteps>> = { csport, sbo, bmk, ibc, cmd };

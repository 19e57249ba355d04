import { describe, expect, it } from 'vitest';
import { check } from './errors.js';
import { loginReplySchema, loginRequestSchema } from './session.js';

const cookie = {
  name: 'sid',
  value: 'v',
  domain: '127.0.0.1',
  path: '/',
  expires: -1,
  httpOnly: true,
  secure: false,
  sameSite: 'Lax',
};

describe('the login process messages', () => {
  it('a request names the book, the account and the browser; each step gets 15 s by default', () => {
    const result = check(loginRequestSchema, {
      site: 'csport',
      baseUrl: 'http://127.0.0.1:7001/csport',
      username: 'demo1',
      password: 'demo1',
      userAgent: 'ua',
    });
    expect(result.ok && result.value.stepTimeoutMs).toBe(15_000);
  });

  it('a bad request names every bad field', () => {
    const result = check(loginRequestSchema, {
      site: 'Not A Book',
      baseUrl: 'nowhere',
      username: '',
      userAgent: 'ua',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => i.path)).toEqual(['site', 'baseUrl', 'username', 'password']);
  });

  it('a reply is the cookies or the reason the login failed, nothing else', () => {
    expect(check(loginReplySchema, { cookies: [cookie] }).ok).toBe(true);
    expect(check(loginReplySchema, { error: 'csport login failed: Invalid username or password' }).ok).toBe(
      true,
    );
    expect(check(loginReplySchema, { cookies: [{ name: 'sid' }] }).ok).toBe(false);
    expect(check(loginReplySchema, {}).ok).toBe(false);
  });
});

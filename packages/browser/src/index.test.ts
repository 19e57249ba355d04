import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './index.js';

describe('chromium', () => {
  it('takes the configured executable first', () => {
    expect(chromiumPath('/opt/my/chromium')).toBe('/opt/my/chromium');
  });
  it('launches without the sandbox and without background network traffic', () => {
    expect(CHROMIUM_ARGS).toEqual(
      expect.arrayContaining([
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
      ]),
    );
  });
});

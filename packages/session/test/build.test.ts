import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the production build', () => {
  it('holds no test code: src/ neither imports vitest nor the testing helpers', () => {
    const files = readdirSync(join(root, 'src')).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(join(root, 'src', file), 'utf8');
      expect(text, file).not.toMatch(/from ['"]vitest['"]|testing\//);
      expect(file).not.toMatch(/\.test\.ts$/);
    }
  });

  it('offers the helpers on their own subpath', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, string>>;
    };
    expect(pkg.exports['.']?.default).toBe('./dist/index.js');
    expect(pkg.exports['./testing']?.['@arbhub/source']).toBe('./testing/index.ts');
  });
});

// Settings every vitest project shares. Workspace packages resolve to their
// TypeScript sources, so tests never run against a stale dist/.
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

const alias = ['packages', 'apps'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group))
        .filter((dir) => existsSync(join(root, group, dir, 'src', 'index.ts')))
        .map((dir) => ({
          find: new RegExp(`^@arbhub/${dir}$`),
          replacement: join(root, group, dir, 'src', 'index.ts'),
        }))
    : [],
);

// Subpath exports, to their sources too.
alias.push({
  find: /^@arbhub\/schema\/odds-formats$/,
  replacement: join(root, 'packages', 'schema', 'src', 'odds-formats-core.ts'),
});
alias.push({
  find: /^@arbhub\/history\/testing$/,
  replacement: join(root, 'packages', 'history', 'testing', 'index.ts'),
});
alias.push({
  find: /^@arbhub\/session\/testing$/,
  replacement: join(root, 'packages', 'session', 'testing', 'index.ts'),
});

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 10_000,
  },
});

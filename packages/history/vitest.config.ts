import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The suite runs against SQLite files and a real PostgreSQL server the tests start.
export default mergeConfig(
  shared,
  defineProject({
    test: { name: 'history', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
  }),
);

import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Integration tests start their own redis-server and worker processes: give them time.
// The tests live in test/ (the production build, src/, has none).
export default mergeConfig(
  shared,
  defineProject({
    test: { name: 'session', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 },
  }),
);

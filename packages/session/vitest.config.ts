import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Integration tests start their own redis-server and worker processes: give them time.
export default mergeConfig(
  shared,
  defineProject({ test: { name: 'session', testTimeout: 60_000, hookTimeout: 30_000 } }),
);

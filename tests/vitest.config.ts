import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';

// The whole system: the deployment files checked against the apps, and end-to-end runs
// of what `npm start` starts (real processes, Redis, Chromium) against the simulator's truth.
export default mergeConfig(
  shared,
  defineProject({ test: { name: 'system', include: ['*.test.ts'], testTimeout: 120_000 } }),
);

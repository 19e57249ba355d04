import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';

// The whole system: the deployment files checked against the apps, and end-to-end runs
// of what `npm start` starts (real processes, Redis, Chromium) against the simulator's truth.
export default mergeConfig(
  shared,
  defineProject({
    test: {
      name: 'system',
      include: ['*.test.ts'],
      testTimeout: 120_000,
      // After every other project (group 0): the whole system's processes and the rest of
      // the suite's timing tests would otherwise share the 2 cores and slow each other.
      sequence: { groupOrder: 1 },
    },
  }),
);

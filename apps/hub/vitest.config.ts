import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineProject({
    test: { name: 'hub', testTimeout: 30_000, include: ['src/**/*.test.ts', 'dashboard/src/**/*.test.ts'] },
  }),
);

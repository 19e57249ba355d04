import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineProject({ test: { name: 'simbook', testTimeout: 60_000, hookTimeout: 30_000 } }),
);

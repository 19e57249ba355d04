import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineProject({ test: { name: 'alerter', testTimeout: 60_000, hookTimeout: 30_000 } }),
);

import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';

// The repository's own tooling: prerequisite checks, root scripts.
export default mergeConfig(shared, defineProject({ test: { name: 'scripts', include: ['*.test.mjs'] } }));

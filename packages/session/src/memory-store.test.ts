import { memoryStore } from './index.js';
import { sessionContract } from './testing/contract.js';

// One store per test: the managers of a test share it, as workers share one Redis.
sessionContract('memoryStore', () => memoryStore());

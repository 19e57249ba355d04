import { memoryStore } from '@arbhub/session';
import { sessionContract } from '@arbhub/session/testing';

// One store per test: the managers of a test share it, as workers share one Redis.
sessionContract('memoryStore', () => memoryStore());

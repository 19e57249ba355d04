// @arbhub/session: one login for many workers. The session manager, its store
// (Redis across processes, memory in one), and the keys it uses. Test helpers (a
// redis-server for tests, the store contract) are in @arbhub/session/testing, not here.
export * from './errors.js';
export * from './keys.js';
export * from './crypto.js';
export * from './store.js';
export * from './memory-store.js';
export * from './redis-store.js';
export * from './session-manager.js';

// @arbhub/session/testing: what tests of sessions share, kept out of the production
// build. A redis-server started for a test, the session manager's contract run against
// any store, and the logins and loggers it counts with.
export * from './redis-server.js';
export * from './contract.js';
export { cookie } from './contract-cookie.js';

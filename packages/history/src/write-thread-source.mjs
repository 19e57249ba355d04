// Starts the write thread from its TypeScript source (tests, `npm start` through tsx):
// a worker thread does not inherit tsx, so it registers it here first. Built code
// (dist/) starts write-thread.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./write-thread.ts');

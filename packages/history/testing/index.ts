export * from './postgres-server.js';

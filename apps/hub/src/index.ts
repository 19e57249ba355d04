export * from './app.js';
export * from './config.js';
export * from './state.js';
export * from './partitions.js';

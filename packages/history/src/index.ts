// @arbhub/history: arbitrage and the prices around it, kept in SQLite (the embedded
// default, a file under DATA_DIR) or PostgreSQL (DATABASE_URL), through one Kysely
// query layer with migrations.
export * from './records.js';
export * from './db.js';
export * from './store.js';
export { arbRow, bookPairs } from './batch-write.js';
export * from './writer.js';
export * from './tape.js';
export * from './recorder.js';
export * from './csv.js';
export * from './thread-sink.js';

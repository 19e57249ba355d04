import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedisClient, redisStore } from '@arbhub/session';
import { sessionContract } from '@arbhub/session/testing';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';

// A real redis-server: REDIS_URL when set, else one started on a free port.
let server: RedisServer | undefined;
const clients: Redis[] = [];
let url = process.env.REDIS_URL ?? '';
const prefix = `arbhub-test-${Date.now().toString(36)}:`;

beforeAll(async () => {
  if (!url) {
    server = await startRedisServer();
    url = server.url;
  }
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.stop();
});

sessionContract('redisStore', () => {
  const client = createRedisClient(url);
  clients.push(client);
  return redisStore(client, { prefix });
});

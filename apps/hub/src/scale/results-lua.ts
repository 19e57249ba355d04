// The two Lua steps the engines publish arbitrage through (results.ts), each one atomic
// over every key it keeps in step, and the commands ioredis defines for them.
import type { Result } from 'ioredis';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    arbhubPutArb(
      ids: string,
      owners: string,
      arbs: string,
      changes: string,
      owned: string,
      updates: string,
      key: string,
      shard: string,
      newId: string,
      body: string,
      maxLen: string,
      ownedPrefix: string,
    ): Result<[string, string, number], Context>;
    arbhubCloseArb(
      ids: string,
      owners: string,
      arbs: string,
      changes: string,
      owned: string,
      updates: string,
      key: string,
      shard: string,
      tail: string,
      body: string,
      maxLen: string,
      publishedId: string,
    ): Result<[string, string] | null, Context>;
  }
}

/** The placeholder an arbitrage's JSON carries for the id the store gives it. */
export const ID = '__ARB_ID__';

// KEYS[5]: the set of keys this shard speaks for (its reconcile reads only that); KEYS[6]:
// how many updates each open arbitrage has had (id -> count: the history's, whichever
// shard tells it). ARGV: key, shard, a new id, the arb JSON with ID as its id, the
// stream's length, the prefix of those sets (the shard that spoke for it before leaves its
// own). The answer: the id, how it was told, its updates so far.
export const PUT = `
local id = redis.call('HGET', KEYS[1], ARGV[1])
local kind = 'arb:update'
local updates = 0
if not id then
  id = ARGV[3]
  kind = 'arb:open'
  redis.call('HSET', KEYS[1], ARGV[1], id)
else
  updates = redis.call('HINCRBY', KEYS[6], id, 1)
end
local before = redis.call('HGET', KEYS[2], ARGV[1])
if before and before ~= ARGV[2] then redis.call('SREM', ARGV[6] .. before, ARGV[1]) end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[5], ARGV[1])
local body = string.gsub(ARGV[4], '${ID}', id, 1)
redis.call('HSET', KEYS[3], id, body)
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'm', '{"type":"' .. kind .. '","arb":' .. body .. '}')
return {id, kind, updates}`;

// ARGV: key, shard, the close message's other fields as JSON text (`"reason":..,"closedAt":..`),
// the arb JSON with ID as its id (empty: as last published), the stream's length, the id the
// shard published it under (or empty). Only the shard that speaks for it closes it, or, when
// nobody does (Redis restarted without its data), the shard that published it. The answer:
// its id and the arb JSON it was closed with.
export const CLOSE = `
local owner = redis.call('HGET', KEYS[2], ARGV[1])
local id
if owner == ARGV[2] then
  id = redis.call('HGET', KEYS[1], ARGV[1])
elseif not owner and ARGV[6] ~= '' and ARGV[4] ~= '' then
  id = ARGV[6]
else
  return false
end
local body = redis.call('HGET', KEYS[3], id)
if ARGV[4] ~= '' then body = string.gsub(ARGV[4], '${ID}', id, 1) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[5], ARGV[1])
redis.call('HDEL', KEYS[3], id)
redis.call('HDEL', KEYS[6], id)
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'm', '{"type":"arb:close","id":"' .. id .. '",' .. ARGV[3] .. ',"arb":' .. body .. '}')
return {id, body}`;

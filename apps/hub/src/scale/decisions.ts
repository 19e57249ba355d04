// A person's matching decision (POST /matching/link, /matching/unlink) in a scale-out
// deployment. The matcher's state is the engines', so a gateway writes the decision into
// the stream of the shard whose event it is about (after every update it routed before),
// and waits for that shard's engine to answer on `decide-reply:<id>`. The engine takes it
// on the shard's live state exactly as the single hub does, answers, and writes the
// decision to every other shard for their matchers to remember; a shard rebuilt later
// takes it again from its stream (without answering), and past the stream's retention
// from the matching store every engine loads at start.
import { MatchingError } from '@arbhub/matcher';
import type { Assignment } from '@arbhub/matcher';
import { check, decideReplySchema } from '@arbhub/schema';
import type { Clock, DecideReply, DecideRequest, MatchingDecision } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import type { LiveState } from '../state.js';
import type { ShardLog } from './log.js';
import type { LogPublisher } from './publisher.js';

/** How long a gateway waits for the engine's answer (s). */
export const DECIDE_TIMEOUT_S = 5;

export const replyKey = (prefix: string, id: string) => `${prefix}decide-reply:${id}`;

/** The shard a scale-out canonical id (`s<n>-ev-<k>`) belongs to; undefined for another id. */
export function shardOfEvent(canonicalId: string): number | undefined {
  const found = /^s(\d+)-ev-\d+$/.exec(canonicalId);
  return found ? Number(found[1]) : undefined;
}

/** Engine side: takes a decision on a shard's live state; a MatchingError is an answer too. */
export function takeDecision(state: LiveState, request: DecideRequest): DecideReply {
  const { book, eventId, canonicalId } = request;
  try {
    const { placed, decision } =
      request.op === 'link'
        ? state.link(book, eventId, canonicalId ?? '')
        : state.unlink(book, eventId, canonicalId);
    const { id, confidence, swapped, evidence } = placed;
    return { ok: true, placed: { id, confidence, swapped, evidence }, decision };
  } catch (error: unknown) {
    if (error instanceof MatchingError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

export interface DecisionTakerOptions {
  redis: Redis;
  log: Pick<ShardLog, 'append'>;
  prefix: string;
  shards: number;
  clock: Clock;
  onError: (error: unknown) => void;
}

/** Engine side: a decision read from a shard's stream, taken, answered and passed on. */
export class DecisionTaker {
  constructor(private readonly options: DecisionTakerOptions) {}

  /**
   * Takes `request` on the shard's state; unless the shard is being rebuilt (then it is
   * taken again, not answered), answers it and hands it to every other shard's matcher.
   */
  take(state: LiveState, shard: number, request: DecideRequest, rebuilding: boolean): void {
    const reply = takeDecision(state, request);
    if (rebuilding) return;
    const { redis, log, prefix, shards, clock, onError } = this.options;
    const key = replyKey(prefix, request.id);
    redis.multi().lpush(key, JSON.stringify(reply)).pexpire(key, 60_000).exec().catch(onError);
    if (!reply.ok) return;
    const at = clock.now();
    const others = Array.from({ length: shards }, (_, n) => n).filter((n) => n !== shard);
    log
      .append(others.map((n) => ({ shard: n, entry: { kind: 'decision', at, decision: reply.decision } })))
      .catch(onError);
  }
}

/** Asked of an engine that did not answer in time (no engine holds the shard now): 504. */
export class NotAnswered extends Error {
  readonly code = 'not_answered';
  constructor(message: string) {
    super(message);
    this.name = 'NotAnswered';
  }
}

export interface DecisionClientOptions {
  publisher: Pick<LogPublisher, 'decide'>;
  /** A connection of its own: BLPOP holds it while waiting. */
  replies: Redis;
  prefix: string;
  clock: Clock;
  newId: () => string;
  timeoutS?: number;
}

/** Gateway side: sends a decision to its shard and waits for the engine's answer. */
export class DecisionClient {
  constructor(private readonly options: DecisionClientOptions) {}

  async decide(
    shard: number,
    request: Omit<DecideRequest, 'id'>,
  ): Promise<{ placed: Assignment; decision: MatchingDecision }> {
    const { publisher, replies, prefix, clock } = this.options;
    const id = this.options.newId();
    publisher.decide(shard, { kind: 'decide', at: clock.now(), request: { ...request, id } });
    const timeoutS = this.options.timeoutS ?? DECIDE_TIMEOUT_S;
    const answer = await replies.blpop(replyKey(prefix, id), timeoutS);
    if (!answer)
      throw new NotAnswered(
        `no engine answered within ${timeoutS.toString()} s (is one holding shard ${shard.toString()}?); the decision may still be taken when one does`,
      );
    let data: unknown;
    try {
      data = JSON.parse(answer[1]);
    } catch {
      data = undefined;
    }
    const reply = check(decideReplySchema, data);
    if (!reply.ok) throw new Error(`an engine's answer to a decision is unreadable: ${reply.error.message}`);
    if (!reply.value.ok) throw new MatchingError(reply.value.code, reply.value.message);
    return { placed: reply.value.placed, decision: reply.value.decision };
  }
}

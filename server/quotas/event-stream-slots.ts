import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { ReelgenError } from "../../script/reelgen-error";
import type { Config } from "../config";
import type { Role } from "../db/tables";
import { limitExceeded } from "./enforce-user-limit";

/** A held slot: renew it while the stream is open (the event route does on its heartbeat), release it when it closes. */
export type EventStreamSlot = { renew(): Promise<void>; release(): Promise<void> };

/** How long a slot lives without renewal: a node that crashed with streams open frees them after this. */
export const EVENT_STREAM_SLOT_TTL_MS = 60_000;

// Redis's own clock, so API nodes with skewed clocks agree on what has expired.
const NOW_MS = "local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

/** Drops expired slots, then adds one if fewer than the limit are held. KEYS[1] = the user's set; ARGV = limit, member, ttl. */
const ACQUIRE = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1`;

/** Pushes a held slot's expiry out (only if it is still there). ARGV = member, ttl. */
const RENEW = `${NOW_MS}
if redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[2]), ARGV[1]) == 1 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])) end
return 1`;

/**
 * Caps the render event streams (`GET /v1/renders/:id/events`) one user holds open at once, at
 * the tier's `maxEventStreams`, across every API node: each open stream is a member of a Redis
 * sorted set per user, scored by when it expires. Streams renew their slot while open and remove
 * it when they close; a node that dies without closing its streams leaves slots that expire
 * after {@link EVENT_STREAM_SLOT_TTL_MS}.
 *
 * While Redis is down the streams still work (they answer from the database); the cap is then
 * counted in this process only, as the request rate limits fall back to memory.
 */
export const createEventStreamSlots = (options: { redis: Redis; config: Config; ttlMs?: number }) => {
  const { redis, config } = options;
  const ttlMs = options.ttlMs ?? EVENT_STREAM_SLOT_TTL_MS;
  const keyOf = (userId: string) => `${config.REDIS_PREFIX}:event-streams:${userId}`;
  /** This process's open streams per user: the fallback count while Redis is away. */
  const local = new Map<string, Set<string>>();

  const forget = (userId: string, member: string) => {
    const set = local.get(userId);
    set?.delete(member);
    if (set?.size === 0) local.delete(userId);
  };

  return {
    /** Takes a slot for one more stream of `user`, or throws LIMIT_EXCEEDED (422) naming the limit and tier. */
    async acquire(user: { id: string; role: Role }): Promise<EventStreamSlot> {
      const max = config.TIERS[user.role].maxEventStreams;
      const member = randomUUID();
      const key = keyOf(user.id);
      let inRedis = true;
      try {
        if (Number(await redis.eval(ACQUIRE, 1, key, max, member, ttlMs)) !== 1) throw limitExceeded({ config, role: user.role, limit: "maxEventStreams" });
      } catch (error) {
        if (error instanceof ReelgenError) throw error;
        // Redis is unreachable: count in this process, so one node still holds the line.
        inRedis = false;
        if ((local.get(user.id)?.size ?? 0) >= max) throw limitExceeded({ config, role: user.role, limit: "maxEventStreams" });
      }
      let set = local.get(user.id);
      if (!set) local.set(user.id, (set = new Set()));
      set.add(member);
      let released = false;
      return {
        async renew() {
          if (released || !inRedis) return;
          try {
            await redis.eval(RENEW, 1, key, member, ttlMs);
          } catch {
            // Redis is away: the slot may expire, which frees the user's budget rather than blocking it.
          }
        },
        async release() {
          if (released) return;
          released = true;
          forget(user.id, member);
          if (!inRedis) return;
          try {
            await redis.zrem(key, member);
          } catch {
            // Redis is away: the slot expires on its own.
          }
        },
      };
    },
  };
};

export type EventStreamSlots = ReturnType<typeof createEventStreamSlots>;

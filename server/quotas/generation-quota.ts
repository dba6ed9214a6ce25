import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { User } from "../db/tables";

/** Script generations a user has made today (UTC), their tier's daily limit, and when the count starts again. */
export type GenerationQuota = { used: number; limit: number; resetsAt: string };

const DAY_MS = 86_400_000;
const day = (at: Date) => at.toISOString().slice(0, 10);
const key = (ctx: ServerContext, user: User, at: Date) => `${ctx.config.REDIS_PREFIX}:generations:${user.id}:${day(at)}`;
/** The next UTC midnight: when today's count stops applying. */
const nextMidnight = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) + DAY_MS).toISOString();

const unavailable = (cause: unknown) =>
  new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: "generation quota store (Redis) is unavailable; try again shortly", retryAfterSeconds: 5, cause });

/** The day's generations in Redis, one counter per user and UTC day (kept two days, then expired). */
export const createGenerationQuota = (ctx: ServerContext) => ({
  /** Today's count without changing it. */
  async today(user: User, at: Date = new Date()): Promise<GenerationQuota> {
    let stored: string | null;
    try {
      stored = await ctx.redis.get(key(ctx, user, at));
    } catch (error) {
      throw unavailable(error);
    }
    return { used: Number(stored ?? 0), limit: ctx.config.TIERS[user.role].generationsPerDay, resetsAt: nextMidnight(at) };
  },

  /** Counts one generation for today; refuses past the tier's limit without counting it. `refund` takes it back. */
  async count(user: User, at: Date = new Date()): Promise<GenerationQuota & { refund: () => Promise<unknown> }> {
    const k = key(ctx, user, at);
    const limit = ctx.config.TIERS[user.role].generationsPerDay;
    let used: number;
    try {
      used = await ctx.redis.incr(k);
      if (used === 1) await ctx.redis.expire(k, 2 * 86_400);
    } catch (error) {
      throw unavailable(error);
    }
    if (used > limit) {
      await ctx.redis.decr(k);
      throw new ReelgenError({ code: "QUOTA_EXCEEDED", message: `the ${user.role} tier allows ${limit} script generations a day; used up for today (UTC)` });
    }
    return { used, limit, resetsAt: nextMidnight(at), refund: () => ctx.redis.decr(k) };
  },
});

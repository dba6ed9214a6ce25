import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ReelgenError } from "../../script/reelgen-error";
import type { Config } from "../config";
import type { Role } from "../db/tables";

/** Requests-per-minute limits per tier (Redis-backed, so every API node shares the count). */
export type RequestRateLimit = {
  /** Counts one request: the `RateLimit-*` headers to send, and RATE_LIMITED (with its retry time) once the budget is spent. */
  consume(key: string, tier: Role | "anonymous" | "viewer"): Promise<{ headers: Record<string, string>; error: ReelgenError | null }>;
};

export const createRequestRateLimit = (redis: Redis, config: Config): RequestRateLimit => {
  const limiters = new Map<string, RateLimiterRedis>();
  const limiterFor = (tier: Role | "anonymous" | "viewer") => {
    let limiter = limiters.get(tier);
    if (!limiter) {
      const points = tier === "anonymous" ? config.ANONYMOUS_REQUESTS_PER_MINUTE : tier === "viewer" ? config.VIEWER_REQUESTS_PER_MINUTE : config.TIERS[tier].requestsPerMinute;
      limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.REDIS_PREFIX}:rpm:${tier}`,
        points,
        duration: 60,
        // While Redis is down, keep limiting in memory instead of refusing every request.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `rpm-mem:${tier}`, points, duration: 60 }),
      });
      limiters.set(tier, limiter);
    }
    return limiter;
  };
  const headers = (limit: number, res: RateLimiterRes) => ({
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(0, res.remainingPoints)),
    "RateLimit-Reset": String(Math.ceil(res.msBeforeNext / 1000)),
    "RateLimit-Policy": `${limit};w=60`,
  });
  return {
    async consume(key, tier) {
      const limiter = limiterFor(tier);
      try {
        return { headers: headers(limiter.points, await limiter.consume(key)), error: null };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        return {
          headers: headers(limiter.points, rejection),
          error: new ReelgenError({ code: "RATE_LIMITED", message: `rate limit of ${limiter.points} requests per minute reached; retry in ${retryAfterSeconds} s`, retryAfterSeconds }),
        };
      }
    },
  };
};

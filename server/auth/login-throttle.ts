import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ReelgenError } from "../../script/reelgen-error";

/**
 * Brute-force protection for sign-in (and anything else that checks a password), after OWASP's
 * advice: attempts count per email+IP (a few tries, then a 15-minute pause for that pair), per
 * IP (one address spraying many accounts) and per account from any IP. The per-account limit
 * does not apply to an address that signed in to that account successfully in the last 30 days,
 * so an attacker hammering someone's account cannot lock its owner out.
 *
 * Points are taken before the password is checked, so parallel guesses cannot all slip in
 * while the first ones are still hashing; a success gives them back. This is rate-limiter-flexible's
 * login pattern: https://github.com/animir/node-rate-limiter-flexible/wiki/Overall-example#login-endpoint-protection
 */
export type LoginThrottle = {
  /** Counts one attempt; throws RATE_LIMITED (with Retry-After) when the attempt must not even be checked. */
  consume(email: string, ip: string, userId: string | null): Promise<void>;
  /** The password was right: the email+IP count starts over, the attempt is given back and the address becomes known. */
  recordSuccess(email: string, ip: string, userId: string): Promise<void>;
};

export const LOGIN_LIMITS = {
  perEmailAndIp: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  perIp: { points: 100, duration: 60 * 60, blockDuration: 60 * 60 },
  perAccount: { points: 50, duration: 60 * 60, blockDuration: 60 * 60 },
  knownAddressSeconds: 30 * 24 * 3600,
};

export const createLoginThrottle = (redis: Redis, prefix: string): LoginThrottle => {
  const limiter = (name: string, opts: { points: number; duration: number; blockDuration: number }) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:login:${name}`,
      ...opts,
      // While Redis is down, count in this process's memory rather than failing every sign-in.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `login-mem:${name}`, ...opts }),
    });
  const byEmailAndIp = limiter("email-ip", LOGIN_LIMITS.perEmailAndIp);
  const byIp = limiter("ip", LOGIN_LIMITS.perIp);
  const byAccount = limiter("account", LOGIN_LIMITS.perAccount);
  const pair = (email: string, ip: string) => `${email.toLowerCase()}|${ip}`;
  const knownKey = (userId: string, ip: string) => `${prefix}:login:known:${userId}:${ip}`;

  const isKnownAddress = async (userId: string, ip: string): Promise<boolean> => {
    try {
      return (await redis.exists(knownKey(userId, ip))) === 1;
    } catch {
      // Unknown while Redis is down: treat as new, the stricter side.
      return false;
    }
  };

  /** The budgets one attempt counts against; an unknown email counts per account too, so it looks like a known one. */
  const budgets = async (email: string, ip: string, userId: string | null) => {
    const list: [RateLimiterRedis, string][] = [
      [byEmailAndIp, pair(email, ip)],
      [byIp, ip],
    ];
    if (!(userId && (await isKnownAddress(userId, ip)))) list.push([byAccount, email.toLowerCase()]);
    return list;
  };

  return {
    async consume(email, ip, userId) {
      // One after another: an attempt refused by the pair's budget does not spend the others.
      for (const [budget, key] of await budgets(email, ip, userId)) {
        try {
          await budget.consume(key);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          throw new ReelgenError({ code: "RATE_LIMITED", message: `too many failed sign-in attempts; try again in ${seconds} s`, retryAfterSeconds: seconds });
        }
      }
    },
    async recordSuccess(email, ip, userId) {
      const spent = await budgets(email, ip, userId);
      await byEmailAndIp.delete(pair(email, ip));
      for (const [budget, key] of spent) if (budget !== byEmailAndIp) await budget.reward(key);
      try {
        await redis.set(knownKey(userId, ip), "1", "EX", LOGIN_LIMITS.knownAddressSeconds);
      } catch {
        // Remembering the address is a convenience for later lock-outs; sign-in itself succeeded.
      }
    },
  };
};

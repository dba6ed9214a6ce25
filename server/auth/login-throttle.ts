import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../app-error";

/**
 * Brute-force protection for sign-in, after OWASP's advice: failures count per email+IP (a few
 * tries, then a 15-minute pause for that pair), per IP (one address spraying many accounts) and
 * per account from any IP. The per-account limit does not apply to an address that signed in
 * to that account successfully in the last 30 days, so an attacker hammering someone's account
 * cannot lock its owner out.
 */
export type LoginThrottle = {
  /** Throws RATE_LIMITED (with Retry-After) when this attempt must not even be checked. */
  check(email: string, ip: string, userId: string | null): Promise<void>;
  recordFailure(email: string, ip: string): Promise<void>;
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

  const over = (res: RateLimiterRes | null, points: number) => (res && res.consumedPoints > points ? res : null);

  return {
    async check(email, ip, userId) {
      const blocked =
        over(await byEmailAndIp.get(pair(email, ip)), LOGIN_LIMITS.perEmailAndIp.points - 1) ??
        over(await byIp.get(ip), LOGIN_LIMITS.perIp.points - 1) ??
        (userId && !(await isKnownAddress(userId, ip)) ? over(await byAccount.get(email.toLowerCase()), LOGIN_LIMITS.perAccount.points - 1) : null);
      if (blocked) {
        const seconds = Math.max(1, Math.ceil(blocked.msBeforeNext / 1000));
        throw new AppError({ code: "RATE_LIMITED", message: `too many failed sign-in attempts; try again in ${seconds} s`, headers: { "Retry-After": String(seconds) } });
      }
    },
    async recordFailure(email, ip) {
      await Promise.all([
        byEmailAndIp.penalty(pair(email, ip)),
        byIp.penalty(ip),
        byAccount.penalty(email.toLowerCase()),
      ]);
    },
    async recordSuccess(email, ip, userId) {
      await byEmailAndIp.delete(pair(email, ip));
      try {
        await redis.set(knownKey(userId, ip), "1", "EX", LOGIN_LIMITS.knownAddressSeconds);
      } catch {
        // Remembering the address is a convenience for later lock-outs; sign-in itself succeeded.
      }
    },
  };
};

/** First retry waits about this long. */
const BASE_DELAY_MS = 5_000;
/** Each further retry waits this many times longer. */
const GROWTH = 4;
/** No single wait is longer than this, so a receiver that comes back is caught up within hours. */
const MAX_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * Attempts per delivery, the first one included. With {@link retryDelayMs} the nominal waits are
 *
 * | after attempt | 1  | 2   | 3   | 4    | 5   | 6   | 7    | 8–14 |
 * |---------------|----|-----|-----|------|-----|-----|------|------|
 * | wait          | 5s | 20s | 80s | 5.3m | 21m | 85m | 5.7h | 6h   |
 *
 * i.e. close to the Standard Webhooks example schedule (5s, 5m, 30m, 2h, 5h, 10h…), ending after
 * attempt 15 roughly 2 days (nominal 49.6 h; at least half that with jitter) after the first.
 */
export const MAX_DELIVERY_ATTEMPTS = 15;

/**
 * How long to wait after failed attempt number `attempt` (1 = the first delivery) before the next:
 * exponential backoff (5 s × 4^(attempt−1), capped at 6 h) with "equal jitter" — a uniformly
 * random point in the upper half of that — so failures that happened together (a receiver outage)
 * do not all retry in the same instant, yet every wait stays at least half the nominal one.
 *
 * @param random returns a number in [0, 1); injectable for tests.
 * @throws RangeError when `attempt` is not an integer ≥ 1.
 */
export const retryDelayMs = (attempt: number, random: () => number = Math.random): number => {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer >= 1, got ${attempt}`);
  // Clamp the exponent: 4^20 × 5 s is far past the cap, and 4^large is Infinity.
  const nominal = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * GROWTH ** Math.min(attempt - 1, 20));
  const half = nominal / 2;
  return Math.round(half + random() * half);
};

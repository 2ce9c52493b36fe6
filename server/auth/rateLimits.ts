/** What the request limiters share: taking one point from a rate-limiter-flexible limiter. */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Takes one point for `key`: 0 when it was available, else the whole seconds (at least 1) until
 * the window frees one. Any other failure of the limiter's backend is rethrown, never read as "go".
 */
export async function takePoint(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key, 1);
    return 0;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw refusal;
  }
}

/**
 * Brute-force protection for sign-in: failed attempts are counted per account and per address;
 * past the limit, sign-in answers 429 with Retry-After until the window has passed. A successful
 * sign-in clears the account's count. In memory: a scaled-out deployment moves it to Redis
 * (rate-limiter-flexible has the same limiter over Redis).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Limits, from configuration. */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/** Counts failed sign-ins; `check` says how long to wait when a limit is reached. */
export class LoginLimiter {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(private readonly limits: LoginLimits) {
    this.byAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: limits.perAccount, duration: limits.windowSeconds });
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: limits.perAddress, duration: limits.windowSeconds });
  }

  /** Seconds to wait before trying again, or 0 if this account and address may try now. */
  async retryAfter(account: string, address: string): Promise<number> {
    const [a, b] = await Promise.all([this.byAccount.get(account), this.byAddress.get(address)]);
    const waits = [
      [a, this.limits.perAccount],
      [b, this.limits.perAddress],
    ].map(([res, points]) => {
      const r = res as RateLimiterRes | null;
      return r && r.consumedPoints >= (points as number) ? Math.ceil(r.msBeforeNext / 1000) : 0;
    });
    return Math.max(...waits);
  }

  /** Records a failed attempt against both the account and the address. */
  async failed(account: string, address: string): Promise<void> {
    // consume() rejects once over the limit; the count is what matters here, not the rejection.
    await Promise.allSettled([this.byAccount.consume(account), this.byAddress.consume(address)]);
  }

  /** Clears the account's failures after a successful sign-in. */
  async succeeded(account: string): Promise<void> {
    await this.byAccount.delete(account);
  }
}

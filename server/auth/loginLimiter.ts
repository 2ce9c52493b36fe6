/**
 * Brute-force protection for sign-in: password checks are counted per account and per address;
 * past the limit, sign-in answers 429 with Retry-After until the window has passed. In memory: a
 * scaled-out deployment moves it to Redis (rate-limiter-flexible has the same limiter over Redis).
 *
 * An attempt is counted before its password is checked, not after: scrypt takes tens of
 * milliseconds, so a burst of parallel requests would all pass a check-then-count limiter before
 * the first failure was recorded (issue #12: 152 of 200 parallel guesses were checked, limit 10).
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { takePoint } from './rateLimits';

/** Limits, from configuration. */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/** Counts sign-in attempts; `begin` says how long to wait when a limit is reached. */
export class LoginLimiter {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: LoginLimits) {
    this.byAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: limits.perAccount, duration: limits.windowSeconds });
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: limits.perAddress, duration: limits.windowSeconds });
  }

  /**
   * Counts one attempt against the account and the address, before its password is checked.
   * Returns 0 when the check may run, else the seconds to wait; a refused attempt gives back what
   * it took from the other limit, so each count is of password checks that actually ran.
   */
  async begin(account: string, address: string): Promise<number> {
    const [forAccount, forAddress] = await Promise.all([takePoint(this.byAccount, account), takePoint(this.byAddress, address)]);
    if (forAccount === 0 && forAddress === 0) return 0;
    if (forAccount === 0) await this.byAccount.reward(account, 1);
    if (forAddress === 0) await this.byAddress.reward(address, 1);
    return Math.max(forAccount, forAddress);
  }

  /** The password was right: the account's failures are forgiven and the address gets its attempt back. */
  async succeeded(account: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.delete(account), this.byAddress.reward(address, 1)]);
  }

  /** The attempt ended without a verdict on the password (a server error): it does not count. */
  async abandoned(account: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.reward(account, 1), this.byAddress.reward(address, 1)]);
  }
}

/**
 * Per-address limit on attempts to join: accepting an invitation link and first-run setup. Both
 * may hash a password (slow by design) and accept unauthenticated requests, so a client could
 * otherwise queue hashes without end, or try invitation tokens at will. Like LoginLimiter, an
 * attempt is counted before any work and given back when it succeeds: only failures add up.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { takePoint } from './rateLimits';

/** Limits, from configuration. */
export interface JoinLimits {
  perAddress: number;
  windowSeconds: number;
}

/** Counts attempts to join per client address. */
export class JoinLimiter {
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: JoinLimits) {
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'join-address', points: limits.perAddress, duration: limits.windowSeconds });
  }

  /** Counts one attempt from `address`; 0 when it may go ahead, else the seconds to wait. */
  begin(address: string): Promise<number> {
    return takePoint(this.byAddress, address);
  }

  /** The attempt succeeded: it does not count against the address. */
  async succeeded(address: string): Promise<void> {
    await this.byAddress.reward(address, 1);
  }
}

/**
 * Bounds how often one connection's presence reaches the room. Carets move at typing speed; a
 * client sending more is throttled, not refused: the latest state waits for the next slot, so
 * that peers always end up seeing where it really is, and the room relays at most RATE per second.
 */

/** Presence updates relayed at once before throttling starts. */
const BURST = 20;
/** Presence updates per second relayed once the burst is spent. */
const RATE = 15;

/** One connection's presence throttle (a token bucket holding at most one deferred state). */
export class PresenceGate<T> {
  private tokens = BURST;
  private refilledAt = performance.now();
  private deferred: T | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly apply: (value: T) => void) {}

  /** Applies `value` now if the budget allows, else keeps it (replacing any older one) for the next slot. */
  offer(value: T): void {
    this.refill();
    if (this.tokens >= 1 && this.deferred === null) {
      this.tokens -= 1;
      this.apply(value);
      return;
    }
    this.deferred = value;
    this.timer ??= setTimeout(() => this.flush(), Math.ceil(((1 - this.tokens) * 1000) / RATE)).unref();
  }

  /** Drops a deferred state (the connection left). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.deferred = null;
  }

  private flush(): void {
    this.timer = null;
    const value = this.deferred;
    this.deferred = null;
    if (value !== null) this.offer(value);
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.refilledAt) * RATE) / 1000);
    this.refilledAt = now;
  }
}

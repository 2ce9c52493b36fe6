/**
 * Bookkeeping for Trame's save acknowledgements, free of any socket so it can be unit-tested.
 *
 * Every local change is stamped with the number of the next SAVE_CHECK that will be sent:
 * that check travels after the change on the same connection, so the server's SAVED for it
 * proves the change is stored. Checks are numbered for the lifetime of the tracker so that an
 * answer can never be confused with one from an earlier connection.
 */
export class SaveTracker {
  /** stamp (check number) → number of local changes waiting for it, and when the first was made. */
  private readonly waiting = new Map<number, { n: number; since: number }>();
  private nextCheck = 1;
  private count = 0;

  /** `now` gives the time in ms (a parameter for tests). */
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Adds changes known to be unsaved from a previous page load (they sit in the local cache and
   * reach the server with the next sync handshake, so the next check covers them).
   */
  restore(count: number): void {
    if (count > 0) this.add(this.nextCheck, count);
  }

  /** Number of local changes not yet confirmed as stored by the server. */
  get pending(): number {
    return this.count;
  }

  /**
   * When the oldest change not yet confirmed was made (ms), or null if none is waiting. Changes
   * restored from a previous page load count from when they were restored.
   */
  get oldestPendingAt(): number | null {
    let oldest: number | null = null;
    for (const { since } of this.waiting.values()) if (oldest === null || since < oldest) oldest = since;
    return oldest;
  }

  /** Records one local change; it will be covered by the next check sent. */
  recordChange(): void {
    this.add(this.nextCheck, 1);
  }

  /** Allocates the number of a check about to be sent. Later changes wait for a later check. */
  takeCheckNumber(): number {
    return this.nextCheck++;
  }

  /** Handles SAVED n: every change stamped ≤ n is stored. Returns whether anything changed. */
  acknowledge(savedUpTo: number): boolean {
    let cleared = 0;
    for (const [stamp, { n }] of this.waiting) {
      if (stamp <= savedUpTo) {
        cleared += n;
        this.waiting.delete(stamp);
      }
    }
    this.count -= cleared;
    return cleared > 0;
  }

  /**
   * On a new connection the sync handshake re-sends everything the server lacks, and checks
   * sent on the old connection will never be answered: every pending change now waits for the
   * next check.
   */
  restampPending(): void {
    if (this.count === 0) return;
    const since = this.oldestPendingAt ?? this.now();
    this.waiting.clear();
    this.waiting.set(this.nextCheck, { n: this.count, since });
  }

  private add(stamp: number, n: number): void {
    const entry = this.waiting.get(stamp);
    this.waiting.set(stamp, { n: (entry?.n ?? 0) + n, since: entry?.since ?? this.now() });
    this.count += n;
  }
}

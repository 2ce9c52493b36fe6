/**
 * Group commit: calls made during one microtask drain are written by one transaction, hence one
 * flush to disk instead of one each. Every call still settles with its own outcome, and is atomic
 * on its own. With `durable`, calls settle only once it resolves (the flush, see walSync.ts).
 */

/** One call waiting for the next commit. */
interface Waiting<T, R> {
  call: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** The outcome of one call inside a commit: its result, or why that call alone was rolled back. */
export type CallOutcome<R> = { ok: true; result: R } | { ok: false; error: unknown };

/** Collects calls and commits them together once per microtask drain. */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];

  /**
   * `commit` writes every call in one transaction, or throws if the transaction as a whole failed;
   * `durable`, if given, resolves once what was committed is on disk.
   */
  constructor(
    private readonly commit: (calls: T[]) => CallOutcome<R>[],
    private readonly durable?: () => Promise<void>,
  ) {}

  /** Queues a call; resolves once the transaction holding it has committed. */
  submit(call: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ call, resolve, reject });
      // After the current microtask drain: every call made in it joins. The rooms start their
      // batches together in one commit turn (collab/commitTurn.ts), so one drain holds them all.
      if (this.waiting.length === 1) process.nextTick(() => this.flush());
    });
  }

  /** Commits whatever is waiting now (also called before the store closes). */
  flush(): void {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    let outcomes: CallOutcome<R>[];
    try {
      outcomes = this.commit(batch.map((w) => w.call));
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is stored.
      batch.forEach((w) => w.reject(error));
      return;
    }
    const settle = () =>
      batch.forEach((w, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) w.resolve(outcome.result);
        else w.reject(outcome.error);
      });
    if (!this.durable) return settle();
    // Not on disk: nothing of the batch may be reported stored (the callers' clients send it again).
    this.durable().then(settle, (error: unknown) => batch.forEach((w) => w.reject(error)));
  }
}

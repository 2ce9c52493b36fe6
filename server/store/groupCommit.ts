/**
 * Group commit: calls made during one event-loop turn are written by one transaction, hence one
 * fsync with synchronous=FULL, instead of one fsync each. Every call still settles with its own
 * outcome, and is atomic on its own (the store runs each inside a savepoint).
 */

/** One call waiting for the next commit. */
interface Waiting<T, R> {
  call: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** The outcome of one call inside a commit: its result, or why that call alone was rolled back. */
export type CallOutcome<R> = { ok: true; result: R } | { ok: false; error: unknown };

/** Collects calls and commits them together once per event-loop turn. */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];

  /** `commit` writes every call in one transaction, or throws if the transaction as a whole failed. */
  constructor(private readonly commit: (calls: T[]) => CallOutcome<R>[]) {}

  /** Queues a call; resolves once the transaction holding it has committed. */
  submit(call: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ call, resolve, reject });
      // setImmediate runs after the poll phase: every message read from the sockets in this turn joins.
      if (this.waiting.length === 1) setImmediate(() => this.flush());
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
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) w.resolve(outcome.result);
      else w.reject(outcome.error);
    });
  }
}

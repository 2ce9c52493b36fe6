/**
 * Group commit: calls made during one microtask drain are written by one transaction, hence one
 * flush to disk instead of one each. Every call still settles with its own outcome, and is atomic
 * on its own. With `durable`, calls settle only once it resolves (the flush, see walSync.ts).
 */

/** A promise with its settlers. */
interface Deferred<R> {
  promise: Promise<R>;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

function deferred<R>(): Deferred<R> {
  let resolve!: (result: R) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<R>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers may await only one of the two stages; a failure is reported through each.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** One call waiting for the next commit: settled once written, then once on disk. */
interface Waiting<T, R> {
  call: T;
  written: Deferred<R>;
  durable: Deferred<R>;
}

/** A call's two stages: committed (readable by the next transaction), then on disk. */
export interface Staged<R> {
  written: Promise<R>;
  durable: Promise<R>;
}

/** The outcome of one call inside a commit: its result, or why that call alone was rolled back. */
export type CallOutcome<R> = { ok: true; result: R } | { ok: false; error: unknown };

/** Collects calls and commits them together once per microtask drain. */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  /** With a gate: the commits asked for and not yet done, in order (null when none). */
  private inFlight: Promise<void> | null = null;

  /**
   * `commit` writes every call in one transaction, or throws if the transaction as a whole failed;
   * `durable`, if given, resolves once what was committed is on disk. `gate`, if given, is where
   * the (synchronous) commit runs: e.g. while holding a connection shared with other, asynchronous,
   * transactions, so that the commit never runs in the middle of one of them. Commits then run one
   * after the other, and calls made while waiting for the gate join the commit it opens.
   */
  constructor(
    private readonly commit: (calls: T[]) => CallOutcome<R>[],
    private readonly durable?: () => Promise<void>,
    private readonly gate?: (commit: () => void) => Promise<void>,
  ) {}

  /** Queues a call; resolves once the transaction holding it is on disk. */
  submit(call: T): Promise<R> {
    return this.submitStaged(call).durable;
  }

  /** Queues a call; its `written` settles when its transaction has committed, `durable` once on disk. */
  submitStaged(call: T): Staged<R> {
    const waiting: Waiting<T, R> = { call, written: deferred(), durable: deferred() };
    this.waiting.push(waiting);
    // After the current microtask drain: every call made in it joins. The rooms start their
    // batches together in one commit turn (collab/commitTurn.ts), so one drain holds them all.
    if (this.waiting.length === 1) process.nextTick(() => this.flush());
    return { written: waiting.written.promise, durable: waiting.durable.promise };
  }

  /**
   * Commits whatever is waiting now (also called before the store closes). With a gate, the commit
   * is only started: `drain` waits for it.
   */
  flush(): void {
    if (!this.gate) return this.commitWaiting();
    if (this.waiting.length === 0) return;
    const gate = this.gate;
    const run = (this.inFlight ?? Promise.resolve())
      .then(() => gate(() => this.commitWaiting()))
      .catch((error: unknown) => {
        // The gate itself failed (the connection is gone): nothing of what waits was written.
        this.waiting.splice(0).forEach((w) => [w.written, w.durable].forEach((d) => d.reject(error)));
      });
    this.inFlight = run;
    void run.then(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
  }

  /** Commits whatever is waiting and resolves once every commit asked for is done (before closing). */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight) await this.inFlight;
  }

  private commitWaiting(): void {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    let outcomes: CallOutcome<R>[];
    try {
      outcomes = this.commit(batch.map((w) => w.call));
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is stored.
      batch.forEach((w) => [w.written, w.durable].forEach((d) => d.reject(error)));
      return;
    }
    const settle = (stage: 'written' | 'durable') =>
      batch.forEach((w, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) w[stage].resolve(outcome.result);
        else w[stage].reject(outcome.error);
      });
    settle('written');
    if (!this.durable) return settle('durable');
    // Not on disk: nothing of the batch may be reported stored (the callers' clients send it again).
    this.durable().then(
      () => settle('durable'),
      (error: unknown) => batch.forEach((w) => w.durable.reject(error)),
    );
  }
}

/**
 * The main thread's side of the append worker: `appendUpdates` calls made while the previous
 * commit is running, or during one event-loop turn, go to the worker as one request (group
 * commit: one transaction, one fsync). Each call resolves once the worker reports it committed.
 */
import { Worker } from 'node:worker_threads';
import type { AppendCall } from './sqliteAppend';
import type { AppendReply, WireError } from './sqliteAppendWorker';

interface Waiting {
  call: AppendCall;
  resolve: (seqs: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The worker is TypeScript like the rest of the server. It is loaded through tsx's API, whatever
 * started this process (tsx, or Vitest which does not pass its loader on to worker threads).
 */
const WORKER_URL = new URL('./sqliteAppendWorker.ts', import.meta.url).href;
const WORKER_BOOTSTRAP = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(WORKER_URL)}, ${JSON.stringify(WORKER_URL)}))`;

const fromWire = (e: WireError): Error => Object.assign(new Error(e.message), e.code ? { code: e.code } : {});

/** A worker that dies this many times within RESTART_WINDOW_MS is not started again. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/**
 * Appends through a worker thread with its own connection to `file`. A worker that dies is
 * replaced: the batch it was committing is refused (it may or may not be stored; the clients keep
 * those updates and send them again, and Yjs applies a repeated update as a no-op), calls that were
 * still waiting go to the new worker. A worker that keeps dying makes the store refuse appends.
 */
export class WorkerAppender {
  private worker: Worker;
  private deaths: number[] = [];
  private closing = false;
  /** Workers started after a death, for tests and diagnostics. */
  restarts = 0;
  private waiting: Waiting[] = [];
  private inFlight: { id: number; batch: Waiting[] } | null = null;
  private nextId = 1;
  private scheduled = false;
  private broken: Error | null = null;
  private drained: (() => void) | null = null;

  constructor(private readonly file: string) {
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { file: this.file } });
    worker.unref(); // referenced only while a request is out (see send)
    worker.on('message', (reply: AppendReply) => this.settle(reply));
    worker.on('error', (error) => this.died(worker, error));
    worker.on('exit', (code) => this.died(worker, new Error(`append worker exited with code ${code}`)));
    return worker;
  }

  /** Ends the current worker as a crash would (tests of the restart). */
  async crashWorkerForTests(): Promise<void> {
    await this.worker.terminate();
  }

  /** Queues a call; resolves with its sequence numbers once the commit holding it is durable. */
  submit(call: AppendCall): Promise<number[]> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.waiting.push({ call, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every queued call has settled, then stops the worker. */
  async close(): Promise<void> {
    if (this.inFlight || this.waiting.length > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.broken ??= new Error('the store is closed');
    this.closing = true;
    await this.worker.terminate();
  }

  // setImmediate runs after the poll phase: every message read from the sockets in this turn joins.
  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0);
    this.inFlight = { id: this.nextId++, batch };
    this.worker.ref(); // a pending commit must keep the process alive until it is answered
    this.worker.postMessage({ id: this.inFlight.id, calls: batch.map((w) => w.call) });
  }

  private settle(reply: AppendReply): void {
    const current = this.inFlight;
    if (!current || current.id !== reply.id) return;
    this.inFlight = null;
    this.worker.unref();
    if ('failed' in reply) current.batch.forEach((w) => w.reject(fromWire(reply.failed)));
    else current.batch.forEach((w, i) => {
      const outcome = reply.outcomes[i]!;
      if (outcome.ok) w.resolve(outcome.result);
      else w.reject(fromWire(outcome.error));
    });
    this.next();
  }

  private next(): void {
    if (this.waiting.length > 0) this.send();
    else if (this.drained) {
      this.drained();
      this.drained = null;
    }
  }

  // A worker ended. Its batch in flight cannot be known stored, so it is refused; the calls still
  // waiting go to a new worker, unless workers keep dying (then everything is refused from now on).
  private died(worker: Worker, error: Error): void {
    if (worker !== this.worker || this.closing) return;
    const inFlight = this.inFlight?.batch ?? [];
    this.inFlight = null;
    inFlight.forEach((w) => w.reject(error));
    const now = performance.now();
    this.deaths = [...this.deaths.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.broken || this.deaths.length > MAX_RESTARTS) return this.fail(error);
    this.restarts++;
    this.worker = this.start();
    this.next();
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.waiting.splice(0).forEach((w) => w.reject(error));
    this.drained?.();
    this.drained = null;
  }
}

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

/** Appends through a worker thread with its own connection to `file`. */
export class WorkerAppender {
  private readonly worker: Worker;
  private waiting: Waiting[] = [];
  private inFlight: { id: number; batch: Waiting[] } | null = null;
  private nextId = 1;
  private scheduled = false;
  private broken: Error | null = null;
  private drained: (() => void) | null = null;

  constructor(file: string) {
    this.worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { file } });
    this.worker.unref(); // referenced only while a request is out (see send)
    this.worker.on('message', (reply: AppendReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`append worker exited with code ${code}`)));
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

  // The worker died: nothing in flight can be known stored, so all of it is refused.
  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    const all = [...(this.inFlight?.batch ?? []), ...this.waiting.splice(0)];
    this.inFlight = null;
    all.forEach((w) => w.reject(error));
    this.drained?.();
  }
}

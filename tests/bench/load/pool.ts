/**
 * The load generator as seen from the parent: light-client processes (and optionally one process
 * of full clients), with edit receipts merged across processes into per-edit latencies.
 */
import os from 'node:os';
import { CpuMeter, startChild, type Child } from '../procs';
import { EDITS_PER_AUTHOR, type Target } from '../wire';

/** A latency sample set: delivered latencies, and edits that never reached every client. */
export interface Latencies {
  ms: number[];
  undelivered: number;
}

/** Light clients spread over processes, plus optional full clients. */
export class LoadPool {
  private sent = new Map<number, number>();
  private authorRoom = new Map<number, string>();
  private received = new Map<number, { t: number; n: number }>();
  private roomSize = new Map<string, number>();
  private nextAuthor = 1;
  private nextProcess = 0;
  errors = 0;
  private static idle: LoadPool | null = null;

  private constructor(readonly light: Child[], readonly full: Child | null) {}

  /** Starts `processes` light-client processes and, with `full`, one full-client process. */
  static async start(processes: number, full: boolean): Promise<LoadPool> {
    const [light, fullChild] = await Promise.all([
      Promise.all(Array.from({ length: processes }, () => startChild('load/light.ts'))),
      full ? startChild('load/full.ts') : null,
    ]);
    return new LoadPool(light, fullChild);
  }

  /**
   * A pool of this shape left by `release`, or a new one: starting four tsx processes per run
   * cost ~2 s of every scenario 1 and 2 run.
   */
  static async reuse(processes: number, full: boolean): Promise<LoadPool> {
    const idle = LoadPool.idle;
    LoadPool.idle = null;
    if (idle && idle.light.length === processes && (idle.full !== null) === full && idle.alive()) return idle;
    await idle?.stop();
    return LoadPool.start(processes, full);
  }

  private alive(): boolean {
    return [...this.light, ...(this.full ? [this.full] : [])].every((c) => c.proc.exitCode === null && c.proc.signalCode === null);
  }

  /** Closes every client and keeps the processes for `reuse` (the run's end kills them). */
  async release(): Promise<void> {
    await Promise.all([...this.light, ...(this.full ? [this.full] : [])].map((c) => c.ask({ type: 'close' }, 10_000)));
    await Promise.all(this.light.map((c) => c.ask({ type: 'flush' }))); // drops late receipts
    this.sent = new Map();
    this.authorRoom = new Map();
    this.received = new Map();
    this.roomSize = new Map();
    this.errors = 0;
    LoadPool.idle = this;
  }

  /** Every load process id (for CPU accounting). */
  get pids(): number[] {
    return [...this.light, ...(this.full ? [this.full] : [])].map((c) => c.pid);
  }

  /** Cores the generator had: one per process, at most the machine's. */
  get cores(): number {
    return Math.min(this.pids.length, os.cpus().length);
  }

  /** A CPU meter over the generator's processes. */
  meter(): CpuMeter {
    return new CpuMeter(this.pids);
  }

  /** Connects `authors` authoring clients to a room, spread round-robin over the processes. */
  async addAuthors(target: Target, authors: number, spread = true): Promise<void> {
    const perProcess = this.light.map(() => [] as { target: Target; author: number }[]);
    for (let i = 0; i < authors; i++) {
      const slot = spread ? i % this.light.length : this.nextProcess;
      this.authorRoom.set(this.nextAuthor, target.room);
      perProcess[slot]!.push({ target, author: this.nextAuthor++ });
    }
    if (!spread) this.nextProcess = (this.nextProcess + 1) % this.light.length;
    this.roomSize.set(target.room, (this.roomSize.get(target.room) ?? 0) + authors);
    await Promise.all(this.light.map((c, i) => (perProcess[i]!.length ? c.ask({ type: 'connect', clients: perProcess[i] }) : null)));
  }

  /** Opens two full clients per room. */
  async addFullClients(targets: Target[]): Promise<boolean> {
    if (!this.full) throw new Error('pool started without full clients');
    return (await this.full.ask<{ synced: boolean }>({ type: 'open', targets })).synced;
  }

  /** Starts every author not yet typing, at `ratePerSec` edits/s each, for `durationMs`. */
  async start(ratePerSec: number, durationMs: number): Promise<void> {
    await Promise.all(this.light.map((c) => c.ask({ type: 'start', ratePerSec, durationMs })));
  }

  /** Pulls send and receive records from every process and merges them. */
  async collect(): Promise<void> {
    const replies = await Promise.all(this.light.map((c) => c.ask<{ sent: [number, number][]; recv: [number, number, number][]; errors: number }>({ type: 'flush' })));
    for (const r of replies) {
      this.errors += r.errors;
      for (const [id, t] of r.sent) this.sent.set(id, t);
      for (const [id, t, n] of r.recv) {
        const prev = this.received.get(id);
        this.received.set(id, { t: Math.max(prev?.t ?? 0, t), n: (prev?.n ?? 0) + n });
      }
    }
  }

  // Every other light client of the author's room must receive the edit.
  private expectedReceivers(id: number): number {
    return (this.roomSize.get(this.authorRoom.get(Math.floor(id / EDITS_PER_AUTHOR)) ?? '') ?? 1) - 1;
  }

  /** Latencies of edits sent in [from, to): time until the last other client received each. */
  latencies(from: number, to: number, asOf: number): Latencies {
    const ms: number[] = [];
    let undelivered = 0;
    for (const [id, t] of this.sent) {
      if (t < from || t >= to) continue;
      const got = this.received.get(id);
      if (got && got.n >= this.expectedReceivers(id)) ms.push(got.t - t);
      else {
        undelivered++;
        if (process.env.BENCH_DEBUG && undelivered < 5) process.stderr.write(`late ${id} got ${got?.n} of ${this.expectedReceivers(id)}\n`);
        ms.push(asOf - t); // still in flight: at least this late
      }
    }
    return { ms, undelivered };
  }

  /** Whether every edit sent so far reached every other client of its room. */
  allDelivered(): boolean {
    for (const id of this.sent.keys()) {
      if ((this.received.get(id)?.n ?? 0) < this.expectedReceivers(id)) return false;
    }
    return true;
  }

  /** Closes every client and stops the load processes. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.light, ...(this.full ? [this.full] : [])].map((c) => c.ask({ type: 'close' }, 10_000)));
    await Promise.all([...this.light, ...(this.full ? [this.full] : [])].map((c) => c.kill()));
  }
}

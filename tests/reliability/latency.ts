/**
 * Edit → receive latency: the time from an edit made by one provider to the moment another
 * provider of the same document (its watcher) has applied it. An edit is identified by its
 * author's client id and clock, so no marker text has to be added to the document.
 */
import * as Y from 'yjs';

/** Latency figures of one sampling window, in ms. */
export interface LatencyWindow {
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** Edits not received by their watcher within the timeout. */
  timeouts: number;
}

interface Probe {
  client: number;
  clock: number;
  sentAt: number;
}

/** Tracks edits until each document's watcher has them. */
export class LatencyTracker {
  private readonly pending: Probe[][];
  private samples: number[] = [];
  private timeouts = 0;
  private readonly detach: (() => void)[] = [];

  /** `watchers[d]` is the doc that observes edits of document `d`. */
  constructor(private readonly watchers: readonly Y.Doc[], private readonly timeoutMs = 30_000) {
    this.pending = watchers.map(() => []);
    watchers.forEach((watcher, d) => {
      const onUpdate = () => this.settle(d);
      watcher.on('update', onUpdate);
      this.detach.push(() => watcher.off('update', onUpdate));
    });
  }

  /** Records that `editor` (a provider of document `d`) just edited. */
  sent(d: number, editor: Y.Doc): void {
    this.pending[d]!.push({ client: editor.clientID, clock: Y.getState(editor.store, editor.clientID), sentAt: performance.now() });
  }

  /** Figures since the previous call; edits still pending past the timeout count as timeouts. */
  take(): LatencyWindow {
    const now = performance.now();
    for (const probes of this.pending) {
      const expired = probes.filter((p) => now - p.sentAt > this.timeoutMs);
      this.timeouts += expired.length;
      probes.splice(0, probes.length, ...probes.filter((p) => now - p.sentAt <= this.timeoutMs));
    }
    const sorted = this.samples.sort((a, b) => a - b);
    const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    const window: LatencyWindow = { count: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1), timeouts: this.timeouts };
    this.samples = [];
    this.timeouts = 0;
    return window;
  }

  /** Stops observing the watchers. */
  stop(): void {
    this.detach.forEach((off) => off());
  }

  private settle(d: number): void {
    const probes = this.pending[d]!;
    if (probes.length === 0) return;
    const watcher = this.watchers[d]!;
    const now = performance.now();
    const left = probes.filter((p) => {
      if (Y.getState(watcher.store, p.client) < p.clock) return true;
      this.samples.push(now - p.sentAt);
      return false;
    });
    probes.splice(0, probes.length, ...left);
  }
}

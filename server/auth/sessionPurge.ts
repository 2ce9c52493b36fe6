/**
 * Expired sessions are refused on read but their rows stayed forever: a table that only grows,
 * holding who signed in when. SessionPurge deletes them at start and then periodically.
 */
import type { Logger } from '../log';
import type { Store } from '../store/Store';

/** Deletes expired session rows at start, then every `everyMs`. */
export class SessionPurge {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly options: { store: Pick<Store, 'deleteExpiredSessions'>; log: Logger; everyMs: number; now: () => Date }) {}

  /** Deletes the sessions expired by now; a failure is logged, not thrown: the next run retries. */
  runOnce(): Promise<number> {
    this.running ??= this.purge().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Runs once now, then every `everyMs`; the timer never keeps the process alive on its own. */
  async start(): Promise<void> {
    await this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.options.everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run under way, so that the store can close after it. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async purge(): Promise<number> {
    const { store, log, now } = this.options;
    try {
      const count = await store.deleteExpiredSessions(now().toISOString());
      if (count > 0) log.info('deleted expired sessions', { count });
      return count;
    } catch (error) {
      log.error('could not delete expired sessions', error);
      return 0;
    }
  }
}

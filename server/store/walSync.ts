/**
 * Makes appended updates durable without blocking the event loop. Appends commit with
 * synchronous=NORMAL (their WAL frames are written, not yet flushed to disk), then wait here for an
 * fdatasync of the WAL file, which runs on libuv's thread pool while the server goes on reading
 * and relaying. An update counts as stored only once that flush has returned, exactly as with
 * synchronous=FULL, where SQLite flushes the WAL itself, on the main thread, at every commit.
 * One flush covers every commit made before it started; commits made during a flush wait for the
 * next one.
 */
import fs from 'node:fs';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class WalSync {
  private fd: number | null = null;
  private syncing: Promise<void> | null = null;
  private waiting: Waiter[] = [];
  private closed = false;

  /** `walFile` is the database's write-ahead log (`<database>-wal`), opened at the first flush. */
  constructor(private readonly walFile: string) {}

  /** Resolves once everything committed before this call is on disk. */
  afterCommit(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.syncing) this.flush();
    });
  }

  private flush(): void {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    let finished!: () => void;
    this.syncing = new Promise<void>((resolve) => (finished = resolve));
    const settle = (error: NodeJS.ErrnoException | null) => {
      this.syncing = null;
      finished();
      for (const w of batch) {
        if (error) w.reject(error);
        else w.resolve();
      }
      this.flush();
    };
    try {
      // The log exists from the commit that asked for this flush on; SQLite keeps the same file
      // (it rewinds it after checkpoints, never deletes it) while the database is open.
      this.fd ??= fs.openSync(this.walFile, 'r');
    } catch (error) {
      return settle(error as NodeJS.ErrnoException);
    }
    fs.fdatasync(this.fd, settle);
  }

  /** Waits for the flushes under way, then releases the file. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.syncing) await this.syncing;
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

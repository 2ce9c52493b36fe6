import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit } from './groupCommit';
import { WalSync } from './walSync';

describe('WalSync and group commit', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trame-walsync-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('flushes the log once for commits waiting together, and again for a commit made during a flush', async () => {
    const wal = path.join(dir, 'trame.db-wal');
    fs.writeFileSync(wal, 'frames');
    const flushes = vi.spyOn(fs, 'fdatasync');
    const sync = new WalSync(wal);
    const order: string[] = [];
    const first = sync.afterCommit().then(() => order.push('first'));
    // Committed while the first flush runs: that flush may have started before its frames were written.
    const second = sync.afterCommit().then(() => order.push('second'));
    const third = sync.afterCommit().then(() => order.push('third'));
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(flushes).toHaveBeenCalledTimes(2);
    await sync.close();
    await expect(sync.afterCommit()).rejects.toThrow('closed');
  });

  it('reports nothing stored when the log cannot be flushed', async () => {
    const sync = new WalSync(path.join(dir, 'missing-wal'));
    const commit = vi.fn((calls: string[]) => calls.map((call) => ({ ok: true as const, result: call.length })));
    const group = new GroupCommit(commit, () => sync.afterCommit());
    const results = await Promise.allSettled([group.submit('un'), group.submit('deux')]);
    expect(commit).toHaveBeenCalledTimes(1); // both calls in one transaction
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'ENOENT' });
    await sync.close();
  });

  it('reports a call written once committed, and stored only once on disk', async () => {
    let flush!: () => void;
    const group = new GroupCommit(
      (calls: string[]) => calls.map((call) => ({ ok: true as const, result: call.length })),
      () => new Promise<void>((resolve) => (flush = resolve)),
    );
    const { written, durable } = group.submitStaged('trois');
    const seen: string[] = [];
    void durable.then(() => seen.push('durable'));
    expect(await written).toBe(5);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]); // committed, not yet on disk: not reported stored
    flush();
    expect(await durable).toBe(5);
  });
  it('with a gate, runs each commit inside it, one after the other, calls made meanwhile joining; drain waits for them', async () => {
    const log: string[] = [];
    let open!: () => void;
    let gated = 0;
    const group = new GroupCommit(
      (calls: string[]) => {
        log.push(`commit ${calls.join('+')}`);
        return calls.map((call) => ({ ok: true as const, result: call.length }));
      },
      undefined,
      async (commit) => {
        // The first commit waits for the gate (a connection held by someone else).
        if (gated++ === 0) await new Promise<void>((resolve) => (open = resolve));
        commit();
      },
    );
    const first = group.submit('un');
    await new Promise((resolve) => setImmediate(resolve));
    const second = group.submit('deux'); // waits with the first for the gate: joins its commit
    expect(log).toEqual([]);
    open();
    expect(await Promise.all([first, second])).toEqual([2, 4]);
    const third = group.submit('trois');
    await group.drain();
    expect(log).toEqual(['commit un+deux', 'commit trois']);
    expect(await third).toBe(5);
  });

  it('with a gate that fails, reports the calls waiting for it refused', async () => {
    const commit = vi.fn((calls: string[]) => calls.map((call) => ({ ok: true as const, result: call.length })));
    const group = new GroupCommit(commit, undefined, () => Promise.reject(new Error('driver has already been destroyed')));
    await expect(group.submit('un')).rejects.toThrow('destroyed');
    await group.drain();
    expect(commit).not.toHaveBeenCalled();
  });
});

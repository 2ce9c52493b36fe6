import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../log';
import { openSqlStore } from '../store/sql/SqlStore';
import type { Store } from '../store/Store';
import { memberRow } from '../store/contractFixtures';
import { SessionPurge } from './sessionPurge';

const HOUR_MS = 60 * 60 * 1000;
const silent: Logger = { info: () => {}, error: () => {} };

describe('SessionPurge', () => {
  let store: Store;
  let purge: SessionPurge;
  const now = new Date('2030-01-01T00:00:00.000Z');
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const exists = async (tokenHash: string) => (await store.getSession(tokenHash, at(-10 * HOUR_MS))) !== null;

  beforeEach(async () => {
    vi.useFakeTimers({ now });
    store = await openSqlStore({ engine: 'sqlite', memory: true });
    const ada = memberRow();
    await store.createMember(ada);
    for (const [tokenHash, expiresAt] of [['expired', at(-1)], ['soon', at(HOUR_MS / 2)], ['later', at(3 * HOUR_MS)]] as const) {
      await store.createSession({ tokenHash, memberId: ada.id, createdAt: at(-10 * HOUR_MS), expiresAt });
    }
    purge = new SessionPurge({ store, log: silent, everyMs: HOUR_MS, now: () => new Date() });
  });
  afterEach(async () => {
    await purge.stop();
    await store.close();
    vi.useRealTimers();
  });

  it('deletes expired sessions at start, then every period, and keeps live ones', async () => {
    await purge.start();
    expect([await exists('expired'), await exists('soon'), await exists('later')]).toEqual([false, true, true]);
    await vi.advanceTimersByTimeAsync(HOUR_MS);
    expect([await exists('soon'), await exists('later')]).toEqual([false, true]);
    await purge.stop();
    await vi.advanceTimersByTimeAsync(3 * HOUR_MS);
    expect(await exists('later')).toBe(true); // stopped: no more runs
  });

  it('logs a failing run and keeps going', async () => {
    const errors: string[] = [];
    const failing = { deleteExpiredSessions: vi.fn().mockRejectedValueOnce(new Error('database is locked')).mockResolvedValue(0) };
    const flaky = new SessionPurge({ store: failing, log: { ...silent, error: (message) => errors.push(message) }, everyMs: HOUR_MS, now: () => new Date() });
    await flaky.start();
    await vi.advanceTimersByTimeAsync(HOUR_MS);
    await flaky.stop();
    expect(errors).toEqual(['could not delete expired sessions']);
    expect(failing.deleteExpiredSessions).toHaveBeenCalledTimes(2);
  });
});

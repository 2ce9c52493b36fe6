import { describe, expect, it } from 'vitest';
import { SaveTracker } from './saveTracker';

describe('SaveTracker', () => {
  it('clears changes covered by an acknowledged check', () => {
    const tracker = new SaveTracker();
    tracker.recordChange();
    tracker.recordChange();
    const check = tracker.takeCheckNumber();
    tracker.recordChange(); // made after the check was sent: not covered by it
    expect(tracker.pending).toBe(3);
    expect(tracker.acknowledge(check)).toBe(true);
    expect(tracker.pending).toBe(1);
    expect(tracker.acknowledge(tracker.takeCheckNumber())).toBe(true);
    expect(tracker.pending).toBe(0);
  });

  it('ignores an acknowledgement for an earlier check', () => {
    const tracker = new SaveTracker();
    const first = tracker.takeCheckNumber();
    tracker.recordChange();
    expect(tracker.acknowledge(first)).toBe(false);
    expect(tracker.pending).toBe(1);
  });

  it('re-stamps pending changes to the next check after a reconnection', () => {
    const tracker = new SaveTracker();
    tracker.recordChange();
    tracker.takeCheckNumber(); // sent on a connection that then dropped, never answered
    tracker.restampPending();
    const afterResync = tracker.takeCheckNumber();
    expect(tracker.acknowledge(afterResync - 1)).toBe(false);
    expect(tracker.acknowledge(afterResync)).toBe(true);
    expect(tracker.pending).toBe(0);
  });

  it('keeps changes from a previous page load until the first acknowledgement', () => {
    const tracker = new SaveTracker();
    tracker.restore(4);
    expect(tracker.pending).toBe(4);
    expect(tracker.acknowledge(tracker.takeCheckNumber())).toBe(true);
    expect(tracker.pending).toBe(0);
  });
});

describe('SaveTracker, age of the oldest unsaved change', () => {
  it('is the time of the first change still waiting, across checks and reconnections', () => {
    let now = 1_000;
    const tracker = new SaveTracker(() => now);
    expect(tracker.oldestPendingAt).toBeNull();
    tracker.recordChange();
    now = 2_000;
    tracker.recordChange();
    const first = tracker.takeCheckNumber();
    now = 3_000;
    tracker.recordChange(); // waits for a later check
    expect(tracker.oldestPendingAt).toBe(1_000);
    tracker.acknowledge(first);
    expect(tracker.oldestPendingAt).toBe(3_000);
    now = 9_000;
    tracker.restampPending(); // reconnected: still the same change, still as old
    expect(tracker.oldestPendingAt).toBe(3_000);
    tracker.acknowledge(tracker.takeCheckNumber());
    expect(tracker.oldestPendingAt).toBeNull();
  });
});

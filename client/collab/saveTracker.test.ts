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

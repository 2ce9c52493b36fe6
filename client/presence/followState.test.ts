import { describe, expect, it } from 'vitest';
import { followReducer, initialFollowState, type FollowEvent, type FollowState } from './followState';

const SELF = 1;
const run = (events: FollowEvent[], from: FollowState = initialFollowState) => events.reduce((s, e) => followReducer(s, e, SELF), from);

describe('follow state', () => {
  it('follows someone and stops when asked, when typing or when scrolling', () => {
    for (const reason of ['user', 'typed', 'scrolled'] as const) {
      const following = run([{ type: 'follow', target: 7 }]);
      expect(following.following).toBe(7);
      expect(run([{ type: 'stop', reason }], following).following).toBeNull();
    }
  });

  it('never follows oneself', () => {
    expect(run([{ type: 'follow', target: SELF }]).following).toBeNull();
  });

  it('stops following someone who left, and forgets their invitation', () => {
    const state = run([{ type: 'follow', target: 7 }, { type: 'gatherSeen', leader: 9, requestId: 'r1' }]);
    const after = run([{ type: 'peersChanged', present: new Set([SELF]) }], state);
    expect(after).toMatchObject({ following: null, invitation: null });
  });

  it('asks once per gather request: accept follows the leader, decline does not', () => {
    const invited = run([{ type: 'gatherSeen', leader: 9, requestId: 'r1' }]);
    expect(invited.invitation).toEqual({ leader: 9, requestId: 'r1' });
    const accepted = run([{ type: 'accept' }], invited);
    expect(accepted).toMatchObject({ following: 9, invitation: null });
    expect(run([{ type: 'gatherSeen', leader: 9, requestId: 'r1' }], accepted).invitation).toBeNull();

    const declined = run([{ type: 'decline' }], invited);
    expect(declined).toMatchObject({ following: null, invitation: null });
    expect(run([{ type: 'gatherSeen', leader: 9, requestId: 'r1' }], declined).invitation).toBeNull();
    expect(run([{ type: 'gatherSeen', leader: 9, requestId: 'r2' }], declined).invitation).toEqual({ leader: 9, requestId: 'r2' });
  });

  it('does not invite the leader, nor someone already following the leader', () => {
    expect(run([{ type: 'gatherSeen', leader: SELF, requestId: 'r1' }]).invitation).toBeNull();
    expect(run([{ type: 'follow', target: 9 }, { type: 'gatherSeen', leader: 9, requestId: 'r1' }]).invitation).toBeNull();
  });

  it('drops the invitation when the leader ends the gathering, and when one follows the leader anyway', () => {
    const invited = run([{ type: 'gatherSeen', leader: 9, requestId: 'r1' }]);
    expect(run([{ type: 'gatherEnded', leader: 9 }], invited).invitation).toBeNull();
    expect(run([{ type: 'gatherEnded', leader: 4 }], invited).invitation).not.toBeNull();
    expect(run([{ type: 'follow', target: 9 }], invited)).toMatchObject({ following: 9, invitation: null });
  });
});

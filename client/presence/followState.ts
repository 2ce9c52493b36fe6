/**
 * Follow, gather and their invitations, as a pure state machine: the hook feeds it what the
 * member does and what awareness says, and renders what it returns. Nothing here is stored.
 */

/** A leader's request that everyone follow them (awareness field `gather`). */
export interface Invitation {
  leader: number;
  requestId: string;
}

/** What this member is doing in a shared session. */
export interface FollowState {
  /** Awareness client id of the person being followed, or null. */
  following: number | null;
  /** A gather request waiting for an answer, or null. */
  invitation: Invitation | null;
  /** Gather requests already declined (or accepted): each is asked once. */
  answered: readonly string[];
}

/** Everything that can change the state. */
export type FollowEvent =
  | { type: 'follow'; target: number }
  | { type: 'stop'; reason: 'user' | 'typed' | 'scrolled' }
  | { type: 'gatherSeen'; leader: number; requestId: string }
  | { type: 'gatherEnded'; leader: number }
  | { type: 'accept' }
  | { type: 'decline' }
  | { type: 'peersChanged'; present: ReadonlySet<number> };

/** The state of someone who follows nobody and was asked nothing. */
export const initialFollowState: FollowState = { following: null, invitation: null, answered: [] };

/** The next state; `self` is this client's awareness id (one never follows oneself). */
export function followReducer(state: FollowState, event: FollowEvent, self: number): FollowState {
  switch (event.type) {
    case 'follow':
      if (event.target === self) return state;
      return { ...state, following: event.target, invitation: state.invitation?.leader === event.target ? null : state.invitation };
    case 'stop':
      return state.following === null ? state : { ...state, following: null };
    case 'gatherSeen': {
      const { leader, requestId } = event;
      if (leader === self || state.following === leader || state.answered.includes(requestId)) return state;
      if (state.invitation?.requestId === requestId) return state;
      return { ...state, invitation: { leader, requestId } };
    }
    case 'gatherEnded':
      return state.invitation?.leader === event.leader ? { ...state, invitation: null } : state;
    case 'accept':
      if (!state.invitation) return state;
      return { following: state.invitation.leader, invitation: null, answered: [...state.answered, state.invitation.requestId] };
    case 'decline':
      if (!state.invitation) return state;
      return { ...state, invitation: null, answered: [...state.answered, state.invitation.requestId] };
    case 'peersChanged': {
      const following = state.following !== null && !event.present.has(state.following) ? null : state.following;
      const invitation = state.invitation && !event.present.has(state.invitation.leader) ? null : state.invitation;
      return following === state.following && invitation === state.invitation ? state : { ...state, following, invitation };
    }
  }
}

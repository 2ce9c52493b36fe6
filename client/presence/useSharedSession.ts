/**
 * Follow, gather and spotlight over awareness. Publishes this member's `following`, `viewport`,
 * `gather` and `spotlight` fields; reads everyone else's; keeps the followed person's caret (or,
 * when they read, their viewport) on screen; draws spotlights. Nothing reaches the document body.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import type { MemberSummary } from '../../shared/api';
import { followReducer, initialFollowState, type FollowEvent, type FollowState } from './followState';
import { toAbsolute, toRelative } from './positions';
import { scrollToPosition } from './scrolling';
import type { SpotlightRange } from './spotlight';

/** What the page shows and can do about the shared session. */
export interface SharedSession {
  state: FollowState;
  /** The member being followed. */
  leader: MemberSummary | null;
  /** The member whose gather request is waiting for an answer. */
  inviter: MemberSummary | null;
  /** Members following this member. */
  followers: MemberSummary[];
  gathering: boolean;
  spotlighting: boolean;
  follow(memberId: string): void;
  dispatch(event: FollowEvent): void;
  toggleGather(): void;
  spotlightSelection(): void;
  clearSpotlight(): void;
}

type PeerState = Record<string, unknown> & { user?: MemberSummary };

const memberOf = (state: PeerState | undefined): MemberSummary | null =>
  state?.user && typeof state.user.id === 'string' && typeof state.user.name === 'string' ? state.user : null;
const safeColor = (color: unknown) => (typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#777777');

/** The shared-session state and actions for one editor and its awareness. */
export function useSharedSession(editor: Editor | null, awareness: Awareness | null): SharedSession {
  const self = awareness?.clientID ?? -1;
  const [state, dispatch] = useReducer((s: FollowState, e: FollowEvent) => followReducer(s, e, self), initialFollowState);
  const [peers, setPeers] = useState<Map<number, PeerState>>(new Map());
  const [gathering, setGathering] = useState(false);
  const [spotlighting, setSpotlighting] = useState(false);

  usePublish(awareness, 'following', state.following);
  useAwarenessEvents(awareness, editor, dispatch, setPeers);
  useFollowView(editor, awareness, state.following, dispatch);
  usePublishViewport(editor, awareness);

  const follow = useCallback(
    (memberId: string) => {
      // A member with several tabs: follow the tab that shows a caret, else any.
      const candidates = [...peers].filter(([id, s]) => id !== self && memberOf(s)?.id === memberId);
      const chosen = candidates.find(([, s]) => s['cursor']) ?? candidates[0];
      if (chosen) dispatch({ type: 'follow', target: chosen[0] });
    },
    [peers, self],
  );

  const toggleGather = useCallback(() => {
    if (!awareness) return;
    const next = !gathering;
    awareness.setLocalStateField('gather', next ? `${self}-${Date.now()}` : null);
    setGathering(next);
  }, [awareness, gathering, self]);

  const spotlightSelection = useCallback(() => {
    if (!awareness || !editor || editor.state.selection.empty) return;
    const { from, to } = editor.state.selection;
    awareness.setLocalStateField('spotlight', { anchor: toRelative(editor, from), head: toRelative(editor, to) });
    setSpotlighting(true);
  }, [awareness, editor]);

  const clearSpotlight = useCallback(() => {
    awareness?.setLocalStateField('spotlight', null);
    setSpotlighting(false);
  }, [awareness]);

  const followers = [...peers].filter(([id, s]) => id !== self && s['following'] === self).map(([, s]) => memberOf(s)).filter((m): m is MemberSummary => m !== null);
  return {
    state,
    leader: state.following === null ? null : memberOf(peers.get(state.following)),
    inviter: state.invitation ? memberOf(peers.get(state.invitation.leader)) : null,
    followers: [...new Map(followers.map((m) => [m.id, m])).values()],
    gathering,
    spotlighting,
    follow,
    dispatch,
    toggleGather,
    spotlightSelection,
    clearSpotlight,
  };
}

/** Keeps one local awareness field equal to a value. */
function usePublish(awareness: Awareness | null, field: string, value: unknown): void {
  useEffect(() => {
    awareness?.setLocalStateField(field, value);
  }, [awareness, field, value]);
}

/** Reads others' states: presence, gather requests, spotlights. */
function useAwarenessEvents(awareness: Awareness | null, editor: Editor | null, dispatch: (e: FollowEvent) => void, setPeers: (p: Map<number, PeerState>) => void): void {
  useEffect(() => {
    if (!awareness) return;
    const gatherers = new Set<number>();
    const read = () => {
      const states = new Map(awareness.getStates() as Map<number, PeerState>);
      setPeers(states);
      dispatch({ type: 'peersChanged', present: new Set(states.keys()) });
      for (const leader of [...gatherers]) {
        if (typeof states.get(leader)?.['gather'] !== 'string') {
          gatherers.delete(leader);
          dispatch({ type: 'gatherEnded', leader });
        }
      }
      for (const [id, s] of states) {
        if (id === awareness.clientID || typeof s['gather'] !== 'string') continue;
        gatherers.add(id);
        dispatch({ type: 'gatherSeen', leader: id, requestId: s['gather'] });
      }
      if (editor && !editor.isDestroyed) editor.commands.setSpotlights(spotlightsOf(editor, states));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, editor, dispatch, setPeers]);
}

function spotlightsOf(editor: Editor, states: Map<number, PeerState>): SpotlightRange[] {
  const ranges: SpotlightRange[] = [];
  for (const s of states.values()) {
    const spot = s['spotlight'] as { anchor?: unknown; head?: unknown } | null | undefined;
    const member = memberOf(s);
    if (!spot || !member) continue;
    const a = toAbsolute(editor, spot.anchor);
    const b = toAbsolute(editor, spot.head);
    if (a === null || b === null || a === b) continue;
    ranges.push({ from: Math.min(a, b), to: Math.max(a, b), color: safeColor(member.color), label: member.name });
  }
  return ranges;
}

/**
 * While following: scroll to the leader's caret when it moves, to their viewport when they
 * scroll, to their spotlight when they set one. Typing or scrolling by hand stops following.
 */
function useFollowView(editor: Editor | null, awareness: Awareness | null, target: number | null, dispatch: (e: FollowEvent) => void): void {
  const last = useRef<{ cursor?: string; viewport?: string; spotlight?: string }>({});
  useEffect(() => {
    if (!editor || !awareness || target === null) return;
    last.current = {};
    const follow = () => {
      const s = awareness.getStates().get(target) as PeerState | undefined;
      if (!s) return;
      const seen = last.current;
      const now = { cursor: JSON.stringify(s['cursor'] ?? null), viewport: JSON.stringify(s['viewport'] ?? null), spotlight: JSON.stringify(s['spotlight'] ?? null) };
      const spot = s['spotlight'] as { anchor?: unknown } | null;
      const cursor = s['cursor'] as { head?: unknown } | null;
      if (now.spotlight !== seen.spotlight && spot) scrollToPosition(editor, toAbsolute(editor, spot.anchor), 'center');
      else if (now.cursor !== seen.cursor && cursor) scrollToPosition(editor, toAbsolute(editor, cursor.head), 'center');
      else if (now.viewport !== seen.viewport && s['viewport']) scrollToPosition(editor, toAbsolute(editor, s['viewport']), 'top');
      last.current = now;
    };
    follow();
    awareness.on('change', follow);
    const byHand = () => dispatch({ type: 'stop', reason: 'scrolled' });
    const typed = ({ transaction }: { transaction: import('@tiptap/pm/state').Transaction }) => {
      const remote = (transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
      if (transaction.docChanged && !remote) dispatch({ type: 'stop', reason: 'typed' });
    };
    window.addEventListener('wheel', byHand, { passive: true });
    window.addEventListener('touchmove', byHand, { passive: true });
    editor.on('transaction', typed);
    return () => {
      awareness.off('change', follow);
      window.removeEventListener('wheel', byHand);
      window.removeEventListener('touchmove', byHand);
      editor.off('transaction', typed);
    };
  }, [editor, awareness, target, dispatch]);
}

/** Publishes the position at the top of this member's view, so that followers can read along. */
function usePublishViewport(editor: Editor | null, awareness: Awareness | null): void {
  useEffect(() => {
    if (!editor || !awareness) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = () => {
      const rect = editor.view.dom.getBoundingClientRect();
      const top = Math.min(Math.max(rect.top, 0) + 24, rect.bottom - 1);
      const hit = editor.view.posAtCoords({ left: rect.left + 24, top });
      if (hit) awareness.setLocalStateField('viewport', toRelative(editor, hit.pos));
    };
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(publish, 150);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('scroll', onScroll);
    };
  }, [editor, awareness]);
}

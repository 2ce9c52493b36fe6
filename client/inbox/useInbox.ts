/** The signed-in member's unread count and inbox revision, live from their `me.<id>` room. */
import { createContext, useContext } from 'react';
import { INBOX_MAP, memberRoom } from '../../shared/rooms';
import { useLiveMap } from '../collab/useLiveRoom';

export interface LiveInboxState {
  /** Unread notifications; undefined until the room has said. */
  unread: number | undefined;
  /** Changes whenever the inbox does. */
  revision: number | undefined;
}

/** Follows a member's inbox state while mounted (`memberId` null follows nothing). */
export function useLiveInbox(memberId: string | null): LiveInboxState {
  const { entries } = useLiveMap(memberId ? memberRoom(memberId) : null, INBOX_MAP);
  const unread = entries.get('unread');
  const revision = entries.get('revision');
  return {
    unread: typeof unread === 'number' ? unread : undefined,
    revision: typeof revision === 'number' ? revision : undefined,
  };
}

const InboxContext = createContext<LiveInboxState>({ unread: undefined, revision: undefined });

/** Shares one live inbox between the header and the inbox page. */
export const InboxStateProvider = InboxContext.Provider;

/** The live inbox state from the nearest provider. */
export const useInboxState = (): LiveInboxState => useContext(InboxContext);

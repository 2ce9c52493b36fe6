/**
 * Keeps open editor pages current about attendance and live sessions: bumps a revision key in the
 * document's read-only `meta.<id>` room, and clients fetch the attendance or the sessions again.
 */
import { ATTENDANCE_REVISION_KEY, SESSIONS_REVISION_KEY, metaRoom } from '../../shared/rooms';
import type { DomainEvents } from '../events';
import { bumpMetaRevision } from './projections';
import type { RoomManager } from './RoomManager';

/** Subscribes the meta rooms to attendance and session events; returns a function that unsubscribes. */
export function publishSessionRevisions(rooms: RoomManager, events: DomainEvents): () => void {
  const bump = (documentId: string, key: string) => {
    const meta = rooms.get(metaRoom(documentId));
    if (meta) bumpMetaRevision(meta.doc, key);
  };
  const off = [
    events.subscribe('attendance.changed', ({ documentId }) => bump(documentId, ATTENDANCE_REVISION_KEY)),
    events.subscribe('session.started', ({ documentId }) => bump(documentId, SESSIONS_REVISION_KEY)),
    events.subscribe('session.ended', ({ documentId }) => bump(documentId, SESSIONS_REVISION_KEY)),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}

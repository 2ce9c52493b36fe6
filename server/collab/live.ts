/**
 * Keeps open clients current when data outside document bodies changes: refreshes the read-only
 * metadata, list and inbox rooms, and re-checks or closes connections whose rights changed.
 */
import { CloseCode, memberRoom, metaRoom, REVIEW_REVISION_KEY, VERSIONS_REVISION_KEY, workspaceRoom } from '../../shared/rooms';
import { unreadCount } from '../commands/inbox';
import type { DomainEvents } from '../events';
import type { Logger } from '../log';
import type { Store } from '../store/Store';
import { roomAccess } from './access';
import type { Connection } from './Connection';
import { bumpCommentsRevision, bumpMetaRevision, liveMeta, writeInbox, writeListEntry, writeMeta } from './projections';
import type { Room } from './Room';
import type { RoomManager } from './RoomManager';

/** How often, at most, edits of one document refresh its "last edited" in the live list. */
const EDIT_REFRESH_MS = 1000;

/** Wires domain events and room activity to live rooms; returns a function that unwires. */
export class LiveUpdates {
  private readonly editTimers = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: (() => void)[];
  private readonly inflight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly rooms: RoomManager,
    private readonly store: Store,
    events: DomainEvents,
    private readonly log: Logger,
  ) {
    this.unsubscribe = [
      events.subscribe('document.changed', ({ documentId }) => {
        this.background(this.refreshDocument(documentId), documentId);
        this.background(this.recheck((room) => room.ref.id === documentId), documentId);
      }),
      events.subscribe('access.changed', ({ documentId, memberId }) => {
        this.background(this.recheck((room, c) => room.ref.id === documentId && c.member.id === memberId), documentId);
        this.background(this.refreshInbox(memberId), memberId); // notifications of that document may show or hide
      }),
      events.subscribe('role.changed', ({ workspaceId, memberId }) => {
        this.background(this.recheck((room, c) => room.workspaceId === workspaceId && c.member.id === memberId), workspaceId);
        this.background(this.refreshInbox(memberId), memberId);
      }),
      events.subscribe('member.removed', ({ workspaceId, memberId }) => {
        rooms.closeWhere((room, c) => room.workspaceId === workspaceId && c.member.id === memberId, CloseCode.REVOKED, 'removed from the collective');
        this.background(this.refreshInbox(memberId), memberId);
      }),
      events.subscribe('sessions.revoked', ({ memberId }) =>
        rooms.closeWhere((_room, c) => c.member.id === memberId, CloseCode.REVOKED, 'session revoked'),
      ),
      events.subscribe('signin.ended', ({ tokenHash }) =>
        rooms.closeWhere((_room, c) => c.session.tokenHash === tokenHash, CloseCode.UNAUTHENTICATED, 'signed out'),
      ),
      events.subscribe('comments.changed', ({ documentId }) => {
        const meta = rooms.get(metaRoom(documentId));
        if (meta) bumpCommentsRevision(meta.doc);
        this.background(this.refreshDocument(documentId), documentId); // its count of open threads
      }),
      events.subscribe('inbox.changed', ({ memberId }) => this.background(this.refreshInbox(memberId), memberId)),
      events.subscribe('versions.changed', ({ documentId }) => {
        const meta = rooms.get(metaRoom(documentId));
        if (meta) bumpMetaRevision(meta.doc, VERSIONS_REVISION_KEY);
      }),
      events.subscribe('review.changed', ({ documentId }) => {
        const meta = rooms.get(metaRoom(documentId));
        if (meta) bumpMetaRevision(meta.doc, REVIEW_REVISION_KEY);
        this.background(this.refreshDocument(documentId), documentId); // its status in the list
      }),
    ];
  }

  /** Room activity hook: presence changes refresh the list now, edits at most once a second. */
  onDocumentActivity(documentId: string, kind: 'presence' | 'edit'): void {
    if (this.closed) return; // shutting down: connections closing are not news for anyone
    if (kind === 'presence') {
      this.background(this.refreshDocument(documentId), documentId);
      return;
    }
    if (this.editTimers.has(documentId)) return;
    const timer = setTimeout(() => {
      this.editTimers.delete(documentId);
      this.background(this.refreshDocument(documentId), documentId);
    }, EDIT_REFRESH_MS);
    timer.unref();
    this.editTimers.set(documentId, timer);
  }

  /** Stops listening and waits for refreshes already running (they read the store). */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe.forEach((off) => off());
    this.editTimers.forEach((timer) => clearTimeout(timer));
    await Promise.allSettled([...this.inflight]);
  }

  private async refreshDocument(documentId: string): Promise<void> {
    const row = await this.store.getDocument(documentId);
    if (!row) return;
    const meta = this.rooms.get(metaRoom(documentId));
    if (meta) writeMeta(meta.doc, row);
    if (!this.rooms.get(workspaceRoom(row.workspaceId))) return;
    const openThreads = (await this.store.countOpenThreads(row.workspaceId)).get(row.id) ?? 0;
    const entry = await liveMeta(this.store, row, this.rooms.membersIn(documentId), openThreads);
    // Looked up again after reading the store: the room may have been unloaded meanwhile.
    const list = this.rooms.get(workspaceRoom(row.workspaceId));
    if (list) writeListEntry(list.doc, row.id, entry);
  }

  private async refreshInbox(memberId: string): Promise<void> {
    if (!this.rooms.get(memberRoom(memberId))) return;
    const unread = await unreadCount(this.store, memberId);
    const room = this.rooms.get(memberRoom(memberId));
    if (room) writeInbox(room.doc, unread);
  }

  // Rights are decided again from the store: lost access closes for good, changed access makes
  // the client reconnect and get its new rights at the door.
  private async recheck(predicate: (room: Room, connection: Connection) => boolean): Promise<void> {
    for (const room of this.rooms.all()) {
      for (const connection of [...room.connections]) {
        if (!predicate(room, connection)) continue;
        const decision = await roomAccess(this.store, connection.member.id, room.ref);
        if (!decision.ok) connection.close(CloseCode.REVOKED, 'access revoked');
        else if (decision.access !== connection.access) connection.close(CloseCode.ACCESS_CHANGED, 'access changed');
      }
    }
  }

  private background(task: Promise<void>, id: string): void {
    const tracked = task.catch((error) => this.log.error('live update failed', error, { id }));
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }
}

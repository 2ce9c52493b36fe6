/**
 * Server-owned, read-only rooms that publish data which is not document text: `meta.<id>` (one
 * document's title, kind, archived flag, and a revision of its comment threads), `ws.<id>` (a
 * collective's live document list with who is in each document) and `me.<id>` (one member's
 * unread count). Clients sync them like any room but can never write them.
 */
import * as Y from 'yjs';
import type { LiveDocumentMeta, LiveInbox, MemberSummary } from '../../shared/api';
import { ATTENDANCE_REVISION_KEY, COMMENTS_REVISION_KEY, DOCUMENT_LIST_MAP, INBOX_MAP, META_MAP, SESSIONS_REVISION_KEY } from '../../shared/rooms';
import { initialStatus } from '../../shared/review';
import { summarize } from '../commands/context';
import { unreadCount } from '../commands/inbox';
import type { DocumentRow, Store } from '../store/Store';

/**
 * A revision greater than `previous`. Based on the clock, so that it also grows across a room's
 * reloads and server restarts: a client that kept an older value always sees a change.
 */
export const nextRevision = (previous: unknown): number => Math.max(typeof previous === 'number' ? previous + 1 : 0, Date.now());

/** The live metadata of one document; `openThreads` counts its unresolved comment threads. */
export async function liveMeta(store: Store, row: DocumentRow, present: MemberSummary[], openThreads: number): Promise<LiveDocumentMeta> {
  const editor = row.updatedBy ? await store.getMember(row.updatedBy) : null;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    archived: row.archived,
    updatedAt: row.updatedAt,
    updatedBy: editor ? summarize(editor) : null,
    present,
    openThreads,
    status: (await store.getReviewState(row.id)).status?.status ?? initialStatus(row.kind),
    reviewActivityAt: (await store.listActivity(row.id, 1))[0]?.at ?? null,
  };
}

/** Writes a document's metadata into a `meta.<id>` room's doc (only changed keys): title, kind, archived, language, typography. */
export function writeMeta(doc: Y.Doc, row: DocumentRow): void {
  const map = doc.getMap<unknown>(META_MAP);
  doc.transact(() => {
    const meta = { title: row.title, kind: row.kind, archived: row.archived, language: row.language, typography: row.typography };
    for (const [key, value] of Object.entries(meta)) {
      if (map.get(key) !== value) map.set(key, value);
    }
  });
}

/** Sets or removes one document's entry in a `ws.<id>` room's list. */
export function writeListEntry(doc: Y.Doc, id: string, meta: LiveDocumentMeta | null): void {
  const map = doc.getMap<LiveDocumentMeta>(DOCUMENT_LIST_MAP);
  if (meta === null) map.delete(id);
  else if (JSON.stringify(map.get(id)) !== JSON.stringify(meta)) map.set(id, meta);
}

/** Tells a `meta.<id>` room's clients that the document's threads changed (they fetch them again). */
export function bumpCommentsRevision(doc: Y.Doc): void {
  bumpMetaRevision(doc, COMMENTS_REVISION_KEY);
}

/** Grows one revision key of a `meta.<id>` room (comments, versions, review): its clients fetch that part again. */
export function bumpMetaRevision(doc: Y.Doc, key: string): void {
  const map = doc.getMap<unknown>(META_MAP);
  map.set(key, nextRevision(map.get(key)));
}

/** Builds the doc of a `meta.<id>` room. */
export function buildMetaDoc(row: DocumentRow): Y.Doc {
  const doc = new Y.Doc();
  writeMeta(doc, row);
  bumpCommentsRevision(doc);
  // Newer than any value a client kept from before a restart or an unload: it fetches them again.
  for (const key of [ATTENDANCE_REVISION_KEY, SESSIONS_REVISION_KEY]) bumpMetaRevision(doc, key);
  return doc;
}

/** Builds the doc of a `ws.<id>` room from the collective's documents. */
export async function buildListDoc(store: Store, workspaceId: string, presentIn: (documentId: string) => MemberSummary[]): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const openThreads = await store.countOpenThreads(workspaceId);
  for (const row of await store.listDocuments(workspaceId)) {
    writeListEntry(doc, row.id, await liveMeta(store, row, presentIn(row.id), openThreads.get(row.id) ?? 0));
  }
  return doc;
}

/** Writes a member's unread count into a `me.<id>` room's doc, with a new revision. */
export function writeInbox(doc: Y.Doc, unread: number): void {
  const map = doc.getMap<LiveInbox[keyof LiveInbox]>(INBOX_MAP);
  doc.transact(() => {
    map.set('unread', unread);
    map.set('revision', nextRevision(map.get('revision')));
  });
}

/** Builds the doc of a `me.<id>` room: the member's live inbox state (a LiveInbox, one key per field). */
export async function buildInboxDoc(store: Store, memberId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  writeInbox(doc, await unreadCount(store, memberId));
  return doc;
}

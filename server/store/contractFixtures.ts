/**
 * Row factories, clock and Yjs helpers for the Store contract suite. Ids are unique per call so
 * tests never collide; times are fixed so ordering assertions do not depend on the wall clock.
 */
import * as Y from 'yjs';
import type { CommentRow, DocumentRow, InviteRow, MemberRow, NotificationRow, Store, ThreadRow, WorkspaceRow } from './Store';

let counter = 0;

/** A unique id in the shape of server/ids.ts (URL-safe, at least 8 characters). */
export const testId = (prefix: string): string => `${prefix}_${String(++counter).padStart(8, '0')}`;

const EPOCH = Date.parse('2030-01-01T00:00:00.000Z');

/** A fixed instant `minutes` after the suite's epoch, as an ISO timestamp. */
export const at = (minutes: number): string => new Date(EPOCH + minutes * 60_000).toISOString();

/** A member row; the hash is a placeholder (the store never interprets it). */
export function memberRow(overrides: Partial<MemberRow> = {}): MemberRow {
  const id = testId('mem');
  return { id, email: `${id}@example.org`, name: `Member ${id}`, passwordHash: 'scrypt$placeholder', createdAt: at(0), ...overrides };
}

/** A collective row. */
export function workspaceRow(overrides: Partial<WorkspaceRow> = {}): WorkspaceRow {
  const id = testId('ws');
  return { id, name: `Collective ${id}`, createdAt: at(0), ...overrides };
}

/** A document row in `workspaceId`, created and last updated at minute 0 unless overridden. */
export function documentRow(workspaceId: string, overrides: Partial<DocumentRow> = {}): DocumentRow {
  return {
    id: testId('doc'),
    workspaceId,
    title: 'Funding proposal',
    kind: 'proposal',
    archived: false,
    createdAt: at(0),
    createdBy: null,
    updatedAt: at(0),
    updatedBy: null,
    language: 'fr',
    typography: true,
    ...overrides,
  };
}

/** An unused invite to `workspaceId`, valid until minute 60. */
export function inviteRow(workspaceId: string, createdBy: string, overrides: Partial<InviteRow> = {}): InviteRow {
  return {
    id: testId('invid'),
    tokenHash: testId('inv'),
    workspaceId,
    role: 'member',
    createdBy,
    createdAt: at(0),
    expiresAt: at(60),
    usedAt: null,
    usedBy: null,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}

/** An open thread on `documentId` by `createdBy`, created at minute 1 unless overridden. */
export function threadRow(documentId: string, createdBy: string, overrides: Partial<ThreadRow> = {}): ThreadRow {
  return {
    id: testId('thr'),
    documentId,
    anchorStart: 'AQIDBA==',
    anchorEnd: 'BQYHCA==',
    quote: 'le budget prévisionnel',
    createdBy,
    createdAt: at(1),
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

/** A comment in `threadId` by `authorId`, mentioning nobody, created at minute 1 unless overridden. */
export function commentRow(threadId: string, authorId: string, overrides: Partial<CommentRow> = {}): CommentRow {
  return { id: testId('com'), threadId, authorId, body: 'Pouvez-vous préciser ?', mentions: [], createdAt: at(1), editedAt: null, ...overrides };
}

/** An unread notification to `memberId` about `comment` (in `documentId`), written with it. */
export function notificationRow(memberId: string, documentId: string, comment: CommentRow, overrides: Partial<NotificationRow> = {}): NotificationRow {
  return {
    id: testId('ntf'),
    memberId,
    kind: 'mention',
    documentId,
    threadId: comment.threadId,
    commentId: comment.id,
    actorId: comment.authorId,
    createdAt: comment.createdAt,
    readAt: null,
    ...overrides,
  };
}

/** A collective with a coordinator, created through `setMembership` (not `setup`, which runs once). */
export async function seedCollective(store: Store): Promise<{ workspace: WorkspaceRow; coordinator: MemberRow }> {
  const workspace = workspaceRow();
  const coordinator = memberRow();
  await store.createWorkspace(workspace);
  await store.createMember(coordinator);
  await store.setMembership(workspace.id, coordinator.id, 'coordinator', at(0));
  return { workspace, coordinator };
}

/** Name of the Y.Text the body tests write into. */
const TEXT = 'body';

/**
 * Real Yjs updates: the encoded empty state of a new doc, then one update per typed piece of text,
 * exactly as a Y.Doc emits them while someone writes.
 */
export function typedUpdates(pieces: readonly string[]): { initialState: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const initialState = Y.encodeStateAsUpdate(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText(TEXT);
  for (const piece of pieces) text.insert(text.length, piece);
  doc.destroy();
  return { initialState, updates };
}

/** The text a fresh Y.Doc shows after applying a stored log, in order. */
export function replay(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const text = doc.getText(TEXT).toString();
  doc.destroy();
  return text;
}

/** Merges log entries into one state, as background compaction does. */
export const mergeUpdates = (updates: readonly Uint8Array[]): Uint8Array => Y.mergeUpdates([...updates]);

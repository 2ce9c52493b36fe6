/**
 * A member's inbox: the notifications their colleagues' comments caused and their invitations to
 * live sessions (a table of their own, see sqliteSchema.ts migration 3), and marking them read.
 */
import { MarkReadRequest, type InboxItem, type InboxResponse } from '../../shared/api';
import type { LiveSessionRow, SessionInvitationRow } from '../store/attendanceStore';
import type { DocumentRow, MemberRow, NotificationRow, Store } from '../store/Store';
import { accessTo, parse, summarize, type CommandContext } from './context';

/** Most notifications the inbox shows. */
export const INBOX_LIMIT = 50;
/** Longest excerpt of a comment, in characters. */
export const EXCERPT_CHARS = 140;

/** The start of a comment on one line, cut at a character boundary with an ellipsis. */
export function excerpt(body: string): string {
  const characters = Array.from(body.replace(/\s+/g, ' ').trim());
  return characters.length <= EXCERPT_CHARS ? characters.join('') : `${characters.slice(0, EXCERPT_CHARS - 1).join('').trimEnd()}…`;
}

/** Documents the member can read now, each looked up once (null when they cannot or it is gone). */
function readableDocuments(store: Store, memberId: string): (documentId: string) => Promise<DocumentRow | null> {
  const cache = new Map<string, Promise<DocumentRow | null>>();
  const load = async (documentId: string) => {
    const document = await store.getDocument(documentId);
    return document && (await accessTo(store, memberId, document)).access !== null ? document : null;
  };
  return (documentId) => {
    if (!cache.has(documentId)) cache.set(documentId, load(documentId));
    return cache.get(documentId)!;
  };
}

/** How many of the member's notifications are unread, among those the inbox shows. */
export async function unreadCount(store: Store, memberId: string, readable = readableDocuments(store, memberId)): Promise<number> {
  let total = 0;
  for (const counts of [await store.countUnread(memberId), await store.countUnreadInvitations(memberId)]) {
    for (const [documentId, count] of counts) {
      if (await readable(documentId)) total += count;
    }
  }
  return total;
}

async function toItem(ctx: CommandContext, row: NotificationRow, document: DocumentRow): Promise<InboxItem | null> {
  const [comment, actor] = await Promise.all([ctx.store.getComment(row.commentId), ctx.store.getMember(row.actorId)]);
  if (!comment || !actor) return null;
  return {
    id: row.id,
    kind: row.kind,
    document: { id: document.id, title: document.title },
    threadId: row.threadId,
    commentId: row.commentId,
    sessionId: null,
    actor: summarize(actor),
    excerpt: excerpt(comment.body),
    createdAt: row.createdAt,
    read: row.readAt !== null,
  };
}

async function invitationItem(ctx: CommandContext, invitation: SessionInvitationRow, session: LiveSessionRow, document: DocumentRow): Promise<InboxItem | null> {
  const starter = await ctx.store.getMember(session.startedBy);
  if (!starter) return null;
  return {
    id: invitation.id,
    kind: 'session',
    document: { id: document.id, title: document.title },
    threadId: null,
    commentId: null,
    sessionId: session.id,
    actor: summarize(starter),
    excerpt: '',
    createdAt: invitation.createdAt,
    read: invitation.readAt !== null,
  };
}

/**
 * The member's latest notifications, newest first, and how many are unread. Notifications about
 * documents they can no longer read (removed from the collective, access withdrawn) are neither
 * shown nor counted; they come back if access does.
 */
export async function getInbox(ctx: CommandContext, actor: MemberRow): Promise<InboxResponse> {
  const rows = await ctx.store.listNotifications(actor.id, INBOX_LIMIT);
  const readable = readableDocuments(ctx.store, actor.id);
  const items: InboxItem[] = [];
  for (const row of rows) {
    const document = await readable(row.documentId);
    const item = document && (await toItem(ctx, row, document));
    if (item) items.push(item);
  }
  for (const { invitation, session } of await ctx.store.listInvitations(actor.id, INBOX_LIMIT)) {
    const document = await readable(session.documentId);
    const item = document && (await invitationItem(ctx, invitation, session, document));
    if (item) items.push(item);
  }
  // Sorted by time only: Array.prototype.sort is stable, each source is already newest first.
  items.sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : 0));
  return { items: items.slice(0, INBOX_LIMIT), unread: await unreadCount(ctx.store, actor.id, readable) };
}

/** Marks some of the member's notifications and invitations read (others' ids are ignored), or all of them. */
export async function markRead(ctx: CommandContext, actor: MemberRow, input: unknown): Promise<void> {
  const { ids } = parse(MarkReadRequest, input);
  const at = ctx.now().toISOString();
  const changed = (await ctx.store.markRead(actor.id, ids ?? null, at)) + (await ctx.store.markInvitationsRead(actor.id, ids ?? null, at));
  if (changed > 0) ctx.events.publish('inbox.changed', { memberId: actor.id });
}

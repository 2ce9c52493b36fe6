/**
 * Who a comment may mention, and whom it notifies. Notifications are decided here and written by
 * the store in the same transaction as the comment, so an inbox never names a comment that was
 * not stored, nor misses one that was.
 */
import { ErrorId, type NotificationKind } from '../../shared/api';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { CommentRow, DocumentRow, NotificationRow } from '../store/Store';
import { accessTo, type CommandContext } from './context';

/** Why a mentioned member cannot be mentioned, or null when they can. */
async function mentionProblem(ctx: CommandContext, memberId: string, document: DocumentRow): Promise<string | null> {
  const { role, access } = await accessTo(ctx.store, memberId, document);
  if (role === null) return 'not a member of this collective';
  if (access === null) return 'they cannot read this document';
  return null;
}

/**
 * The distinct members a comment mentions. Each must belong to the document's collective and be
 * able to read the document (400 mention_invalid otherwise): a mention is a promise that they
 * will see the comment.
 */
export async function checkMentions(ctx: CommandContext, document: DocumentRow, ids: readonly string[]): Promise<string[]> {
  const distinct = [...new Set(ids)];
  for (const id of distinct) {
    const problem = await mentionProblem(ctx, id, document);
    if (problem !== null) throw new AppError(400, ErrorId.MENTION_INVALID, `Cannot mention ${id}: ${problem}.`);
  }
  return distinct;
}

/** A member who would hear of a comment, and why. */
export interface Candidate {
  memberId: string | null;
  kind: NotificationKind;
}

/**
 * The notifications a new comment causes: its mentions first, then `others` in order of priority
 * (the thread's creator for a reply, the document's creator for a new thread). One per member,
 * the first reason winning; never to the comment's author; only to members who can read the document.
 */
export async function notificationsFor(ctx: CommandContext, document: DocumentRow, comment: CommentRow, others: readonly Candidate[]): Promise<NotificationRow[]> {
  const reasons = new Map<string, NotificationKind>();
  const candidates: Candidate[] = [...comment.mentions.map((memberId): Candidate => ({ memberId, kind: 'mention' })), ...others];
  for (const { memberId, kind } of candidates) {
    if (memberId !== null && memberId !== comment.authorId && !reasons.has(memberId)) reasons.set(memberId, kind);
  }
  const notifications: NotificationRow[] = [];
  for (const [memberId, kind] of reasons) {
    if ((await accessTo(ctx.store, memberId, document)).access === null) continue;
    notifications.push({
      id: newId(),
      memberId,
      kind,
      documentId: document.id,
      threadId: comment.threadId,
      commentId: comment.id,
      actorId: comment.authorId,
      createdAt: comment.createdAt,
      readAt: null,
    });
  }
  return notifications;
}

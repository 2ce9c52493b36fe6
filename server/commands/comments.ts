/**
 * Inline comments: threads anchored to a passage of a document, replies, edits and deletions of
 * one's own comments, resolving. Comment text is plain text, stored and returned exactly as sent
 * (only trimmed): clients show it as text, so markup in it is never interpreted anywhere.
 */
import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import {
  CommentPageQuery,
  CommentRequest,
  CreateThreadRequest,
  ErrorId,
  IdParam,
  ThreadPageQuery,
  type CommentListResponse,
  type CommentView,
  type MentionableResponse,
  type ThreadAnchor,
  type ThreadListResponse,
  type ThreadView,
} from '../../shared/api';
import { decodePosition } from '../../shared/comments/anchors';
import { canOnDocument, type Access } from '../../shared/permissions';
import { AppError, forbidden, notFound } from '../errors';
import { newId } from '../ids';
import type { CommentRow, DocumentRow, MemberRow, ThreadRow } from '../store/Store';
import { membersAccess, parse, requireDocument, summarize, type CommandContext } from './context';
import { checkMentions, notificationsFor } from './mentions';
import { canResolve, commentPage, commentView, decodeCursor, requireComment, requireThread, threadPage, threadView } from './threadViews';

/**
 * Whether a stored anchor end is an encoded Yjs relative position: one that decodes, names an
 * item or a type, and encodes back to the same bytes (no trailing garbage).
 */
function isRelativePosition(encoded: string): boolean {
  const position = decodePosition(encoded);
  if (position === null || (position.item === null && position.type === null && position.tname === null)) return false;
  const bytes = fromBase64(encoded);
  const again = Y.encodeRelativePosition(position);
  return again.length === bytes.length && again.every((byte, i) => byte === bytes[i]);
}

function checkAnchor(anchor: ThreadAnchor): void {
  if (!isRelativePosition(anchor.start) || !isRelativePosition(anchor.end)) {
    throw new AppError(400, ErrorId.INVALID_INPUT, 'The request is not valid.', [{ path: 'anchor', message: 'not an encoded Yjs relative position' }]);
  }
}

function requireCommentAccess(access: Access): void {
  if (!canOnDocument(access, 'comment')) throw forbidden('You cannot comment on this document.');
}

/** Editing and deleting: only the author, and only while they may still comment. */
function requireAuthor(actor: MemberRow, comment: CommentRow, access: Access): void {
  if (comment.authorId !== actor.id) throw forbidden('Only its author can change a comment.');
  requireCommentAccess(access);
}

/** Tells open clients: the document's threads changed, and these members' inboxes did. */
function publish(ctx: CommandContext, document: DocumentRow, inboxesOf: Iterable<string> = []): void {
  ctx.events.publish('comments.changed', { documentId: document.id, workspaceId: document.workspaceId });
  for (const memberId of new Set(inboxesOf)) ctx.events.publish('inbox.changed', { memberId });
}

/** A new comment by the actor, as stored. */
function newComment(ctx: CommandContext, actor: MemberRow, threadId: string, body: string, mentions: string[]): CommentRow {
  return { id: newId(), threadId, authorId: actor.id, body: body.trim(), mentions, createdAt: ctx.now().toISOString(), editedAt: null };
}

/**
 * One page of the threads of a document the actor can read, oldest first (`query`: `limit` and
 * the previous page's `cursor`). Paged, with a few comments each, so that no answer grows with
 * the document's whole discussion.
 */
export async function listThreads(ctx: CommandContext, actor: MemberRow, documentId: string, query: unknown = {}): Promise<ThreadListResponse> {
  parse(IdParam, documentId);
  const { limit, cursor } = parse(ThreadPageQuery, query);
  const start = decodeCursor(cursor);
  return threadPage(ctx, actor, await requireDocument(ctx, actor, documentId), start, limit);
}

/** One page of a thread's comments, oldest first (`query`: `limit` and a `cursor`). */
export async function listComments(ctx: CommandContext, actor: MemberRow, threadId: string, query: unknown = {}): Promise<CommentListResponse> {
  parse(IdParam, threadId);
  const { limit, cursor } = parse(CommentPageQuery, query);
  const start = decodeCursor(cursor);
  return commentPage(ctx, await requireThread(ctx, actor, threadId), start, limit);
}

/** Opens a thread on a passage with its first comment (comment access). */
export async function createThread(ctx: CommandContext, actor: MemberRow, documentId: string, input: unknown): Promise<ThreadView> {
  parse(IdParam, documentId);
  const request = parse(CreateThreadRequest, input);
  checkAnchor(request.anchor);
  const { document, access } = await requireDocument(ctx, actor, documentId);
  requireCommentAccess(access);
  const mentions = await checkMentions(ctx, document, request.mentions);
  const comment = newComment(ctx, actor, newId(), request.body, mentions);
  const { start, end, quote } = request.anchor;
  const thread: ThreadRow = { id: comment.threadId, documentId, anchorStart: start, anchorEnd: end, quote, createdBy: actor.id, createdAt: comment.createdAt, resolvedAt: null, resolvedBy: null };
  const notifications = await notificationsFor(ctx, document, comment, [{ memberId: document.createdBy, kind: 'thread' }]);
  await ctx.store.createThread(thread, comment, notifications);
  publish(ctx, document, notifications.map((n) => n.memberId));
  return threadView(ctx, actor, { thread, document, access });
}

/** Replies in a thread (comment access); returns the new comment only (a thread may be long). */
export async function reply(ctx: CommandContext, actor: MemberRow, threadId: string, input: unknown): Promise<CommentView> {
  parse(IdParam, threadId);
  const request = parse(CommentRequest, input);
  const visible = await requireThread(ctx, actor, threadId);
  requireCommentAccess(visible.access);
  const comment = newComment(ctx, actor, threadId, request.body, await checkMentions(ctx, visible.document, request.mentions));
  const notifications = await notificationsFor(ctx, visible.document, comment, [{ memberId: visible.thread.createdBy, kind: 'reply' }]);
  await ctx.store.addComment(comment, notifications);
  publish(ctx, visible.document, notifications.map((n) => n.memberId));
  return commentView(ctx, visible.document, comment);
}

/** Changes the text and mentions of one's own comment, and returns it. Edits notify nobody. */
export async function editComment(ctx: CommandContext, actor: MemberRow, commentId: string, input: unknown): Promise<CommentView> {
  parse(IdParam, commentId);
  const request = parse(CommentRequest, input);
  const { comment, ...visible } = await requireComment(ctx, actor, commentId);
  requireAuthor(actor, comment, visible.access);
  const mentions = await checkMentions(ctx, visible.document, request.mentions);
  const editedAt = ctx.now().toISOString();
  const edited: CommentRow = { ...comment, body: request.body.trim(), mentions, editedAt };
  // Deleted meanwhile (by its author, in another tab): nothing was changed.
  if (!(await ctx.store.updateComment(edited.id, edited.body, mentions, editedAt))) throw notFound('Comment');
  publish(ctx, visible.document);
  return commentView(ctx, visible.document, edited);
}

/** Deletes one's own comment with its notifications; the thread goes with its last comment. */
export async function deleteComment(ctx: CommandContext, actor: MemberRow, commentId: string): Promise<void> {
  parse(IdParam, commentId);
  const { comment, thread, document, access } = await requireComment(ctx, actor, commentId);
  requireAuthor(actor, comment, access);
  await ctx.store.deleteComment(comment.id);
  // Everyone the comment may have notified: their unread count may have dropped.
  const notified = [...comment.mentions, thread.createdBy, document.createdBy].filter((id): id is string => id !== null && id !== actor.id);
  publish(ctx, document, notified);
}

/** Resolves (true) or reopens (false) a thread: its creator or whoever may edit the body. */
export async function setResolved(ctx: CommandContext, actor: MemberRow, threadId: string, resolved: boolean): Promise<ThreadView> {
  parse(IdParam, threadId);
  const visible = await requireThread(ctx, actor, threadId);
  if (!canResolve(actor.id, visible.thread, visible.access)) throw forbidden('Only the thread’s author or an editor can resolve it.');
  if ((visible.thread.resolvedAt !== null) !== resolved) {
    await ctx.store.setThreadResolved(threadId, resolved ? { by: actor.id, at: ctx.now().toISOString() } : null);
    publish(ctx, visible.document);
  }
  return threadView(ctx, actor, visible);
}

/** Members of the document's collective who can read it: whom a comment may mention. */
export async function mentionable(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<MentionableResponse> {
  parse(IdParam, documentId);
  const { document } = await requireDocument(ctx, actor, documentId);
  const readers = (await membersAccess(ctx.store, document)).filter(({ effective }) => effective !== null);
  return { members: readers.map(({ membership }) => summarize(membership.member)) };
}

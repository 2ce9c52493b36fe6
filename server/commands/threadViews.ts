/**
 * Threads as the API shows them, and finding a thread or comment the actor may see. A thread or
 * comment in a document the actor cannot read is answered exactly like one that does not exist.
 */
import { COMMENTS_PER_LISTED_THREAD, ErrorId, IdParam, type CommentListResponse, type CommentView, type ThreadListResponse, type ThreadView } from '../../shared/api';
import { canOnDocument, type Access } from '../../shared/permissions';
import { AppError, notFound } from '../errors';
import type { CommentRow, DocumentRow, MemberRow, PageStart, ThreadRow, ThreadWithComments } from '../store/Store';
import { memberLookup, requireDocument, type CommandContext, type MemberLookup } from './context';

/** A document the actor can read, and their access to it. */
export interface VisibleDocument {
  document: DocumentRow;
  access: Access;
}

/** A thread the actor can see, its document and the actor's access to it. */
export interface VisibleThread extends VisibleDocument {
  thread: ThreadRow;
}

/** The thread if the actor can read its document; 404 otherwise. */
export async function requireThread(ctx: CommandContext, actor: MemberRow, threadId: string): Promise<VisibleThread> {
  const thread = await ctx.store.getThread(threadId);
  if (!thread) throw notFound('Thread');
  const { document, access } = await requireDocument(ctx, actor, thread.documentId, 'Thread');
  return { thread, document, access };
}

/** The comment if the actor can read its document; 404 otherwise. */
export async function requireComment(ctx: CommandContext, actor: MemberRow, commentId: string): Promise<VisibleThread & { comment: CommentRow }> {
  const comment = await ctx.store.getComment(commentId);
  const thread = comment && (await ctx.store.getThread(comment.threadId));
  if (!comment || !thread) throw notFound('Comment');
  const { document, access } = await requireDocument(ctx, actor, thread.documentId, 'Comment');
  return { comment, thread, document, access };
}

/**
 * Whether a member may resolve or reopen a thread: whoever may edit the body, or the thread's
 * creator while they may still comment (so an archived document's threads stay as they are).
 */
export function canResolve(memberId: string, thread: ThreadRow, access: Access): boolean {
  return canOnDocument(access, 'editBody') || (thread.createdBy === memberId && canOnDocument(access, 'comment'));
}

async function toCommentView(comment: CommentRow, lookup: MemberLookup): Promise<CommentView> {
  return {
    id: comment.id,
    threadId: comment.threadId,
    author: await lookup(comment.authorId),
    body: comment.body,
    mentions: await Promise.all(comment.mentions.map((id) => lookup(id))),
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
  };
}

/**
 * A thread as the API shows it, from its row and its first comments as read: one comment more than
 * a list shows tells that there are more, and where they start.
 */
async function toThreadView({ thread, comments }: ThreadWithComments, lookup: MemberLookup, actorId: string, access: Access): Promise<ThreadView> {
  const resolvedBy = await lookup(thread.resolvedBy);
  const shown = comments.slice(0, COMMENTS_PER_LISTED_THREAD);
  return {
    id: thread.id,
    documentId: thread.documentId,
    anchor: { start: thread.anchorStart, end: thread.anchorEnd, quote: thread.quote },
    createdBy: await lookup(thread.createdBy),
    createdAt: thread.createdAt,
    resolved: resolvedBy && thread.resolvedAt !== null ? { by: resolvedBy, at: thread.resolvedAt } : null,
    comments: await Promise.all(shown.map((comment) => toCommentView(comment, lookup))),
    commentsCursor: comments.length > shown.length ? encodeCursor(shown.at(-1)!) : null,
    canResolve: canResolve(actorId, thread, access),
  };
}

/**
 * A page cursor: the creation time and id of the last row of a page, base64url. Opaque to clients;
 * decoded strictly, since it comes back from them.
 */
export const encodeCursor = (row: PageStart): string => Buffer.from(`${row.createdAt} ${row.id}`).toString('base64url');

/** The page start a cursor names; 400 invalid_input for one this server did not make. */
export function decodeCursor(cursor: string | undefined): PageStart | null {
  if (cursor === undefined) return null;
  const [createdAt = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(' ');
  if (rest.length > 0 || !IdParam.safeParse(id).success || Number.isNaN(Date.parse(createdAt)) || new Date(createdAt).toISOString() !== createdAt) {
    throw new AppError(400, ErrorId.INVALID_INPUT, 'The request is not valid.', [{ path: 'cursor', message: 'not a cursor of this list' }]);
  }
  return { createdAt, id };
}

/** A page of a document's threads as the actor sees them, oldest first, with the next page's cursor. */
export async function threadPage(ctx: CommandContext, actor: MemberRow, { document, access }: VisibleDocument, start: PageStart | null, limit: number): Promise<ThreadListResponse> {
  const lookup = await memberLookup(ctx, document.workspaceId);
  // One row more than asked, of threads and of comments: whether another page, or comment, follows.
  const rows = await ctx.store.listThreadPage(document.id, start, limit + 1, COMMENTS_PER_LISTED_THREAD + 1);
  const page = rows.slice(0, limit);
  return {
    threads: await Promise.all(page.map((row) => toThreadView(row, lookup, actor.id, access))),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.thread) : null,
  };
}

/** A page of a thread's comments, oldest first, with the next page's cursor. */
export async function commentPage(ctx: CommandContext, { thread, document }: VisibleThread, start: PageStart | null, limit: number): Promise<CommentListResponse> {
  const lookup = await memberLookup(ctx, document.workspaceId);
  const rows = await ctx.store.listComments(thread.id, start, limit + 1);
  const page = rows.slice(0, limit);
  return {
    comments: await Promise.all(page.map((comment) => toCommentView(comment, lookup))),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null,
  };
}

/** One thread as the actor sees it, after a change, with its first comments; 404 if it is gone. */
export async function threadView(ctx: CommandContext, actor: MemberRow, { thread, document, access }: VisibleThread): Promise<ThreadView> {
  const [found, comments] = await Promise.all([ctx.store.getThread(thread.id), ctx.store.listComments(thread.id, null, COMMENTS_PER_LISTED_THREAD + 1)]);
  if (!found || comments.length === 0) throw notFound('Thread');
  return toThreadView({ thread: found, comments }, await memberLookup(ctx, document.workspaceId), actor.id, access);
}

/** One comment as the API shows it (the answer to a reply or an edit: not its whole thread). */
export async function commentView(ctx: CommandContext, document: DocumentRow, comment: CommentRow): Promise<CommentView> {
  return toCommentView(comment, await memberLookup(ctx, document.workspaceId));
}

/**
 * Threads as the API shows them, and finding a thread or comment the actor may see. A thread or
 * comment in a document the actor cannot read is answered exactly like one that does not exist.
 */
import type { CommentView, ThreadView } from '../../shared/api';
import { canOnDocument, type Access } from '../../shared/permissions';
import { notFound } from '../errors';
import type { CommentRow, DocumentRow, MemberRow, ThreadRow, ThreadWithComments } from '../store/Store';
import { memberLookup, requireDocument, type CommandContext, type MemberLookup } from './context';

/** A thread the actor can see, its document and the actor's access to it. */
export interface VisibleThread {
  thread: ThreadRow;
  document: DocumentRow;
  access: Access;
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

async function toThreadView({ thread, comments }: ThreadWithComments, lookup: MemberLookup, actorId: string, access: Access): Promise<ThreadView> {
  const resolvedBy = await lookup(thread.resolvedBy);
  return {
    id: thread.id,
    documentId: thread.documentId,
    anchor: { start: thread.anchorStart, end: thread.anchorEnd, quote: thread.quote },
    createdBy: await lookup(thread.createdBy),
    createdAt: thread.createdAt,
    resolved: resolvedBy && thread.resolvedAt !== null ? { by: resolvedBy, at: thread.resolvedAt } : null,
    comments: await Promise.all(comments.map((comment) => toCommentView(comment, lookup))),
    canResolve: canResolve(actorId, thread, access),
  };
}

/** Every thread of a document as the actor sees it, oldest first. */
export async function threadViews(ctx: CommandContext, actor: MemberRow, document: DocumentRow, access: Access): Promise<ThreadView[]> {
  const lookup = await memberLookup(ctx, document.workspaceId);
  const threads = await ctx.store.listThreads(document.id);
  return Promise.all(threads.map((thread) => toThreadView(thread, lookup, actor.id, access)));
}

/** One thread as the actor sees it, after a change; 404 if it is gone. */
export async function threadView(ctx: CommandContext, actor: MemberRow, { thread, document, access }: VisibleThread): Promise<ThreadView> {
  const found = (await ctx.store.listThreads(document.id)).find((t) => t.thread.id === thread.id);
  if (!found) throw notFound('Thread');
  return toThreadView(found, await memberLookup(ctx, document.workspaceId), actor.id, access);
}

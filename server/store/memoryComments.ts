/**
 * Comment threads, comments and notifications of MemoryStore, in insertion-ordered Maps. Like
 * SQLite it refuses rows that reference missing ones, checks everything before the first write
 * (so a refused call leaves nothing behind), cascades deletions, and copies rows in and out.
 * Lists break ties between equal timestamps by insertion order, as SQLite does with its rowid.
 */
import type { CommentRow, CommentStore, NotificationRow, PageStart, ThreadRow, ThreadWithComments, Timestamp } from './Store';

/** What the comment tables need to know about the rest of the store (its foreign keys). */
export interface CommentReferences {
  hasMember(id: string): boolean;
  hasDocument(id: string): boolean;
  /** The collective of a document, or undefined if there is no such document. */
  workspaceOf(documentId: string): string | undefined;
}

const copyThread = (t: ThreadRow): ThreadRow => ({ ...t });
const copyComment = (c: CommentRow): CommentRow => ({ ...c, mentions: [...c.mentions] });
const copyNotification = (n: NotificationRow): NotificationRow => ({ ...n });

/** Stands in for a foreign-key or primary-key violation. */
function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`MemoryStore: ${message}`);
}

/** Oldest first; Array.prototype.sort is stable, so equal times keep insertion order. */
const oldestFirst = <T extends { createdAt: Timestamp }>(rows: T[]): T[] => rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));

/**
 * The rows of an oldest-first list after `start`, at most `limit`. A start row that is gone is
 * replaced by the first row created at its time or later, as SQLite does: a repeat, never a gap.
 */
function pageOf<T extends { id: string; createdAt: Timestamp }>(rows: readonly T[], start: PageStart | null, limit: number): T[] {
  let from = 0;
  if (start) {
    const index = rows.findIndex((r) => r.id === start.id && r.createdAt === start.createdAt);
    from = index !== -1 ? index + 1 : rows.findIndex((r) => r.createdAt >= start.createdAt);
    if (from === -1) from = rows.length;
  }
  return rows.slice(from, from + Math.max(0, limit));
}

/** How many rows share each key (keys without rows are absent), like SQL's GROUP BY with count(*). */
function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

/** The comment part of the Store contract, over Maps. */
export class MemoryComments implements CommentStore {
  private readonly threads = new Map<string, ThreadRow>();
  private readonly comments = new Map<string, CommentRow>();
  private readonly notifications = new Map<string, NotificationRow>();

  constructor(private readonly refs: CommentReferences) {}

  async createThread(thread: ThreadRow, first: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    ensure(this.refs.hasDocument(thread.documentId), `unknown document ${thread.documentId}`);
    ensure(!this.threads.has(thread.id), `thread ${thread.id} exists`);
    this.checkMembers(thread.createdBy, thread.resolvedBy);
    ensure(first.threadId === thread.id, `comment ${first.id} is not in thread ${thread.id}`);
    this.checkComment(first);
    this.checkNotifications(notifications, first);
    this.threads.set(thread.id, copyThread(thread));
    this.insert(first, notifications);
  }

  async addComment(comment: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    ensure(this.threads.has(comment.threadId), `unknown thread ${comment.threadId}`);
    this.checkComment(comment);
    this.checkNotifications(notifications, comment);
    this.insert(comment, notifications);
  }

  async getThread(id: string): Promise<ThreadRow | null> {
    const thread = this.threads.get(id);
    return thread ? copyThread(thread) : null;
  }

  async getComment(id: string): Promise<CommentRow | null> {
    const comment = this.comments.get(id);
    return comment ? copyComment(comment) : null;
  }

  async listThreads(documentId: string): Promise<ThreadWithComments[]> {
    const threads = oldestFirst([...this.threads.values()].filter((t) => t.documentId === documentId));
    const comments = oldestFirst([...this.comments.values()]);
    return threads.map((thread) => ({
      thread: copyThread(thread),
      comments: comments.filter((c) => c.threadId === thread.id).map(copyComment),
    }));
  }

  async listThreadPage(documentId: string, start: PageStart | null, limit: number, commentsPerThread: number): Promise<ThreadWithComments[]> {
    const threads = pageOf(oldestFirst([...this.threads.values()].filter((t) => t.documentId === documentId)), start, limit);
    const comments = oldestFirst([...this.comments.values()]);
    return threads.map((thread) => ({
      thread: copyThread(thread),
      comments: comments.filter((c) => c.threadId === thread.id).slice(0, Math.max(0, commentsPerThread)).map(copyComment),
    }));
  }

  async listComments(threadId: string, start: PageStart | null, limit: number): Promise<CommentRow[]> {
    return pageOf(oldestFirst([...this.comments.values()].filter((c) => c.threadId === threadId)), start, limit).map(copyComment);
  }

  async updateComment(id: string, body: string, mentions: readonly string[], editedAt: Timestamp): Promise<boolean> {
    const comment = this.comments.get(id);
    if (!comment) return false;
    Object.assign(comment, { body, mentions: [...mentions], editedAt });
    return true;
  }

  async deleteComment(id: string): Promise<{ deleted: boolean; threadDeleted: boolean }> {
    const comment = this.comments.get(id);
    if (!comment) return { deleted: false, threadDeleted: false };
    this.comments.delete(id);
    this.deleteNotificationsWhere((n) => n.commentId === id);
    const threadDeleted = ![...this.comments.values()].some((c) => c.threadId === comment.threadId);
    if (threadDeleted) {
      this.threads.delete(comment.threadId);
      this.deleteNotificationsWhere((n) => n.threadId === comment.threadId);
    }
    return { deleted: true, threadDeleted };
  }

  async setThreadResolved(id: string, resolved: { by: string; at: Timestamp } | null): Promise<boolean> {
    const thread = this.threads.get(id);
    if (!thread) return false;
    if (resolved) this.checkMembers(resolved.by);
    Object.assign(thread, { resolvedAt: resolved?.at ?? null, resolvedBy: resolved?.by ?? null });
    return true;
  }

  async countOpenThreads(workspaceId: string): Promise<Map<string, number>> {
    const open = [...this.threads.values()].filter((t) => t.resolvedAt === null && this.refs.workspaceOf(t.documentId) === workspaceId);
    return countBy(open, (t) => t.documentId);
  }

  async listNotifications(memberId: string, limit: number): Promise<NotificationRow[]> {
    const newestFirst = [...this.notifications.values()].filter((n) => n.memberId === memberId).reverse();
    newestFirst.sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : 0));
    return newestFirst.slice(0, Math.max(0, limit)).map(copyNotification);
  }

  async countUnread(memberId: string): Promise<Map<string, number>> {
    return countBy([...this.notifications.values()].filter((n) => n.memberId === memberId && n.readAt === null), (n) => n.documentId);
  }

  async markRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    const wanted = ids === null ? null : new Set(ids);
    let changed = 0;
    for (const n of this.notifications.values()) {
      if (n.memberId !== memberId || n.readAt !== null || (wanted !== null && !wanted.has(n.id))) continue;
      n.readAt = at;
      changed++;
    }
    return changed;
  }

  private insert(comment: CommentRow, notifications: readonly NotificationRow[]): void {
    this.comments.set(comment.id, copyComment(comment));
    for (const n of notifications) this.notifications.set(n.id, copyNotification(n));
  }

  private checkMembers(...ids: (string | null)[]): void {
    for (const id of ids) ensure(id === null || this.refs.hasMember(id), `unknown member ${id}`);
  }

  private checkComment(comment: CommentRow): void {
    ensure(!this.comments.has(comment.id), `comment ${comment.id} exists`);
    this.checkMembers(comment.authorId);
  }

  /** Each notification's references must exist once the call's own comment (and thread) are in. */
  private checkNotifications(notifications: readonly NotificationRow[], added: CommentRow): void {
    const ids = new Set<string>();
    for (const n of notifications) {
      ensure(!this.notifications.has(n.id) && !ids.has(n.id), `notification ${n.id} exists`);
      ids.add(n.id);
      this.checkMembers(n.memberId, n.actorId);
      ensure(this.refs.hasDocument(n.documentId), `unknown document ${n.documentId}`);
      ensure(n.threadId === added.threadId || this.threads.has(n.threadId), `unknown thread ${n.threadId}`);
      ensure(n.commentId === added.id || this.comments.has(n.commentId), `unknown comment ${n.commentId}`);
    }
  }

  private deleteNotificationsWhere(predicate: (n: NotificationRow) => boolean): void {
    for (const [id, n] of this.notifications) if (predicate(n)) this.notifications.delete(id);
  }
}

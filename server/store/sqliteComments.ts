/**
 * Comment threads, comments and notifications in SQLite: their statements and the CommentStore
 * methods SqliteStore delegates to. Lists break ties between equal timestamps by rowid, i.e. by
 * insertion order; mentions are stored as a JSON array of member ids.
 */
import type Database from 'better-sqlite3';
import type { NotificationKind } from '../../shared/api';
import type { CommentRow, CommentStore, NotificationRow, PageStart, ThreadRow, ThreadWithComments, Timestamp } from './Store';

/** A comments row as SQLite returns it: `mentions` is JSON text. */
type CommentRecord = Omit<CommentRow, 'mentions'> & { mentions: string };

const THREAD = `id, document_id AS documentId, anchor_start AS anchorStart, anchor_end AS anchorEnd, quote,
  created_by AS createdBy, created_at AS createdAt, resolved_at AS resolvedAt, resolved_by AS resolvedBy`;
const COMMENT = `c.id, c.thread_id AS threadId, c.author_id AS authorId, c.body, c.mentions, c.created_at AS createdAt, c.edited_at AS editedAt`;
const NOTIFICATION = `id, member_id AS memberId, kind, document_id AS documentId, thread_id AS threadId,
  comment_id AS commentId, actor_id AS actorId, created_at AS createdAt, read_at AS readAt`;

/** Named parameters of a page: the rows after (`at`, `id`) — all of them when `at` is null — at most `limit`. */
type PageParams = { at: string | null; id: string | null; limit: number };

// Rows after the page start in (created_at, rowid) order. The start row's rowid is looked up by id;
// if that row is gone, every row created at its time is included again (a repeat, never a gap).
const after = (table: string, alias: string, parent: string) => `(@at IS NULL OR ${alias}.created_at > @at OR (${alias}.created_at = @at
  AND ${alias}.rowid > coalesce((SELECT rowid FROM ${table} WHERE id = @id AND ${parent} = @parent AND created_at = @at), -1)))`;

type ThreadParams = [string, string, string, string, string, string, string, string | null, string | null];
type CommentParams = [string, string, string, string, string, string, string | null];
type NotificationParams = [string, string, NotificationKind, string, string, string, string, string, string | null];

function prepareCommentStatements(db: Database.Database) {
  return {
    insertThread: db.prepare<ThreadParams>(
      `INSERT INTO comment_threads (id, document_id, anchor_start, anchor_end, quote, created_by, created_at, resolved_at, resolved_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertComment: db.prepare<CommentParams>(
      `INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertNotification: db.prepare<NotificationParams>(
      `INSERT INTO notifications (id, member_id, kind, document_id, thread_id, comment_id, actor_id, created_at, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getThread: db.prepare<[string], ThreadRow>(`SELECT ${THREAD} FROM comment_threads WHERE id = ?`),
    getComment: db.prepare<[string], CommentRecord>(`SELECT ${COMMENT} FROM comments c WHERE c.id = ?`),
    threadsOf: db.prepare<[string], ThreadRow>(`SELECT ${THREAD} FROM comment_threads WHERE document_id = ? ORDER BY created_at, rowid`),
    commentsOf: db.prepare<[string], CommentRecord>(
      `SELECT ${COMMENT} FROM comments c JOIN comment_threads t ON t.id = c.thread_id
       WHERE t.document_id = ? ORDER BY c.created_at, c.rowid`,
    ),
    threadPage: db.prepare<[PageParams & { parent: string }], ThreadRow>(
      `SELECT ${THREAD} FROM comment_threads t WHERE t.document_id = @parent AND ${after('comment_threads', 't', 'document_id')}
       ORDER BY t.created_at, t.rowid LIMIT @limit`,
    ),
    // The first `perThread` comments of each of these threads (a JSON array of ids).
    firstCommentsOf: db.prepare<[string, number], CommentRecord>(
      `SELECT ${COMMENT} FROM (
         SELECT c.*, c.rowid AS r, row_number() OVER (PARTITION BY c.thread_id ORDER BY c.created_at, c.rowid) AS n
         FROM comments c WHERE c.thread_id IN (SELECT value FROM json_each(?))
       ) c WHERE c.n <= ? ORDER BY c.created_at, c.r`,
    ),
    commentPage: db.prepare<[PageParams & { parent: string }], CommentRecord>(
      `SELECT ${COMMENT} FROM comments c WHERE c.thread_id = @parent AND ${after('comments', 'c', 'thread_id')}
       ORDER BY c.created_at, c.rowid LIMIT @limit`,
    ),
    updateComment: db.prepare<[string, string, string, string]>(`UPDATE comments SET body = ?, mentions = ?, edited_at = ? WHERE id = ?`),
    // Its notifications go with it (ON DELETE CASCADE).
    deleteComment: db.prepare<[string]>(`DELETE FROM comments WHERE id = ?`),
    countComments: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM comments WHERE thread_id = ?`),
    deleteThread: db.prepare<[string]>(`DELETE FROM comment_threads WHERE id = ?`),
    setResolved: db.prepare<[string | null, string | null, string]>(`UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ?`),
    countOpenThreads: db.prepare<[string], { documentId: string; n: number }>(
      `SELECT t.document_id AS documentId, count(*) AS n FROM comment_threads t JOIN documents d ON d.id = t.document_id
       WHERE d.workspace_id = ? AND t.resolved_at IS NULL GROUP BY t.document_id`,
    ),
    listNotifications: db.prepare<[string, number], NotificationRow>(
      `SELECT ${NOTIFICATION} FROM notifications WHERE member_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    countUnread: db.prepare<[string], { documentId: string; n: number }>(
      `SELECT document_id AS documentId, count(*) AS n FROM notifications WHERE member_id = ? AND read_at IS NULL GROUP BY document_id`,
    ),
    markAllRead: db.prepare<[string, string]>(`UPDATE notifications SET read_at = ? WHERE member_id = ? AND read_at IS NULL`),
    markSomeRead: db.prepare<[string, string, string]>(
      `UPDATE notifications SET read_at = ? WHERE member_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
    ),
  };
}

const toCommentRow = (record: CommentRecord): CommentRow => ({ ...record, mentions: JSON.parse(record.mentions) as string[] });

const pageParams = (start: PageStart | null, limit: number): PageParams => ({ at: start?.createdAt ?? null, id: start?.id ?? null, limit: Math.max(0, limit) });

/** The CommentStore methods over one SQLite connection. */
export class SqliteComments implements CommentStore {
  private readonly q: ReturnType<typeof prepareCommentStatements>;
  private readonly tx: ReturnType<SqliteComments['transactions']>;

  constructor(private readonly db: Database.Database) {
    this.q = prepareCommentStatements(db);
    this.tx = this.transactions();
  }

  private transactions() {
    const db = this.db;
    return {
      createThread: db.transaction((t: ThreadRow, first: CommentRow, n: readonly NotificationRow[]) => {
        this.q.insertThread.run(t.id, t.documentId, t.anchorStart, t.anchorEnd, t.quote, t.createdBy, t.createdAt, t.resolvedAt, t.resolvedBy);
        this.insertComment(first, n);
      }),
      addComment: db.transaction((c: CommentRow, n: readonly NotificationRow[]) => this.insertComment(c, n)),
      // Read in one transaction: a write from another connection cannot fall between the two lists.
      listThreads: db.transaction((documentId: string) => ({
        threads: this.q.threadsOf.all(documentId),
        comments: this.q.commentsOf.all(documentId).map(toCommentRow),
      })),
      deleteComment: db.transaction((id: string) => this.deleteCommentRows(id)),
      threadPage: db.transaction((documentId: string, start: PageStart | null, limit: number, perThread: number) => {
        const threads = this.q.threadPage.all({ parent: documentId, ...pageParams(start, limit) });
        const ids = JSON.stringify(threads.map((t) => t.id));
        return { threads, comments: threads.length === 0 ? [] : this.q.firstCommentsOf.all(ids, Math.max(0, perThread)).map(toCommentRow) };
      }),
    };
  }

  private insertComment(c: CommentRow, notifications: readonly NotificationRow[]): void {
    this.q.insertComment.run(c.id, c.threadId, c.authorId, c.body, JSON.stringify(c.mentions), c.createdAt, c.editedAt);
    for (const n of notifications) {
      this.q.insertNotification.run(n.id, n.memberId, n.kind, n.documentId, n.threadId, n.commentId, n.actorId, n.createdAt, n.readAt);
    }
  }

  async createThread(thread: ThreadRow, first: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    this.tx.createThread.immediate(thread, first, notifications);
  }

  async addComment(comment: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    this.tx.addComment.immediate(comment, notifications);
  }

  async getThread(id: string): Promise<ThreadRow | null> {
    return this.q.getThread.get(id) ?? null;
  }

  async getComment(id: string): Promise<CommentRow | null> {
    const record = this.q.getComment.get(id);
    return record ? toCommentRow(record) : null;
  }

  async listThreads(documentId: string): Promise<ThreadWithComments[]> {
    const { threads, comments } = this.tx.listThreads(documentId);
    return threads.map((thread) => ({ thread, comments: comments.filter((c) => c.threadId === thread.id) }));
  }

  async listThreadPage(documentId: string, start: PageStart | null, limit: number, commentsPerThread: number): Promise<ThreadWithComments[]> {
    const { threads, comments } = this.tx.threadPage(documentId, start, limit, commentsPerThread);
    return threads.map((thread) => ({ thread, comments: comments.filter((c) => c.threadId === thread.id) }));
  }

  async listComments(threadId: string, start: PageStart | null, limit: number): Promise<CommentRow[]> {
    return this.q.commentPage.all({ parent: threadId, ...pageParams(start, limit) }).map(toCommentRow);
  }

  async updateComment(id: string, body: string, mentions: readonly string[], editedAt: Timestamp): Promise<boolean> {
    return this.q.updateComment.run(body, JSON.stringify(mentions), editedAt, id).changes > 0;
  }

  async deleteComment(id: string): Promise<{ deleted: boolean; threadDeleted: boolean }> {
    return this.tx.deleteComment.immediate(id);
  }

  private deleteCommentRows(id: string): { deleted: boolean; threadDeleted: boolean } {
    const comment = this.q.getComment.get(id);
    if (!comment) return { deleted: false, threadDeleted: false };
    this.q.deleteComment.run(id);
    const threadDeleted = this.q.countComments.get(comment.threadId)!.n === 0;
    if (threadDeleted) this.q.deleteThread.run(comment.threadId);
    return { deleted: true, threadDeleted };
  }

  async setThreadResolved(id: string, resolved: { by: string; at: Timestamp } | null): Promise<boolean> {
    return this.q.setResolved.run(resolved?.at ?? null, resolved?.by ?? null, id).changes > 0;
  }

  async countOpenThreads(workspaceId: string): Promise<Map<string, number>> {
    return new Map(this.q.countOpenThreads.all(workspaceId).map((row) => [row.documentId, row.n]));
  }

  async listNotifications(memberId: string, limit: number): Promise<NotificationRow[]> {
    return this.q.listNotifications.all(memberId, Math.max(0, limit));
  }

  async countUnread(memberId: string): Promise<Map<string, number>> {
    return new Map(this.q.countUnread.all(memberId).map((row) => [row.documentId, row.n]));
  }

  async markRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    const result = ids === null ? this.q.markAllRead.run(at, memberId) : this.q.markSomeRead.run(at, memberId, JSON.stringify(ids));
    return result.changes;
  }
}

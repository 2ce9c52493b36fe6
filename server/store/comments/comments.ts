/**
 * The store's comment threads, comments and notifications, written once over Kysely for SQLite and
 * PostgreSQL (see ../sql/context.ts): a port of the former hand-written SQLite store's, same behaviour.
 *
 * - Lists are oldest first (notifications newest first), ties between equal timestamps broken by
 *   insertion order (`insertionOrder`: SQLite's rowid, PostgreSQL's ord).
 * - Mentions are stored as JSON text (an array of member ids), parsed on the way out.
 * - A page starts after (createdAt, id); when the row with that id is gone, every row created at
 *   that instant is included again: a page may repeat a row, never skip one.
 * - Deleting a comment deletes its notifications (ON DELETE CASCADE on both engines), and the
 *   thread with its last comment.
 * - `countUnread` counts every unread notification of the member per document, as the SQLite code
 *   does: which documents the member can still read is decided by the inbox (server/commands/inbox.ts),
 *   which drops the counts of the others.
 */
import type { Expression, Kysely, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { NotificationKind } from '../../../shared/api';
import type { CommentRow, CommentStore, NotificationRow, PageStart, ThreadRow, ThreadWithComments, Timestamp } from '../Store';
import { changed, writeTransaction, type Queries, type SqlContext } from '../sql/context';
import { insertionOrder } from '../sql/dialect';
import type { Tables } from '../sql/tables';

const THREAD = ['id', 'documentId', 'anchorStart', 'anchorEnd', 'quote', 'createdBy', 'createdAt', 'resolvedAt', 'resolvedBy'] as const;
const COMMENT = ['id', 'threadId', 'authorId', 'body', 'mentions', 'createdAt', 'editedAt'] as const;
const NOTIFICATION = ['id', 'memberId', 'kind', 'documentId', 'threadId', 'commentId', 'actorId', 'createdAt', 'readAt'] as const;

/** A comments row as stored: `mentions` is JSON text. */
type CommentRecord = Omit<CommentRow, 'mentions'> & { mentions: string };

const toCommentRow = (record: CommentRecord): CommentRow => ({
  id: record.id,
  threadId: record.threadId,
  authorId: record.authorId,
  body: record.body,
  mentions: JSON.parse(record.mentions) as string[],
  createdAt: record.createdAt,
  editedAt: record.editedAt,
});

const toThreadRow = (row: ThreadRow): ThreadRow => ({ ...row });
const toNotificationRow = (row: Omit<NotificationRow, 'kind'> & { kind: string }): NotificationRow => ({ ...row, kind: row.kind as NotificationKind });

const commentValues = (c: CommentRow) => ({
  id: c.id,
  threadId: c.threadId,
  authorId: c.authorId,
  body: c.body,
  mentions: JSON.stringify(c.mentions),
  createdAt: c.createdAt,
  editedAt: c.editedAt,
});

const notificationValues = (n: NotificationRow) => ({
  id: n.id,
  memberId: n.memberId,
  kind: n.kind,
  documentId: n.documentId,
  threadId: n.threadId,
  commentId: n.commentId,
  actorId: n.actorId,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/** Threads with their comments, in the threads' order, each thread's comments in the list's order. */
function grouped(threads: ThreadRow[], comments: CommentRow[]): ThreadWithComments[] {
  const byThread = new Map<string, CommentRow[]>(threads.map((t) => [t.id, []]));
  for (const c of comments) byThread.get(c.threadId)?.push(c);
  return threads.map((thread) => ({ thread, comments: byThread.get(thread.id)! }));
}

/** The CommentStore methods over the shared database. */
export class SqlComments implements CommentStore {
  constructor(private readonly ctx: SqlContext) {}

  /**
   * Runs reads that must see one state of the database: a transaction, REPEATABLE READ on
   * PostgreSQL (one snapshot for all its statements); on SQLite any transaction reads one state.
   */
  private read<T>(work: (trx: Queries) => Promise<T>): Promise<T> {
    const tx = this.ctx.db.transaction();
    return (this.ctx.engine === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(work);
  }

  /**
   * The rows of `table` (aliased `alias`) after the page start, in (created_at, insertion order):
   * the start row's insertion order is looked up by id within the same parent; if that row is gone,
   * every row created at its time is included again (a repeat, never a gap).
   */
  private after(
    table: 'commentThreads' | 'comments',
    alias: 't' | 'c',
    parentColumn: 'documentId' | 'threadId',
    parent: string,
    start: PageStart,
  ): Expression<SqlBool> {
    const engine = this.ctx.engine;
    const startOrder = this.ctx.db
      .selectFrom(table)
      .select(insertionOrder(engine).as('o'))
      .where('id', '=', start.id)
      .where(parentColumn, '=', parent)
      .where('createdAt', '=', start.createdAt);
    const createdAt = sql.ref(`${alias}.createdAt`);
    return sql<SqlBool>`(${createdAt} > ${start.createdAt} OR (${createdAt} = ${start.createdAt} AND ${insertionOrder(engine, alias)} > coalesce((${startOrder}), -1)))`;
  }

  private async insertComment(trx: Kysely<Tables>, c: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    await trx.insertInto('comments').values(commentValues(c)).execute();
    if (notifications.length > 0) await trx.insertInto('notifications').values(notifications.map(notificationValues)).execute();
  }

  async createThread(thread: ThreadRow, first: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    await writeTransaction(this.ctx, async (trx) => {
      await trx
        .insertInto('commentThreads')
        .values({
          id: thread.id,
          documentId: thread.documentId,
          anchorStart: thread.anchorStart,
          anchorEnd: thread.anchorEnd,
          quote: thread.quote,
          createdBy: thread.createdBy,
          createdAt: thread.createdAt,
          resolvedAt: thread.resolvedAt,
          resolvedBy: thread.resolvedBy,
        })
        .execute();
      await this.insertComment(trx, first, notifications);
    });
  }

  async addComment(comment: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    await writeTransaction(this.ctx, (trx) => this.insertComment(trx, comment, notifications));
  }

  async getThread(id: string): Promise<ThreadRow | null> {
    const row = await this.ctx.db.selectFrom('commentThreads').select(THREAD).where('id', '=', id).executeTakeFirst();
    return row ? toThreadRow(row) : null;
  }

  async getComment(id: string): Promise<CommentRow | null> {
    const row = await this.ctx.db.selectFrom('comments').select(COMMENT).where('id', '=', id).executeTakeFirst();
    return row ? toCommentRow(row) : null;
  }

  async listThreads(documentId: string): Promise<ThreadWithComments[]> {
    const engine = this.ctx.engine;
    // Read in one transaction: a write from another connection cannot fall between the two lists.
    const { threads, comments } = await this.read(async (trx) => ({
      threads: await trx
        .selectFrom('commentThreads as t')
        .select(THREAD.map((column) => `t.${column}` as const))
        .where('t.documentId', '=', documentId)
        .orderBy('t.createdAt')
        .orderBy(insertionOrder(engine, 't'))
        .execute(),
      comments: await trx
        .selectFrom('comments as c')
        .innerJoin('commentThreads as t', 't.id', 'c.threadId')
        .select(COMMENT.map((column) => `c.${column}` as const))
        .where('t.documentId', '=', documentId)
        .orderBy('c.createdAt')
        .orderBy(insertionOrder(engine, 'c'))
        .execute(),
    }));
    return grouped(threads.map(toThreadRow), comments.map(toCommentRow));
  }

  async listThreadPage(documentId: string, start: PageStart | null, limit: number, commentsPerThread: number): Promise<ThreadWithComments[]> {
    const engine = this.ctx.engine;
    const perThread = Math.max(0, commentsPerThread);
    const { threads, comments } = await this.read(async (trx) => {
      let page = trx
        .selectFrom('commentThreads as t')
        .select(THREAD.map((column) => `t.${column}` as const))
        .where('t.documentId', '=', documentId);
      if (start) page = page.where(this.after('commentThreads', 't', 'documentId', documentId, start));
      const threads = await page.orderBy('t.createdAt').orderBy(insertionOrder(engine, 't')).limit(Math.max(0, limit)).execute();
      if (threads.length === 0 || perThread === 0) return { threads, comments: [] };
      // The first `perThread` comments of each of these threads.
      const numbered = trx
        .selectFrom('comments as c')
        .select(COMMENT.map((column) => `c.${column}` as const))
        .select([
          insertionOrder(engine, 'c').as('r'),
          sql<number>`row_number() OVER (PARTITION BY ${sql.ref('c.threadId')} ORDER BY ${sql.ref('c.createdAt')}, ${insertionOrder(engine, 'c')})`.as('n'),
        ])
        .where(
          'c.threadId',
          'in',
          threads.map((t) => t.id),
        );
      const comments = await trx
        .selectFrom(numbered.as('c'))
        .select(COMMENT.map((column) => `c.${column}` as const))
        .where('c.n', '<=', perThread)
        .orderBy('c.createdAt')
        .orderBy('c.r')
        .execute();
      return { threads, comments };
    });
    return grouped(threads.map(toThreadRow), comments.map(toCommentRow));
  }

  async listComments(threadId: string, start: PageStart | null, limit: number): Promise<CommentRow[]> {
    let page = this.ctx.db
      .selectFrom('comments as c')
      .select(COMMENT.map((column) => `c.${column}` as const))
      .where('c.threadId', '=', threadId);
    if (start) page = page.where(this.after('comments', 'c', 'threadId', threadId, start));
    const rows = await page.orderBy('c.createdAt').orderBy(insertionOrder(this.ctx.engine, 'c')).limit(Math.max(0, limit)).execute();
    return rows.map(toCommentRow);
  }

  async updateComment(id: string, body: string, mentions: readonly string[], editedAt: Timestamp): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('comments')
      .set({ body, mentions: JSON.stringify(mentions), editedAt })
      .where('id', '=', id)
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async deleteComment(id: string): Promise<{ deleted: boolean; threadDeleted: boolean }> {
    return writeTransaction(this.ctx, async (trx) => {
      const comment = await trx.selectFrom('comments').select('threadId').where('id', '=', id).executeTakeFirst();
      if (!comment) return { deleted: false, threadDeleted: false };
      // Its notifications go with it (ON DELETE CASCADE).
      await trx.deleteFrom('comments').where('id', '=', id).execute();
      const left = await trx.selectFrom('comments').select('id').where('threadId', '=', comment.threadId).limit(1).executeTakeFirst();
      const threadDeleted = left === undefined;
      if (threadDeleted) await trx.deleteFrom('commentThreads').where('id', '=', comment.threadId).execute();
      return { deleted: true, threadDeleted };
    });
  }

  async setThreadResolved(id: string, resolved: { by: string; at: Timestamp } | null): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('commentThreads')
      .set({ resolvedAt: resolved?.at ?? null, resolvedBy: resolved?.by ?? null })
      .where('id', '=', id)
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async countOpenThreads(workspaceId: string): Promise<Map<string, number>> {
    const rows = await this.ctx.db
      .selectFrom('commentThreads as t')
      .innerJoin('documents as d', 'd.id', 't.documentId')
      .select(['t.documentId', (eb) => eb.fn.countAll().as('n')])
      .where('d.workspaceId', '=', workspaceId)
      .where('t.resolvedAt', 'is', null)
      .groupBy('t.documentId')
      .execute();
    return new Map(rows.map((row) => [row.documentId, Number(row.n)]));
  }

  async listNotifications(memberId: string, limit: number): Promise<NotificationRow[]> {
    const rows = await this.ctx.db
      .selectFrom('notifications')
      .select(NOTIFICATION)
      .where('memberId', '=', memberId)
      .orderBy('createdAt', 'desc')
      .orderBy(insertionOrder(this.ctx.engine), 'desc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toNotificationRow);
  }

  async countUnread(memberId: string): Promise<Map<string, number>> {
    const rows = await this.ctx.db
      .selectFrom('notifications')
      .select(['documentId', (eb) => eb.fn.countAll().as('n')])
      .where('memberId', '=', memberId)
      .where('readAt', 'is', null)
      .groupBy('documentId')
      .execute();
    return new Map(rows.map((row) => [row.documentId, Number(row.n)]));
  }

  async markRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    if (ids !== null && ids.length === 0) return 0;
    let update = this.ctx.db.updateTable('notifications').set({ readAt: at }).where('memberId', '=', memberId).where('readAt', 'is', null);
    if (ids !== null) update = update.where('id', 'in', [...ids]);
    return changed(await update.executeTakeFirst());
  }
}

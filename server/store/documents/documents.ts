/**
 * The store's documents, access grants and document bodies (the Yjs update log: load, append,
 * compact), written once over Kysely for SQLite and PostgreSQL (see ../sql/context.ts). A port of
 * the former hand-written SQLite store's behaviour (its appends live on in ../sqliteAppend.ts).
 *
 * Appends to one document take their sequence numbers in the order the calls were made: this
 * process queues them per document (a PostgreSQL pool could otherwise start two transactions in
 * either order), and each runs in one write transaction under the lock `body:<id>`, so that
 * another process appending to the same document cannot take the same numbers.
 * On SQLite, appends are instead group-committed on the raw connection (./sqliteAppends.ts): one
 * transaction, and one flush to disk, for every append made during one microtask drain.
 */
import type { DocumentKind, DocumentLanguage } from '../../../shared/api';
import type { Access } from '../../../shared/permissions';
import type { DocumentPatch, DocumentRow, GrantRow, Store, StoredBody, Timestamp, UpdateEntry } from '../Store';
import { changed, closePart, lockFor, ownBytes, writeTransaction, type Queries, type SqlContext } from '../sql/context';
import { SqliteAppends } from './sqliteAppends';

type DocumentMethods =
  | 'createDocument'
  | 'getDocument'
  | 'listDocuments'
  | 'updateDocument'
  | 'setGrant'
  | 'getGrant'
  | 'listGrants'
  | 'loadBody'
  | 'appendUpdate'
  | 'appendUpdates'
  | 'appendUpdatesStaged'
  | 'compactBody';

const DOCUMENT = ['id', 'workspaceId', 'title', 'kind', 'archived', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'language', 'typography'] as const;

/** A documents row as both engines return it: `archived` and `typography` are 0 or 1. */
interface DocumentRecord {
  id: string;
  workspaceId: string;
  title: string;
  kind: string;
  archived: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  language: string;
  typography: number;
}

const toDocumentRow = (r: DocumentRecord): DocumentRow => ({
  ...r,
  kind: r.kind as DocumentKind,
  language: r.language as DocumentLanguage,
  archived: Number(r.archived) === 1,
  typography: Number(r.typography) === 1,
});

/** Compares text by code units, as SQLite's BINARY collation does, whatever the engine. */
const binary = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Bytes as both drivers bind them (a Buffer viewing the caller's memory; written before the call returns). */
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A call refused on its own: its document does not exist. Nothing of it was written. */
class UnknownDocumentError extends Error {
  constructor(documentId: string) {
    super(`appendUpdate: unknown document ${documentId}`);
  }
}

export class SqlDocuments implements Pick<Store, DocumentMethods> {
  /** Per document, the end of the queue of its appends and compactions in this process. */
  private readonly bodyQueues = new Map<string, Promise<unknown>>();

  /** SQLite's group-committed appends (null on PostgreSQL). */
  private readonly sqliteAppends: SqliteAppends | null;

  constructor(private readonly ctx: SqlContext) {
    this.sqliteAppends = ctx.engine === 'sqlite' && ctx.sqlite ? new SqliteAppends(ctx.db, ctx.sqlite) : null;
  }

  /** Before the database closes: the appends still waiting are committed and flushed. */
  async [closePart](): Promise<void> {
    await this.sqliteAppends?.close();
  }

  // ---- documents ----

  async createDocument(d: DocumentRow, initialState: Uint8Array): Promise<void> {
    await writeTransaction(this.ctx, async (trx) => {
      await trx
        .insertInto('documents')
        .values({
          id: d.id,
          workspaceId: d.workspaceId,
          title: d.title,
          kind: d.kind,
          archived: d.archived ? 1 : 0,
          createdAt: d.createdAt,
          createdBy: d.createdBy,
          updatedAt: d.updatedAt,
          updatedBy: d.updatedBy,
          language: d.language,
          typography: d.typography ? 1 : 0,
        })
        .execute();
      await trx.insertInto('documentUpdates').values({ documentId: d.id, seq: 1, data: asBuffer(initialState) }).execute();
    });
  }

  async getDocument(id: string): Promise<DocumentRow | null> {
    return getDocumentIn(this.ctx.db, id);
  }

  async listDocuments(workspaceId: string): Promise<DocumentRow[]> {
    const rows = await this.ctx.db.selectFrom('documents').select(DOCUMENT).where('workspaceId', '=', workspaceId).execute();
    // Most recently updated first, then most recently created, the id breaking ties.
    rows.sort((a, b) => binary(b.updatedAt, a.updatedAt) || binary(b.createdAt, a.createdAt) || binary(a.id, b.id));
    return rows.map(toDocumentRow);
  }

  async updateDocument(id: string, patch: DocumentPatch): Promise<DocumentRow | null> {
    const set: { title?: string; archived?: number; language?: string; typography?: number } = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.archived !== undefined) set.archived = patch.archived ? 1 : 0;
    if (patch.language !== undefined) set.language = patch.language;
    if (patch.typography !== undefined) set.typography = patch.typography ? 1 : 0;
    return writeTransaction(this.ctx, async (trx) => {
      if (Object.keys(set).length > 0) await trx.updateTable('documents').set(set).where('id', '=', id).execute();
      return getDocumentIn(trx, id);
    });
  }

  async setGrant(documentId: string, memberId: string, access: Access | null): Promise<void> {
    if (access === null) {
      await this.ctx.db.deleteFrom('grants').where('documentId', '=', documentId).where('memberId', '=', memberId).execute();
      return;
    }
    await this.ctx.db
      .insertInto('grants')
      .values({ documentId, memberId, access })
      .onConflict((oc) => oc.columns(['documentId', 'memberId']).doUpdateSet({ access: (eb) => eb.ref('excluded.access') }))
      .execute();
  }

  async getGrant(documentId: string, memberId: string): Promise<Access | null> {
    const row = await this.ctx.db.selectFrom('grants').select('access').where('documentId', '=', documentId).where('memberId', '=', memberId).executeTakeFirst();
    return (row?.access as Access | undefined) ?? null;
  }

  async listGrants(documentId: string): Promise<GrantRow[]> {
    const rows = await this.ctx.db.selectFrom('grants').select(['documentId', 'memberId', 'access']).where('documentId', '=', documentId).execute();
    return rows.sort((a, b) => binary(a.memberId, b.memberId)).map((r) => ({ ...r, access: r.access as Access }));
  }

  // ---- document bodies ----

  async loadBody(documentId: string): Promise<StoredBody | null> {
    const rows = await this.ctx.db.selectFrom('documentUpdates').select(['seq', 'data']).where('documentId', '=', documentId).orderBy('seq').execute();
    if (rows.length === 0) return null;
    // Plain Uint8Array copies: callers get no Buffer-specific behaviour and share no memory.
    return { updates: rows.map((r) => ownBytes(r.data)), lastSeq: Number(rows[rows.length - 1]!.seq) };
  }

  async appendUpdate(documentId: string, update: Uint8Array, memberId: string | null, at: Timestamp): Promise<number> {
    return (await this.appendUpdates(documentId, [{ update, memberId, at }]))[0]!;
  }

  appendUpdates(documentId: string, entries: readonly UpdateEntry[]): Promise<number[]> {
    return this.appendUpdatesStaged(documentId, entries).durable;
  }

  /** `written` once committed (later calls and reads see it), `durable` once on disk. */
  appendUpdatesStaged(documentId: string, entries: readonly UpdateEntry[]): { written: Promise<number[]>; durable: Promise<number[]> } {
    if (this.sqliteAppends) return this.sqliteAppends.submit(documentId, entries);
    // PostgreSQL: committed is on disk.
    const done = this.appendInTransaction(documentId, entries);
    return { written: done, durable: done };
  }

  private appendInTransaction(documentId: string, entries: readonly UpdateEntry[]): Promise<number[]> {
    const last = entries[entries.length - 1];
    if (last === undefined) return Promise.resolve([]);
    // Bound now: the caller may reuse its buffers once the call has returned its promise.
    const data = entries.map((e) => Buffer.from(e.update));
    return this.inOrder(documentId, () =>
      writeTransaction(this.ctx, async (trx) => {
        await lockFor(trx, this.ctx.engine, `body:${documentId}`);
        // First the document row (last edit time and author): an unknown document changes no row,
        // an unknown author fails on the foreign key; either way nothing of the call is written.
        const touched = await trx.updateTable('documents').set({ updatedAt: last.at, updatedBy: last.memberId }).where('id', '=', documentId).executeTakeFirst();
        if (changed(touched) === 0) throw new UnknownDocumentError(documentId);
        const from = (await lastSeqIn(trx, documentId)) + 1;
        const seqs = data.map((_, i) => from + i);
        await trx
          .insertInto('documentUpdates')
          .values(data.map((bytes, i) => ({ documentId, seq: seqs[i]!, data: bytes })))
          .execute();
        return seqs;
      }),
    );
  }

  async compactBody(documentId: string, mergedState: Uint8Array, throughSeq: number): Promise<void> {
    const merged = Buffer.from(mergedState);
    await this.inOrder(documentId, () =>
      writeTransaction(this.ctx, async (trx) => {
        await lockFor(trx, this.ctx.engine, `body:${documentId}`);
        const last = await lastSeqIn(trx, documentId);
        // A merged state claiming entries the log never held would hide a bug that loses updates.
        if (!Number.isInteger(throughSeq) || throughSeq < 1 || throughSeq > last) {
          throw new Error(`compactBody: seq ${throughSeq} is outside the log of ${documentId} (last ${last})`);
        }
        await trx.deleteFrom('documentUpdates').where('documentId', '=', documentId).where('seq', '<=', throughSeq).execute();
        await trx.insertInto('documentUpdates').values({ documentId, seq: throughSeq, data: merged }).execute();
      }),
    );
  }

  /** Runs `work` after this process's earlier appends and compactions of the same document. */
  private inOrder<T>(documentId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.bodyQueues.get(documentId) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.catch(() => undefined);
    this.bodyQueues.set(documentId, tail);
    void tail.then(() => {
      if (this.bodyQueues.get(documentId) === tail) this.bodyQueues.delete(documentId);
    });
    return run;
  }
}

async function getDocumentIn(q: Queries, id: string): Promise<DocumentRow | null> {
  const row = await q.selectFrom('documents').select(DOCUMENT).where('id', '=', id).executeTakeFirst();
  return row ? toDocumentRow(row) : null;
}

async function lastSeqIn(q: Queries, documentId: string): Promise<number> {
  const row = await q
    .selectFrom('documentUpdates')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('documentId', '=', documentId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

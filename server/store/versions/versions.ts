/**
 * The store's versions, statuses, review requests and decisions, review settings and the activity
 * log (the VersionStore part), written once over Kysely for SQLite and PostgreSQL (see
 * ../sql/context.ts). A port of the former hand-written SQLite store's, same behaviour:
 *
 * - Every multi-row write is one writeTransaction: a version with its activity entries, a status
 *   with its version and entry, a decision with its version and entry, an archive flag with its
 *   entry. A failing row (an unknown member or version) leaves nothing of the call written.
 * - The two check-then-writes SQLite gets from its single writer (a version's seq must be the
 *   document's next; a status changes only from the expected one) take a PostgreSQL advisory lock
 *   per document first (`lockFor`), always the status lock before the versions lock.
 * - Reads of several tables that must agree (a review state, a collective's reviews) run in one
 *   read transaction: deferred on SQLite, REPEATABLE READ READ ONLY on PostgreSQL.
 * - Lists break ties between equal timestamps in insertion order (SQLite rowid, PostgreSQL ord).
 * - Authors and details are JSON text; bytes go in as a Buffer view and come out as plain Uint8Arrays.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DocumentStatus, ReviewDecision } from '../../../shared/review';
import { changed, lockFor, ownBytes, writeTransaction, type Queries, type SqlContext } from '../sql/context';
import { insertionOrder } from '../sql/dialect';
import type { DocumentVersionsTable, Tables } from '../sql/tables';
import {
  groupByDocument,
  type ActivityKind,
  type ActivityRow,
  type DocumentReviewState,
  type NewVersion,
  type ReviewDecisionRow,
  type ReviewRequestRow,
  type ReviewState,
  type StatusRow,
  type VersionKind,
  type VersionRow,
  type VersionStore,
} from '../versionTypes';

const asBlob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The advisory lock keys (PostgreSQL) of a document's version seq and of its status. */
const versionsLock = (documentId: string) => `document_versions:${documentId}`;
const statusLock = (documentId: string) => `document_status:${documentId}`;

const STATUS_COLUMNS = ['documentId', 'status', 'amountGranted', 'refusalReason', 'effectiveDate', 'adoptedVersionId', 'changedAt', 'changedBy'] as const;
const REQUEST_COLUMNS = ['documentId', 'reviewerId', 'requestedBy', 'requestedAt'] as const;
const DECISION_COLUMNS = ['id', 'documentId', 'reviewerId', 'decision', 'message', 'versionId', 'createdAt'] as const;

/** A version row as read, without its data, with the data's size. */
type VersionRecord = Omit<Selectable<DocumentVersionsTable>, 'data'> & { byteSize: number };

const toVersionRow = (r: VersionRecord): VersionRow => ({
  id: r.id,
  documentId: r.documentId,
  seq: Number(r.seq),
  kind: r.kind as VersionKind,
  name: r.name,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  authors: JSON.parse(r.authors) as string[],
  contentHash: r.contentHash,
  snapshot: Number(r.snapshot) === 1,
  byteSize: Number(r.byteSize),
});

const toStatusRow = (r: Omit<StatusRow, 'status'> & { status: string }): StatusRow => ({
  ...r,
  status: r.status as DocumentStatus,
  amountGranted: r.amountGranted === null ? null : Number(r.amountGranted),
});

const toDecisionRow = (r: Omit<ReviewDecisionRow, 'decision'> & { decision: string }): ReviewDecisionRow => ({ ...r, decision: r.decision as ReviewDecision });

/** The VersionStore methods over the shared database. */
export class SqlVersions implements VersionStore {
  constructor(private readonly ctx: SqlContext) {}

  // ---- inside transactions (#private: SqlStore binds only the prototype's public methods) ----

  /** Inserts a version whose seq must be the document's next (under the document's versions lock). */
  async #insertVersion(trx: Queries, { row: v, data }: NewVersion): Promise<void> {
    await lockFor(trx, this.ctx.engine, versionsLock(v.documentId));
    const { seq } = await trx
      .selectFrom('documentVersions')
      .select(sql<number>`coalesce(max(seq), 0)`.as('seq'))
      .where('documentId', '=', v.documentId)
      .executeTakeFirstOrThrow();
    const next = Number(seq) + 1;
    // Chains are rebuilt by seq: a gap or a duplicate would silently rebuild the wrong state.
    if (v.seq !== next) throw new Error(`createVersion: seq ${v.seq} of ${v.documentId} is not the next one (${next})`);
    await trx
      .insertInto('documentVersions')
      .values({
        id: v.id,
        documentId: v.documentId,
        seq: v.seq,
        kind: v.kind,
        name: v.name,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        authors: JSON.stringify(v.authors),
        contentHash: v.contentHash,
        snapshot: v.snapshot ? 1 : 0,
        data: asBlob(data),
      })
      .execute();
  }

  async #insertActivity(trx: Queries, activity: readonly ActivityRow[]): Promise<void> {
    // One at a time, in the given order: the insertion order breaks ties between equal timestamps.
    for (const a of activity) {
      await trx
        .insertInto('documentActivity')
        .values({ id: a.id, documentId: a.documentId, kind: a.kind, actorId: a.actorId, at: a.at, versionId: a.versionId, details: JSON.stringify(a.details) })
        .execute();
    }
  }

  async #statusOf(q: Queries, documentId: string): Promise<StatusRow | null> {
    const row = await q.selectFrom('documentStatus').select(STATUS_COLUMNS).where('documentId', '=', documentId).executeTakeFirst();
    return row ? toStatusRow(row) : null;
  }

  /** Several reads that see one state of the database. */
  #read<T>(work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
    const tx = this.ctx.db.transaction();
    return (this.ctx.engine === 'postgres' ? tx.setIsolationLevel('repeatable read').setAccessMode('read only') : tx).execute(work);
  }

  // ---- versions ----

  async createVersion(version: NewVersion, activity: readonly ActivityRow[]): Promise<void> {
    await writeTransaction(this.ctx, async (trx) => {
      await this.#insertVersion(trx, version);
      await this.#insertActivity(trx, activity);
    });
  }

  async nameVersion(id: string, name: string, activity: readonly ActivityRow[]): Promise<boolean> {
    return writeTransaction(this.ctx, async (trx) => {
      if (changed(await trx.updateTable('documentVersions').set({ name }).where('id', '=', id).executeTakeFirst()) === 0) return false;
      await this.#insertActivity(trx, activity);
      return true;
    });
  }

  #selectVersions(q: Queries) {
    return q
      .selectFrom('documentVersions')
      .select(['id', 'documentId', 'seq', 'kind', 'name', 'createdAt', 'createdBy', 'authors', 'contentHash', 'snapshot', sql<number>`length(data)`.as('byteSize')]);
  }

  async listVersions(documentId: string): Promise<VersionRow[]> {
    const rows = await this.#selectVersions(this.ctx.db).where('documentId', '=', documentId).orderBy('seq').execute();
    return rows.map(toVersionRow);
  }

  async getVersion(id: string): Promise<VersionRow | null> {
    const row = await this.#selectVersions(this.ctx.db).where('id', '=', id).executeTakeFirst();
    return row ? toVersionRow(row) : null;
  }

  async loadVersionChain(documentId: string, seq: number): Promise<Uint8Array[]> {
    // From the latest snapshot at or before `seq` (none: max() is null and nothing matches) up to `seq`.
    const rows = await this.ctx.db
      .selectFrom('documentVersions')
      .select(['seq', 'data'])
      .where('documentId', '=', documentId)
      .where(
        'seq',
        '>=',
        (eb) =>
          eb
            .selectFrom('documentVersions as snap')
            .select(sql<number>`max(snap.seq)`.as('seq'))
            .where('snap.documentId', '=', documentId)
            .where('snap.snapshot', '=', 1)
            .where('snap.seq', '<=', seq),
      )
      .where('seq', '<=', seq)
      .orderBy('seq')
      .execute();
    return Number(rows.at(-1)?.seq) === seq ? rows.map((r) => ownBytes(r.data)) : [];
  }

  // ---- statuses and reviews ----

  async getReviewState(documentId: string): Promise<ReviewState> {
    return this.#read(async (trx) => ({
      status: await this.#statusOf(trx, documentId),
      requests: await trx
        .selectFrom('reviewRequests')
        .select(REQUEST_COLUMNS)
        .where('documentId', '=', documentId)
        .orderBy('requestedAt')
        .orderBy(insertionOrder(this.ctx.engine))
        .execute(),
      decisions: (
        await trx
          .selectFrom('reviewDecisions')
          .select(DECISION_COLUMNS)
          .where('documentId', '=', documentId)
          .orderBy('createdAt')
          .orderBy(insertionOrder(this.ctx.engine))
          .execute()
      ).map(toDecisionRow),
    }));
  }

  async changeStatus(status: StatusRow, expected: DocumentStatus | null, version: NewVersion | null, activity: ActivityRow): Promise<boolean> {
    return writeTransaction(this.ctx, async (trx) => {
      // Checked inside the transaction, under the document's status lock: two members changing the
      // status at once cannot both win.
      await lockFor(trx, this.ctx.engine, statusLock(status.documentId));
      if (((await this.#statusOf(trx, status.documentId))?.status ?? null) !== expected) return false;
      if (version) await this.#insertVersion(trx, version);
      const s = status;
      await trx
        .insertInto('documentStatus')
        .values({
          documentId: s.documentId,
          status: s.status,
          amountGranted: s.amountGranted,
          refusalReason: s.refusalReason,
          effectiveDate: s.effectiveDate,
          adoptedVersionId: s.adoptedVersionId,
          changedAt: s.changedAt,
          changedBy: s.changedBy,
        })
        .onConflict((oc) =>
          oc.column('documentId').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            amountGranted: eb.ref('excluded.amountGranted'),
            refusalReason: eb.ref('excluded.refusalReason'),
            effectiveDate: eb.ref('excluded.effectiveDate'),
            adoptedVersionId: eb.ref('excluded.adoptedVersionId'),
            changedAt: eb.ref('excluded.changedAt'),
            changedBy: eb.ref('excluded.changedBy'),
          })),
        )
        .execute();
      await this.#insertActivity(trx, [activity]);
      return true;
    });
  }

  async addReviewRequests(requests: readonly ReviewRequestRow[], activity: readonly ActivityRow[]): Promise<void> {
    await writeTransaction(this.ctx, async (trx) => {
      for (const r of requests) {
        await trx
          .insertInto('reviewRequests')
          .values({ documentId: r.documentId, reviewerId: r.reviewerId, requestedBy: r.requestedBy, requestedAt: r.requestedAt })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await this.#insertActivity(trx, activity);
    });
  }

  async addReviewDecision(decision: ReviewDecisionRow, version: NewVersion | null, activity: ActivityRow): Promise<void> {
    await writeTransaction(this.ctx, async (trx) => {
      if (version) await this.#insertVersion(trx, version);
      const d = decision;
      await trx
        .insertInto('reviewDecisions')
        .values({ id: d.id, documentId: d.documentId, reviewerId: d.reviewerId, decision: d.decision, message: d.message, versionId: d.versionId, createdAt: d.createdAt })
        .execute();
      await this.#insertActivity(trx, [activity]);
    });
  }

  // ---- activity and archiving ----

  async listActivity(documentId: string, limit: number): Promise<ActivityRow[]> {
    const rows = await this.ctx.db
      .selectFrom('documentActivity')
      .select(['id', 'documentId', 'kind', 'actorId', 'at', 'versionId', 'details'])
      .where('documentId', '=', documentId)
      .orderBy('at', 'desc')
      .orderBy(insertionOrder(this.ctx.engine), 'desc')
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map((r) => ({ ...r, kind: r.kind as ActivityKind, details: JSON.parse(r.details) as Record<string, unknown> }));
  }

  async setArchived(documentId: string, archived: boolean, activity: ActivityRow): Promise<boolean> {
    return writeTransaction(this.ctx, async (trx) => {
      // Checked and written in one statement (a row lock on PostgreSQL): two members archiving at
      // once write one entry.
      const result = await trx
        .updateTable('documents')
        .set({ archived: archived ? 1 : 0 })
        .where('id', '=', documentId)
        .where('archived', '=', archived ? 0 : 1)
        .executeTakeFirst();
      if (changed(result) === 0) return false;
      await this.#insertActivity(trx, [activity]);
      return true;
    });
  }

  // ---- review settings ----

  async getApprovalsRequired(workspaceId: string): Promise<number | null> {
    const row = await this.ctx.db.selectFrom('workspaceReviewSettings').select('approvalsRequired').where('workspaceId', '=', workspaceId).executeTakeFirst();
    return row ? Number(row.approvalsRequired) : null;
  }

  async setApprovalsRequired(workspaceId: string, count: number): Promise<void> {
    await this.ctx.db
      .insertInto('workspaceReviewSettings')
      .values({ workspaceId, approvalsRequired: count })
      .onConflict((oc) => oc.column('workspaceId').doUpdateSet((eb) => ({ approvalsRequired: eb.ref('excluded.approvalsRequired') })))
      .execute();
  }

  async listWorkspaceReviews(workspaceId: string): Promise<DocumentReviewState[]> {
    const order = insertionOrder(this.ctx.engine);
    return this.#read(async (trx) => {
      const inWorkspace = trx.selectFrom('documents').select('id').where('workspaceId', '=', workspaceId);
      const statuses = await trx.selectFrom('documentStatus').select(STATUS_COLUMNS).where('documentId', 'in', inWorkspace).execute();
      const requests = await trx.selectFrom('reviewRequests').select(REQUEST_COLUMNS).where('documentId', 'in', inWorkspace).orderBy('requestedAt').orderBy(order).execute();
      const decisions = await trx.selectFrom('reviewDecisions').select(DECISION_COLUMNS).where('documentId', 'in', inWorkspace).orderBy('createdAt').orderBy(order).execute();
      return groupByDocument(statuses.map(toStatusRow), requests, decisions.map(toDecisionRow));
    });
  }
}

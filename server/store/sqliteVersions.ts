/**
 * Versions, statuses, reviews and the activity log of SqliteStore (the VersionStore part), over the
 * tables of migration 4. Multi-row writes are IMMEDIATE transactions, so that "the status is still
 * what the command read" holds against another process on the same file too.
 */
import type Database from 'better-sqlite3';
import type { DocumentStatus } from '../../shared/review';
import { asBlob } from './sqliteAppend';
import { groupByDocument, type ActivityRow, type DocumentReviewState, type NewVersion, type ReviewDecisionRow, type ReviewRequestRow, type ReviewState, type StatusRow, type VersionRow, type VersionStore } from './versionTypes';

const VERSION = `id, document_id AS documentId, seq, kind, name, created_at AS createdAt, created_by AS createdBy,
  authors, content_hash AS contentHash, snapshot, length(data) AS byteSize`;
const STATUS = `document_id AS documentId, status, amount_granted AS amountGranted, refusal_reason AS refusalReason,
  effective_date AS effectiveDate, adopted_version_id AS adoptedVersionId, changed_at AS changedAt, changed_by AS changedBy`;
const REQUEST = `document_id AS documentId, reviewer_id AS reviewerId, requested_by AS requestedBy, requested_at AS requestedAt`;
const DECISION = `id, document_id AS documentId, reviewer_id AS reviewerId, decision, message, version_id AS versionId, created_at AS createdAt`;
const ACTIVITY = `id, document_id AS documentId, kind, actor_id AS actorId, at, version_id AS versionId, details`;

type VersionRecord = Omit<VersionRow, 'authors' | 'snapshot'> & { authors: string; snapshot: number };
type ActivityRecord = Omit<ActivityRow, 'details'> & { details: string };

const toVersionRow = (r: VersionRecord): VersionRow => ({ ...r, authors: JSON.parse(r.authors) as string[], snapshot: r.snapshot === 1 });
const toActivityRow = (r: ActivityRecord): ActivityRow => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> });

function prepareVersionStatements(db: Database.Database) {
  return {
    insertVersion: db.prepare<[string, string, number, string, string | null, string, string | null, string, string, number, Buffer]>(
      `INSERT INTO document_versions (id, document_id, seq, kind, name, created_at, created_by, authors, content_hash, snapshot, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setName: db.prepare<[string, string]>(`UPDATE document_versions SET name = ? WHERE id = ?`),
    maxSeq: db.prepare<[string], { seq: number }>(`SELECT coalesce(max(seq), 0) AS seq FROM document_versions WHERE document_id = ?`),
    listVersions: db.prepare<[string], VersionRecord>(`SELECT ${VERSION} FROM document_versions WHERE document_id = ? ORDER BY seq`),
    getVersion: db.prepare<[string], VersionRecord>(`SELECT ${VERSION} FROM document_versions WHERE id = ?`),
    versionChain: db.prepare<[string, string, number, number], { seq: number; data: Buffer }>(
      `SELECT seq, data FROM document_versions WHERE document_id = ?
         AND seq >= (SELECT max(seq) FROM document_versions WHERE document_id = ? AND snapshot = 1 AND seq <= ?) AND seq <= ?
       ORDER BY seq`,
    ),
    getStatus: db.prepare<[string], StatusRow>(`SELECT ${STATUS} FROM document_status WHERE document_id = ?`),
    upsertStatus: db.prepare<[string, string, number | null, string | null, string | null, string | null, string, string]>(
      `INSERT INTO document_status (document_id, status, amount_granted, refusal_reason, effective_date, adopted_version_id, changed_at, changed_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET status = excluded.status, amount_granted = excluded.amount_granted,
         refusal_reason = excluded.refusal_reason, effective_date = excluded.effective_date,
         adopted_version_id = excluded.adopted_version_id, changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
    ),
    requestsOf: db.prepare<[string], ReviewRequestRow>(`SELECT ${REQUEST} FROM review_requests WHERE document_id = ? ORDER BY requested_at, rowid`),
    insertRequest: db.prepare<[string, string, string, string]>(
      `INSERT INTO review_requests (document_id, reviewer_id, requested_by, requested_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    decisionsOf: db.prepare<[string], ReviewDecisionRow>(`SELECT ${DECISION} FROM review_decisions WHERE document_id = ? ORDER BY created_at, rowid`),
    insertDecision: db.prepare<[string, string, string, string, string | null, string, string]>(
      `INSERT INTO review_decisions (id, document_id, reviewer_id, decision, message, version_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertActivity: db.prepare<[string, string, string, string, string, string | null, string]>(
      `INSERT INTO document_activity (id, document_id, kind, actor_id, at, version_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    setArchived: db.prepare<[number, string, number]>(`UPDATE documents SET archived = ? WHERE id = ? AND archived = ?`),
    listActivity: db.prepare<[string, number], ActivityRecord>(`SELECT ${ACTIVITY} FROM document_activity WHERE document_id = ? ORDER BY at DESC, rowid DESC LIMIT ?`),
    getApprovals: db.prepare<[string], { n: number }>(`SELECT approvals_required AS n FROM workspace_review_settings WHERE workspace_id = ?`),
    setApprovals: db.prepare<[string, number]>(
      `INSERT INTO workspace_review_settings (workspace_id, approvals_required) VALUES (?, ?)
       ON CONFLICT (workspace_id) DO UPDATE SET approvals_required = excluded.approvals_required`,
    ),
    workspaceStatuses: db.prepare<[string], StatusRow>(
      `SELECT ${STATUS} FROM document_status WHERE document_id IN (SELECT id FROM documents WHERE workspace_id = ?)`,
    ),
    workspaceRequests: db.prepare<[string], ReviewRequestRow>(
      `SELECT ${REQUEST} FROM review_requests WHERE document_id IN (SELECT id FROM documents WHERE workspace_id = ?) ORDER BY requested_at, rowid`,
    ),
    workspaceDecisions: db.prepare<[string], ReviewDecisionRow>(
      `SELECT ${DECISION} FROM review_decisions WHERE document_id IN (SELECT id FROM documents WHERE workspace_id = ?) ORDER BY created_at, rowid`,
    ),
  };
}

/** The VersionStore methods over one SQLite connection. */
export class SqliteVersions implements VersionStore {
  private readonly q: ReturnType<typeof prepareVersionStatements>;
  private readonly tx: ReturnType<SqliteVersions['transactions']>;

  constructor(private readonly db: Database.Database) {
    this.q = prepareVersionStatements(db);
    this.tx = this.transactions();
  }

  private transactions() {
    const db = this.db;
    return {
      createVersion: db.transaction((v: NewVersion, activity: readonly ActivityRow[]) => {
        this.insertVersion(v);
        activity.forEach((a) => this.insertActivity(a));
      }),
      nameVersion: db.transaction((id: string, name: string, activity: readonly ActivityRow[]) => {
        if (this.q.setName.run(name, id).changes === 0) return false;
        activity.forEach((a) => this.insertActivity(a));
        return true;
      }),
      changeStatus: db.transaction((s: StatusRow, expected: DocumentStatus | null, v: NewVersion | null, a: ActivityRow) => {
        // Checked inside the transaction: two members changing the status at once cannot both win.
        if ((this.q.getStatus.get(s.documentId)?.status ?? null) !== expected) return false;
        if (v) this.insertVersion(v);
        this.q.upsertStatus.run(s.documentId, s.status, s.amountGranted, s.refusalReason, s.effectiveDate, s.adoptedVersionId, s.changedAt, s.changedBy);
        this.insertActivity(a);
        return true;
      }),
      setArchived: db.transaction((documentId: string, archived: boolean, a: ActivityRow) => {
        // Checked and written together: two members archiving at once write one entry.
        if (this.q.setArchived.run(archived ? 1 : 0, documentId, archived ? 0 : 1).changes === 0) return false;
        this.insertActivity(a);
        return true;
      }),
      addReviewRequests: db.transaction((requests: readonly ReviewRequestRow[], activity: readonly ActivityRow[]) => {
        requests.forEach((r) => this.q.insertRequest.run(r.documentId, r.reviewerId, r.requestedBy, r.requestedAt));
        activity.forEach((a) => this.insertActivity(a));
      }),
      addReviewDecision: db.transaction((d: ReviewDecisionRow, v: NewVersion | null, a: ActivityRow) => {
        if (v) this.insertVersion(v);
        this.q.insertDecision.run(d.id, d.documentId, d.reviewerId, d.decision, d.message, d.versionId, d.createdAt);
        this.insertActivity(a);
      }),
      reviewState: db.transaction((documentId: string): ReviewState => ({
        status: this.q.getStatus.get(documentId) ?? null,
        requests: this.q.requestsOf.all(documentId),
        decisions: this.q.decisionsOf.all(documentId),
      })),
      workspaceReviews: db.transaction((workspaceId: string) => ({
        statuses: this.q.workspaceStatuses.all(workspaceId),
        requests: this.q.workspaceRequests.all(workspaceId),
        decisions: this.q.workspaceDecisions.all(workspaceId),
      })),
    };
  }

  private insertVersion({ row: v, data }: NewVersion): void {
    const next = this.q.maxSeq.get(v.documentId)!.seq + 1;
    // Chains are rebuilt by seq: a gap or a duplicate would silently rebuild the wrong state.
    if (v.seq !== next) throw new Error(`createVersion: seq ${v.seq} of ${v.documentId} is not the next one (${next})`);
    this.q.insertVersion.run(v.id, v.documentId, v.seq, v.kind, v.name, v.createdAt, v.createdBy, JSON.stringify(v.authors), v.contentHash, v.snapshot ? 1 : 0, asBlob(data));
  }

  private insertActivity(a: ActivityRow): void {
    this.q.insertActivity.run(a.id, a.documentId, a.kind, a.actorId, a.at, a.versionId, JSON.stringify(a.details));
  }

  async createVersion(version: NewVersion, activity: readonly ActivityRow[]): Promise<void> {
    this.tx.createVersion.immediate(version, activity);
  }

  async nameVersion(id: string, name: string, activity: readonly ActivityRow[]): Promise<boolean> {
    return this.tx.nameVersion.immediate(id, name, activity);
  }

  async listVersions(documentId: string): Promise<VersionRow[]> {
    return this.q.listVersions.all(documentId).map(toVersionRow);
  }

  async getVersion(id: string): Promise<VersionRow | null> {
    const record = this.q.getVersion.get(id);
    return record ? toVersionRow(record) : null;
  }

  async loadVersionChain(documentId: string, seq: number): Promise<Uint8Array[]> {
    const rows = this.q.versionChain.all(documentId, documentId, seq, seq);
    return rows.at(-1)?.seq === seq ? rows.map((r) => new Uint8Array(r.data)) : [];
  }

  async getReviewState(documentId: string): Promise<ReviewState> {
    return this.tx.reviewState(documentId);
  }

  async changeStatus(status: StatusRow, expected: DocumentStatus | null, version: NewVersion | null, activity: ActivityRow): Promise<boolean> {
    return this.tx.changeStatus.immediate(status, expected, version, activity);
  }

  async addReviewRequests(requests: readonly ReviewRequestRow[], activity: readonly ActivityRow[]): Promise<void> {
    this.tx.addReviewRequests.immediate(requests, activity);
  }

  async addReviewDecision(decision: ReviewDecisionRow, version: NewVersion | null, activity: ActivityRow): Promise<void> {
    this.tx.addReviewDecision.immediate(decision, version, activity);
  }

  async listActivity(documentId: string, limit: number): Promise<ActivityRow[]> {
    return this.q.listActivity.all(documentId, Math.max(0, limit)).map(toActivityRow);
  }

  async setArchived(documentId: string, archived: boolean, activity: ActivityRow): Promise<boolean> {
    return this.tx.setArchived.immediate(documentId, archived, activity);
  }

  async getApprovalsRequired(workspaceId: string): Promise<number | null> {
    return this.q.getApprovals.get(workspaceId)?.n ?? null;
  }

  async setApprovalsRequired(workspaceId: string, count: number): Promise<void> {
    this.q.setApprovals.run(workspaceId, count);
  }

  async listWorkspaceReviews(workspaceId: string): Promise<DocumentReviewState[]> {
    const { statuses, requests, decisions } = this.tx.workspaceReviews(workspaceId);
    return groupByDocument(statuses, requests, decisions);
  }
}

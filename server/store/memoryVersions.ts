/**
 * Versions, statuses, reviews and the activity log of MemoryStore, in insertion-ordered arrays and
 * Maps. Like SQLite it refuses rows that reference missing ones, checks everything before the first
 * write, and copies rows and bytes in and out.
 */
import type { DocumentStatus } from '../../shared/review';
import { groupByDocument, type ActivityRow, type DocumentReviewState, type NewVersion, type ReviewDecisionRow, type ReviewRequestRow, type ReviewState, type StatusRow, type VersionRow, type VersionStore } from './versionTypes';

/** What these tables need to know about the rest of the store (their foreign keys). */
export interface VersionReferences {
  hasMember(id: string): boolean;
  hasDocument(id: string): boolean;
  hasWorkspace(id: string): boolean;
  /** The collective of a document, or undefined if there is no such document. */
  workspaceOf(documentId: string): string | undefined;
  /** A document's archived flag, or undefined if there is no such document. */
  archivedOf(documentId: string): boolean | undefined;
  setArchivedFlag(documentId: string, archived: boolean): void;
}

interface StoredVersion {
  row: VersionRow;
  data: Uint8Array;
}

/** Stands in for a foreign-key or primary-key violation. */
function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`MemoryStore: ${message}`);
}

const copyVersion = (v: VersionRow): VersionRow => ({ ...v, authors: [...v.authors] });
const copyActivity = (a: ActivityRow): ActivityRow => ({ ...a, details: structuredClone(a.details) });

/** Oldest first by a timestamp; Array.prototype.sort is stable, so equal times keep insertion order (SQLite's rowid). */
const byTime = <T>(rows: T[], time: (row: T) => string): T[] => rows.sort((a, b) => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : 0));

/** The VersionStore part of MemoryStore. */
export class MemoryVersions implements VersionStore {
  private readonly versions = new Map<string, StoredVersion>();
  private readonly statuses = new Map<string, StatusRow>();
  private readonly requests: ReviewRequestRow[] = [];
  private readonly decisions: ReviewDecisionRow[] = [];
  private readonly activity: ActivityRow[] = [];
  private readonly approvals = new Map<string, number>();

  constructor(private readonly refs: VersionReferences) {}

  private versionsOf(documentId: string): StoredVersion[] {
    return [...this.versions.values()].filter((v) => v.row.documentId === documentId).sort((a, b) => a.row.seq - b.row.seq);
  }

  private checkVersion({ row }: NewVersion): void {
    ensure(this.refs.hasDocument(row.documentId), `unknown document ${row.documentId}`);
    ensure(!this.versions.has(row.id), `version ${row.id} exists`);
    ensure(row.createdBy === null || this.refs.hasMember(row.createdBy), `unknown member ${row.createdBy}`);
    const existing = this.versionsOf(row.documentId);
    const next = (existing.at(-1)?.row.seq ?? 0) + 1;
    ensure(row.seq === next, `createVersion: seq ${row.seq} of ${row.documentId} is not the next one (${next})`);
    ensure(row.snapshot || existing.length > 0, 'the first version of a document must be a snapshot');
  }

  private checkActivity(a: ActivityRow, pendingVersion: NewVersion | null = null): void {
    ensure(this.refs.hasDocument(a.documentId), `unknown document ${a.documentId}`);
    ensure(this.refs.hasMember(a.actorId), `unknown member ${a.actorId}`);
    ensure(a.versionId === null || this.versions.has(a.versionId) || pendingVersion?.row.id === a.versionId, `unknown version ${a.versionId}`);
    ensure(!this.activity.some((x) => x.id === a.id), `activity ${a.id} exists`);
  }

  private insertVersion({ row, data }: NewVersion): void {
    this.versions.set(row.id, { row: { ...copyVersion(row), byteSize: data.byteLength }, data: new Uint8Array(data) });
  }

  async createVersion(version: NewVersion, activity: readonly ActivityRow[]): Promise<void> {
    this.checkVersion(version);
    activity.forEach((a) => this.checkActivity(a, version));
    this.insertVersion(version);
    activity.forEach((a) => this.activity.push(copyActivity(a)));
  }

  async nameVersion(id: string, name: string, activity: readonly ActivityRow[]): Promise<boolean> {
    const stored = this.versions.get(id);
    if (!stored) return false;
    activity.forEach((a) => this.checkActivity(a));
    stored.row.name = name;
    activity.forEach((a) => this.activity.push(copyActivity(a)));
    return true;
  }

  async listVersions(documentId: string): Promise<VersionRow[]> {
    return this.versionsOf(documentId).map((v) => copyVersion(v.row));
  }

  async getVersion(id: string): Promise<VersionRow | null> {
    const v = this.versions.get(id);
    return v ? copyVersion(v.row) : null;
  }

  async loadVersionChain(documentId: string, seq: number): Promise<Uint8Array[]> {
    const upTo = this.versionsOf(documentId).filter((v) => v.row.seq <= seq);
    if (upTo.at(-1)?.row.seq !== seq) return [];
    const start = upTo.findLastIndex((v) => v.row.snapshot);
    return upTo.slice(start).map((v) => new Uint8Array(v.data));
  }

  async getReviewState(documentId: string): Promise<ReviewState> {
    const status = this.statuses.get(documentId);
    return {
      status: status ? { ...status } : null,
      requests: byTime(this.requests.filter((r) => r.documentId === documentId).map((r) => ({ ...r })), (r) => r.requestedAt),
      decisions: byTime(this.decisions.filter((d) => d.documentId === documentId).map((d) => ({ ...d })), (d) => d.createdAt),
    };
  }

  async changeStatus(status: StatusRow, expected: DocumentStatus | null, version: NewVersion | null, activity: ActivityRow): Promise<boolean> {
    if ((this.statuses.get(status.documentId)?.status ?? null) !== expected) return false;
    ensure(this.refs.hasDocument(status.documentId), `unknown document ${status.documentId}`);
    ensure(this.refs.hasMember(status.changedBy), `unknown member ${status.changedBy}`);
    if (version) this.checkVersion(version);
    const adopted = status.adoptedVersionId;
    ensure(adopted === null || this.versions.has(adopted) || version?.row.id === adopted, `unknown version ${adopted}`);
    this.checkActivity(activity, version);
    if (version) this.insertVersion(version);
    this.statuses.set(status.documentId, { ...status });
    this.activity.push(copyActivity(activity));
    return true;
  }

  async addReviewRequests(requests: readonly ReviewRequestRow[], activity: readonly ActivityRow[]): Promise<void> {
    for (const r of requests) {
      ensure(this.refs.hasDocument(r.documentId), `unknown document ${r.documentId}`);
      ensure(this.refs.hasMember(r.reviewerId) && this.refs.hasMember(r.requestedBy), 'unknown member');
    }
    activity.forEach((a) => this.checkActivity(a));
    for (const r of requests) {
      if (!this.requests.some((x) => x.documentId === r.documentId && x.reviewerId === r.reviewerId)) this.requests.push({ ...r });
    }
    activity.forEach((a) => this.activity.push(copyActivity(a)));
  }

  async addReviewDecision(decision: ReviewDecisionRow, version: NewVersion | null, activity: ActivityRow): Promise<void> {
    ensure(this.refs.hasDocument(decision.documentId), `unknown document ${decision.documentId}`);
    ensure(this.refs.hasMember(decision.reviewerId), `unknown member ${decision.reviewerId}`);
    ensure(!this.decisions.some((d) => d.id === decision.id), `decision ${decision.id} exists`);
    if (version) this.checkVersion(version);
    ensure(this.versions.has(decision.versionId) || version?.row.id === decision.versionId, `unknown version ${decision.versionId}`);
    this.checkActivity(activity, version);
    if (version) this.insertVersion(version);
    this.decisions.push({ ...decision });
    this.activity.push(copyActivity(activity));
  }

  async setArchived(documentId: string, archived: boolean, activity: ActivityRow): Promise<boolean> {
    const current = this.refs.archivedOf(documentId);
    if (current === undefined || current === archived) return false;
    this.checkActivity(activity);
    this.refs.setArchivedFlag(documentId, archived);
    this.activity.push(copyActivity(activity));
    return true;
  }

  async listActivity(documentId: string, limit: number): Promise<ActivityRow[]> {
    // Newest first; entries at the same instant keep the reverse of their insertion order, as SQLite's rowid does.
    const newestFirst = this.activity.filter((a) => a.documentId === documentId).reverse();
    newestFirst.sort((a, b) => (a.at > b.at ? -1 : a.at < b.at ? 1 : 0));
    return newestFirst.slice(0, Math.max(0, limit)).map(copyActivity);
  }

  async getApprovalsRequired(workspaceId: string): Promise<number | null> {
    return this.approvals.get(workspaceId) ?? null;
  }

  async setApprovalsRequired(workspaceId: string, count: number): Promise<void> {
    ensure(this.refs.hasWorkspace(workspaceId), `unknown workspace ${workspaceId}`);
    ensure(Number.isInteger(count) && count >= 1, `approvals required must be at least 1 (got ${count})`);
    this.approvals.set(workspaceId, count);
  }

  async listWorkspaceReviews(workspaceId: string): Promise<DocumentReviewState[]> {
    const inWorkspace = (row: { documentId: string }) => this.refs.workspaceOf(row.documentId) === workspaceId;
    return groupByDocument(
      [...this.statuses.values()].filter(inWorkspace).map((s) => ({ ...s })),
      byTime(this.requests.filter(inWorkspace).map((r) => ({ ...r })), (r) => r.requestedAt),
      byTime(this.decisions.filter(inWorkspace).map((d) => ({ ...d })), (d) => d.createdAt),
    );
  }
}

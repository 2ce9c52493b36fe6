/**
 * The persistence contract for versions, statuses, reviews and the activity log (issue 6): rows
 * and the part of the Store that holds them, implemented in versions/versions.ts; the contract suite
 * is contractVersions.ts.
 */
import type { DocumentStatus, ReviewDecision } from '../../shared/review';
import type { Timestamp } from './Store';

/** Why a version was taken. */
export const VERSION_KINDS = ['auto', 'manual', 'status', 'review', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** An immutable copy of a document body at one moment (its bytes are stored beside, see NewVersion). */
export interface VersionRow {
  id: string;
  documentId: string;
  /** 1, 2, 3… per document, in the order versions were taken. */
  seq: number;
  kind: VersionKind;
  name: string | null;
  createdAt: Timestamp;
  /** Who took it (null: the server, after a pause in editing). */
  createdBy: string | null;
  /** Members whose edits it holds since the previous version. */
  authors: string[];
  /** SHA-256 of the body's ProseMirror JSON: equal hashes mean equal content. */
  contentHash: string;
  /** Full state (true) or the difference from the previous version's state (false). */
  snapshot: boolean;
  /** Bytes stored for it. */
  byteSize: number;
}

/** A version to store with its bytes: the full state, or the Yjs update since the previous version. */
export interface NewVersion {
  row: VersionRow;
  data: Uint8Array;
}

/** The current status of a document with a workflow. */
export interface StatusRow {
  documentId: string;
  status: DocumentStatus;
  /** Accepted proposals: the amount granted, in euros. */
  amountGranted: number | null;
  /** Refused proposals: the funder's reason. */
  refusalReason: string | null;
  /** Adopted texts: the day they take effect (YYYY-MM-DD). */
  effectiveDate: string | null;
  /** The version last adopted (kept while the text is discussed again). */
  adoptedVersionId: string | null;
  changedAt: Timestamp;
  changedBy: string;
}

/** A member asked to review a document. */
export interface ReviewRequestRow {
  documentId: string;
  reviewerId: string;
  requestedBy: string;
  requestedAt: Timestamp;
}

/** A reviewer's decision on one version. */
export interface ReviewDecisionRow {
  id: string;
  documentId: string;
  reviewerId: string;
  decision: ReviewDecision;
  message: string | null;
  versionId: string;
  createdAt: Timestamp;
}

/** What an activity entry records. */
export const ACTIVITY_KINDS = ['status_changed', 'review_requested', 'approved', 'changes_requested', 'version_named', 'version_restored', 'document_archived', 'document_restored'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One entry of a document's activity log. */
export interface ActivityRow {
  id: string;
  documentId: string;
  kind: ActivityKind;
  actorId: string;
  at: Timestamp;
  versionId: string | null;
  /** Kind-specific facts (statuses, reviewer, message, amount…), as stored JSON. */
  details: Record<string, unknown>;
}

/** A document's review state: its status (null until first changed), requests and decisions oldest first. */
export interface ReviewState {
  status: StatusRow | null;
  requests: ReviewRequestRow[];
  decisions: ReviewDecisionRow[];
}

/** A ReviewState with the document it belongs to. */
export type DocumentReviewState = ReviewState & { documentId: string };

/** Versions, statuses, reviews and activity: the part of the Store added by issue 6. */
export interface VersionStore {
  /** Stores a version (seq must be the document's next) and its activity entries, in one transaction. */
  createVersion(version: NewVersion, activity: readonly ActivityRow[]): Promise<void>;
  /**
   * Names (or renames) a stored version and writes its activity entries, in one transaction; its
   * content never changes. False (nothing written) if there is no such version.
   */
  nameVersion(id: string, name: string, activity: readonly ActivityRow[]): Promise<boolean>;
  /** A document's versions, oldest first (without their bytes). */
  listVersions(documentId: string): Promise<VersionRow[]>;
  getVersion(id: string): Promise<VersionRow | null>;
  /**
   * The bytes needed to rebuild version `seq`: those of the latest snapshot at or before it, then
   * of every version after that snapshot up to `seq`, in order. Empty if there is no such version.
   */
  loadVersionChain(documentId: string, seq: number): Promise<Uint8Array[]>;
  /** Status, review requests and decisions of a document. */
  getReviewState(documentId: string): Promise<ReviewState>;
  /**
   * Changes a document's status if it is still `expected` (null: never set), storing the version
   * taken for it and the activity entry, in one transaction. False (nothing written) otherwise.
   */
  changeStatus(status: StatusRow, expected: DocumentStatus | null, version: NewVersion | null, activity: ActivityRow): Promise<boolean>;
  /** Adds review requests (one already there is left as it was) and their activity entries. */
  addReviewRequests(requests: readonly ReviewRequestRow[], activity: readonly ActivityRow[]): Promise<void>;
  /** Records a decision, with the version taken for it (if a new one was needed) and its activity entry. */
  addReviewDecision(decision: ReviewDecisionRow, version: NewVersion | null, activity: ActivityRow): Promise<void>;
  /** A document's activity log, newest first, at most `limit` entries. */
  listActivity(documentId: string, limit: number): Promise<ActivityRow[]>;
  /**
   * Archives (true) or restores (false) a document with its activity entry, in one transaction,
   * if it is not so already. False (nothing written) if it already was, or there is no such document.
   */
  setArchived(documentId: string, archived: boolean, activity: ActivityRow): Promise<boolean>;
  /** Approvals a collective requires before a proposal is approved; null if never set. */
  getApprovalsRequired(workspaceId: string): Promise<number | null>;
  setApprovalsRequired(workspaceId: string, count: number): Promise<void>;
  /**
   * Review state of every document of a collective that has a status or a review request (for its
   * home page), in no particular order.
   */
  listWorkspaceReviews(workspaceId: string): Promise<DocumentReviewState[]>;
}

/** One ReviewState per document that has a status or a request (both backends build their answer with it). */
export function groupByDocument(statuses: readonly StatusRow[], requests: readonly ReviewRequestRow[], decisions: readonly ReviewDecisionRow[]): DocumentReviewState[] {
  const byDocument = new Map<string, DocumentReviewState>();
  const entry = (documentId: string) => {
    let state = byDocument.get(documentId);
    if (!state) byDocument.set(documentId, (state = { documentId, status: null, requests: [], decisions: [] }));
    return state;
  };
  statuses.forEach((s) => (entry(s.documentId).status = s));
  requests.forEach((r) => entry(r.documentId).requests.push(r));
  decisions.forEach((d) => byDocument.get(d.documentId)?.decisions.push(d));
  return [...byDocument.values()];
}

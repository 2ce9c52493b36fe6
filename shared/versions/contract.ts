/**
 * The HTTP contract of versions, statuses and reviews (issue 6): request validators (zod) and
 * response types. Error ids are in shared/api.ts (ErrorId) with the others.
 */
import { z } from 'zod';
import type { MemberSummary } from '../api';
import { IdParam } from '../api';
import { DOCUMENT_STATUSES, REVIEW_DECISIONS, type DocumentStatus, type ReviewDecision, type ReviewerState } from '../review';
import type { PmNode } from '../templates';
import type { DocumentDiff } from './diff';

/** `POST /api/documents/:id/versions`: names the current content as a version. */
export const NameVersionRequest = z.strictObject({ name: z.string().trim().min(1).max(120) });
export type NameVersionRequest = z.infer<typeof NameVersionRequest>;

/** `PUT /api/documents/:id/status` */
export const ChangeStatusRequest = z.strictObject({
  status: z.enum(DOCUMENT_STATUSES),
  /** Accepted proposals: the amount granted, in euros. */
  amountGranted: z.number().nonnegative().max(1e12).optional(),
  /** Refused proposals: why. */
  reason: z.string().trim().min(1).max(2000).optional(),
  /** Adopted texts: the day they take effect. */
  effectiveDate: z.iso.date().optional(),
});
export type ChangeStatusRequest = z.infer<typeof ChangeStatusRequest>;

/** `POST /api/documents/:id/reviewers`: asks these members to review. */
export const RequestReviewRequest = z.strictObject({ reviewerIds: z.array(IdParam).min(1).max(20) });
export type RequestReviewRequest = z.infer<typeof RequestReviewRequest>;

/** `POST /api/documents/:id/reviews`: the requesting reviewer's decision on the current content. */
export const ReviewDecisionRequest = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  message: z.string().trim().max(2000).optional(),
});
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequest>;

/** `PUT /api/workspaces/:id/review-settings` (coordinators). */
export const ReviewSettingsRequest = z.strictObject({ approvalsRequired: z.number().int().min(1).max(20) });
export type ReviewSettingsRequest = z.infer<typeof ReviewSettingsRequest>;

/** A version as listed. */
export interface VersionView {
  id: string;
  seq: number;
  kind: 'auto' | 'manual' | 'status' | 'review' | 'restore';
  name: string | null;
  createdAt: string;
  createdBy: MemberSummary | null;
  /** Members whose edits it holds since the version before. */
  authors: MemberSummary[];
  /** For a version taken at a status change (`kind: 'status'`), the statuses it went from and to; null otherwise. */
  statusChange: { from: DocumentStatus | null; to: DocumentStatus } | null;
}

/** `GET /api/documents/:id/versions`: newest first. */
export interface VersionListResponse {
  versions: VersionView[];
  /** The version last adopted (charters, rules, procedures), to open in one click. */
  adoptedVersionId: string | null;
}

/** `GET /api/documents/:id/versions/:versionId`: the version and its content, read-only. */
export interface VersionContentResponse {
  version: VersionView;
  content: PmNode;
}

/** `GET /api/documents/:id/diff?from=<versionId>&to=<versionId|current>` */
export interface VersionDiffResponse {
  from: VersionView;
  /** Null when compared with the current content. */
  to: VersionView | null;
  diff: DocumentDiff;
}

/** One reviewer of a document and where they stand on the current content. */
export interface ReviewerView {
  member: MemberSummary;
  state: ReviewerState;
  requestedBy: MemberSummary;
  requestedAt: string;
  /** Their latest decision, with the version it was made on. */
  latest: { decision: ReviewDecision; message: string | null; versionId: string; at: string } | null;
}

/** `GET /api/documents/:id/review` and the answer of every review or status change. */
export interface ReviewView {
  documentId: string;
  /** Null for kinds without a workflow (meetings, notes). */
  status: DocumentStatus | null;
  /** Statuses the document can move to from here. */
  next: DocumentStatus[];
  amountGranted: number | null;
  refusalReason: string | null;
  effectiveDate: string | null;
  adoptedVersionId: string | null;
  statusChangedAt: string | null;
  statusChangedBy: MemberSummary | null;
  approvalsRequired: number;
  /** Reviewers whose latest decision approves the current content. */
  freshApprovals: number;
  reviewers: ReviewerView[];
  /** Whether the requesting member may change the status and ask for reviews (editors). */
  canEdit: boolean;
  /** The requesting member's own state as a reviewer, or null if not asked. */
  myState: ReviewerState | null;
}

/** What an activity entry records. */
export type ActivityKind = 'status_changed' | 'review_requested' | 'approved' | 'changes_requested' | 'version_named' | 'version_restored' | 'document_archived' | 'document_restored';

/** One entry of a document's activity log. */
export interface ActivityView {
  id: string;
  kind: ActivityKind;
  actor: MemberSummary;
  at: string;
  versionId: string | null;
  /** Kind-specific: `from`/`to` statuses, `reviewer`, `message`, `name`, `amountGranted`, `reason`, `effectiveDate`. */
  details: Record<string, unknown>;
}

/** `GET /api/documents/:id/activity`: newest first. */
export interface ActivityResponse {
  entries: ActivityView[];
}

/** A document in the home page's review lists. */
export interface ReviewListItem {
  id: string;
  title: string;
  status: DocumentStatus | null;
  freshApprovals: number;
  approvalsRequired: number;
  /** For "waiting for my review": my state (pending, stale…). */
  myState?: ReviewerState;
}

/** `GET /api/workspaces/:id/reviews` */
export interface ReviewListsResponse {
  /** Documents I was asked to review and have not approved as they are now. */
  waitingForMe: ReviewListItem[];
  /** Documents I created that are in review (or in discussion). */
  mineInReview: ReviewListItem[];
}

/** `GET /api/workspaces/:id/review-settings` */
export interface ReviewSettingsResponse {
  approvalsRequired: number;
}

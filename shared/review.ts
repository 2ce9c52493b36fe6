/**
 * Document statuses and review rules, as data and pure functions. The server enforces them (a
 * status change is refused unless `checkTransition` allows it); the client uses the same tables to
 * offer only the moves that can succeed.
 */
import type { DocumentKind } from './api';

/** Every status a document can be in, whatever its kind. */
export const DOCUMENT_STATUSES = ['draft', 'in_review', 'approved', 'submitted', 'accepted', 'refused', 'in_discussion', 'adopted'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The statuses of one kind's workflow, in order, and the moves allowed from each. */
export interface Workflow {
  statuses: readonly DocumentStatus[];
  moves: Readonly<Partial<Record<DocumentStatus, readonly DocumentStatus[]>>>;
}

const PROPOSAL: Workflow = {
  statuses: ['draft', 'in_review', 'approved', 'submitted', 'accepted', 'refused'],
  moves: {
    draft: ['in_review'],
    in_review: ['draft', 'approved'],
    // Approved but not yet sent: it can go back for more work.
    approved: ['submitted', 'in_review', 'draft'],
    submitted: ['accepted', 'refused'],
    accepted: [],
    refused: [],
  },
};

const GOVERNING: Workflow = {
  statuses: ['draft', 'in_discussion', 'adopted'],
  moves: {
    draft: ['in_discussion'],
    in_discussion: ['draft', 'adopted'],
    // An adopted text is revised by discussing it again; the adopted version stays recorded.
    adopted: ['in_discussion'],
  },
};

/** Each kind's workflow; meetings and notes have none. */
export const WORKFLOWS: Readonly<Record<DocumentKind, Workflow | null>> = Object.freeze({
  proposal: PROPOSAL,
  charter: GOVERNING,
  rules: GOVERNING,
  procedure: GOVERNING,
  meeting: null,
  note: null,
});

/** The status a new document of this kind starts in (null: no workflow). */
export function initialStatus(kind: DocumentKind): DocumentStatus | null {
  return WORKFLOWS[kind]?.statuses[0] ?? null;
}

/** Statuses reachable from `from` for this kind. */
export function nextStatuses(kind: DocumentKind, from: DocumentStatus): readonly DocumentStatus[] {
  return WORKFLOWS[kind]?.moves[from] ?? [];
}

/** What a status change carries besides the status itself. */
export interface TransitionDetails {
  /** Amount granted, in euros (accepted proposals). */
  amountGranted?: number | undefined;
  /** Why the funder refused (refused proposals). */
  reason?: string | undefined;
  /** Day the text takes effect, YYYY-MM-DD (adopted charters, rules, procedures). */
  effectiveDate?: string | undefined;
}

/** Why a status change is refused, as stable ids (the server maps them to ErrorId values). */
export type TransitionProblem =
  | { id: 'no_workflow' }
  | { id: 'illegal_transition'; from: DocumentStatus; to: DocumentStatus; allowed: readonly DocumentStatus[] }
  | { id: 'missing_detail'; field: keyof TransitionDetails }
  | { id: 'quorum_not_met'; fresh: number; required: number };

/** Facts about the document's reviews that a status change may depend on. */
export interface ReviewFacts {
  /** Reviewers whose latest decision approves the current content. */
  freshApprovals: number;
  /** Approvals the collective requires. */
  approvalsRequired: number;
}

/**
 * Whether a document of `kind` may move from `from` to `to` with these details, or why not.
 * Marking a proposal approved needs as many fresh approvals as the collective requires.
 */
export function checkTransition(kind: DocumentKind, from: DocumentStatus, to: DocumentStatus, details: TransitionDetails, reviews: ReviewFacts): TransitionProblem | null {
  if (WORKFLOWS[kind] === null) return { id: 'no_workflow' };
  const allowed = nextStatuses(kind, from);
  if (!allowed.includes(to)) return { id: 'illegal_transition', from, to, allowed };
  if (to === 'accepted' && details.amountGranted === undefined) return { id: 'missing_detail', field: 'amountGranted' };
  if (to === 'refused' && (details.reason ?? '').trim() === '') return { id: 'missing_detail', field: 'reason' };
  if (to === 'adopted' && details.effectiveDate === undefined) return { id: 'missing_detail', field: 'effectiveDate' };
  if (to === 'approved' && reviews.freshApprovals < reviews.approvalsRequired) {
    return { id: 'quorum_not_met', fresh: reviews.freshApprovals, required: reviews.approvalsRequired };
  }
  return null;
}

/** Approvals a collective requires before a proposal can be marked approved, unless it says otherwise. */
export const DEFAULT_APPROVALS_REQUIRED = 2;

/** A reviewer's decision. */
export const REVIEW_DECISIONS = ['approve', 'changes'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** One reviewer's latest decision, reduced to what staleness needs. */
export interface DecisionFacts {
  reviewerId: string;
  decision: ReviewDecision;
  /** Content identity of the version the decision was made on. */
  contentHash: string;
}

/**
 * Where a reviewer stands on the current content: no decision yet, approved it, approved an
 * earlier content ("changed since approved"), or asked for changes.
 */
export type ReviewerState = 'pending' | 'approved' | 'stale' | 'changes_requested';

/** A reviewer's state given their latest decision (or none) and the current content's hash. */
export function reviewerState(latest: DecisionFacts | null, currentHash: string): ReviewerState {
  if (latest === null) return 'pending';
  if (latest.decision === 'changes') return 'changes_requested';
  return latest.contentHash === currentHash ? 'approved' : 'stale';
}

/** The latest decision of each reviewer, from decisions listed oldest first. */
export function latestDecisions<D extends { reviewerId: string }>(decisions: readonly D[]): Map<string, D> {
  const latest = new Map<string, D>();
  for (const decision of decisions) latest.set(decision.reviewerId, decision);
  return latest;
}

/** How many of the requested reviewers approve the current content. */
export function countFreshApprovals(reviewerIds: readonly string[], decisions: readonly DecisionFacts[], currentHash: string): number {
  const latest = latestDecisions(decisions);
  return reviewerIds.filter((id) => reviewerState(latest.get(id) ?? null, currentHash) === 'approved').length;
}

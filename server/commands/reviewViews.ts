/**
 * Read side of reviews: a document's review state as the API shows it (who stands where on the
 * current content), its activity log, and the home page's two review lists.
 */
import { IdParam } from '../../shared/api';
import { canOnDocument } from '../../shared/permissions';
import { countFreshApprovals, DEFAULT_APPROVALS_REQUIRED, initialStatus, latestDecisions, nextStatuses, reviewerState, type DecisionFacts } from '../../shared/review';
import type { ActivityResponse, ReviewListItem, ReviewListsResponse, ReviewView } from '../../shared/versions/contract';
import type { DocumentRow, MemberRow, Store } from '../store/Store';
import type { ReviewState } from '../store/versionTypes';
import { accessTo, memberLookup, parse, requireDocument, requireMembership, type CommandContext } from './context';
import type { VersionsContext } from './versions';

/** Approvals the collective requires (its setting, or the default). */
export async function approvalsRequired(store: Store, workspaceId: string): Promise<number> {
  return (await store.getApprovalsRequired(workspaceId)) ?? DEFAULT_APPROVALS_REQUIRED;
}

/** Each decision with the content hash of the version it was made on. */
export async function decisionFacts(store: Store, documentId: string, state: ReviewState): Promise<(DecisionFacts & ReviewState['decisions'][number])[]> {
  const hashes = new Map((await store.listVersions(documentId)).map((v) => [v.id, v.contentHash]));
  return state.decisions.map((d) => ({ ...d, contentHash: hashes.get(d.versionId) ?? '' }));
}

/** The review state of one document for one member, given the current content's hash. */
export async function buildReviewView(ctx: CommandContext, actor: MemberRow, document: DocumentRow, canEdit: boolean, currentHash: string): Promise<ReviewView> {
  const state = await ctx.store.getReviewState(document.id);
  const lookup = await memberLookup(ctx, document.workspaceId);
  const decisions = await decisionFacts(ctx.store, document.id, state);
  const latest = latestDecisions(decisions);
  const status = state.status?.status ?? initialStatus(document.kind);
  const reviewers = await Promise.all(state.requests.map(async (request) => {
    const last = latest.get(request.reviewerId) ?? null;
    return {
      member: await lookup(request.reviewerId),
      state: reviewerState(last, currentHash),
      requestedBy: await lookup(request.requestedBy),
      requestedAt: request.requestedAt,
      latest: last && { decision: last.decision, message: last.message, versionId: last.versionId, at: last.createdAt },
    };
  }));
  const mine = reviewers.find((r) => r.member.id === actor.id);
  return {
    documentId: document.id,
    status,
    next: status === null ? [] : [...nextStatuses(document.kind, status)],
    amountGranted: state.status?.amountGranted ?? null,
    refusalReason: state.status?.refusalReason ?? null,
    effectiveDate: state.status?.effectiveDate ?? null,
    adoptedVersionId: state.status?.adoptedVersionId ?? null,
    statusChangedAt: state.status?.changedAt ?? null,
    statusChangedBy: await lookup(state.status?.changedBy ?? null),
    approvalsRequired: await approvalsRequired(ctx.store, document.workspaceId),
    freshApprovals: countFreshApprovals(state.requests.map((r) => r.reviewerId), decisions, currentHash),
    reviewers,
    canEdit,
    myState: mine?.state ?? null,
  };
}

/** `GET /api/documents/:id/review` (anyone who reads the document). */
export async function getReview(ctx: VersionsContext, actor: MemberRow, documentId: string): Promise<ReviewView> {
  parse(IdParam, documentId);
  const { document, access } = await requireDocument(ctx, actor, documentId);
  return buildReviewView(ctx, actor, document, canOnDocument(access, 'editBody'), (await ctx.versions.current(documentId)).hash);
}

/** A document's activity log, newest first (anyone who reads the document). */
export async function listActivity(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<ActivityResponse> {
  parse(IdParam, documentId);
  const { document } = await requireDocument(ctx, actor, documentId);
  const lookup = await memberLookup(ctx, document.workspaceId);
  const rows = await ctx.store.listActivity(documentId, 200);
  // A review request names its reviewer by id in the log; the view gives their name too.
  const withNames = async (details: Record<string, unknown>) => (typeof details.reviewerId === 'string' ? { ...details, reviewer: await lookup(details.reviewerId) } : details);
  return { entries: await Promise.all(rows.map(async (a) => ({ id: a.id, kind: a.kind, actor: await lookup(a.actorId), at: a.at, versionId: a.versionId, details: await withNames(a.details) }))) };
}

/** Statuses in which a document is "in review" for its author's list. */
const UNDER_REVIEW = new Set(['in_review', 'in_discussion']);

/** The home page's lists: documents waiting for my review, and my documents in review. */
export async function reviewLists(ctx: VersionsContext, actor: MemberRow, workspaceId: string): Promise<ReviewListsResponse> {
  parse(IdParam, workspaceId);
  await requireMembership(ctx, actor, workspaceId);
  const required = await approvalsRequired(ctx.store, workspaceId);
  const lists: ReviewListsResponse = { waitingForMe: [], mineInReview: [] };
  for (const state of await ctx.store.listWorkspaceReviews(workspaceId)) {
    const document = await ctx.store.getDocument(state.documentId);
    if (!document || document.archived) continue;
    const asked = state.requests.some((r) => r.reviewerId === actor.id);
    const status = state.status?.status ?? initialStatus(document.kind);
    const mine = document.createdBy === actor.id && status !== null && UNDER_REVIEW.has(status);
    if ((!asked && !mine) || (await accessTo(ctx.store, actor.id, document)).access === null) continue;
    const hash = (await ctx.versions.current(document.id)).hash;
    const decisions = await decisionFacts(ctx.store, document.id, state);
    const item: ReviewListItem = { id: document.id, title: document.title, status, freshApprovals: countFreshApprovals(state.requests.map((r) => r.reviewerId), decisions, hash), approvalsRequired: required };
    const myState = reviewerState(latestDecisions(decisions).get(actor.id) ?? null, hash);
    if (asked && (myState === 'pending' || myState === 'stale')) lists.waitingForMe.push({ ...item, myState });
    if (mine) lists.mineInReview.push(item);
  }
  return lists;
}

/**
 * Statuses and reviews: move a document through its workflow, ask members to review, record their
 * decisions, and the collective's quorum. Every change takes a version (a decision reuses the
 * latest one when the content is unchanged), writes an activity entry in the same transaction, and
 * is published live.
 */
import { ErrorId, IdParam } from '../../shared/api';
import { canInWorkspace, canOnDocument } from '../../shared/permissions';
import { checkTransition, countFreshApprovals, initialStatus, type TransitionProblem } from '../../shared/review';
import { ChangeStatusRequest, RequestReviewRequest, ReviewDecisionRequest, ReviewSettingsRequest, type ReviewSettingsResponse, type ReviewView } from '../../shared/versions/contract';
import { AppError, conflict, forbidden } from '../errors';
import { newId } from '../ids';
import type { MemberRow } from '../store/Store';
import type { ReviewDecisionRow, StatusRow } from '../store/versionTypes';
import { membersAccess, parse, requireDocument, requireMembership, type CommandContext } from './context';
import { approvalsRequired, buildReviewView, decisionFacts } from './reviewViews';
import { activityEntry, publishReview, requireEditable, type VersionsContext } from './versions';

/** The API error for a refused status change: 409 when the document's state forbids it, 400 when the request lacks something. */
function transitionError(problem: TransitionProblem): AppError {
  switch (problem.id) {
    case 'no_workflow':
      return new AppError(400, ErrorId.NO_WORKFLOW, 'Meetings and notes have no status.');
    case 'illegal_transition':
      return conflict(ErrorId.ILLEGAL_TRANSITION, `A document cannot go from ${problem.from} to ${problem.to}; allowed: ${problem.allowed.join(', ') || 'none'}.`);
    case 'missing_detail':
      return new AppError(400, ErrorId.INVALID_INPUT, 'The request is not valid.', [{ path: problem.field, message: 'required for this status' }]);
    case 'quorum_not_met':
      return conflict(ErrorId.QUORUM_NOT_MET, `${problem.required} approvals of the current content are required; there are ${problem.fresh}.`);
  }
}

/** Moves a document to another status (editors only); returns its review state. */
export async function changeStatus(ctx: VersionsContext, actor: MemberRow, documentId: string, input: unknown): Promise<ReviewView> {
  const request = parse(ChangeStatusRequest, input);
  const { document } = await requireEditable(ctx, actor, documentId, 'Only editors can change the status.');
  const required = await approvalsRequired(ctx.store, document.workspaceId);
  const hash = await ctx.versions.record(documentId, { kind: 'status', by: actor.id }, async (prepared) => {
    // Read and checked with the version being taken: the quorum counts approvals of exactly this content.
    const state = await ctx.store.getReviewState(documentId);
    const from = state.status?.status ?? initialStatus(document.kind);
    const fresh = countFreshApprovals(state.requests.map((r) => r.reviewerId), await decisionFacts(ctx.store, documentId, state), prepared.row.contentHash);
    const problem = from === null ? { id: 'no_workflow' as const } : checkTransition(document.kind, from, request.status, { amountGranted: request.amountGranted, reason: request.reason, effectiveDate: request.effectiveDate }, { freshApprovals: fresh, approvalsRequired: required });
    if (problem) throw transitionError(problem);
    const row: StatusRow = {
      documentId,
      status: request.status,
      amountGranted: request.status === 'accepted' ? request.amountGranted! : null,
      refusalReason: request.status === 'refused' ? request.reason! : null,
      effectiveDate: request.status === 'adopted' ? request.effectiveDate! : state.status?.effectiveDate ?? null,
      adoptedVersionId: request.status === 'adopted' ? prepared.row.id : state.status?.adoptedVersionId ?? null,
      changedAt: ctx.now().toISOString(),
      changedBy: actor.id,
    };
    const details = { from, to: request.status, amountGranted: row.amountGranted, reason: row.refusalReason, effectiveDate: request.status === 'adopted' ? row.effectiveDate : null };
    const written = await ctx.store.changeStatus(row, state.status?.status ?? null, prepared.version, activityEntry(ctx, actor, documentId, 'status_changed', prepared.row.id, details));
    if (!written) throw conflict(ErrorId.STATUS_CONFLICT, 'The status changed meanwhile: reload and try again.');
    return prepared.row.contentHash;
  });
  publishReview(ctx, document);
  return buildReviewView(ctx, actor, document, true, hash);
}

/** Asks members to review (editors only). Each must belong to the collective and be able to comment. */
export async function requestReviews(ctx: VersionsContext, actor: MemberRow, documentId: string, input: unknown): Promise<ReviewView> {
  const { reviewerIds } = parse(RequestReviewRequest, input);
  const { document } = await requireEditable(ctx, actor, documentId, 'Only editors can ask for reviews.');
  const access = new Map((await membersAccess(ctx.store, document)).map(({ membership, effective }) => [membership.member.id, effective]));
  const unique = [...new Set(reviewerIds)];
  const invalid = unique.filter((id) => id === actor.id || !canOnDocument(access.get(id) ?? null, 'comment'));
  if (invalid.length > 0) throw new AppError(400, ErrorId.REVIEWER_INVALID, 'Reviewers must be other members who can comment on the document.', invalid.map((id) => ({ path: 'reviewerIds', message: id })));
  const already = new Set((await ctx.store.getReviewState(documentId)).requests.map((r) => r.reviewerId));
  const fresh = unique.filter((id) => !already.has(id));
  const at = ctx.now().toISOString();
  const requests = fresh.map((reviewerId) => ({ documentId, reviewerId, requestedBy: actor.id, requestedAt: at }));
  await ctx.store.addReviewRequests(requests, fresh.map((reviewerId) => activityEntry(ctx, actor, documentId, 'review_requested', null, { reviewerId })));
  if (fresh.length > 0) publishReview(ctx, document);
  return buildReviewView(ctx, actor, document, true, (await ctx.versions.current(documentId)).hash);
}

/**
 * A requested reviewer approves or asks for changes on the content as it is now; the decision
 * records the exact version it was made on (taken now, or the latest if the content is unchanged).
 */
export async function decide(ctx: VersionsContext, actor: MemberRow, documentId: string, input: unknown): Promise<ReviewView> {
  const request = parse(ReviewDecisionRequest, input);
  parse(IdParam, documentId);
  const { document, access } = await requireDocument(ctx, actor, documentId);
  if (!canOnDocument(access, 'comment')) throw forbidden('Readers cannot review this document.');
  const { requests } = await ctx.store.getReviewState(documentId);
  if (!requests.some((r) => r.reviewerId === actor.id)) throw forbidden('Only members asked to review can decide.');
  const message = request.message ? request.message : null;
  const hash = await ctx.versions.record(documentId, { kind: 'review', by: actor.id, reuseIfUnchanged: true }, async (prepared) => {
    const decision: ReviewDecisionRow = { id: newId(), documentId, reviewerId: actor.id, decision: request.decision, message, versionId: prepared.row.id, createdAt: ctx.now().toISOString() };
    const kind = request.decision === 'approve' ? 'approved' : 'changes_requested';
    await ctx.store.addReviewDecision(decision, prepared.version, activityEntry(ctx, actor, documentId, kind, prepared.row.id, { message }));
    return prepared.row.contentHash;
  });
  publishReview(ctx, document);
  return buildReviewView(ctx, actor, document, canOnDocument(access, 'editBody'), hash);
}

/** How many approvals the collective requires (any member). */
export async function getReviewSettings(ctx: CommandContext, actor: MemberRow, workspaceId: string): Promise<ReviewSettingsResponse> {
  parse(IdParam, workspaceId);
  await requireMembership(ctx, actor, workspaceId);
  return { approvalsRequired: await approvalsRequired(ctx.store, workspaceId) };
}

/** Changes how many approvals the collective requires (coordinators). */
export async function setReviewSettings(ctx: CommandContext, actor: MemberRow, workspaceId: string, input: unknown): Promise<ReviewSettingsResponse> {
  parse(IdParam, workspaceId);
  const { approvalsRequired: count } = parse(ReviewSettingsRequest, input);
  const role = await requireMembership(ctx, actor, workspaceId);
  // The same people who manage the collective's members and access decide its quorum.
  if (!canInWorkspace(role, 'document.grant')) throw forbidden('Only coordinators can change how many approvals are required.');
  await ctx.store.setApprovalsRequired(workspaceId, count);
  return { approvalsRequired: count };
}

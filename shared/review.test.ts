import { describe, expect, it } from 'vitest';
import type { DocumentKind } from './api';
import { checkTransition, countFreshApprovals, initialStatus, nextStatuses, reviewerState, type DocumentStatus, type TransitionDetails } from './review';

const quorum = { freshApprovals: 2, approvalsRequired: 2 };

describe('status workflows', () => {
  it.each([
    ['proposal', 'draft'],
    ['charter', 'draft'],
    ['rules', 'draft'],
    ['procedure', 'draft'],
    ['meeting', null],
    ['note', null],
  ] as [DocumentKind, DocumentStatus | null][])('a new %s starts as %s', (kind, status) => {
    expect(initialStatus(kind)).toBe(status);
  });

  it.each([
    ['proposal', 'draft', 'in_review', {}, null],
    ['proposal', 'in_review', 'approved', {}, null],
    ['proposal', 'approved', 'submitted', {}, null],
    ['proposal', 'submitted', 'accepted', { amountGranted: 12000 }, null],
    ['proposal', 'submitted', 'refused', { reason: 'Hors périmètre' }, null],
    ['proposal', 'draft', 'approved', {}, 'illegal_transition'],
    ['proposal', 'draft', 'submitted', {}, 'illegal_transition'],
    ['proposal', 'accepted', 'draft', {}, 'illegal_transition'],
    ['proposal', 'submitted', 'accepted', {}, 'missing_detail'],
    ['proposal', 'submitted', 'refused', { reason: '  ' }, 'missing_detail'],
    ['proposal', 'draft', 'adopted', {}, 'illegal_transition'],
    ['charter', 'draft', 'in_discussion', {}, null],
    ['charter', 'in_discussion', 'adopted', { effectiveDate: '2027-01-01' }, null],
    ['rules', 'in_discussion', 'adopted', {}, 'missing_detail'],
    ['procedure', 'adopted', 'in_discussion', {}, null],
    ['charter', 'draft', 'adopted', { effectiveDate: '2027-01-01' }, 'illegal_transition'],
    ['charter', 'in_discussion', 'approved', {}, 'illegal_transition'],
    ['note', 'draft', 'in_review', {}, 'no_workflow'],
  ] as [DocumentKind, DocumentStatus, DocumentStatus, TransitionDetails, string | null][])('%s: %s → %s %o gives %s', (kind, from, to, details, problem) => {
    expect(checkTransition(kind, from, to, details, quorum)?.id ?? null).toBe(problem);
  });

  it('refuses to mark a proposal approved below the quorum, saying how many are missing', () => {
    expect(checkTransition('proposal', 'in_review', 'approved', {}, { freshApprovals: 1, approvalsRequired: 2 })).toEqual({ id: 'quorum_not_met', fresh: 1, required: 2 });
    expect(checkTransition('proposal', 'in_review', 'approved', {}, { freshApprovals: 3, approvalsRequired: 3 })).toBeNull();
  });

  it('lists the moves offered from a status', () => {
    expect(nextStatuses('proposal', 'submitted')).toEqual(['accepted', 'refused']);
    expect(nextStatuses('meeting', 'draft')).toEqual([]);
  });
});

describe('reviewer states', () => {
  const approve = (reviewerId: string, contentHash: string) => ({ reviewerId, decision: 'approve' as const, contentHash });
  it('tells pending, approved, stale and changes requested apart', () => {
    expect(reviewerState(null, 'h1')).toBe('pending');
    expect(reviewerState(approve('a', 'h1'), 'h1')).toBe('approved');
    expect(reviewerState(approve('a', 'h1'), 'h2')).toBe('stale');
    expect(reviewerState({ reviewerId: 'a', decision: 'changes', contentHash: 'h2' }, 'h2')).toBe('changes_requested');
  });

  it('counts only requested reviewers whose latest decision approves the current content', () => {
    const decisions = [approve('a', 'h1'), approve('b', 'h1'), { reviewerId: 'b', decision: 'changes' as const, contentHash: 'h2' }, approve('c', 'h2'), approve('x', 'h2')];
    expect(countFreshApprovals(['a', 'b', 'c'], decisions, 'h2')).toBe(1);
    expect(countFreshApprovals(['a', 'b', 'c'], [...decisions, approve('a', 'h2')], 'h2')).toBe(2);
  });
});

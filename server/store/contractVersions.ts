/**
 * Contract suite, issue 6: versions (bytes and chains), statuses with their optimistic check,
 * review requests and decisions, the activity log and the collective's approvals setting.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './Store';
import { at, documentRow, memberRow, seedCollective, testId } from './contractFixtures';
import type { ActivityRow, NewVersion, ReviewDecisionRow, StatusRow } from './versionTypes';

/** A document in a fresh collective, its author (the coordinator) and a reviewer. */
async function reviewedDocument(store: Store) {
  const { workspace, coordinator: author } = await seedCollective(store);
  const doc = documentRow(workspace.id, { createdBy: author.id });
  await store.createDocument(doc, new Uint8Array([0, 0]));
  const reviewer = memberRow({ name: 'Relectrice' });
  await store.createMember(reviewer);
  await store.setMembership(workspace.id, reviewer.id, 'member', at(0));
  return { workspace, doc, author, reviewer };
}

function version(documentId: string, seq: number, overrides: Partial<NewVersion['row']> = {}, data = new Uint8Array([seq, 1, 2])): NewVersion {
  return {
    row: { id: testId('ver'), documentId, seq, kind: 'auto', name: null, createdAt: at(seq), createdBy: null, authors: [], contentHash: `hash${seq}`, snapshot: seq === 1, byteSize: data.byteLength, ...overrides },
    data,
  };
}

const activity = (documentId: string, actorId: string, overrides: Partial<ActivityRow> = {}): ActivityRow => ({
  id: testId('act'), documentId, kind: 'status_changed', actorId, at: at(1), versionId: null, details: {}, ...overrides,
});

const status = (documentId: string, changedBy: string, overrides: Partial<StatusRow> = {}): StatusRow => ({
  documentId, status: 'in_review', amountGranted: null, refusalReason: null, effectiveDate: null, adoptedVersionId: null, changedAt: at(1), changedBy, ...overrides,
});

/** Registers the version and review tests; `store` returns the current test's store. */
export function versionsContract(store: () => Store): void {
  describe('versions', () => {
    it('stores versions in order with their bytes, and rebuilds any one from its latest snapshot', async () => {
      const { doc, author } = await reviewedDocument(store());
      const v1 = version(doc.id, 1, { kind: 'manual', name: 'Premier jet', createdBy: author.id, authors: [author.id] });
      await store().createVersion(v1, [activity(doc.id, author.id, { kind: 'version_named', versionId: v1.row.id, details: { name: 'Premier jet' } })]);
      const v2 = version(doc.id, 2);
      const v3 = version(doc.id, 3, { snapshot: true });
      const v4 = version(doc.id, 4);
      for (const v of [v2, v3, v4]) await store().createVersion(v, []);

      expect(await store().listVersions(doc.id)).toEqual([v1, v2, v3, v4].map((v) => v.row));
      expect(await store().getVersion(v1.row.id)).toEqual(v1.row);
      expect(await store().loadVersionChain(doc.id, 2)).toEqual([v1.data, v2.data]);
      expect(await store().loadVersionChain(doc.id, 4)).toEqual([v3.data, v4.data]);
      expect(await store().loadVersionChain(doc.id, 9)).toEqual([]);
      expect((await store().listActivity(doc.id, 10)).map((a) => [a.kind, a.versionId, a.details])).toEqual([['version_named', v1.row.id, { name: 'Premier jet' }]]);
    });

    it('refuses a version whose seq is not the next one, or a first version that is not a snapshot', async () => {
      const { doc } = await reviewedDocument(store());
      await expect(store().createVersion(version(doc.id, 1, { snapshot: false }), [])).rejects.toThrow();
      await store().createVersion(version(doc.id, 1), []);
      await expect(store().createVersion(version(doc.id, 3), [])).rejects.toThrow();
      await expect(store().createVersion(version(doc.id, 1), [])).rejects.toThrow();
      expect((await store().listVersions(doc.id)).map((v) => v.seq)).toEqual([1]);
    });

    it('names a stored version with its activity entry, leaving its content and the others as they were', async () => {
      const { doc, author } = await reviewedDocument(store());
      const [v1, v2] = [version(doc.id, 1), version(doc.id, 2)];
      for (const v of [v1, v2]) await store().createVersion(v, []);
      const named = activity(doc.id, author.id, { kind: 'version_named', versionId: v2.row.id, details: { name: 'Relu' } });
      expect(await store().nameVersion(v2.row.id, 'Relu', [named])).toBe(true);
      expect(await store().listVersions(doc.id)).toEqual([v1.row, { ...v2.row, name: 'Relu' }]);
      expect(await store().loadVersionChain(doc.id, 2)).toEqual([v1.data, v2.data]);
      expect((await store().listActivity(doc.id, 10)).map((a) => [a.kind, a.versionId, a.details])).toEqual([['version_named', v2.row.id, { name: 'Relu' }]]);
      expect(await store().nameVersion('unknown_version', 'Rien', [activity(doc.id, author.id, { kind: 'version_named' })])).toBe(false);
      expect(await store().listActivity(doc.id, 10)).toHaveLength(1);
    });
  });

  describe('statuses and reviews', () => {
    it('changes a status only from the expected one, with its version and activity entry', async () => {
      const { doc, author } = await reviewedDocument(store());
      const v1 = version(doc.id, 1, { kind: 'status' });
      const first = status(doc.id, author.id);
      expect(await store().changeStatus(first, null, v1, activity(doc.id, author.id, { versionId: v1.row.id, details: { from: 'draft', to: 'in_review' } }))).toBe(true);
      expect(await store().getReviewState(doc.id)).toEqual({ status: first, requests: [], decisions: [] });

      // Someone else moved it meanwhile: nothing of this second change is written.
      const stale = version(doc.id, 2, { kind: 'status' });
      expect(await store().changeStatus(status(doc.id, author.id, { status: 'draft' }), null, stale, activity(doc.id, author.id))).toBe(false);
      expect((await store().listVersions(doc.id)).map((v) => v.id)).toEqual([v1.row.id]);
      expect(await store().listActivity(doc.id, 10)).toHaveLength(1);

      const accepted = status(doc.id, author.id, { status: 'accepted', amountGranted: 12500.5, changedAt: at(3) });
      expect(await store().changeStatus(accepted, 'in_review', null, activity(doc.id, author.id, { at: at(3) }))).toBe(true);
      expect((await store().getReviewState(doc.id)).status).toEqual(accepted);
    });

    it('archives and restores a document with its activity entry, once each however often asked', async () => {
      const { doc, author } = await reviewedDocument(store());
      const archived = activity(doc.id, author.id, { kind: 'document_archived', at: at(2) });
      expect(await store().setArchived(doc.id, true, archived)).toBe(true);
      expect((await store().getDocument(doc.id))?.archived).toBe(true);
      // Already archived: nothing written.
      expect(await store().setArchived(doc.id, true, activity(doc.id, author.id, { kind: 'document_archived', at: at(3) }))).toBe(false);
      expect(await store().setArchived(doc.id, false, activity(doc.id, author.id, { kind: 'document_restored', at: at(4) }))).toBe(true);
      expect((await store().getDocument(doc.id))?.archived).toBe(false);
      expect((await store().listActivity(doc.id, 10)).map((a) => [a.kind, a.at])).toEqual([['document_restored', at(4)], ['document_archived', at(2)]]);
      expect(await store().setArchived('no-such-document', true, activity(doc.id, author.id, { kind: 'document_archived' }))).toBe(false);
      // An entry that breaks a reference leaves the flag as it was.
      await expect(store().setArchived(doc.id, true, activity(doc.id, 'no-such-member', { kind: 'document_archived' }))).rejects.toThrow();
      expect((await store().getDocument(doc.id))?.archived).toBe(false);
    });

    it('keeps review requests once each, and decisions oldest first with the version decided on', async () => {
      const { workspace, doc, author, reviewer } = await reviewedDocument(store());
      const v1 = version(doc.id, 1);
      await store().createVersion(v1, []);
      const request = { documentId: doc.id, reviewerId: reviewer.id, requestedBy: author.id, requestedAt: at(1) };
      await store().addReviewRequests([request], [activity(doc.id, author.id, { kind: 'review_requested', details: { reviewerId: reviewer.id } })]);
      await store().addReviewRequests([{ ...request, requestedAt: at(5) }], []);
      const approve: ReviewDecisionRow = { id: testId('dec'), documentId: doc.id, reviewerId: reviewer.id, decision: 'approve', message: null, versionId: v1.row.id, createdAt: at(2) };
      await store().addReviewDecision(approve, null, activity(doc.id, reviewer.id, { kind: 'approved', at: at(2), versionId: v1.row.id }));
      const v2 = version(doc.id, 2, { kind: 'review' });
      const changes: ReviewDecisionRow = { ...approve, id: testId('dec'), decision: 'changes', message: 'Chiffrer le budget', versionId: v2.row.id, createdAt: at(4) };
      await store().addReviewDecision(changes, v2, activity(doc.id, reviewer.id, { kind: 'changes_requested', at: at(4), versionId: v2.row.id }));

      expect(await store().getReviewState(doc.id)).toEqual({ status: null, requests: [request], decisions: [approve, changes] });
      expect((await store().listVersions(doc.id)).map((v) => v.id)).toEqual([v1.row.id, v2.row.id]);
      expect((await store().listActivity(doc.id, 2)).map((a) => a.kind)).toEqual(['changes_requested', 'approved']);
      expect(await store().listWorkspaceReviews(workspace.id)).toEqual([{ documentId: doc.id, status: null, requests: [request], decisions: [approve, changes] }]);

      const unknownVersion = { ...approve, id: testId('dec'), versionId: 'ver_missing1' };
      await expect(store().addReviewDecision(unknownVersion, null, activity(doc.id, reviewer.id))).rejects.toThrow();
      expect((await store().getReviewState(doc.id)).decisions).toHaveLength(2);
    });

    it('remembers how many approvals a collective requires', async () => {
      const { workspace } = await reviewedDocument(store());
      expect(await store().getApprovalsRequired(workspace.id)).toBeNull();
      await store().setApprovalsRequired(workspace.id, 3);
      await store().setApprovalsRequired(workspace.id, 1);
      expect(await store().getApprovalsRequired(workspace.id)).toBe(1);
      await expect(store().setApprovalsRequired(workspace.id, 0)).rejects.toThrow();
    });
  });
}

/**
 * Statuses and reviews through a real server, SQLite file and y-websocket providers: the quorum
 * the server enforces, approvals going stale when the body changes, illegal transitions, who may
 * do what, the activity log and the live revision open clients watch.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReviewListsResponse, ReviewView, VersionDiffResponse } from '../../shared/versions/contract';
import { META_MAP, metaRoom, REVIEW_REVISION_KEY } from '../../shared/rooms';
import { storedText, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, type TestServer } from '../helpers/server';
import { restartServing, serverPerTest } from '../helpers/serverPerTest';

describe('statuses and reviews', () => {
  const { server: current, open } = serverPerTest({ env: { VERSION_PAUSE_MS: '600000' } });
  let server: TestServer;
  beforeEach(() => {
    server = current();
  });

  /** Claire (coordinator) writes a proposal; Béa and Chloé (members) review it. */
  async function world(kind = 'proposal') {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa');
    const chloe = await addMember(server, workspaceId, claire.cookie, 'member', 'Chloé');
    const doc = await createDocument(server, workspaceId, claire.cookie, 'Demande de subvention', kind);
    return { workspaceId, claire, bea, chloe, doc };
  }

  const setStatus = (cookie: string, documentId: string, body: Record<string, unknown>) => api(server, 'PUT', `/api/documents/${documentId}/status`, { cookie, body });
  const askReview = (cookie: string, documentId: string, reviewerIds: string[]) => api(server, 'POST', `/api/documents/${documentId}/reviewers`, { cookie, body: { reviewerIds } });
  const decide = (cookie: string, documentId: string, decision: 'approve' | 'changes', message?: string) =>
    api(server, 'POST', `/api/documents/${documentId}/reviews`, { cookie, body: { decision, ...(message ? { message } : {}) } });
  const review = async (cookie: string, documentId: string): Promise<ReviewView> => (await api(server, 'GET', `/api/documents/${documentId}/review`, { cookie })).body;

  it('refuses to mark a proposal approved until as many reviewers as the collective requires approve it', async () => {
    const { workspaceId, claire, bea, chloe, doc } = await world();
    expect((await setStatus(claire.cookie, doc.id, { status: 'in_review' })).body.status).toBe('in_review');
    expect((await askReview(claire.cookie, doc.id, [bea.id, chloe.id])).status).toBe(200);
    expect((await decide(bea.cookie, doc.id, 'approve')).status).toBe(201);

    const early = await setStatus(claire.cookie, doc.id, { status: 'approved' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ id: 'quorum_not_met', message: expect.stringContaining('2 approvals') });
    expect((await server.trame.store.getReviewState(doc.id)).status?.status).toBe('in_review');

    expect((await decide(chloe.cookie, doc.id, 'approve', 'Parfait')).status).toBe(201);
    const approved = await setStatus(claire.cookie, doc.id, { status: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', freshApprovals: 2, approvalsRequired: 2 });
    expect((await server.trame.store.getReviewState(doc.id)).status).toMatchObject({ status: 'approved', changedBy: claire.id });

    // A coordinator lowers the quorum; a member may not.
    const settings = (cookie: string, approvalsRequired: number) => api(server, 'PUT', `/api/workspaces/${workspaceId}/review-settings`, { cookie, body: { approvalsRequired } });
    expect((await settings(bea.cookie, 1)).status).toBe(403);
    expect((await settings(claire.cookie, 3)).body).toEqual({ approvalsRequired: 3 });
    expect(await server.trame.store.getApprovalsRequired(workspaceId)).toBe(3);
  });

  it('keeps statuses, approvals, versions and the activity log across a restart', async () => {
    const { workspaceId, claire, bea, chloe, doc } = await world();
    await setStatus(claire.cookie, doc.id, { status: 'in_review' });
    await askReview(claire.cookie, doc.id, [bea.id, chloe.id]);
    await decide(bea.cookie, doc.id, 'approve', 'Très clair.');
    await decide(chloe.cookie, doc.id, 'approve');
    await setStatus(claire.cookie, doc.id, { status: 'approved' });
    const get = async (what: string) => (await api(server, 'GET', `/api/documents/${doc.id}/${what}`, { cookie: claire.cookie })).body;
    const before = { review: await review(claire.cookie, doc.id), versions: await get('versions'), activity: await get('activity') };
    expect(before.review).toMatchObject({ status: 'approved', freshApprovals: 2 });
    const list = async () => (await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: bea.cookie })).body.documents;
    expect((await list()).map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([[doc.id, 'approved']]);

    await restartServing(server);
    expect(await review(claire.cookie, doc.id)).toEqual(before.review);
    expect(await get('versions')).toEqual(before.versions);
    expect(await get('activity')).toEqual(before.activity);
    expect((await list())[0].status).toBe('approved');
  });

  it('makes an approval stale when the body changes, shows the diff since, and fresh again on re-approval', async () => {
    const { claire, bea, chloe, doc } = await world();
    await setStatus(claire.cookie, doc.id, { status: 'in_review' });
    await askReview(claire.cookie, doc.id, [bea.id, chloe.id]);
    await decide(bea.cookie, doc.id, 'approve');
    await decide(chloe.cookie, doc.id, 'approve');
    expect((await review(bea.cookie, doc.id)).myState).toBe('approved');

    const writer = open(server.collabUrl, doc.room, { cookie: claire.cookie, origin: server.origin });
    await waitFor(() => writer.provider.synced, 'synced');
    typeParagraph(writer.doc, 'Montant révisé : 18 000 euros.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('18 000'), 'stored');

    const stale = await review(claire.cookie, doc.id);
    expect(stale.reviewers.map((r) => [r.member.name, r.state])).toEqual([['Béa', 'stale'], ['Chloé', 'stale']]);
    expect(stale.freshApprovals).toBe(0);
    expect((await setStatus(claire.cookie, doc.id, { status: 'approved' })).body.error.id).toBe('quorum_not_met');

    const approvedVersion = stale.reviewers[0]!.latest!.versionId;
    const diff: VersionDiffResponse = (await api(server, 'GET', `/api/documents/${doc.id}/diff?from=${approvedVersion}&to=current`, { cookie: bea.cookie })).body;
    expect(diff.diff.blocks.filter((b) => b.change === 'insert').map((b) => b.segments.map((s) => s.text).join(''))).toEqual(['Montant révisé : 18 000 euros.']);

    const again: ReviewView = (await decide(bea.cookie, doc.id, 'approve')).body;
    expect(again.myState).toBe('approved');
    expect(again.reviewers.find((r) => r.member.id === bea.id)!.latest!.versionId).not.toBe(approvedVersion);
    expect(again.freshApprovals).toBe(1);
    await decide(chloe.cookie, doc.id, 'approve');
    expect((await setStatus(claire.cookie, doc.id, { status: 'approved' })).status).toBe(200);
  });

  it('refuses illegal transitions and missing details with stable error ids', async () => {
    const { workspaceId, claire, doc } = await world();
    const skip = await setStatus(claire.cookie, doc.id, { status: 'submitted' });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({ id: 'illegal_transition', message: expect.stringContaining('draft to submitted') });
    expect((await setStatus(claire.cookie, doc.id, { status: 'adopted', effectiveDate: '2027-01-01' })).body.error.id).toBe('illegal_transition');
    expect((await setStatus(claire.cookie, doc.id, { status: 'nonsense' })).status).toBe(400);

    await api(server, 'PUT', `/api/workspaces/${workspaceId}/review-settings`, { cookie: claire.cookie, body: { approvalsRequired: 1 } });
    const reviewer = await addMember(server, workspaceId, claire.cookie, 'member', 'Rémi');
    await setStatus(claire.cookie, doc.id, { status: 'in_review' });
    await askReview(claire.cookie, doc.id, [reviewer.id]);
    await decide(reviewer.cookie, doc.id, 'approve');
    await setStatus(claire.cookie, doc.id, { status: 'approved' });
    await setStatus(claire.cookie, doc.id, { status: 'submitted' });
    const noAmount = await setStatus(claire.cookie, doc.id, { status: 'accepted' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error).toMatchObject({ id: 'invalid_input', details: [{ path: 'amountGranted' }] });
    expect((await setStatus(claire.cookie, doc.id, { status: 'accepted', amountGranted: 15000 })).body).toMatchObject({ status: 'accepted', amountGranted: 15000, next: [] });
    expect((await setStatus(claire.cookie, doc.id, { status: 'draft' })).body.error.id).toBe('illegal_transition');

    const note = await createDocument(server, workspaceId, claire.cookie, 'Notes', 'note');
    expect((await setStatus(claire.cookie, note.id, { status: 'in_review' })).body.error.id).toBe('no_workflow');

    const charter = await createDocument(server, workspaceId, claire.cookie, 'Raison d’être', 'charter');
    await setStatus(claire.cookie, charter.id, { status: 'in_discussion' });
    expect((await setStatus(claire.cookie, charter.id, { status: 'adopted' })).body.error.details).toEqual([{ path: 'effectiveDate', message: expect.any(String) }]);
    const adopted: ReviewView = (await setStatus(claire.cookie, charter.id, { status: 'adopted', effectiveDate: '2027-01-01' })).body;
    expect(adopted).toMatchObject({ status: 'adopted', effectiveDate: '2027-01-01', adoptedVersionId: expect.any(String) });
    const versions = (await api(server, 'GET', `/api/documents/${charter.id}/versions`, { cookie: claire.cookie })).body;
    expect(versions.adoptedVersionId).toBe(adopted.adoptedVersionId);
    expect(versions.versions[0]).toMatchObject({ id: adopted.adoptedVersionId, kind: 'status' });
  });

  it('lets only editors change the status and ask, only requested members decide, and never viewers', async () => {
    const { workspaceId, claire, bea, chloe, doc } = await world();
    const newcomer = await addMember(server, workspaceId, claire.cookie, 'newcomer', 'Nina');
    const guest = await addMember(server, workspaceId, claire.cookie, 'guest', 'Gaston');
    await api(server, 'PUT', `/api/documents/${doc.id}/access/${guest.id}`, { cookie: claire.cookie, body: { access: 'view' } });

    expect((await setStatus(newcomer.cookie, doc.id, { status: 'in_review' })).status).toBe(403);
    expect((await askReview(newcomer.cookie, doc.id, [bea.id])).status).toBe(403);
    const viewerAsked = await askReview(claire.cookie, doc.id, [guest.id]);
    expect(viewerAsked.status).toBe(400);
    expect(viewerAsked.body.error.id).toBe('reviewer_invalid');
    expect((await askReview(claire.cookie, doc.id, [newcomer.id, bea.id])).status).toBe(200);

    expect((await decide(guest.cookie, doc.id, 'approve')).status).toBe(403);
    expect((await decide(chloe.cookie, doc.id, 'approve')).status).toBe(403);
    expect((await decide(newcomer.cookie, doc.id, 'changes', 'Précisez le calendrier')).status).toBe(201);
    const state = await server.trame.store.getReviewState(doc.id);
    expect(state.decisions.map((d) => [d.reviewerId, d.decision, d.message])).toEqual([[newcomer.id, 'changes', 'Précisez le calendrier']]);
    expect(state.status).toBeNull();
  });

  it('logs every status change, request and decision with who and which version, live for open clients', async () => {
    const { workspaceId, claire, bea, chloe, doc } = await world();
    const meta = open(server.collabUrl, metaRoom(doc.id), { cookie: bea.cookie, origin: server.origin });
    await waitFor(() => meta.provider.synced, 'meta synced');
    const revision = () => meta.doc.getMap(META_MAP).get(REVIEW_REVISION_KEY);
    const before = revision();
    await setStatus(claire.cookie, doc.id, { status: 'in_review' });
    await expect.poll(revision).not.toBe(before);
    await askReview(claire.cookie, doc.id, [bea.id]);
    await decide(bea.cookie, doc.id, 'changes', 'Ajouter le budget');

    const entries = (await api(server, 'GET', `/api/documents/${doc.id}/activity`, { cookie: chloe.cookie })).body.entries;
    expect(entries.map((e: { kind: string; actor: { name: string } }) => [e.kind, e.actor.name])).toEqual([
      ['changes_requested', 'Béa'],
      ['review_requested', 'Claire Coordinatrice'],
      ['status_changed', 'Claire Coordinatrice'],
    ]);
    expect(entries[2]).toMatchObject({ details: { from: 'draft', to: 'in_review' }, versionId: expect.any(String) });
    expect(entries[0]).toMatchObject({ details: { message: 'Ajouter le budget' }, versionId: entries[2].versionId });
    expect(entries[1]).toMatchObject({ details: { reviewerId: bea.id, reviewer: { name: 'Béa' } }, versionId: null });

    const lists: ReviewListsResponse = (await api(server, 'GET', `/api/workspaces/${workspaceId}/reviews`, { cookie: claire.cookie })).body;
    expect(lists.mineInReview.map((d) => d.id)).toEqual([doc.id]);
    await askReview(claire.cookie, doc.id, [chloe.id]);
    const chloesLists: ReviewListsResponse = (await api(server, 'GET', `/api/workspaces/${workspaceId}/reviews`, { cookie: chloe.cookie })).body;
    expect(chloesLists.waitingForMe).toEqual([expect.objectContaining({ id: doc.id, myState: 'pending', status: 'in_review' })]);
  });
});

/**
 * Mentoring through a real server: who may assign whom, the mentor shown on a newcomer's
 * documents, and "changed since you last looked" from real provider visits and edits.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MentoringHomeResponse } from '../../shared/api';
import { typeParagraph, waitFor } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, type TestServer } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

describe('mentoring', () => {
  const { server: current, open } = serverPerTest();
  let server: TestServer;
  beforeEach(() => {
    server = current();
  });

  /** Claire (coordinator), Béa and Ana (members), Nour and Zoé (newcomers). */
  async function collective() {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const add = (role: 'member' | 'newcomer', name: string) => addMember(server, workspaceId, claire.cookie, role, name);
    const [bea, ana, nour, zoe] = [await add('member', 'Béa'), await add('member', 'Ana'), await add('newcomer', 'Nour'), await add('newcomer', 'Zoé')];
    const assign = (cookie: string, newcomerId: string, mentorId: string | null) =>
      api(server, 'PUT', `/api/workspaces/${workspaceId}/mentorships/${newcomerId}`, { cookie, body: { mentorId } });
    const names = new Map([claire, bea, ana, nour, zoe].map((m, i) => [m.id, ['Claire', 'Béa', 'Ana', 'Nour', 'Zoé'][i]!]));
    /** What the store holds, as "newcomer←mentor". */
    const pairs = async () => (await server.trame.store.listMentorships(workspaceId)).map((m) => `${names.get(m.newcomerId)}←${names.get(m.mentorId)}`).sort();
    return { workspaceId, claire, bea, ana, nour, zoe, assign, pairs };
  }

  it('lets coordinators assign any mentor, members volunteer only themselves for a newcomer, and newcomers nothing', async () => {
    const { workspaceId, claire, bea, ana, nour, zoe, assign, pairs } = await collective();

    expect((await assign(nour.cookie, zoe.id, bea.id)).status).toBe(403); // a newcomer cannot assign
    expect((await assign(nour.cookie, nour.id, nour.id)).status).toBe(403);
    expect((await assign(bea.cookie, nour.id, ana.id)).status).toBe(403); // a member assigns only themself
    expect((await assign(bea.cookie, ana.id, bea.id)).status).toBe(403); // only newcomers are mentored
    expect((await assign(claire.cookie, nour.id, zoe.id)).status).toBe(403); // a newcomer cannot mentor
    expect(await pairs()).toEqual([]);

    expect((await assign(bea.cookie, nour.id, bea.id)).status).toBe(204); // Béa volunteers
    expect((await assign(ana.cookie, nour.id, ana.id)).status).toBe(403); // Nour already has a mentor
    expect((await assign(claire.cookie, zoe.id, ana.id)).status).toBe(204);
    expect(await pairs()).toEqual(['Nour←Béa', 'Zoé←Ana']);

    expect((await assign(bea.cookie, zoe.id, null)).status).toBe(403); // not Zoé's mentor
    expect((await assign(claire.cookie, nour.id, ana.id)).status).toBe(204); // a coordinator reassigns
    expect((await assign(ana.cookie, zoe.id, null)).status).toBe(204); // a mentor stops
    expect(await pairs()).toEqual(['Nour←Ana']);

    const listed = await api(server, 'GET', `/api/workspaces/${workspaceId}/mentorships`, { cookie: nour.cookie });
    expect(listed.body.mentorships).toEqual([{ newcomer: expect.objectContaining({ name: 'Nour' }), mentor: expect.objectContaining({ name: 'Ana' }), since: expect.any(String) }]);
    expect((await assign(claire.cookie, 'not-a-real-member-id', ana.id)).status).toBe(404);
    expect((await assign(claire.cookie, nour.id, 'x')).status).toBe(400);
  });

  it('shows the mentor on the newcomer’s documents, and on the mentor’s home what changed since their last visit', async () => {
    const { workspaceId, claire, bea, nour, assign } = await collective();
    expect((await assign(claire.cookie, nour.id, bea.id)).status).toBe(204);
    const draft = await createDocument(server, workspaceId, nour.cookie, 'Mon premier projet', 'proposal');
    const other = await createDocument(server, workspaceId, claire.cookie, 'Charte', 'charter');

    const mentorOf = async (documentId: string) => (await api(server, 'GET', `/api/documents/${documentId}/mentor`, { cookie: claire.cookie })).body;
    expect(await mentorOf(draft.id)).toEqual({ newcomer: expect.objectContaining({ name: 'Nour' }), mentor: expect.objectContaining({ name: 'Béa' }) });
    expect(await mentorOf(other.id)).toEqual({ newcomer: null, mentor: null });

    const home = async (cookie = bea.cookie): Promise<MentoringHomeResponse> => (await api(server, 'GET', `/api/workspaces/${workspaceId}/mentoring`, { cookie })).body;
    const changed = async () => (await home()).newcomers.flatMap((n) => n.documents.map((d) => `${d.title}: ${d.changed ? 'changed' : 'seen'}`));
    expect((await home()).newcomers.map((n) => n.newcomer.name)).toEqual(['Nour']);
    expect(await changed()).toEqual(['Mon premier projet: changed']); // never opened by Béa
    expect((await home(claire.cookie)).newcomers).toEqual([]);

    // Béa opens the document: the visit is recorded, it is no longer "changed".
    const mentor = open(server.collabUrl, draft.room, { cookie: bea.cookie, origin: server.origin });
    await waitFor(() => mentor.provider.synced, 'mentor synced');
    await waitFor(async () => (await changed()).join() === 'Mon premier projet: seen', 'visit recorded');
    mentor.close();
    await waitFor(async () => server.trame.rooms.membersIn(draft.id).length === 0, 'mentor left');
    const seen = (await home()).newcomers[0]!.documents[0]!;
    expect(seen.lastVisitedAt).toEqual(expect.any(String));

    // Nour edits afterwards: it shows as changed for Béa, with who changed it.
    const newcomer = open(server.collabUrl, draft.room, { cookie: nour.cookie, origin: server.origin });
    await waitFor(() => newcomer.provider.synced, 'newcomer synced');
    typeParagraph(newcomer.doc, 'Nous demandons 12 000 € pour le local.');
    await waitFor(async () => (await changed()).join() === 'Mon premier projet: changed', 'changed since the visit');
    const entry = (await home()).newcomers[0]!.documents[0]!;
    expect(entry.updatedBy?.name).toBe('Nour');
    expect(entry.updatedAt > seen.lastVisitedAt!).toBe(true);
  });
});

/**
 * Live sessions through a real server with real providers: starting one (who may, whom it may
 * invite, one at a time), the invitation reaching the invitee's inbox and open pages live, ending
 * it, and the recap: participants with their times and edits, and the comments made meanwhile.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { InboxResponse, SessionListResponse, SessionView } from '../../shared/api';
import { INBOX_MAP, META_MAP, SESSIONS_REVISION_KEY, memberRoom, metaRoom } from '../../shared/rooms';
import { storedAnchor, typeParagraph, waitFor, type TestClient } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, type TestServer } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

describe('live sessions', () => {
  const { server: current, open } = serverPerTest();
  let server: TestServer;
  beforeEach(() => {
    server = current();
  });

  /** Types a paragraph and waits until the server stored it, so that each is an edit of its own. */
  async function typeStored(client: TestClient, documentId: string, text: string): Promise<void> {
    const before = (await server.trame.store.loadBody(documentId))!.updates.length;
    typeParagraph(client.doc, text);
    await waitFor(async () => (await server.trame.store.loadBody(documentId))!.updates.length > before, `“${text}” stored`);
  }

  it('starts a session, invites live, ends it and keeps a recap of who took part, their edits and the comments', async () => {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa');
    const ana = await addMember(server, workspaceId, claire.cookie, 'member', 'Ana');
    const nour = await addMember(server, workspaceId, claire.cookie, 'newcomer', 'Nour');
    const guest = await addMember(server, workspaceId, claire.cookie, 'guest', 'Gus');
    const doc = await createDocument(server, workspaceId, nour.cookie, 'Mon premier projet', 'proposal');
    const join = (cookie: string) => open(server.collabUrl, doc.room, { cookie, origin: server.origin });
    const start = (cookie: string, invite: string[]) => api(server, 'POST', `/api/documents/${doc.id}/sessions`, { cookie, body: { invite } });
    const sessions = async (cookie = claire.cookie): Promise<SessionListResponse> => (await api(server, 'GET', `/api/documents/${doc.id}/sessions`, { cookie })).body;

    // Béa has the document open, with its meta room and her own inbox room, as the editor page does.
    const beaEditor = join(bea.cookie);
    const beaMeta = open(server.collabUrl, metaRoom(doc.id), { cookie: bea.cookie, origin: server.origin });
    const beaInbox = open(server.collabUrl, memberRoom(bea.id), { cookie: bea.cookie, origin: server.origin });
    const nourEditor = join(nour.cookie);
    await waitFor(() => beaEditor.provider.synced && nourEditor.provider.synced && beaMeta.provider.synced && beaInbox.provider.synced, 'everyone synced');
    const revisionBefore = beaMeta.doc.getMap(META_MAP).get(SESSIONS_REVISION_KEY);

    expect((await start(nour.cookie, [guest.id])).status).toBe(400); // the guest cannot read the document
    expect((await start(guest.cookie, [])).status).toBe(404); // nor start anything on it
    const started = await start(nour.cookie, [bea.id, nour.id]);
    expect(started.status).toBe(201);
    const session: SessionView = started.body;
    expect(session).toMatchObject({ startedBy: { name: 'Nour' }, endedAt: null, invited: [{ name: 'Béa' }], canEnd: true });
    expect((await start(claire.cookie, [])).body.error.id).toBe('session_active');

    // The invitation reaches Béa: her open page is told, her inbox lists it, her unread count grows.
    await waitFor(() => beaMeta.doc.getMap(META_MAP).get(SESSIONS_REVISION_KEY) !== revisionBefore, 'sessions revision bumped');
    await waitFor(() => beaInbox.doc.getMap(INBOX_MAP).get('unread') === 1, 'live unread count');
    const inbox: InboxResponse = (await api(server, 'GET', '/api/inbox', { cookie: bea.cookie })).body;
    expect(inbox.items).toEqual([expect.objectContaining({ kind: 'session', sessionId: session.id, threadId: null, actor: expect.objectContaining({ name: 'Nour' }), document: { id: doc.id, title: 'Mon premier projet' }, read: false })]);
    expect((await sessions(bea.cookie)).active).toMatchObject({ id: session.id, canEnd: true });

    // During the session: Béa edits twice and comments, Nour edits once, Claire drops in and leaves.
    await typeStored(beaEditor, doc.id, 'Budget : 12 000 €.');
    await typeStored(beaEditor, doc.id, 'Calendrier : avril à juin.');
    await typeStored(nourEditor, doc.id, 'Merci pour les précisions !');
    const anchor = await storedAnchor(server.trame.store, doc.id);
    const thread = await api(server, 'POST', `/api/documents/${doc.id}/threads`, { cookie: bea.cookie, body: { anchor, body: 'Ajoutez le devis du local ici.' } });
    expect(thread.status).toBe(201);
    const claireEditor = join(claire.cookie);
    await waitFor(async () => (await sessions()).active!.participants.length === 3, 'Claire takes part');
    claireEditor.close();
    await waitFor(async () => (await sessions()).active!.participants.find((p) => p.member.name === 'Claire Coordinatrice')!.intervals[0]!.to !== null, 'Claire left');

    expect((await api(server, 'POST', `/api/sessions/${session.id}/end`, { cookie: ana.cookie })).status).toBe(403); // neither started nor invited
    const ended = await api(server, 'POST', `/api/sessions/${session.id}/end`, { cookie: bea.cookie });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endedBy: { name: 'Béa' }, endedAt: expect.any(String), canEnd: false });
    const endedAt: string = ended.body.endedAt;
    await api(server, 'POST', `/api/threads/${thread.body.id}/comments`, { cookie: nour.cookie, body: { body: 'Fait, après la séance.' } });

    // The recap: edits are written when the session's intervals close, just after it ends.
    const edits = async () => (await sessions()).sessions[0]!.participants.map((p) => `${p.member.name}: ${p.edits}`).sort();
    await waitFor(async () => (await edits()).join() === 'Béa: 2,Claire Coordinatrice: 0,Nour: 1', 'edits per participant');
    const { active, sessions: [recap] } = await sessions();
    expect(active).toBeNull();
    for (const { intervals } of recap!.participants) {
      for (const { from, to } of intervals) {
        expect(from >= session.startedAt && to !== null && to <= endedAt && from <= to).toBe(true);
      }
    }
    expect(recap!.comments.map((c) => [c.author.name, c.excerpt])).toEqual([['Béa', 'Ajoutez le devis du local ici.']]);
    expect((await server.trame.store.listIntervals(doc.id, session.id)).every((i) => i.leftAt !== null)).toBe(true);

    // Read from the inbox like any notification (Nour's reply to Béa's thread stays unread).
    await waitFor(() => beaInbox.doc.getMap(INBOX_MAP).get('unread') === 2, 'invitation and reply unread');
    expect((await api(server, 'POST', '/api/inbox/read', { cookie: bea.cookie, body: { ids: [inbox.items[0]!.id] } })).status).toBe(204);
    await waitFor(() => beaInbox.doc.getMap(INBOX_MAP).get('unread') === 1, 'invitation read');
    const after: InboxResponse = (await api(server, 'GET', '/api/inbox', { cookie: bea.cookie })).body;
    expect(after.items.map((i) => [i.kind, i.read])).toEqual([['reply', false], ['session', true]]);

    // A new session may start once the last one ended.
    expect((await start(claire.cookie, [nour.id])).status).toBe(201);
  });
});

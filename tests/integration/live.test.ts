/** Live data beside document text: metadata and list rooms, presence, revocation, save acks. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveDocumentMeta } from '../../shared/api';
import { CloseCode, DOCUMENT_LIST_MAP, MessageType, META_MAP, metaRoom, PROTOCOL_VERSION, workspaceRoom } from '../../shared/rooms';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { bodyText, clientPool, typeParagraph, waitFor } from '../helpers/providers';

describe('live updates', () => {
  let server: TestServer;
  const { open, closeAll } = clientPool();
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    closeAll();
    await server.stop();
  });

  it('shows a rename to everyone in the document, live', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie, 'Ancien titre');
    const watcher = open(server.collabUrl, metaRoom(doc.id), { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => watcher.doc.getMap(META_MAP).get('title') === 'Ancien titre', 'initial title');
    await api(server, 'PATCH', `/api/documents/${doc.id}`, { body: { title: 'Titre définitif' }, cookie: coordinator.cookie });
    await waitFor(() => watcher.doc.getMap(META_MAP).get('title') === 'Titre définitif', 'renamed title');
  });

  it('lists who is in each document and who edited last, live, and never accepts writes to the list', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const list = open(server.collabUrl, workspaceRoom(workspaceId), { cookie: coordinator.cookie, origin: server.origin });
    const entry = () => list.doc.getMap<LiveDocumentMeta>(DOCUMENT_LIST_MAP).get(doc.id);
    await waitFor(() => entry()?.present.length === 0, 'listed, nobody present');

    const editor = open(server.collabUrl, doc.room, { cookie: bea.cookie, origin: server.origin });
    await waitFor(() => entry()?.present.map((m) => m.name).join() === 'Béa', 'Béa present');
    await waitFor(() => editor.provider.synced, 'synced');
    typeParagraph(editor.doc, 'Une phrase');
    await waitFor(() => entry()?.updatedBy?.name === 'Béa', 'last edited by Béa');
    editor.close();
    await waitFor(() => entry()?.present.length === 0, 'Béa left');

    list.doc.getMap(DOCUMENT_LIST_MAP).set('forged', { title: 'faux' });
    await waitFor(() => list.closeCodes.includes(CloseCode.READ_ONLY), 'writer closed');
    expect(server.trame.rooms.get(workspaceRoom(workspaceId))?.doc.getMap(DOCUMENT_LIST_MAP).has('forged')).toBe(false);
  });

  it('refuses the collective list to guests', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const guest = await addMember(server, workspaceId, coordinator.cookie, 'guest');
    const list = open(server.collabUrl, workspaceRoom(workspaceId), { cookie: guest.cookie, origin: server.origin });
    await waitFor(() => list.closeCodes.length > 0, 'closed');
    expect(list.closeCodes[0]).toBe(CloseCode.FORBIDDEN);
  });

  it('closes a removed member’s sockets, and makes archived documents read-only for open editors', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const beaClient = open(server.collabUrl, doc.room, { cookie: bea.cookie, origin: server.origin });
    const claire = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => beaClient.provider.synced && claire.provider.synced, 'synced');

    await api(server, 'DELETE', `/api/workspaces/${workspaceId}/members/${bea.id}`, { cookie: coordinator.cookie });
    await waitFor(() => beaClient.closeCodes.includes(CloseCode.REVOKED), 'Béa closed as revoked');

    await api(server, 'POST', `/api/documents/${doc.id}/archive`, { cookie: coordinator.cookie });
    await waitFor(() => claire.closeCodes.includes(CloseCode.ACCESS_CHANGED), 'Claire told access changed');
    await waitFor(() => claire.provider.synced, 'Claire reconnected');
    typeParagraph(claire.doc, 'Après archivage');
    await waitFor(() => claire.closeCodes.includes(CloseCode.READ_ONLY), 'archived doc refuses edits');
    expect(bodyText(server.trame.rooms.get(doc.room)!.doc)).not.toContain('Après archivage');
  });

  it('signs a member out everywhere: every session ends and open sockets close', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const second = await api(server, 'POST', '/api/session', { body: { email: 'claire@example.org', password: 'correct horse battery' } });
    const client = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => client.provider.synced, 'synced');
    expect((await api(server, 'DELETE', '/api/sessions', { cookie: coordinator.cookie })).status).toBe(204);
    await waitFor(() => client.closeCodes.includes(CloseCode.REVOKED), 'socket closed');
    expect((await api(server, 'GET', '/api/me', { cookie: second.setCookie!.split(';')[0] })).status).toBe(401);
  });

  it('stamps presence with the signed-in member, whatever name the client claims', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const liar = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    const watcher = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    liar.provider.awareness.setLocalStateField('user', { id: 'someone-else', name: 'Président', color: '#000' });
    await waitFor(() => watcher.provider.awareness.getStates().has(liar.doc.clientID), 'awareness relayed');
    const state = watcher.provider.awareness.getStates().get(liar.doc.clientID) as { user: { name: string; id: string } };
    expect(state.user).toMatchObject({ name: 'Claire Coordinatrice', id: coordinator.id });
  });

  it('acknowledges a Trame client’s save check only after its updates are stored', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const client = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin }, { params: { protocol: String(PROTOCOL_VERSION) } });
    const saved: number[] = [];
    client.provider.messageHandlers[MessageType.SAVED] = (_encoder, decoder) => {
      saved.push(decoding.readVarUint(decoder));
    };
    await waitFor(() => client.provider.synced, 'synced');
    typeParagraph(client.doc, 'À enregistrer');
    const check = encoding.createEncoder();
    encoding.writeVarUint(check, MessageType.SAVE_CHECK);
    encoding.writeVarUint(check, 7);
    client.provider.ws!.send(encoding.toUint8Array(check));
    await waitFor(() => saved.includes(7), 'SAVED 7');
    const stored = await server.trame.store.loadBody(doc.id);
    expect(stored!.updates.length).toBeGreaterThan(1); // the edit is in the log at the moment of the ack
  });

  it('closes a connection that sends garbage and keeps serving the document', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const raw = new WebSocket(`${server.collabUrl}/${doc.room}`, { headers: { cookie: coordinator.cookie, origin: server.origin } });
    const code = await new Promise<number>((resolve) => {
      raw.on('open', () => raw.send(new Uint8Array([0, 2, 200, 1, 2, 3])));
      raw.on('close', (c) => resolve(c));
    });
    expect(code).toBe(CloseCode.BAD_MESSAGE);
    const ok = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => ok.provider.synced && bodyText(ok.doc).includes('Budget'), 'document intact');
  });
});

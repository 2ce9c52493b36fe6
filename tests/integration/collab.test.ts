/** Live collaboration through the real server: convergence, persistence, refusals, load once. */
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, docRoom } from '../../shared/rooms';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { bodyText, clientPool, storedText, typeParagraph, waitFor } from '../helpers/providers';

/**
 * A sync-update message whose Yjs update decodes but cannot be applied: one text item whose left
 * neighbour is a later item of its own client, which no document can hold.
 */
function unapplicableUpdateMessage(): Uint8Array<ArrayBuffer> {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1); // clients
  encoding.writeVarUint(update, 1); // structs of that client
  encoding.writeVarUint(update, 4242); // client id
  encoding.writeVarUint(update, 0); // first clock
  encoding.writeUint8(update, 0x84); // an item with an origin, holding a string
  encoding.writeVarUint(update, 4242); // origin: client...
  encoding.writeVarUint(update, 100); // ...and a clock it never reached
  encoding.writeVarString(update, 'x');
  encoding.writeVarUint(update, 0); // empty delete set
  const bytes = encoding.toUint8Array(update);
  expect(() => Y.decodeUpdate(bytes)).not.toThrow();
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 0); // sync
  encoding.writeVarUint(message, 2); // update
  encoding.writeVarUint8Array(message, bytes);
  return new Uint8Array(encoding.toUint8Array(message));
}

describe('collaboration server', () => {
  let server: TestServer;
  const { open, closeAll } = clientPool();

  beforeEach(async () => {
    // A member whose update was refused may come back at once here (the cooldown is tested in invalidContent.test.ts).
    server = await startTestServer({ env: { REFUSED_SENDER_COOLDOWN_SECONDS: '0' } });
  });
  afterEach(async () => {
    closeAll();
    await server.stop();
  });

  it('two members editing at once converge, and the store holds both edits', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const a = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    const b = open(server.collabUrl, doc.room, { cookie: bea.cookie, origin: server.origin });
    await waitFor(() => a.provider.synced && b.provider.synced, 'both synced');
    expect(bodyText(a.doc)).toContain('Public visé'); // the proposal template was served

    typeParagraph(a.doc, 'Texte de Claire');
    typeParagraph(b.doc, 'Texte de Béa');
    await waitFor(() => bodyText(a.doc) === bodyText(b.doc) && bodyText(a.doc).includes('Texte de Béa') && bodyText(b.doc).includes('Texte de Claire'), 'convergence');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)) === bodyText(a.doc), 'store equals clients');
  });

  it('a late joiner receives the whole document', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie, 'Règlement', 'rules');
    const a = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => a.provider.synced, 'first synced');
    for (let i = 0; i < 20; i++) typeParagraph(a.doc, `Article ${i}`);
    const late = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => bodyText(late.doc) === bodyText(a.doc) && bodyText(late.doc).includes('Article 19'), 'late joiner has everything');
  });

  it('content survives a server restart and clients reconnect by themselves', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const a = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => a.provider.synced, 'synced');
    typeParagraph(a.doc, 'Avant le redémarrage');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Avant le redémarrage'), 'stored');

    await server.restart();
    const fresh = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => bodyText(fresh.doc).includes('Avant le redémarrage'), 'fresh client loads stored text');
    await waitFor(() => a.provider.synced, 'old client reconnected');
    typeParagraph(a.doc, 'Après le redémarrage');
    await waitFor(() => bodyText(fresh.doc).includes('Après le redémarrage'), 'edit after restart relayed');
  });

  it('refuses a connection without cookie, with a foreign Origin, or from a non-member', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    // A member of another collective: created by an operator, never invited here.
    const otherStore = server.trame.store;
    await otherStore.createWorkspace({ id: 'otherWorkspace1', name: 'Autre pôle', createdAt: new Date().toISOString() });
    const outsiderCookie = await (async () => {
      const other = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Temporaire');
      await otherStore.setMembership('otherWorkspace1', other.id, 'coordinator', new Date().toISOString());
      await otherStore.removeMembership(workspaceId, other.id);
      return other.cookie;
    })();

    const cases: [string, { cookie?: string; origin?: string }, number][] = [
      ['no cookie', { origin: server.origin }, CloseCode.UNAUTHENTICATED],
      ['wrong origin', { cookie: coordinator.cookie, origin: 'http://evil.example' }, CloseCode.FORBIDDEN],
      ['no origin', { cookie: coordinator.cookie }, CloseCode.FORBIDDEN],
      ['member of another collective', { cookie: outsiderCookie, origin: server.origin }, CloseCode.FORBIDDEN],
    ];
    for (const [label, headers, code] of cases) {
      const client = open(server.collabUrl, doc.room, headers);
      await waitFor(() => client.closeCodes.length > 0, `${label}: closed`);
      expect(client.closeCodes[0], label).toBe(code);
      expect(client.provider.synced, label).toBe(false);
      expect(bodyText(client.doc), label).toBe('');
    }
    const guessed = open(server.collabUrl, docRoom('nonexistentDocId'), { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => guessed.closeCodes.length > 0, 'guessed id closed');
    expect(guessed.closeCodes[0]).toBe(CloseCode.NOT_FOUND);
  });

  it('never applies an update from a view-only connection, and tells it why', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const viewer = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Valérie');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const grant = await fetch(`${server.url}/api/documents/${doc.id}/access/${viewer.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: coordinator.cookie },
      body: JSON.stringify({ access: 'view' }),
    });
    expect(grant.status).toBe(204);
    const editor = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    const v = open(server.collabUrl, doc.room, { cookie: viewer.cookie, origin: server.origin });
    await waitFor(() => editor.provider.synced && v.provider.synced, 'both synced');
    const before = bodyText(editor.doc);

    typeParagraph(v.doc, 'Modification interdite');
    await waitFor(() => v.closeCodes.includes(CloseCode.READ_ONLY), 'viewer closed as read-only');
    typeParagraph(editor.doc, 'Modification permise');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Modification permise'), 'editor change stored');
    expect(bodyText(editor.doc)).not.toContain('Modification interdite');
    expect(await storedText(server.trame.store, doc.id)).not.toContain('Modification interdite');
    expect(bodyText(editor.doc)).toBe(before + 'Modification permise');
  });

  it('loads a document once when many clients join at the same moment', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    let loads = 0;
    const store = server.trame.store;
    const original = store.loadBody.bind(store);
    store.loadBody = async (id: string) => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 100)); // a slow disk widens the race
      return original(id);
    };
    const joiners = Array.from({ length: 8 }, () => open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin }));
    await waitFor(() => joiners.every((c) => c.provider.synced), 'all synced');
    expect(loads).toBe(1);
    expect(new Set(joiners.map((c) => bodyText(c.doc))).size).toBe(1);
    expect(bodyText(joiners[0]!.doc)).toContain('Budget');
  });

  it('refuses the room instead of serving an empty document when the load fails', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const store = server.trame.store;
    const original = store.loadBody.bind(store);
    store.loadBody = async () => {
      throw new Error('disk unreadable');
    };
    const client = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => client.closeCodes.includes(CloseCode.LOAD_FAILED), 'refused with LOAD_FAILED');
    expect(client.provider.synced).toBe(false);
    store.loadBody = original; // the disk comes back: the provider's own retry now succeeds
    await waitFor(() => client.provider.synced && bodyText(client.doc).includes('Budget'), 'served after recovery');
  });

  it('never stores an update that cannot be applied; everyone else reconnects and loses nothing', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const a = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    const b = open(server.collabUrl, doc.room, { cookie: bea.cookie, origin: server.origin });
    await waitFor(() => a.provider.synced && b.provider.synced, 'both synced');

    // Béa's legitimate edit and the bad update leave on one socket, in the same instant.
    typeParagraph(b.doc, 'Texte de Béa');
    b.provider.ws!.send(unapplicableUpdateMessage());
    await waitFor(() => b.closeCodes.includes(CloseCode.BAD_MESSAGE), 'sender closed as malformed');
    // The room's document may hold part of it: the room is dropped, its other clients told that
    // their changes were not saved; they reconnect to a room loaded from the store.
    await waitFor(() => a.closeCodes.includes(CloseCode.STORE_FAILED), 'others closed as not saved');
    // A sender closed as malformed is not meant to retry by itself (4400-4499 are final for
    // y-websocket); once it connects again, its legitimate edit is sent again.
    b.provider.connect();
    await waitFor(() => a.provider.synced && b.provider.synced, 'both connected again');
    typeParagraph(a.doc, 'Texte de Claire');
    await waitFor(() => bodyText(a.doc) === bodyText(b.doc) && bodyText(a.doc).includes('Texte de Béa') && bodyText(a.doc).includes('Texte de Claire'), 'convergence');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)) === bodyText(a.doc), 'store equals clients');

    const stored = (await server.trame.store.loadBody(doc.id))!.updates;
    expect(stored.every((u) => !Y.decodeUpdate(u).structs.some((s) => s.id.client === 4242))).toBe(true);
    await server.restart(); // and the log still loads
    const fresh = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => fresh.provider.synced && bodyText(fresh.doc) === bodyText(a.doc), 'reloaded after restart');
  });
});

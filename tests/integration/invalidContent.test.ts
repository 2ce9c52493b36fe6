/**
 * A body update that does not fit the editor schema (issue #12): its sender is closed with 4422,
 * nothing of it is stored or relayed, and every reader still opens the document.
 */
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { updateMessage } from '../../server/collab/protocol';
import { editorSchema } from '../../server/editor/body';
import { BODY_FRAGMENT, CloseCode } from '../../shared/rooms';
import { bodyText, clientPool, storedDoc, storedText, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { admittedOrCode, closeCodeOf } from '../helpers/sockets';

/** The update a client holding `state` sends after `edit`, from a client id of its own. */
function updateAfter(state: Uint8Array, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Sends one update on a raw connection once admitted; resolves with the close code. */
function sendRaw(url: string, headers: Record<string, string>, update: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    let sent = false;
    ws.on('message', (data: Buffer) => {
      if (!sent && data[0] === 0 && data[1] === 0) {
        sent = true;
        ws.send(updateMessage(update));
      }
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

/** Whether y-tiptap builds a ProseMirror document from the body, as a reader's editor does, without writing. */
function editorCanShow(doc: Y.Doc): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let wrote = false;
  copy.on('update', () => (wrote = true));
  initProseMirrorDoc(copy.getXmlFragment(BODY_FRAGMENT), editorSchema());
  return !wrote;
}

const bad: [string, (doc: Y.Doc) => void][] = [
  ['a bare text at the top of the body', (doc) => doc.getXmlFragment(BODY_FRAGMENT).insert(0, [new Y.XmlText('hors paragraphe')])],
  ['an unknown mark on existing text', (doc) => {
    const text = doc.getXmlFragment(BODY_FRAGMENT).createTreeWalker((n) => n instanceof Y.XmlText).next().value as Y.XmlText;
    text.format(0, 3, { blink: {} });
  }],
  ['a paragraph inside a paragraph', (doc) => {
    const outer = new Y.XmlElement('paragraph');
    const inner = new Y.XmlElement('paragraph');
    inner.insert(0, [new Y.XmlText('dedans')]);
    outer.insert(0, [inner]);
    doc.getXmlFragment(BODY_FRAGMENT).insert(0, [outer]);
  }],
  ['the body written as a map', (doc) => doc.getMap(BODY_FRAGMENT).set('clé', 'valeur')],
  ['another root type', (doc) => doc.getArray('autre').insert(0, ['x'])],
];

describe('body updates that do not fit the schema', () => {
  let server: TestServer;
  const { open, closeAll } = clientPool();

  beforeEach(async () => {
    server = await startTestServer({ env: { DOCUMENT_OPENS_PER_MINUTE: '1000', MAX_CONNECTIONS_PER_MEMBER: '100' } });
  });
  afterEach(async () => {
    closeAll();
    await server.stop();
  });

  it('closes the sender with 4422, stores and relays nothing of it; good edits still go through', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const claire = { cookie: coordinator.cookie, origin: server.origin };
    const a = open(server.collabUrl, doc.room, claire);
    const b = open(server.collabUrl, doc.room, { cookie: bea.cookie, origin: server.origin });
    await waitFor(() => a.provider.synced && b.provider.synced, 'both synced');

    // A good edit goes through the check.
    typeParagraph(b.doc, 'Texte de Béa');
    await waitFor(() => bodyText(a.doc).includes('Texte de Béa'), 'good edit relayed');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)) === bodyText(a.doc), 'good edit stored');
    const storedBefore = await storedText(server.trame.store, doc.id);
    const stateBefore = Y.encodeStateAsUpdate(a.doc);

    // Béa's provider sends a raw update that no editor could show.
    const poison = updateAfter(stateBefore, bad[0]![1]);
    const poisonClient = Y.decodeUpdate(poison).structs[0]!.id.client;
    b.provider.ws!.send(new Uint8Array(updateMessage(poison)));
    await waitFor(() => b.closeCodes.includes(CloseCode.INVALID_CONTENT), 'sender closed with 4422');
    // The room held it for an instant: it is reloaded from the store, others reconnect.
    await waitFor(() => a.closeCodes.includes(CloseCode.STORE_FAILED), 'others told to reconnect');
    await waitFor(() => a.provider.synced, 'Claire reconnected');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(b.provider.wsconnected).toBe(false); // final: the stock provider does not send it again
    expect(bodyText(a.doc)).not.toContain('hors paragraphe'); // never relayed
    expect(editorCanShow(a.doc)).toBe(true);

    // Every other kind of bad update, on raw connections, each from a member of its own (Béa is
    // now kept out of the document for a while): each closed with 4422 by the schema check.
    const url = `${server.collabUrl}/${doc.room}`;
    for (const [what, edit] of bad) {
      const sender = await addMember(server, workspaceId, coordinator.cookie, 'member');
      expect(await sendRaw(url, { cookie: sender.cookie, origin: server.origin }, updateAfter(stateBefore, edit)), what).toBe(CloseCode.INVALID_CONTENT);
    }

    const stored = await storedDoc(server.trame.store, doc.id);
    expect(bodyText(stored)).toBe(storedBefore);
    expect([...stored.share.keys()]).toEqual([BODY_FRAGMENT]);
    const log = (await server.trame.store.loadBody(doc.id))!.updates;
    expect(log.every((u) => !Y.decodeUpdate(u).structs.some((s) => s.id.client === poisonClient))).toBe(true);
    expect(editorCanShow(stored)).toBe(true);

    // A fresh reader opens the document with its text, and a good edit still goes through.
    const fresh = open(server.collabUrl, doc.room, claire);
    await waitFor(() => fresh.provider.synced && a.provider.synced, 'fresh client synced');
    expect(bodyText(fresh.doc)).toBe(storedBefore);
    expect(editorCanShow(fresh.doc)).toBe(true);
    typeParagraph(a.doc, 'Texte de Claire après');
    await waitFor(() => bodyText(fresh.doc).includes('Texte de Claire après'), 'later edit relayed');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Texte de Claire après'), 'later edit stored');
  });

  it('keeps a member whose update was refused out of that document for a while: the others reconnect once', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const other = await createDocument(server, workspaceId, coordinator.cookie, 'Autre dossier');
    const a = open(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => a.provider.synced, 'Claire synced');
    const poison = updateAfter(Y.encodeStateAsUpdate(a.doc), bad[0]![1]);
    const beaHeaders = { cookie: bea.cookie, origin: server.origin };
    const url = `${server.collabUrl}/${doc.room}`;
    expect(await sendRaw(url, beaHeaders, poison)).toBe(CloseCode.INVALID_CONTENT);
    await waitFor(() => a.closeCodes.includes(CloseCode.STORE_FAILED) && a.provider.synced, 'Claire reconnected once');
    // Again and again: refused at the door, the room is not reset again.
    for (let i = 0; i < 5; i++) expect(await closeCodeOf(url, beaHeaders)).toBe(CloseCode.INVALID_CONTENT);
    expect(await sendRaw(url, beaHeaders, poison)).toBe(CloseCode.INVALID_CONTENT);
    typeParagraph(a.doc, 'Claire écrit toujours');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Claire écrit toujours'), 'Claire still saves');
    expect(a.closeCodes.filter((code) => code === CloseCode.STORE_FAILED)).toHaveLength(1);
    // Only this document, only Béa.
    expect(await admittedOrCode(`${server.collabUrl}/${other.room}`, beaHeaders)).toBe('admitted');
    expect(await admittedOrCode(url, { cookie: coordinator.cookie, origin: server.origin })).toBe('admitted');
  });
});

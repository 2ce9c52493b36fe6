/**
 * Opening a document must not change it: not for a member who may edit (their name would show as
 * the last editor, an edit would count in the attendance), and not for a reader, whose change the
 * server would refuse by closing the connection. Every update frame a page sends is counted while
 * another member types a marker; once the marker shows on the page, the page has sent nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_KINDS } from '../../shared/api';
import { BODY_FRAGMENT } from '../../shared/rooms';
import { clientPool, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs } from './browser';

/** Counts the Yjs sync update messages (type 0, sync message 2) a page sends over its sockets. */
function countUpdatesSent(page: Page): () => number {
  let sent = 0;
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
      if (bytes[0] === 0 && bytes[1] === 2) sent++;
    }),
  );
  return () => sent;
}

describe('opening a document writes nothing to it', () => {
  let server: TestServer;
  let browser: Browser;
  const pool = clientPool();
  let workspaceId = '';
  let coordinatorCookie = '';
  let member = { email: '' };
  let newcomer = { email: '' };

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    coordinatorCookie = setup.coordinator.cookie;
    member = await addMember(server, workspaceId, coordinatorCookie, 'member', 'Béa');
    newcomer = await addMember(server, workspaceId, coordinatorCookie, 'newcomer', 'Nour'); // comment access
    browser = await launchChromium();
  });

  afterAll(async () => {
    pool.closeAll();
    await browser?.close();
    await server?.stop();
  });

  /** Opens the document in a page, then types a marker from another member and waits for it there. */
  async function openAndWatch(documentId: string, room: string, email: string, checkpoint: string): Promise<number> {
    let updatesSent = () => 0;
    const page = await openDocumentAs(browser, server.url, { email, password: 'a long enough password' }, documentId, undefined, (p) => {
      updatesSent = countUpdatesSent(p);
    });
    const writer = pool.open(server.collabUrl, room, { cookie: coordinatorCookie, origin: server.origin });
    await waitFor(() => writer.provider.synced, 'writer synced');
    typeParagraph(writer.doc, 'Marqueur de fin');
    await page.getByText('Marqueur de fin').waitFor();
    writer.close();
    await expectAccessible(page, checkpoint);
    await page.context().close();
    return updatesSent();
  }

  it.each(DOCUMENT_KINDS)('for a member who may edit, from the %s template', async (kind) => {
    const doc = await createDocument(server, workspaceId, coordinatorCookie, `Modèle ${kind}`, kind);
    expect(await openAndWatch(doc.id, doc.room, member.email, `editor, ${kind} template`)).toBe(0);
  });

  it('for a reader, even when the text ends with a list (where editors get an empty paragraph to write in)', async () => {
    const doc = await createDocument(server, workspaceId, coordinatorCookie, 'Se termine par une liste', 'note');
    const writer = pool.open(server.collabUrl, doc.room, { cookie: coordinatorCookie, origin: server.origin });
    await waitFor(() => writer.provider.synced, 'writer synced');
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Dernier point')]);
    item.insert(0, [paragraph]);
    list.insert(0, [item]);
    const body = writer.doc.getXmlFragment(BODY_FRAGMENT);
    writer.doc.transact(() => {
      body.delete(0, body.length);
      body.insert(0, [list]);
    });
    await waitFor(async () => (await server.trame.store.loadBody(doc.id))!.updates.length > 1, 'list stored');
    writer.close();
    expect(await openAndWatch(doc.id, doc.room, newcomer.email, 'reader’s editor, text ending with a list')).toBe(0);
  });
});

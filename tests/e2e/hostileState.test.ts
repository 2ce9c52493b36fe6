/**
 * The client never goes blank (issue #12, hostile input). States and bodies the server should
 * refuse are put in place from the test process, past the server's checks, as old data or another
 * server could: malformed presence states in a room's awareness, a body the editor cannot render
 * while members have it open, and one stored while nobody has it open. Every page keeps showing
 * what it can and offers the history to repair the body.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { Room } from '../../server/collab/Room';
import { BODY_FRAGMENT, docRoom } from '../../shared/rooms';
import { bodyText, storedDoc, storedText } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot } from './browser';

const CLAIRE = { email: 'claire@example.org', password: 'correct horse battery', name: 'Claire Coordinatrice' };
const BROKEN_PANEL = /Le contenu de ce document ne peut pas être affiché/;

const editorText = (page: Page) => page.locator('[data-testid=editor] .ProseMirror').textContent();
const caretLabel = (page: Page, name: string) => page.locator('.collaboration-carets__label', { hasText: name });
const brokenPanel = (page: Page, text = BROKEN_PANEL) => page.getByRole('alert').filter({ hasText: text });
/** The document's title in the header (an input for editors, a heading for readers). */
const headerTitle = (page: Page) => page.getByTestId('document-title').evaluate((el) => (el instanceof HTMLInputElement ? el.value : el.textContent));

async function typeAtEndOf(page: Page, paragraph: number, text: string): Promise<void> {
  await page.locator('[data-testid=editor] .ProseMirror > p').nth(paragraph).click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/**
 * Puts presence states straight into the room's awareness, as if a connection had published
 * them and the server had let them through: each gets a fake client id of its own.
 */
function injectPresence(room: Room, states: unknown[]): void {
  for (const state of states) {
    const fake = new Awareness(new Y.Doc());
    fake.setLocalState(state as Record<string, unknown>);
    applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(fake, [fake.clientID]), null);
    fake.destroy();
  }
}

/** The update that puts a bare text node at the top of a body, where the schema allows only blocks. */
function bareTextAtTop(state: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(state);
  state.getXmlFragment(BODY_FRAGMENT).insert(0, [new Y.XmlText(text)]);
  return Y.encodeStateAsUpdate(state, before);
}

/** A copy of the room's current body as a Y.Doc (to build an update against it). */
async function copyOfRoomBody(room: Room): Promise<Y.Doc> {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, await room.encodedState());
  return copy;
}

/** The body text of the y-indexeddb copy a page keeps of a room (its updates replayed here). */
async function cachedBodyText(page: Page, database: string): Promise<string> {
  const updates = await page.evaluate(
    (database) =>
      new Promise<number[][]>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onerror = () => reject(new Error(`cannot open ${database}`));
        request.onsuccess = () => {
          const all = request.result.transaction('updates').objectStore('updates').getAll();
          all.onerror = () => reject(new Error(`cannot read ${database}`));
          all.onsuccess = () => {
            resolve((all.result as Uint8Array[]).map((update) => Array.from(update)));
            request.result.close();
          };
        };
      }),
    database,
  );
  const copy = new Y.Doc();
  for (const update of updates) Y.applyUpdate(copy, Uint8Array.from(update));
  return bodyText(copy);
}

/** Opens the history tab and restores the version with this name, confirming the dialog. */
async function restoreNamedVersion(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: 'Historique' }).click();
  const item = page.locator('[data-testid=version-item]', { hasText: name });
  page.once('dialog', (dialog) => void dialog.accept());
  await item.getByTestId('version-restore').click();
}

describe('hostile presence and bodies never blank the page', () => {
  let server: TestServer;
  let browser: Browser;
  let claire: Page;
  let bea: Page;
  let documentId = '';
  let workspaceId = '';
  let coordinatorCookie = '';
  let claireId = '';
  let beaAccount: { email: string; id: string };
  /** Uncaught exceptions in each page: a hostile peer must not cause any. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    coordinatorCookie = setup.coordinator.cookie;
    claireId = setup.coordinator.id;
    beaAccount = await addMember(server, workspaceId, coordinatorCookie, 'member', 'Béa');
    documentId = (await createDocument(server, workspaceId, coordinatorCookie, 'Charte du collectif', 'proposal')).id;
    browser = await launchChromium();
    const watch = (who: string) => (page: Page) => {
      page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
      page.setDefaultTimeout(10_000); // a missing element fails the step, with its name, within the test's time
    };
    claire = await openDocumentAs(browser, server.url, CLAIRE, documentId, undefined, watch('Claire'));
    bea = await openDocumentAs(browser, server.url, { email: beaAccount.email, password: 'a long enough password' }, documentId, undefined, watch('Béa'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('ignores malformed presence states and keeps showing the text, the editor and good carets', async () => {
    await typeAtEndOf(claire, 1, ' Claire est là.');
    await expect.poll(() => editorText(bea)).toContain('Claire est là.');

    const room = server.trame.rooms.get(docRoom(documentId))!;
    const body = (await copyOfRoomBody(room)).getXmlFragment(BODY_FRAGMENT);
    const firstText = body.createTreeWalker((node) => node instanceof Y.XmlText).next().value as Y.XmlText;
    const inText = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(firstText, 2));
    // At most four states with a usable member (with Claire's): a page that joins echoes all the
    // states it receives in one message, and the server takes at most four entries per message.
    injectPresence(room, [
      // The good peer beside the bad ones: its caret must show.
      { user: { id: 'amie', name: 'Amie fiable', color: '#0b57d0' }, cursor: { anchor: inText, head: inText } },
      { user: { id: 'intrus-1', name: 'Intrus Un', color: '#123456' }, cursor: { anchor: 42, head: 'x' } },
      {
        user: { id: 'intrus-2', name: 'Intrus Deux', color: '#654321' },
        cursor: { anchor: { tname: 'ailleurs' }, head: { item: { client: -1, clock: 1.5 } } },
        viewport: 'en haut',
        spotlight: { anchor: { type: { client: 'x', clock: 'y' } }, head: {} },
        following: 'tout le monde',
        gather: { now: true },
        section: ['Budget'],
      },
      { user: 'Mallory', cursor: { anchor: inText, head: inText } },
      { user: { id: 'intrus-4', name: 'Couleur piégée', color: 'red; background: url(https://example.org/x)' }, cursor: { anchor: inText, head: inText } },
      'pas un objet',
    ]);

    // What Béa sees: the text, the good carets and avatars, no caret for anyone whose state is unusable.
    await expect.poll(() => caretLabel(bea, 'Amie fiable').count()).toBe(1);
    await expect.poll(() => editorText(bea)).toContain('Claire est là.');
    await screenshot(bea, 'hostile-1-bad-presence');
    await expectAccessible(bea, 'editor beside malformed presence states');
    await expect.poll(() => bea.locator(`[data-testid=presence-avatar][data-member-id="${claireId}"]`).count()).toBe(1);
    for (const name of ['Intrus Un', 'Intrus Deux', 'Couleur piégée']) expect(await caretLabel(bea, name).count()).toBe(0);
    expect(await bea.locator('[data-testid=presence-avatar][data-member-id="intrus-4"]').count()).toBe(0);

    // The editor still works both ways.
    await typeAtEndOf(bea, 2, ' Béa écrit malgré tout.');
    await expect.poll(() => editorText(bea)).toContain('Béa écrit malgré tout.');
    await expect.poll(() => editorText(claire)).toContain('Béa écrit malgré tout.');

    // A page opened while the bad states are there (the editor is built with them) works too.
    await bea.reload();
    await bea.waitForSelector('[data-testid=sync-status][data-state=saved]');
    await expect.poll(() => editorText(bea)).toContain('Béa écrit malgré tout.');
    await expect.poll(() => caretLabel(bea, 'Amie fiable').count()).toBe(1);
    for (const name of ['Intrus Un', 'Intrus Deux', 'Couleur piégée']) expect(await caretLabel(bea, name).count()).toBe(0);
    await typeAtEndOf(bea, 3, ' Après rechargement.');
    await expect.poll(() => editorText(claire)).toContain('Après rechargement.');
    await screenshot(bea, 'hostile-2-bad-presence-after-reload');
    expect(pageErrors).toEqual([]);
  });

  it('shows a panel, not a blank page, when a remote change makes the open body unrenderable; a restore repairs it', async () => {
    await typeAtEndOf(bea, 3, ' Tapé juste avant la panne.');
    await expect.poll(() => storedText(server.trame.store, documentId)).toContain('Tapé juste avant la panne.');
    const named = await api(server, 'POST', `/api/documents/${documentId}/versions`, { body: { name: 'Avant la panne' }, cookie: coordinatorCookie, origin: server.origin });
    expect(named.status).toBe(201);

    // Applied and relayed by the room as its own change (as a restore is), so no check stops it.
    const room = server.trame.rooms.get(docRoom(documentId))!;
    const member = { id: claireId, name: CLAIRE.name, color: '#0b57d0' };
    const bad = bareTextAtTop(await copyOfRoomBody(room), 'Texte hors de tout paragraphe');
    await room.applyServerChange(() => bad, member);

    for (const page of [claire, bea]) {
      await brokenPanel(page).waitFor();
      await expect.poll(() => headerTitle(page)).toBe('Charte du collectif');
    }
    await screenshot(bea, 'hostile-3-broken-body-live');
    await expectAccessible(bea, 'panel for a body broken live');
    // No page wrote its stale copy back over the body (y-tiptap would delete what it cannot show).
    expect(room.doc.getXmlFragment(BODY_FRAGMENT).get(0)).toBeInstanceOf(Y.XmlText);
    // What Béa typed is still on her device and on the server.
    expect(await cachedBodyText(bea, `trame:${docRoom(documentId)}`)).toContain('Tapé juste avant la panne.');
    expect(await storedText(server.trame.store, documentId)).toContain('Tapé juste avant la panne.');

    await restoreNamedVersion(claire, 'Avant la panne');
    for (const page of [claire, bea]) {
      await expect.poll(() => editorText(page)).toContain('Tapé juste avant la panne.');
      expect(await brokenPanel(page).count()).toBe(0);
    }
    await typeAtEndOf(bea, 3, ' Réparé.');
    await expect.poll(() => editorText(claire)).toContain('Réparé.');
    await screenshot(claire, 'hostile-4-broken-body-restored');
    expect(pageErrors).toEqual([]);
  });

  it('shows a panel with the history when the stored body cannot be displayed; restoring brings the text back', async () => {
    const other = await createDocument(server, workspaceId, coordinatorCookie, 'Règlement intérieur', 'proposal');
    const named = await api(server, 'POST', `/api/documents/${other.id}/versions`, { body: { name: 'Version saine' }, cookie: coordinatorCookie, origin: server.origin });
    expect(named.status).toBe(201);
    expect(server.trame.rooms.get(docRoom(other.id))).toBeUndefined(); // nobody has it open
    const bad = bareTextAtTop(await storedDoc(server.trame.store, other.id), 'Texte hors de tout paragraphe');
    await server.trame.store.appendUpdates(other.id, [{ update: bad, memberId: null, at: new Date().toISOString() }]);

    await claire.goto(`${server.url}/d/${other.id}`);
    await brokenPanel(claire).waitFor();
    await expect.poll(() => headerTitle(claire)).toBe('Règlement intérieur');
    await expect.poll(() => claire.getByRole('tab', { name: 'Historique' }).getAttribute('aria-selected')).toBe('true');
    await screenshot(claire, 'hostile-5-broken-stored-body');
    await expectAccessible(claire, 'panel for a broken stored body, history open');
    await claire.getByTestId('lang-en').click();
    await brokenPanel(claire, /The content of this document cannot be displayed/).waitFor();
    await expectAccessible(claire, 'panel for a broken stored body, in English');
    await claire.getByTestId('lang-fr').click();
    await brokenPanel(claire).waitFor();

    await restoreNamedVersion(claire, 'Version saine');
    await expect.poll(() => editorText(claire)).toContain('Public visé');
    expect(await brokenPanel(claire).count()).toBe(0);
    await screenshot(claire, 'hostile-6-stored-body-restored');
    expect(pageErrors).toEqual([]);
  });

  it('shows a reader the panel for a node the schema does not know, and no page deletes it', async () => {
    const other = await createDocument(server, workspaceId, coordinatorCookie, 'Compte rendu', 'proposal');
    const grant = await api(server, 'PUT', `/api/documents/${other.id}/access/${beaAccount.id}`, { body: { access: 'view' }, cookie: coordinatorCookie, origin: server.origin });
    expect(grant.status).toBe(204);
    const state = await storedDoc(server.trame.store, other.id);
    const before = Y.encodeStateVector(state);
    const unknown = new Y.XmlElement('diagramme');
    unknown.insert(0, [new Y.XmlText('un schéma')]);
    state.getXmlFragment(BODY_FRAGMENT).insert(1, [unknown]);
    await server.trame.store.appendUpdates(other.id, [{ update: Y.encodeStateAsUpdate(state, before), memberId: null, at: new Date().toISOString() }]);

    await bea.goto(`${server.url}/d/${other.id}`);
    await brokenPanel(bea).waitFor();
    await expect.poll(() => brokenPanel(bea).textContent()).toMatch(/une personne qui peut le modifier/);
    await expect.poll(() => bea.getByRole('tab', { name: 'Historique' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => bea.getByTestId('sync-status').getAttribute('data-state')).toBe('saved');
    await screenshot(bea, 'hostile-7-unknown-node-reader');
    await expectAccessible(bea, 'reader’s panel for an unknown node');
    // Her page wrote nothing (y-tiptap would have deleted the element, and been closed for it).
    expect((await storedDoc(server.trame.store, other.id)).getXmlFragment(BODY_FRAGMENT).toString()).toContain('<diagramme>');
    expect(pageErrors).toEqual([]);
  });
});

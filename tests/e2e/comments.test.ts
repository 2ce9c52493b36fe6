/**
 * Two members comment a proposal in Chromium: A comments a passage (Ctrl+Alt+M), B sees it live
 * and replies with an @mention of A chosen from the autocomplete, A's inbox shows the mention and
 * opens the document at the thread, the markup in B's reply shows as text, A resolves, B sees the
 * thread resolved and the passage no longer highlighted.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot, selectInEditor } from './browser';

const PASSAGE = 'budget prévisionnel';


/** Selects the first occurrence of `text` in the editor, as a member dragging over it would. */
async function selectText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid=editor] .ProseMirror').click();
  await selectInEditor(page, text);
  // The editor takes the browser's selection over asynchronously; the action beside the selection
  // shows once it has (a shortcut pressed before would find no selection on a busy machine).
  await page.getByTestId('selection-comment').waitFor({ state: 'visible' });
}

const card = (page: Page) => page.getByTestId('thread-card');

describe('comments in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let documentId = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie, 'Appel à projets autonomie', 'note');
    documentId = doc.id;
    const writer = connect(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    await waitFor(() => writer.provider.synced, 'writer synced');
    typeParagraph(writer.doc, `Le ${PASSAGE} est joint en annexe du dossier.`);
    await waitFor(async () => (await server.trame.store.loadBody(doc.id))!.updates.length > 1, 'stored');
    writer.close();
    browser = await launchChromium();
    a = await openDocumentAs(browser, server.url, { email: 'claire@example.org', password: 'correct horse battery' }, doc.id, { width: 1400, height: 900 });
    b = await openDocumentAs(browser, server.url, { email: bea.email, password: 'a long enough password' }, doc.id, { width: 1400, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('A comments on a passage with Ctrl+Alt+M; B sees the thread and the highlight live', async () => {
    await selectText(a, PASSAGE);
    await expectAccessible(a, 'editor with a selection (comment action shown)');
    await a.keyboard.press('Control+Alt+m');
    await a.getByTestId('new-comment-text').fill('Faut-il chiffrer la part du département ?');
    await expectAccessible(a, 'new comment composer');
    await a.keyboard.press('Control+Enter');
    await expect.poll(() => card(a).count()).toBe(1);
    expect(await a.locator('.comment-highlight').first().textContent()).toBe(PASSAGE);

    await expect.poll(() => card(b).count()).toBe(1);
    expect(await card(b).getByTestId('comment-body').textContent()).toBe('Faut-il chiffrer la part du département ?');
    await expect.poll(() => b.locator('.comment-highlight').first().textContent()).toBe(PASSAGE);
    // The card sits level with its passage.
    const passageTop = (await b.locator('.comment-highlight').first().boundingBox())!.y;
    const cardTop = (await card(b).boundingBox())!.y;
    expect(Math.abs(cardTop - passageTop)).toBeLessThan(40);
    await screenshot(b, 'comments-1-thread');
    await expectAccessible(b, 'editor with a comment thread');
  });

  it('B replies with an @mention picked from the list; the markup in it stays text', async () => {
    await b.locator('.comment-highlight').first().click();
    await expect.poll(() => card(b).getAttribute('aria-current')).toBe('true');
    await expectAccessible(b, 'current thread with its reply box');
    await b.getByTestId('reply-text').click();
    await b.keyboard.type('Oui, je pense. @cla');
    await b.getByTestId('mention-option').filter({ hasText: 'Claire Coordinatrice' }).waitFor();
    await expectAccessible(b, 'reply with the mention list open');
    await b.keyboard.press('Enter');
    await b.keyboard.type('<b>tu peux</b> regarder ?');
    expect(await b.getByTestId('reply-text').inputValue()).toBe('Oui, je pense. @Claire Coordinatrice <b>tu peux</b> regarder ?');
    await b.getByTestId('reply-submit').click();
    await expect.poll(() => card(b).getByTestId('comment').count()).toBe(2);
    expect(await card(b).locator('.mention').textContent()).toBe('@Claire Coordinatrice');
    await expectAccessible(b, 'thread with a reply and a mention');
  });

  it('A’s inbox shows the mention and opens the document at the thread', async () => {
    await expect.poll(() => a.getByTestId('inbox-count').textContent()).toBe('1');
    await a.getByTestId('inbox-link').click();
    const item = a.getByTestId('inbox-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-kind')).toBe('mention');
    expect(await item.textContent()).toContain('Béa');
    await screenshot(a, 'comments-2-inbox');
    await expectAccessible(a, 'inbox with a mention');
    await item.locator('button').click();
    await a.waitForSelector('[data-testid=sync-status][data-state=saved]');
    expect(new URL(a.url()).searchParams.get('thread')).toBeTruthy();
    await expect.poll(() => card(a).getAttribute('aria-current')).toBe('true');
    await expect.poll(() => a.getByTestId('inbox-count').count()).toBe(0);

    const reply = card(a).getByTestId('comment-body').nth(1);
    expect(await reply.textContent()).toBe('Oui, je pense. @Claire Coordinatrice <b>tu peux</b> regarder ?');
    expect(await reply.locator('b').count()).toBe(0);
  });

  it('the document list counts the open thread', async () => {
    await b.goto(`${server.url}/`);
    const row = b.locator(`[data-testid=document-row][data-document-id="${documentId}"]`);
    await expect.poll(() => row.getByTestId('open-threads').textContent()).toContain('1');
    await expectAccessible(b, 'document list with an open thread');
    await row.getByTestId('document-link').click();
    await b.waitForSelector('[data-testid=sync-status][data-state=saved]');
    await expect.poll(() => card(b).count()).toBe(1);
  });

  it('A resolves; B sees the thread resolved and the passage no longer highlighted', async () => {
    await card(a).getByTestId('thread-resolve').click();
    await expect.poll(() => card(b).count()).toBe(0);
    await expect.poll(() => b.locator('.comment-highlight').count()).toBe(0);
    await b.getByTestId('comments-filter').selectOption('resolved');
    await expect.poll(() => card(b).getByTestId('thread-resolved').textContent()).toContain('Claire Coordinatrice');
    await screenshot(b, 'comments-3-resolved');
    await expectAccessible(b, 'resolved threads');
  });

  it('offline, the composer says comments need a connection and keeps the text until it can be sent', async () => {
    await b.getByTestId('comments-filter').selectOption('open');
    await selectText(b, 'annexe');
    await b.keyboard.press('Control+Alt+m');
    await b.context().setOffline(true);
    await b.getByTestId('new-comment-text').fill('Annexe à mettre à jour');
    await b.getByTestId('comments-offline').waitFor();
    expect(await b.getByTestId('new-comment-submit').isDisabled()).toBe(true);
    await expectAccessible(b, 'comment composer offline');
    await b.context().setOffline(false);
    await expect.poll(() => b.getByTestId('new-comment-submit').isDisabled(), { timeout: 20_000 }).toBe(false);
    expect(await b.getByTestId('new-comment-text').inputValue()).toBe('Annexe à mettre à jour');
    // Back online, B sees A present again at once (not after A's next presence renewal, ~15 s).
    await expect.poll(() => b.getByTestId('presence-avatar').count(), { timeout: 5_000 }).toBe(1);
    await b.getByTestId('new-comment-submit').click();
    await expect.poll(() => a.getByTestId('comment-body').filter({ hasText: 'Annexe à mettre à jour' }).count()).toBe(1);
  });

  it('a reply being written survives a reload of the page', async () => {
    const thread = card(b).filter({ hasText: 'Annexe à mettre à jour' });
    await thread.click();
    await b.getByTestId('reply-text').fill('Je relis l’annexe ce soir.');
    await b.reload();
    await b.waitForSelector('[data-testid=sync-status][data-state=saved]');
    await card(b).filter({ hasText: 'Annexe à mettre à jour' }).click();
    await expect.poll(() => b.getByTestId('reply-text').inputValue()).toBe('Je relis l’annexe ce soir.');
    await b.getByTestId('reply-submit').click();
    await expect.poll(() => a.getByTestId('comment-body').filter({ hasText: 'Je relis l’annexe ce soir.' }).count()).toBe(1);
    expect(await b.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('trame:comment-draft:')))).toEqual([]);
  });
});

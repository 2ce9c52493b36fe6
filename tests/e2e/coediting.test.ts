/**
 * Two members in two Chromium contexts co-write one document through the real server and the
 * built client: live text and carets, an offline stretch that merges on reconnect, a restart.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, storedText, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, screenshot, signInPage } from './browser';

async function signIn(context: BrowserContext, server: TestServer, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await signInPage(page, server.url, email, password);
  return page;
}

/** Clicks at the end of the n-th paragraph of the editor and types. */
async function typeInParagraph(page: Page, index: number, text: string): Promise<void> {
  const paragraph = page.locator('[data-testid=editor] .ProseMirror > p').nth(index);
  await paragraph.click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

const editorText = (page: Page) => page.locator('[data-testid=editor] .ProseMirror');

describe('co-editing in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let claire: { context: BrowserContext; page: Page };
  let bea: { context: BrowserContext; page: Page };
  let documentId = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const member = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    browser = await launchChromium();
    const contextA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const contextB = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    claire = { context: contextA, page: await signIn(contextA, server, 'claire@example.org', 'correct horse battery') };
    bea = { context: contextB, page: await signIn(contextB, server, member.email, 'a long enough password') };
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the French interface by default', async () => {
    expect(await claire.page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => claire.page.getByTestId('sign-out').textContent()).toContain('Se déconnecter');
    await expect.poll(() => claire.page.getByTestId('new-document-submit').textContent()).toMatch(/Créer/);
    await screenshot(claire.page, 'coediting-1-list-fr');
    await expectAccessible(claire.page, 'document list (French)');
  });

  it('creates a proposal from its template; the other member sees it appear and opens it', async () => {
    await claire.page.getByTestId('new-document-title').fill('Appel à projets 2027 — prévention');
    await claire.page.getByTestId('new-document-kind').selectOption('proposal');
    await claire.page.getByTestId('new-document-submit').click();
    await claire.page.waitForURL(/\/d\//);
    documentId = claire.page.url().split('/d/')[1]!.split(/[?#]/)[0]!;
    await expect.poll(() => editorText(claire.page).textContent()).toContain('Public visé');

    const link = bea.page.locator(`[data-testid=document-link][data-document-id="${documentId}"]`);
    await link.waitFor(); // appears live in Béa's list, no reload
    await link.click();
    await bea.page.waitForURL(/\/d\//);
    await expect.poll(() => editorText(bea.page).textContent()).toContain('Public visé');
    await expectAccessible(claire.page, 'editor, new proposal');
  });

  it('each sees the other’s text and caret label live', async () => {
    await typeInParagraph(claire.page, 1, ' Texte de Claire.');
    await typeInParagraph(bea.page, 2, ' Texte de Béa.');
    await expect.poll(() => editorText(bea.page).textContent()).toContain('Texte de Claire.');
    await expect.poll(() => editorText(claire.page).textContent()).toContain('Texte de Béa.');
    await expect.poll(() => claire.page.locator('.collaboration-carets__label', { hasText: 'Béa' }).count()).toBeGreaterThan(0);
    await expect.poll(() => bea.page.locator('.collaboration-carets__label', { hasText: 'Claire Coordinatrice' }).count()).toBeGreaterThan(0);
    await expect.poll(() => claire.page.getByTestId('sync-status').getAttribute('data-state')).toBe('saved');
    await expect.poll(() => storedText(server.trame.store, documentId)).toContain('Texte de Béa.');
    await screenshot(claire.page, 'coediting-2-two-carets');
    await expectAccessible(claire.page, 'editor with another member’s caret');
  });

  it('shows who is in the document and under which heading, in the editor and in the list', async () => {
    await claire.page.locator('[data-testid=outline-item]', { hasText: 'Budget' }).click();
    const claireAvatar = bea.page.locator('[data-testid=presence] [data-testid=presence-avatar]');
    await expect.poll(() => claireAvatar.first().getAttribute('aria-label')).toMatch(/Claire Coordinatrice.*Budget/);

    const listTab = await claire.context.newPage(); // Claire's second tab, on the list
    try {
      await listTab.goto(`${server.url}/w/${(await claire.page.evaluate(async () => (await (await fetch('/api/me')).json()).workspaces[0].id)) as string}`);
      const row = listTab.locator(`[data-testid=document-row][data-document-id="${documentId}"]`);
      await expect.poll(() => row.locator('[data-testid=list-presence-avatar]').count()).toBe(2);
      await screenshot(listTab, 'coediting-2b-list-presence');
      await expectAccessible(listTab, 'document list with presence avatars');
    } finally {
      await listTab.close();
    }
  });

  it('keeps edits made offline, says they are not sent, and merges them on reconnect', async () => {
    await bea.context.setOffline(true);
    await expect.poll(() => bea.page.getByTestId('sync-status').getAttribute('data-state')).toBe('offline');
    await typeInParagraph(bea.page, 3, ' Écrit hors ligne.');
    await expect.poll(() => bea.page.getByTestId('sync-status').getAttribute('data-pending')).not.toBe('0');
    await expect.poll(() => bea.page.getByTestId('sync-status').textContent()).toMatch(/Hors ligne/);
    await typeInParagraph(claire.page, 4, ' Pendant la coupure.');
    await screenshot(bea.page, 'coediting-3-offline');
    await expectAccessible(bea.page, 'editor offline with unsent edits');
    expect(await storedText(server.trame.store, documentId)).not.toContain('Écrit hors ligne.');

    await bea.context.setOffline(false);
    await expect.poll(() => editorText(claire.page).textContent(), { timeout: 20_000 }).toContain('Écrit hors ligne.');
    await expect.poll(() => editorText(bea.page).textContent()).toContain('Pendant la coupure.');
    await expect.poll(() => bea.page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    const stored = await storedText(server.trame.store, documentId);
    expect(stored).toContain('Écrit hors ligne.');
    expect(stored).toContain('Pendant la coupure.');
  });

  it('shows live what a stock y-websocket provider writes', async () => {
    const cookie = (await claire.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const client = connect(server.collabUrl, `doc.${documentId}`, { cookie, origin: server.origin });
    try {
      await waitFor(() => client.provider.synced, 'provider synced');
      typeParagraph(client.doc, 'Ajouté par un script');
      await expect.poll(() => editorText(bea.page).textContent()).toContain('Ajouté par un script');
    } finally {
      client.close();
    }
  });

  it('turns an open editor read-only as soon as a coordinator narrows the member’s access', async () => {
    const cookie = (await claire.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const beaId = await bea.page.evaluate(async () => (await (await fetch('/api/me')).json()).member.id as string);
    const res = await fetch(`${server.url}/api/documents/${documentId}/access/${beaId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, origin: server.origin },
      body: JSON.stringify({ access: 'comment' }),
    });
    expect(res.status).toBe(204);
    await bea.page.getByTestId('read-only-notice').waitFor();
    expect(await bea.page.locator('[data-testid=editor] .ProseMirror').getAttribute('contenteditable')).toBe('false');
    await screenshot(bea.page, 'coediting-5-read-only');
    await expectAccessible(bea.page, 'editor turned read-only (comment access)');
  });

  it('has everything after a server restart, in a browser with no offline copy', async () => {
    const before = await storedText(server.trame.store, documentId);
    await server.restart();
    const fresh = await browser.newContext();
    try {
      const page = await signIn(fresh, server, 'claire@example.org', 'correct horse battery');
      await page.goto(`${server.url}/d/${documentId}`);
      await expect.poll(() => editorText(page).textContent()).toContain('Écrit hors ligne.');
      expect(await storedText(server.trame.store, documentId)).toBe(before);
      await expect.poll(() => claire.page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
      await screenshot(page, 'coediting-4-after-restart');
    } finally {
      await fresh.close();
    }
  });
});

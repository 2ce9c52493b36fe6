/**
 * Opening the app on a document's link starts the body's WebSocket, the metadata request and the
 * editor's code together, before the session check answers (client/app/ahead.ts). What was started
 * ahead must be taken over, not done twice, and must never outlive a refusal: a visitor signed out
 * when the link was opened signs in and gets the document all the same.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedText } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { assertClientBuilt, launchChromium, signInPage } from './browser';

/** Counts the page's WebSockets to a room and its requests to one API path, from the first load on. */
function watch(page: Page, room: string, apiPath: string): { sockets: () => number; requests: () => number } {
  let sockets = 0;
  let requests = 0;
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname.endsWith(`/${room}`)) sockets++;
  });
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === apiPath) requests++;
  });
  return { sockets: () => sockets, requests: () => requests };
}

const editor = (page: Page) => page.locator('[data-testid=editor] .ProseMirror');

describe('opening a document from its link', () => {
  let server: TestServer;
  let browser: Browser;
  let doc = { id: '', room: '' };
  let member = { email: '' };

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    member = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    doc = await createDocument(server, workspaceId, coordinator.cookie, 'Ouvert par un lien', 'note');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uses the socket and the metadata requested with the page, once each', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInPage(page, server.url, member.email, 'a long enough password');
    const seen = watch(page, doc.room, `/api/documents/${doc.id}`);
    await page.goto(`${server.url}/d/${doc.id}`);
    await page.waitForSelector('[data-testid=sync-status][data-state=saved]');
    await expect.poll(() => editor(page).getAttribute('contenteditable')).toBe('true');
    expect(seen.sockets()).toBe(1);
    expect(seen.requests()).toBe(1);
    // The socket taken over carries the editing: a change typed here reaches the server.
    await editor(page).locator('p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Ajouté par Béa');
    await expect.poll(() => storedText(server.trame.store, doc.id)).toContain('Ajouté par Béa');
    await page.context().close();
  });

  it('signed out when the link is opened: after signing in, the document opens and syncs', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/d/${doc.id}`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByTestId('login-email').fill(member.email);
    await page.getByTestId('login-password').fill('a long enough password');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(new RegExp(`/d/${doc.id}$`));
    await page.waitForSelector('[data-testid=sync-status][data-state=saved]');
    await expect.poll(() => editor(page).getAttribute('contenteditable')).toBe('true');
    await expect.poll(() => editor(page).textContent()).toContain('Ajouté par Béa');
    await page.context().close();
  });
});

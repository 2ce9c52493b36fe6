/**
 * The light and the dark theme in Chromium: with the system set to light, then to dark, the login
 * page, the document list, a document with a comment thread (and its history), the inbox and the
 * members page really change colours and pass axe (colour contrast AA included); at 200 % zoom the
 * document list needs no sideways scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, storedAnchor, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, screenshot, signInPage } from './browser';

const CLAIRE = { email: 'claire@example.org', password: 'correct horse battery' };
const TITLE = 'Appel à projets autonomie — budget prévisionnel 2027 et partenaires';

/** Relative luminance (WCAG) of a computed CSS colour such as « rgb(21, 23, 26) ». */
function luminance(color: string): number {
  const channels = color.match(/[\d.]+/g)?.slice(0, 3).map(Number);
  if (!channels || channels.length < 3) throw new Error(`not an rgb() colour: ${color}`);
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The page's background and text colours as painted (the root's, which the canvas takes). */
const pageColours = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return { background: style.backgroundColor, text: style.color, dark: matchMedia('(prefers-color-scheme: dark)').matches };
  });

describe('light and dark themes', () => {
  let server: TestServer;
  let browser: Browser;
  let workspaceId = '';
  let documentId = '';
  /** The light theme's page background, to compare the dark one with. */
  let lightBackground = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    const bea = await addMember(server, workspaceId, setup.coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, setup.coordinator.cookie, TITLE, 'note');
    documentId = doc.id;
    const writer = connect(server.collabUrl, doc.room, { cookie: setup.coordinator.cookie, origin: server.origin });
    await waitFor(() => writer.provider.synced, 'writer synced');
    typeParagraph(writer.doc, 'Le budget prévisionnel est joint en annexe du dossier.');
    await waitFor(async () => (await server.trame.store.loadBody(doc.id))!.updates.length > 1, 'stored');
    writer.close();
    // A thread with a reply mentioning Claire: quote, avatars, names, times, a mention, actions.
    const anchor = await storedAnchor(server.trame.store, doc.id, 'Le bud');
    const thread = await api(server, 'POST', `/api/documents/${doc.id}/threads`, { cookie: setup.coordinator.cookie, origin: server.origin, body: { anchor, body: 'Faut-il chiffrer la part du département ?' } });
    expect(thread.status).toBe(201);
    const reply = await api(server, 'POST', `/api/threads/${thread.body.id}/comments`, {
      cookie: bea.cookie,
      origin: server.origin,
      body: { body: 'Oui, @Claire Coordinatrice, je m’en occupe.', mentions: [setup.coordinator.id] },
    });
    expect(reply.status).toBe(201);
    const version = await api(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: setup.coordinator.cookie, origin: server.origin, body: { name: 'Envoyée au comité' } });
    expect(version.status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`${colorScheme}: the login page, the document list and a document with a thread have their colours and pass axe`, async () => {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1400, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/login`);
        await page.getByTestId('login-submit').waitFor();
        const colours = await pageColours(page);
        expect(colours.dark).toBe(colorScheme === 'dark');
        if (colorScheme === 'light') {
          lightBackground = colours.background;
          expect(luminance(colours.background)).toBeGreaterThan(0.8);
          expect(luminance(colours.text)).toBeLessThan(0.05);
        } else {
          // The page is really dark, with light text: not the light theme seen through a filter.
          expect(lightBackground).not.toBe('');
          expect(colours.background).not.toBe(lightBackground);
          expect(luminance(colours.background)).toBeLessThan(0.05);
          expect(luminance(colours.text)).toBeGreaterThan(0.6);
        }
        await expectAccessible(page, `login page (${colorScheme})`);

        await signInPage(page, server.url, CLAIRE.email, CLAIRE.password);
        await page.locator(`[data-testid=document-row][data-document-id="${documentId}"]`).waitFor();
        expect((await pageColours(page)).background).toBe(colours.background);
        await expectAccessible(page, `document list (${colorScheme})`);

        await page.goto(`${server.url}/d/${documentId}`);
        await page.waitForSelector('[data-testid=sync-status][data-state=saved]');
        const card = page.getByTestId('thread-card');
        await expect.poll(() => card.getByTestId('comment').count()).toBe(2);
        await expect.poll(() => page.locator('.comment-highlight').count()).toBeGreaterThan(0);
        await expectAccessible(page, `document with a comment thread (${colorScheme})`);
        await card.click();
        await expect.poll(() => card.getAttribute('aria-current')).toBe('true');
        await page.getByTestId('reply-text').waitFor();
        await expectAccessible(page, `current thread with its reply box (${colorScheme})`);
        await screenshot(page, `themes-${colorScheme}-thread`);
        await page.getByTestId('side-tab-history').click();
        await page.getByTestId('version-item').first().waitFor();
        await expectAccessible(page, `history panel (${colorScheme})`);

        await page.goto(`${server.url}/inbox`);
        await page.getByTestId('inbox-item').first().waitFor();
        await expectAccessible(page, `inbox (${colorScheme})`);
        await page.goto(`${server.url}/w/${workspaceId}/members`);
        await page.getByTestId('member-row').first().waitFor();
        await expectAccessible(page, `members page (${colorScheme})`);
      } finally {
        await context.close();
      }
    });
  }

  it('at 200 % zoom (640 × 400 CSS pixels), the document list scrolls only vertically', async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await signInPage(page, server.url, CLAIRE.email, CLAIRE.password);
      await page.locator(`[data-testid=document-row][data-document-id="${documentId}"]`).waitFor();
      const widths = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      const { scroll, client } = await widths();
      expect(client).toBe(640);
      expect(scroll, 'the page is wider than the window').toBeLessThanOrEqual(client);
      await screenshot(page, 'themes-zoom-200-list');
    } finally {
      await context.close();
    }
  });
});

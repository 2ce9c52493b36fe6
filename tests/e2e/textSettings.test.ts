/**
 * The strip under the text in Chromium: the word count follows what is typed and selected; French
 * typography applies as one types in a French document (and Backspace right after takes back the
 * automatic space); switching the document to English changes the text's `lang` for everyone with it open
 * and stops the French spacing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { storedText } from '../helpers/providers';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot } from './browser';

const NARROW_NBSP = '\u202f';

describe('word count, language and French typography', () => {
  let server: TestServer;
  let browser: Browser;
  let claire: Page;
  let bea: Page;
  let docId: string;

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const b = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    docId = (await createDocument(server, workspaceId, coordinator.cookie, 'Charte du pôle', 'note')).id;
    browser = await launchChromium();
    claire = await openDocumentAs(browser, server.url, { email: 'claire@example.org', password: 'correct horse battery' }, docId, { width: 1280, height: 800 });
    bea = await openDocumentAs(browser, server.url, { email: b.email, password: 'a long enough password' }, docId, { width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const editor = (page: Page) => page.locator('[data-testid=editor] .ProseMirror');
  const count = (page: Page) => page.getByTestId('word-count').textContent();

  it('counts words and characters as one types, and the selection when there is one', async () => {
    await editor(claire).click();
    await claire.keyboard.press('Control+End');
    await claire.keyboard.type('Nous voulons agir ensemble');
    await expect.poll(() => count(claire)).toMatch(/^\d+ mots? · \d+ caractères?$/);
    const before = await count(claire);
    await claire.keyboard.type(' pour nos aînés');
    await expect.poll(() => count(claire)).not.toBe(before);
    await claire.keyboard.press('Shift+Home');
    await expect.poll(() => count(claire)).toMatch(/^7 mots sur \d+/);
    await claire.keyboard.press('End');
    await expect(editor(claire).getAttribute('role')).resolves.toBe('textbox');
    await expect(editor(claire).getAttribute('lang')).resolves.toBe('fr');
    await expectAccessible(claire, 'status bar under the text');
  });

  it('spaces French punctuation as one types; Backspace right after takes the automatic space back', async () => {
    await claire.keyboard.press('Enter');
    await claire.keyboard.type('Pourquoi pas ?');
    await expect.poll(() => editor(claire).textContent()).toContain(`Pourquoi pas${NARROW_NBSP}?`);
    await claire.keyboard.press('Backspace');
    await expect.poll(() => editor(claire).textContent()).toContain('Pourquoi pas ?');
    await claire.waitForSelector('[data-testid=sync-status][data-state=saved]');
    await expect.poll(() => storedText(server.trame.store, docId)).toContain('Pourquoi pas ?');
  });

  it('switching the document to English changes its lang for everyone and stops French spacing', async () => {
    await claire.getByTestId('document-settings-open').click();
    const popover = claire.getByTestId('document-settings-popover');
    await expect.poll(() => popover.isVisible()).toBe(true);
    await expectAccessible(claire, 'document settings popover');
    await popover.getByTestId('document-language').selectOption('en');
    await expect.poll(() => editor(bea).getAttribute('lang')).toBe('en');
    await expect.poll(() => bea.getByTestId('document-settings-open').textContent()).toBe('Anglais');
    await claire.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    await expect.poll(() => claire.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('document-settings-open');

    await editor(claire).click();
    await claire.keyboard.press('Control+End');
    await claire.keyboard.press('Enter');
    await claire.keyboard.type('Why not?');
    await expect.poll(() => editor(claire).textContent()).toContain('Why not?');
    expect(await editor(claire).textContent()).not.toContain(`not${NARROW_NBSP}?`);
    await screenshot(claire, 'text-settings');
  });
});

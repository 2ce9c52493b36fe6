/**
 * « Projeter » on the meeting room's projector (1024×768): the text alone, in large type, with the
 * others' carets; writing goes on while presenting; Escape brings the page back.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot } from './browser';

describe('presenting the text on a projector', () => {
  let server: TestServer;
  let browser: Browser;
  let claire: Page;
  let bea: Page;

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const b = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie, 'Règlement intérieur', 'note');
    browser = await launchChromium();
    claire = await openDocumentAs(browser, server.url, { email: 'claire@example.org', password: 'correct horse battery' }, doc.id, { width: 1024, height: 768 });
    bea = await openDocumentAs(browser, server.url, { email: b.email, password: 'a long enough password' }, doc.id);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shown = (page: Page, testId: string) => page.getByTestId(testId).isVisible();
  const editor = (page: Page) => page.locator('[data-testid=editor] .ProseMirror');

  it('shows only the text, in large type, with the others’ carets, and writing goes on', async () => {
    const normalSize = await editor(claire).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await claire.getByTestId('present-start').click();
    await expect.poll(() => shown(claire, 'present-stop')).toBe(true);
    for (const hidden of ['doc-bar', 'sync-status', 'side-column', 'back-to-list']) expect(await shown(claire, hidden)).toBe(false);
    const size = await editor(claire).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    expect(size).toBeGreaterThan(normalSize * 1.4);

    await editor(bea).click();
    await bea.keyboard.type('Article premier : les membres décident ensemble.');
    await expect.poll(() => editor(claire).textContent()).toContain('Article premier');
    await expect.poll(() => claire.locator('[data-testid=editor] .collaboration-carets__caret').count()).toBe(1);
    // The presenter's own keystrokes still go into the text.
    expect(await claire.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
    await claire.keyboard.press('Control+End');
    await claire.keyboard.type(' Adopté.');
    await expect.poll(() => editor(bea).textContent()).toContain('Adopté.');
    await screenshot(claire, 'presentation');
    await expectAccessible(claire, 'presenting the text');
  });

  it('Escape brings the page back', async () => {
    await claire.keyboard.press('Escape');
    await expect.poll(() => shown(claire, 'doc-bar')).toBe(true);
    expect(await shown(claire, 'present-stop')).toBe(false);
    expect(await shown(claire, 'sync-status')).toBe(true);
    expect(await claire.evaluate(() => document.documentElement.dataset.presenting)).toBeUndefined();
  });
});

/**
 * Template guidance in Chromium: each section of a new document starts with an empty paragraph
 * whose guidance shows as a placeholder (drawn from `data-placeholder`, never stored), goes as soon
 * as the writer types, comes back when the paragraph is emptied, follows the interface language,
 * and a document created from an English interface has English headings.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_TEXT } from '../../shared/templateText';
import { storedText } from '../helpers/providers';
import { createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot, signInPage } from './browser';

const claire = { email: 'claire@example.org', password: 'correct horse battery' };
const fr = TEMPLATE_TEXT.fr.proposal.sections;
const en = TEMPLATE_TEXT.en.proposal.sections;

/** The block right after the editor's heading with exactly this text. */
const afterHeading = (page: Page, heading: string): Locator =>
  page.locator('[data-testid=editor] .ProseMirror > :is(h1, h2)').filter({ hasText: new RegExp(`^${heading}$`) }).locator('xpath=following-sibling::*[1]');

/** What the placeholder draws in a block (CSS generated content): its text (or `none`), style and colour. */
const drawn = (block: Locator) =>
  block.evaluate((element) => {
    const style = getComputedStyle(element, '::after');
    return { content: style.content, fontStyle: style.fontStyle, color: style.color };
  });

/** The guidance texts shown in the editor, in document order. */
const shownGuidance = (page: Page) =>
  page.locator('[data-testid=editor] .ProseMirror [data-placeholder]').evaluateAll((blocks) => blocks.map((b) => b.getAttribute('data-placeholder')).filter(Boolean));

describe('template guidance in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let workspaceId = '';
  let cookie = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    cookie = setup.coordinator.cookie;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows each section’s guidance in its empty paragraph, hides it while there is text, and never stores it', async () => {
    const doc = await createDocument(server, workspaceId, cookie, 'Appel à projets de la région', 'proposal');
    const page = await openDocumentAs(browser, server.url, claire, doc.id);
    const context = afterHeading(page, fr.context.title);

    await expect.poll(() => context.getAttribute('data-placeholder')).toBe(fr.context.guidance);
    expect(await drawn(context)).toEqual({ content: `"${fr.context.guidance}"`, fontStyle: 'italic', color: 'rgb(91, 97, 104)' }); // var(--muted)
    expect(await shownGuidance(page)).toEqual(Object.values(fr).map((s) => s.guidance)); // every section, wherever the caret is
    expect(await afterHeading(page, fr.actions.title).locator('li p').getAttribute('data-placeholder')).toBe(fr.actions.guidance);
    // Guidance longer than a line takes the room it needs (nothing runs over the next heading),
    // and the place to type (the empty line's break) is at the start of it.
    const summary = await afterHeading(page, fr.title.title).evaluate((element) => {
      const box = element.getBoundingClientRect();
      const line = parseFloat(getComputedStyle(element).lineHeight);
      const caretLine = element.querySelector('br')!.getBoundingClientRect();
      return { lines: box.height / line, caretAtTop: Math.abs(caretLine.top - box.top) < line / 2, nextBelow: element.nextElementSibling!.getBoundingClientRect().top >= box.bottom };
    });
    expect(summary).toEqual({ lines: expect.any(Number), caretAtTop: true, nextBelow: true });
    expect(summary.lines).toBeGreaterThan(1.5); // two lines of guidance at this width
    await screenshot(page, 'templates-1-guidance');

    await context.click();
    await page.keyboard.type('Nos constats.');
    await expect.poll(() => context.getAttribute('data-placeholder')).toBeNull();
    expect((await drawn(context)).content).toBe('none');
    expect(await context.textContent()).toBe('Nos constats.');
    expect(await afterHeading(page, fr.public.title).getAttribute('data-placeholder')).toBe(fr.public.guidance); // the others stay
    await expect.poll(() => storedText(server.trame.store, doc.id)).toContain('Nos constats.');

    for (let i = 0; i < 'Nos constats.'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => context.getAttribute('data-placeholder')).toBe(fr.context.guidance);
    expect((await drawn(context)).content).toBe(`"${fr.context.guidance}"`);
    await expect.poll(() => storedText(server.trame.store, doc.id)).not.toContain('Nos constats.');
    const stored = await storedText(server.trame.store, doc.id);
    for (const { guidance } of Object.values(fr)) expect(stored).not.toContain(guidance);

    // The guidance follows the interface language; the headings are the document's.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => context.getAttribute('data-placeholder')).toBe(en.context.guidance);
    expect(await shownGuidance(page)).toEqual(Object.values(en).map((s) => s.guidance));
    await expect.poll(() => page.locator('[data-testid=editor] .ProseMirror h2').first().textContent()).toBe(fr.funder.title);
    await page.context().close();
  });

  it('creates from an English interface a document with English headings, whose guidance shows in French in French', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 700 } })).newPage();
    await signInPage(page, server.url, claire.email, claire.password);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('new-document-submit').textContent()).toMatch(/Create/);
    await page.getByTestId('new-document-title').fill('Regional call 2027');
    await page.getByTestId('new-document-kind').selectOption('proposal');
    await page.getByTestId('new-document-submit').click();
    await page.waitForSelector('[data-testid=sync-status][data-state=saved]');
    const editor = page.locator('[data-testid=editor] .ProseMirror');
    await expect.poll(() => editor.locator('h1').textContent()).toBe(en.title.title);
    expect(await editor.locator('h2').allTextContents()).toEqual(Object.values(en).slice(1).map((s) => s.title));
    await expect.poll(() => afterHeading(page, en.context.title).getAttribute('data-placeholder')).toBe(en.context.guidance);

    await page.getByTestId('lang-fr').click();
    await expect.poll(() => afterHeading(page, en.context.title).getAttribute('data-placeholder')).toBe(fr.context.guidance);
    expect(await editor.locator('h2').first().textContent()).toBe(en.funder.title);
    await page.context().close();
  });

  it('shows the general placeholder in an empty document', async () => {
    const doc = await createDocument(server, workspaceId, cookie, 'Notes libres', 'note');
    const page = await openDocumentAs(browser, server.url, claire, doc.id);
    const only = page.locator('[data-testid=editor] .ProseMirror > p');
    await expect.poll(() => only.getAttribute('data-placeholder')).toBe('Commencez à écrire ici…');
    expect((await drawn(only)).content).toBe('"Commencez à écrire ici…"');
    await only.click();
    await page.keyboard.type('Premier mot');
    await expect.poll(() => only.getAttribute('data-placeholder')).toBeNull();
    await page.context().close();
  });
});

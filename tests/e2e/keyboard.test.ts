/**
 * A keyboard-only path through Trame in Chromium (issue #13): no clicks, no `fill`, only keys.
 * Béa signs in on the login page, opens a proposal from the document list, reaches the text by
 * the skip link, writes a sentence, selects a word and comments on it (Ctrl+Alt+M, Ctrl+Entrée);
 * Chloé replies and resolves; Béa sends the proposal for review and asks Chloé, who approves, reads
 * the changes made since in the diff viewer and approves again. « ? » lists the shortcuts.
 *
 * After each step the test says where the focus is: never on <body> (the top of the page).
 * Where it lands, by design:
 * - after the login form is sent: the page's main region (then Tab reaches the page's content);
 * - after a document link: the page's main region, so that the skip link « Aller au texte » is the
 *   next Tab stop;
 * - after Ctrl+Entrée sends a new comment (or Escape cancels it): back in the text, the caret at
 *   the end of the commented passage, so that writing goes on where it stopped;
 * - after a reply is sent: still in the reply box, emptied;
 * - after « Résoudre »: the next thread's card, or the comments heading when there is none;
 * - after a status move: the status line, which now says the new status;
 * - after asking reviewers: the reviewers heading, above the list that now names them;
 * - after approving: the approve button (« Approuver à nouveau » when the text changes later);
 * - after Escape closes the diff viewer or the shortcuts dialog: the button or place that opened it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium } from './browser';

const PASSWORD = 'a long enough password';
const SENTENCE = 'Nous joignons le budget prévisionnel détaillé';
const COMMENT = 'Faut-il détailler la part du département ?';
const REPLY = 'Oui, en annexe.';
/** A question: « ? » typed in the text is a character, not the shortcuts list. */
const EDIT = 'Le comité a-t-il relu la demande ?';
/** EDIT as the text shows it (French typography puts a no-break space before « ? »). */
const EDIT_START = 'Le comité a-t-il relu la demande';

/** What has the focus, as a test can name it. */
interface Focus {
  tag: string;
  testid: string | null;
  role: string | null;
  name: string;
  /** The nearest ancestor's testid (for elements without their own). */
  within: string | null;
  editor: boolean;
}

async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: 'none', testid: null, role: null, name: '', within: null, editor: false };
    const labelledBy = el.getAttribute('aria-labelledby');
    const name = (el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? el.textContent ?? '').trim().slice(0, 80);
    return {
      tag: el.tagName.toLowerCase(),
      testid: el.getAttribute('data-testid'),
      role: el.getAttribute('role'),
      name,
      within: el.parentElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      editor: el.classList.contains('ProseMirror'),
    };
  });
}

/** Fails unless the focus is somewhere (not the page itself). */
async function expectFocusNotLost(page: Page, step: string): Promise<Focus> {
  // Focus may move a moment after the change that removed its element (dialogs restore it after
  // they unmount; React effects run after the paint): polled, as a user would see it settle.
  await expect.poll(async () => (await focused(page)).tag, { message: `focus lost after: ${step}` }).not.toMatch(/^(body|html|none)$/);
  return focused(page);
}

/** Presses Tab (or Shift+Tab) until `wanted` has the focus; returns how many presses it took. DEBUG_KEYS=1 logs each stop. */
async function tabTo(page: Page, wanted: (focus: Focus) => boolean, { back = false, max = 60 } = {}): Promise<number> {
  const stops: string[] = [`from ${JSON.stringify(await focused(page))}`];
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    stops.push(`${presses} ${JSON.stringify(now)}`);
    if (process.env.DEBUG_KEYS) console.log(stops.at(-1));
    if (wanted(now)) return presses;
  }
  throw new Error(`not reached in ${max} ${back ? 'Shift+Tab' : 'Tab'} presses:\n${stops.join('\n')}`);
}

const byTestId = (testid: string) => (focus: Focus) => focus.testid === testid;

/** Signs in on the login page with the keyboard only. */
async function signInByKeyboard(page: Page, baseUrl: string, email: string, password: string, check = false): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').waitFor();
  if (check) await expectAccessible(page, 'keyboard: login page');
  await tabTo(page, byTestId('login-email'));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  expect((await focused(page)).testid).toBe('login-password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/w\//);
  await page.getByTestId('document-link').first().waitFor();
  const focus = await expectFocusNotLost(page, 'signing in');
  expect(focus.tag).toBe('main');
}

/** From the document list, Tab to the document's link and open it with Enter. */
async function openByKeyboard(page: Page, documentId: string): Promise<void> {
  await tabTo(page, (f) => f.testid === 'document-link' && f.name.length > 0);
  // The list has one document here; check it is the one wanted.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-document-id'))).toBe(documentId);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=sync-status][data-state=saved]');
  const focus = await expectFocusNotLost(page, 'opening a document');
  expect(focus.tag).toBe('main');
}

/** From the top of the editor page, the skip link and then the text; returns the Tab presses to the link. */
async function skipToText(page: Page): Promise<number> {
  const presses = await tabTo(page, (f) => f.tag === 'a' && f.name === 'Aller au texte', { max: 10 });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await focused(page)).editor).toBe(true);
  return presses;
}

describe('a keyboard-only path', () => {
  let server: TestServer;
  let browser: Browser;
  let bea: Page;
  let chloe: Page;
  let documentId = '';
  const people = { bea: '', chloe: '' };

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer({ env: { VERSION_PAUSE_MS: '600000' } });
    const { workspaceId, coordinator } = await setupWorkspace(server);
    people.bea = (await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa')).email;
    people.chloe = (await addMember(server, workspaceId, coordinator.cookie, 'member', 'Chloé')).email;
    documentId = (await createDocument(server, workspaceId, coordinator.cookie, 'Subvention fondation', 'proposal')).id;
    browser = await launchChromium();
    const size = { width: 1400, height: 900 };
    bea = await (await browser.newContext({ viewport: size })).newPage();
    chloe = await (await browser.newContext({ viewport: size })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Béa signs in, opens the proposal from the list and reaches the text by the skip link', async () => {
    await signInByKeyboard(bea, server.url, people.bea, PASSWORD, true);
    await expectAccessible(bea, 'keyboard: document list after signing in');
    await openByKeyboard(bea, documentId);
    const presses = await skipToText(bea);
    expect(presses).toBeLessThanOrEqual(3);
    await expectAccessible(bea, 'keyboard: text reached by the skip link');
  });

  it('« ? » lists the shortcuts; Escape closes the list and gives the focus back', async () => {
    // Out of the text (« ? » typed in it is a character): Shift+Tab goes back to the toolbar.
    await bea.keyboard.press('Shift+Tab');
    const before = await expectFocusNotLost(bea, 'leaving the text');
    expect(before).toMatchObject({ tag: 'button', editor: false });
    await bea.keyboard.press('?');
    const dialog = bea.getByTestId('shortcuts-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').first().textContent()).toBe('Raccourcis clavier');
    const keys = await dialog.getByTestId('shortcut').allTextContents();
    for (const wanted of ['Ctrl+B', 'Ctrl+I', 'Ctrl+Alt+2', 'Ctrl+Z', 'Ctrl+Maj+Z', 'Ctrl+Alt+M', 'Ctrl+Entrée', 'Aller au texte', '?']) {
      expect(keys.some((k) => k.includes(wanted)), `${wanted} in ${JSON.stringify(keys)}`).toBe(true);
    }
    expect((await focused(bea)).within).toMatch(/shortcuts-dialog/);
    await expectAccessible(bea, 'keyboard: shortcuts dialog');
    await bea.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(bea)).toEqual(before);

    // The header's button opens it too (for touch and mouse), and focus returns to the button.
    await tabTo(bea, byTestId('shortcuts-button'), { back: true });
    await bea.keyboard.press('Enter');
    await dialog.waitFor();
    await bea.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused(bea)).testid).toBe('shortcuts-button');

    await tabTo(bea, (f) => f.editor);
  });

  it('Béa types a sentence, selects a word and comments on it with Ctrl+Alt+M and Ctrl+Entrée', async () => {
    await bea.keyboard.press('Control+End');
    await bea.keyboard.press('Enter');
    await bea.keyboard.type(`${SENTENCE}.`);
    await bea.waitForSelector('[data-testid=sync-status][data-state=saved]');
    // Select « détaillé » with Shift+←.
    await bea.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'détaillé'.length; i++) await bea.keyboard.press('Shift+ArrowLeft');
    expect(await bea.evaluate(() => window.getSelection()?.toString())).toBe('détaillé');
    await bea.getByTestId('selection-comment').waitFor({ state: 'visible' });
    // Started and dropped with Escape: back in the text.
    await bea.keyboard.press('Control+Alt+m');
    await expect.poll(async () => (await focused(bea)).testid).toBe('new-comment-text');
    await bea.keyboard.press('Escape');
    await expect.poll(() => bea.getByTestId('comment-draft').count()).toBe(0);
    expect((await expectFocusNotLost(bea, 'dropping a new comment')).editor).toBe(true);
    for (let i = 0; i < 'détaillé'.length; i++) await bea.keyboard.press('Shift+ArrowLeft');
    expect(await bea.evaluate(() => window.getSelection()?.toString())).toBe('détaillé');
    await bea.getByTestId('selection-comment').waitFor({ state: 'visible' });
    await bea.keyboard.press('Control+Alt+m');
    await expect.poll(async () => (await focused(bea)).testid).toBe('new-comment-text');
    await bea.keyboard.type(COMMENT);
    // Typed in a comment, « ? » is a character, not the shortcuts list.
    expect(await bea.getByTestId('new-comment-text').inputValue()).toBe(COMMENT);
    expect(await bea.getByTestId('shortcuts-dialog').count()).toBe(0);
    await expectAccessible(bea, 'keyboard: new comment being written');
    await bea.keyboard.press('Control+Enter');
    await expect.poll(() => bea.getByTestId('thread-card').count()).toBe(1);
    // Back in the text, right after the passage: writing goes on where it stopped.
    await expect.poll(async () => (await focused(bea)).editor).toBe(true);
    expect(await bea.evaluate(() => {
      const s = window.getSelection()!;
      return s.isCollapsed && (s.anchorNode?.textContent ?? '').slice(0, s.anchorOffset).endsWith('détaillé');
    })).toBe(true);
    await expectAccessible(bea, 'keyboard: comment sent, back in the text');
  });

  it('Chloé replies to the thread and resolves it, by keyboard', async () => {
    await signInByKeyboard(chloe, server.url, people.chloe, PASSWORD);
    await openByKeyboard(chloe, documentId);
    await expect.poll(() => chloe.getByTestId('thread-card').count()).toBe(1);
    // Tab into the thread: focusing it opens it, with its reply box.
    await tabTo(chloe, byTestId('thread-resolve'));
    await expect.poll(() => chloe.getByTestId('thread-card').getAttribute('aria-current')).toBe('true');
    await chloe.keyboard.press('Tab');
    expect((await focused(chloe)).testid).toBe('reply-text');
    await chloe.keyboard.type(REPLY);
    await expectAccessible(chloe, 'keyboard: reply being written');
    await chloe.keyboard.press('Control+Enter');
    await expect.poll(() => chloe.getByTestId('thread-card').getByTestId('comment').count()).toBe(2);
    const afterReply = await expectFocusNotLost(chloe, 'sending a reply');
    expect(afterReply.testid).toBe('reply-text');

    await tabTo(chloe, byTestId('thread-resolve'), { back: true });
    await chloe.keyboard.press('Enter');
    await expect.poll(() => chloe.getByTestId('thread-card').count()).toBe(0);
    // No other open thread: the comments heading.
    const afterResolve = await expectFocusNotLost(chloe, 'resolving');
    expect(afterResolve).toMatchObject({ tag: 'h2', name: 'Commentaires' });
    await expectAccessible(chloe, 'keyboard: thread resolved');
  });

  it('Béa sends the proposal for review and asks Chloé, by keyboard', async () => {
    // Béa is still in the text: Chloé's reply and resolution, arriving live, did not move her focus.
    expect((await focused(bea)).editor).toBe(true);
    // From the text, Tab to the side panels' tabs, then → to « Relecture ».
    await tabTo(bea, (f) => f.testid?.startsWith('side-tab-') === true);
    while ((await focused(bea)).testid !== 'side-tab-review') await bea.keyboard.press('ArrowRight');
    await expect.poll(() => bea.getByTestId('review-panel').isVisible()).toBe(true);
    await tabTo(bea, byTestId('status-to-in_review'));
    await bea.keyboard.press('Enter');
    await expect.poll(() => bea.getByTestId('document-status').getAttribute('data-status')).toBe('in_review');
    const afterMove = await expectFocusNotLost(bea, 'sending for review');
    expect(afterMove.testid).toBe('status-line');
    expect(afterMove.name).toContain('En relecture');

    await tabTo(bea, (f) => f.testid === 'reviewer-choice' && f.name === '' && f.within === 'request-reviewers');
    // The checkboxes are labelled by their text; find Chloé's.
    while (!(await bea.evaluate(() => document.activeElement?.parentElement?.textContent?.includes('Chloé')))) await bea.keyboard.press('Tab');
    await bea.keyboard.press('Space');
    await tabTo(bea, byTestId('request-reviewers-submit'));
    await bea.keyboard.press('Enter');
    await expect.poll(() => bea.getByTestId('reviewer').count()).toBe(1);
    const afterAsk = await expectFocusNotLost(bea, 'asking reviewers');
    expect(afterAsk).toMatchObject({ tag: 'h3', testid: 'reviewers-heading' });
    await expectAccessible(bea, 'keyboard: reviewer asked');
  });

  it('Chloé approves by keyboard', async () => {
    // The review tab says it needs her; → from the comments tab opens it.
    await expect.poll(() => chloe.getByTestId('side-tab-review').textContent()).toContain('Votre relecture est attendue');
    await tabTo(chloe, (f) => f.testid?.startsWith('side-tab-') === true, { back: true });
    while ((await focused(chloe)).testid !== 'side-tab-review') await chloe.keyboard.press('ArrowRight');
    await expect.poll(() => chloe.getByTestId('my-review').getAttribute('data-state', { timeout: 2000 })).toBe('pending');
    await tabTo(chloe, byTestId('review-message'));
    await chloe.keyboard.type('Très clair.');
    await chloe.keyboard.press('Tab');
    expect((await focused(chloe)).testid).toBe('review-approve');
    await chloe.keyboard.press('Enter');
    await expect.poll(() => chloe.getByTestId('my-review').getAttribute('data-state')).toBe('approved');
    const afterApprove = await expectFocusNotLost(chloe, 'approving');
    expect(afterApprove.testid).toBe('review-approve');
    await expectAccessible(chloe, 'keyboard: approved');
  });

  it('Béa edits; Chloé opens the changes since her approval, closes them with Escape and approves again', async () => {
    await tabTo(bea, (f) => f.editor, { back: true });
    await bea.keyboard.press('Control+End');
    await bea.keyboard.press('Enter');
    await bea.keyboard.type(EDIT);
    expect(await bea.getByTestId('shortcuts-dialog').count()).toBe(0);
    await bea.waitForSelector('[data-testid=sync-status][data-state=saved]');

    const mine = chloe.getByTestId('my-review');
    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 10_000 }).toBe('stale');
    await tabTo(chloe, (f) => f.testid === 'stale-diff' && f.within !== 'reviewer', { back: true });
    const opener = await focused(chloe);
    await chloe.keyboard.press('Enter');
    const viewer = chloe.getByTestId('version-viewer');
    await expect.poll(async () => (await viewer.getByTestId('diff-insert').allTextContents()).some((text) => text.includes(EDIT_START))).toBe(true);
    expect((await focused(chloe)).within).toBe('version-viewer');
    await expectAccessible(chloe, 'keyboard: diff since approval');
    await chloe.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    await expect.poll(() => focused(chloe)).toEqual(opener);

    await tabTo(chloe, byTestId('review-approve'));
    expect((await focused(chloe)).name).toBe('Approuver à nouveau');
    await chloe.keyboard.press('Enter');
    await expect.poll(() => mine.getAttribute('data-state')).toBe('approved');
    expect((await expectFocusNotLost(chloe, 'approving again')).testid).toBe('review-approve');
    await expect.poll(() => bea.getByTestId('reviewer').getAttribute('data-state')).toBe('approved');
  });
});

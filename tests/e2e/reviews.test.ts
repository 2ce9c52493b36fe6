/**
 * Review sign-off in Chromium: the author sends a proposal for review and asks two members; both
 * approve; the author edits; a reviewer sees « modifié depuis l’approbation », opens the diff since
 * their approval, and approves again in one click; the proposal can then be marked approved, which
 * the reviewer sees live. The history panel then lists the versions taken along the way.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot } from './browser';

const EDIT = 'Budget révisé après la réunion du comité.';

describe('review sign-off in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let author: Page;
  let bea: Page;
  let chloe: Page;

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer({ env: { VERSION_PAUSE_MS: '600000' } });
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const b = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const c = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Chloé');
    const doc = await createDocument(server, workspaceId, coordinator.cookie, 'Subvention fondation', 'proposal');
    browser = await launchChromium();
    const size = { width: 1400, height: 900 };
    author = await openDocumentAs(browser, server.url, { email: 'claire@example.org', password: 'correct horse battery' }, doc.id, size);
    bea = await openDocumentAs(browser, server.url, { email: b.email, password: 'a long enough password' }, doc.id, size);
    chloe = await openDocumentAs(browser, server.url, { email: c.email, password: 'a long enough password' }, doc.id, size);
    for (const page of [author, bea, chloe]) await page.getByTestId('side-tab-review').click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const status = (page: Page) => page.getByTestId('document-status').getAttribute('data-status');
  const myState = (page: Page) => page.getByTestId('my-review').getAttribute('data-state');

  it('the author sends the proposal for review and asks Béa and Chloé', async () => {
    expect(await status(author)).toBe('draft');
    await expectAccessible(author, 'review panel of a draft');
    await author.getByTestId('status-to-in_review').click();
    await expect.poll(() => status(author)).toBe('in_review');
    for (const name of ['Béa', 'Chloé']) await author.getByTestId('request-reviewers').getByRole('checkbox', { name }).check();
    await author.getByTestId('request-reviewers-submit').click();
    await expect.poll(() => author.getByTestId('reviewer').count()).toBe(2);
    await expectAccessible(author, 'review panel with reviewers asked');
    // The reviewers see it live, with the status.
    await expect.poll(() => myState(bea)).toBe('pending');
    await expect.poll(() => status(bea)).toBe('in_review');
    await expectAccessible(bea, 'review panel of a reviewer asked');
  });

  it('both reviewers approve', async () => {
    await bea.getByTestId('review-message').fill('Très clair.');
    await bea.getByTestId('review-approve').click();
    await expect.poll(() => myState(bea)).toBe('approved');
    await expect.poll(() => myState(chloe)).toBe('pending');
    await chloe.getByTestId('review-approve').click();
    await expect.poll(() => myState(chloe)).toBe('approved');
    await expect.poll(() => author.getByTestId('reviewer').evaluateAll((items) => items.map((i) => i.getAttribute('data-state')))).toEqual(['approved', 'approved']);
  });

  it('the author edits; Béa sees her approval stale and opens the diff since', async () => {
    await author.locator('[data-testid=editor] .ProseMirror').click();
    await author.keyboard.press('Control+End');
    await author.keyboard.press('Enter');
    await author.keyboard.type(EDIT);
    await author.waitForSelector('[data-testid=sync-status][data-state=saved]');

    await expect.poll(() => myState(bea), { timeout: 10_000 }).toBe('stale');
    expect(await bea.getByTestId('my-review').getByTestId('stale-badge').textContent()).toBe('modifié depuis l’approbation');
    await screenshot(bea, 'reviews-1-stale');
    await expectAccessible(bea, 'stale approval');
    await bea.getByTestId('my-review').getByTestId('stale-diff').click();
    const viewer = bea.getByTestId('version-viewer');
    await expect.poll(() => viewer.getByTestId('diff-insert').allTextContents()).toContain(EDIT);
    expect(await viewer.getByTestId('diff-delete').count()).toBe(0);
    await screenshot(bea, 'reviews-2-diff');
    await expectAccessible(bea, 'version viewer with the diff since approval');
    await viewer.getByTestId('version-viewer-close').click();
    await expect.poll(() => viewer.count()).toBe(0);
  });

  it('marking approved is refused until the approvals are current again', async () => {
    await expect.poll(() => author.getByTestId('reviewer').evaluateAll((items) => items.map((i) => i.getAttribute('data-state')))).toEqual(['stale', 'stale']);
    await author.getByTestId('status-to-approved').click();
    await expect.poll(() => author.getByTestId('review-error').textContent()).toContain('approbations');
    await expectAccessible(author, 'review error');
    expect(await status(author)).toBe('in_review');
  });

  it('Béa and Chloé re-approve in one click; the proposal is marked approved, live for Béa', async () => {
    expect(await bea.getByTestId('review-approve').textContent()).toBe('Approuver à nouveau');
    await bea.getByTestId('review-approve').click();
    await expect.poll(() => myState(bea)).toBe('approved');
    await expect.poll(() => myState(chloe)).toBe('stale');
    await chloe.getByTestId('review-approve').click();
    await expect.poll(() => myState(chloe)).toBe('approved');

    await expect.poll(() => author.getByTestId('approvals-count').textContent()).toContain('2 approbation');
    await author.getByTestId('status-to-approved').click();
    await expect.poll(() => status(author)).toBe('approved');
    await expect.poll(() => status(bea)).toBe('approved');
    // The header says it too, live, for everyone with the document open.
    await expect.poll(() => bea.getByTestId('header-status').getAttribute('data-status')).toBe('approved');
    await expect.poll(() => author.getByTestId('activity-entry').first().getAttribute('data-kind')).toBe('status_changed');
    await screenshot(author, 'reviews-3-approved');
    await expectAccessible(author, 'approved proposal with its activity');
  });

  it('the history lists the versions taken at each status change and at the approval of new content', async () => {
    await author.getByTestId('side-tab-history').click();
    const kinds = () => author.getByTestId('version-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
    // The first approvals were of the content versioned when review started: no version of their own.
    await expect.poll(kinds).toEqual(['status', 'review', 'status']);
    await expectAccessible(author, 'history panel');
  });
});

/**
 * Archiving in Chromium: from the document list and from the editor, « Archiver » asks first
 * (Escape keeps the document), then offers « Annuler »; the archive reaches the others live and
 * lands in the document's journal; only those who may edit the document are offered the action.
 * Focus is followed at each step: into the dialog, back to the button, to « Annuler » once the row
 * has left the list, and back to the row when it returns.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, signInPage } from './browser';

describe('archiving with a confirmation and an undo', () => {
  let server: TestServer;
  let browser: Browser;
  let claire: Page;
  let workspaceId: string;
  let listed: { id: string };
  let proposal: { id: string };
  let bea: { email: string };
  let nina: { email: string };

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    bea = await addMember(server, workspaceId, setup.coordinator.cookie, 'member', 'Béa');
    nina = await addMember(server, workspaceId, setup.coordinator.cookie, 'newcomer', 'Nina');
    listed = await createDocument(server, workspaceId, setup.coordinator.cookie, 'Compte rendu de mars', 'note');
    proposal = await createDocument(server, workspaceId, setup.coordinator.cookie, 'AAP CFPPA 2027', 'proposal');
    browser = await launchChromium();
    claire = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signInPage(claire, server.url, 'claire@example.org', 'correct horse battery');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
  const row = (page: Page, id: string) => page.locator(`[data-testid=document-row][data-document-id="${id}"]`);
  const stored = async (id: string) => (await server.trame.store.getDocument(id))?.archived;

  it('from the list: asks first, and Escape keeps the document', async () => {
    await row(claire, listed.id).getByTestId('document-archive').click();
    const dialog = claire.getByTestId('archive-dialog');
    await expect.poll(() => dialog.textContent()).toContain('Compte rendu de mars');
    expect(await focused(claire)).toBe('archive-cancel');
    await expectAccessible(claire, 'archive confirmation');
    await claire.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    // The dialog gives the focus back a moment after it unmounts.
    await expect.poll(() => focused(claire)).toBe('document-archive');
    expect(await row(claire, listed.id).count()).toBe(1);
    expect(await stored(listed.id)).toBe(false);
  });

  it('from the list: archived, the row leaves and « Annuler » brings it back', async () => {
    await row(claire, listed.id).getByTestId('document-archive').click();
    await claire.getByTestId('archive-confirm').click();
    await expect.poll(() => row(claire, listed.id).count()).toBe(0);
    await expect.poll(() => claire.getByTestId('archive-toast').textContent()).toContain('Document archivé');
    await expect.poll(() => focused(claire)).toBe('archive-undo');
    await expect.poll(() => stored(listed.id)).toBe(true);
    await expectAccessible(claire, 'archived from the list, with its undo');

    await claire.keyboard.press('Enter');
    await expect.poll(() => row(claire, listed.id).count()).toBe(1);
    await expect.poll(() => claire.getByTestId('archive-toast').textContent()).toContain('Document restauré');
    await expect.poll(() => focused(claire)).toBe('document-archive');
    expect(await stored(listed.id)).toBe(false);
  });

  it('from the editor: the others see it archived live, and the journal says who', async () => {
    await claire.goto(`${server.url}/d/${proposal.id}`);
    await claire.waitForSelector('[data-testid=sync-status][data-state=saved]');
    const beaPage = await openDocumentAs(browser, server.url, { email: bea.email, password: 'a long enough password' }, proposal.id, { width: 1280, height: 800 });
    expect(await beaPage.locator('[data-testid=editor]').getAttribute('data-editable')).toBe('true');

    await claire.getByTestId('document-archive').click();
    await claire.getByTestId('archive-confirm').click();
    await expect.poll(() => claire.getByTestId('archive-toast').textContent()).toContain('Document archivé');
    await expect.poll(() => beaPage.getByTestId('read-only-notice').getAttribute('data-reason')).toBe('archived');
    await expect.poll(() => beaPage.locator('[data-testid=editor]').getAttribute('data-editable')).toBe('false');
    await claire.getByTestId('side-tab-review').click();
    await expect.poll(() => claire.getByTestId('activity-entry').first().textContent()).toContain('a archivé le document');
    await expectAccessible(claire, 'archived in the editor, with the journal');

    await claire.getByTestId('archive-undo').click();
    await expect.poll(() => beaPage.locator('[data-testid=editor]').getAttribute('data-editable')).toBe('true');
    await expect.poll(() => claire.getByTestId('activity-entry').first().getAttribute('data-kind')).toBe('document_restored');
    await expect.poll(() => focused(claire)).toBe('document-archive');
    expect(await stored(proposal.id)).toBe(false);
    await beaPage.context().close();
  });

  it('someone who may only comment is not offered to archive', async () => {
    const ninaPage = await openDocumentAs(browser, server.url, { email: nina.email, password: 'a long enough password' }, proposal.id, { width: 1280, height: 800 });
    expect(await ninaPage.getByTestId('document-archive').count()).toBe(0);
    await ninaPage.goto(`${server.url}/w/${workspaceId}`);
    await expect.poll(() => row(ninaPage, proposal.id).count()).toBe(1);
    expect(await ninaPage.getByTestId('document-archive').count()).toBe(0);
    await ninaPage.context().close();
  });
});

/**
 * Mentoring and a live session in Chromium: the coordinator makes Béa Nour's mentor on the members
 * page; Nour's document says so; Béa's home lists it as changed since her last visit; Nour starts
 * a session from the document inviting Béa (ticked first), Béa is prompted live and follows Nour;
 * once ended, the recap lists both.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot, signInPage } from './browser';

describe('mentoring and live sessions in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let workspaceId = '';
  let documentId = '';
  let bea: Awaited<ReturnType<typeof addMember>>;
  let nour: Awaited<ReturnType<typeof addMember>>;

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    bea = await addMember(server, workspaceId, setup.coordinator.cookie, 'member', 'Béa');
    nour = await addMember(server, workspaceId, setup.coordinator.cookie, 'newcomer', 'Nour');
    documentId = (await createDocument(server, workspaceId, nour.cookie, 'Mon premier projet', 'proposal')).id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pageFor = async (email: string, password = 'a long enough password'): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
    await signInPage(page, server.url, email, password);
    return page;
  };

  it('a coordinator assigns the mentor, shown on the newcomer’s document and on the mentor’s home', async () => {
    const claire = await pageFor('claire@example.org', 'correct horse battery');
    await claire.goto(`${server.url}/w/${workspaceId}/members`);
    const row = claire.locator(`[data-testid=member-row][data-member-id="${nour.id}"]`);
    await row.getByTestId('mentor-select').selectOption(bea.id);
    await expect.poll(async () => (await server.trame.store.listMentorships(workspaceId)).map((m) => m.mentorId)).toEqual([bea.id]);
    await expectAccessible(claire, 'members page with a mentor');
    await claire.goto(`${server.url}/d/${documentId}`);
    await expect.poll(() => claire.getByTestId('document-mentor').textContent()).toBe('Accompagné·e par Béa');
    await expectAccessible(claire, 'newcomer’s document with its mentor');

    const home = await pageFor(bea.email);
    await home.goto(`${server.url}/w/${workspaceId}`);
    const entry = home.locator(`[data-testid=mentored-document][data-document-id="${documentId}"]`);
    await expect.poll(() => entry.getAttribute('data-changed')).toBe('true');
    expect(await entry.textContent()).toContain('modifié depuis votre dernière visite');
    await screenshot(home, 'mentoring-1-home');
    await expectAccessible(home, 'mentor’s home with a mentored document');
    await home.context().close();
    await claire.context().close();
  });

  it('the newcomer starts a session inviting the mentor, who is prompted live and follows; the recap lists both', async () => {
    const mentor = await openDocumentAs(browser, server.url, { email: bea.email, password: 'a long enough password' }, documentId);
    const newcomer = await openDocumentAs(browser, server.url, { email: nour.email, password: 'a long enough password' }, documentId);
    await newcomer.getByTestId('session-start').click();
    const invitee = newcomer.locator(`[data-testid=session-invitee][data-member-id="${bea.id}"]`);
    await expect.poll(() => invitee.isChecked()).toBe(true);
    await expectAccessible(newcomer, 'session start form');
    await newcomer.getByTestId('session-start-confirm').click();
    await expect.poll(() => newcomer.getByTestId('session-active').textContent()).toContain('Séance en cours, démarrée par Nour');
    await expectAccessible(newcomer, 'session in progress');

    await expect.poll(() => mentor.getByTestId('session-invitation').textContent()).toContain('Nour vous invite à une séance en direct');
    await expectAccessible(mentor, 'session invitation');
    await mentor.getByTestId('session-join').click();
    await expect.poll(() => mentor.getByTestId('follow-banner').textContent()).toContain('Vous suivez Nour');
    await screenshot(mentor, 'mentoring-2-session');
    await expectAccessible(mentor, 'following in a session');

    await newcomer.getByTestId('session-end').click();
    await expect.poll(() => newcomer.getByTestId('session-active').count()).toBe(0);
    await newcomer.getByTestId('session-recaps').locator('summary').first().click();
    const names = () => newcomer.getByTestId('session-participant').locator('.member-name').allTextContents();
    await expect.poll(async () => (await names()).sort()).toEqual(['Béa', 'Nour']);
    await expect.poll(() => newcomer.getByTestId('session-recap').first().getAttribute('data-ended')).toBe('true');
    await expectAccessible(newcomer, 'session recap');
  });
});

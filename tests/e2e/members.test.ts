/**
 * A collective's life in the browser: the first visit sets it up, the coordinator invites by link,
 * the invitee joins, the coordinator revokes a pending link and changes the newcomer's role.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, screenshot } from './browser';

describe('setting up a collective in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let coordinator: Page;
  let inviteUrl = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    browser = await launchChromium();
    coordinator = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the set-up page on first run and creates the collective and its coordinator', async () => {
    await coordinator.goto(server.url);
    await coordinator.waitForURL(/\/setup/);
    await coordinator.getByTestId('setup-submit').waitFor();
    await expectAccessible(coordinator, 'set-up page');
    await coordinator.getByTestId('setup-workspaceName').fill('Pôle Bien vieillir');
    await coordinator.getByTestId('setup-name').fill('Claire');
    await coordinator.getByTestId('setup-email').fill('claire@example.org');
    await coordinator.getByTestId('setup-password').fill('court');
    await coordinator.getByTestId('setup-submit').click();
    await expect.poll(() => coordinator.locator('.field-error, [role=alert]').count()).toBeGreaterThan(0); // too short, said inline
    await expectAccessible(coordinator, 'set-up page with an error');
    await coordinator.getByTestId('setup-password').fill('un mot de passe solide');
    await coordinator.getByTestId('setup-submit').click();
    await coordinator.waitForURL(/\/w\//);
    await expect.poll(() => coordinator.getByTestId('workspace-name').textContent()).toContain('Pôle Bien vieillir');
    expect((await fetch(`${server.url}/api/setup`).then((r) => r.json())).needed).toBe(false);
    await expectAccessible(coordinator, 'empty document list of a new collective');
  });

  it('invites by link; the invitee sets name and password and lands in the collective', async () => {
    await coordinator.goto(coordinator.url().replace(/\/w\/([^/]+).*/, '/w/$1/members'));
    await coordinator.getByTestId('invite-role-select').selectOption('newcomer');
    await coordinator.getByTestId('invite-create').click();
    inviteUrl = await coordinator.getByTestId('invite-link').inputValue();
    expect(inviteUrl).toMatch(/\/invite\//);
    await expectAccessible(coordinator, 'members page with an invitation link');

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(inviteUrl);
    await expect.poll(() => invitee.getByTestId('invite-role').textContent()).toMatch(/nouvel|nouvelle|newcomer|arrivant/i);
    await expectAccessible(invitee, 'invitation page');
    await invitee.getByTestId('invite-name').fill('Nadia');
    await invitee.getByTestId('invite-email').fill('nadia@example.org');
    await invitee.getByTestId('invite-password').fill('le mot de passe de Nadia');
    await invitee.getByTestId('invite-submit').click();
    await invitee.waitForURL(/\/w\//);
    await expect.poll(() => invitee.getByTestId('member-name').textContent()).toContain('Nadia');
    await screenshot(invitee, 'members-1-invitee-joined');
    await expectAccessible(invitee, 'document list of a newcomer');

    const reuse = await (await browser.newContext()).newPage();
    await reuse.goto(inviteUrl);
    await reuse.getByTestId('invite-error').waitFor(); // single use
    await expectAccessible(reuse, 'used invitation link');
  });

  it('lists pending invitations to the coordinator, who revokes one: its link stops working', async () => {
    await coordinator.goto(coordinator.url().replace(/\/w\/([^/]+).*/, '/w/$1/members'));
    await coordinator.getByTestId('invite-role-select').selectOption('coordinator');
    await coordinator.getByTestId('invite-create').click();
    const revokedUrl = await coordinator.getByTestId('invite-link').inputValue();
    const pending = coordinator.getByTestId('pending-invite');
    await expect.poll(() => pending.count()).toBe(1); // the used link is not pending any more
    await expect.poll(() => pending.first().textContent()).toMatch(/coordinat/i);
    await screenshot(coordinator, 'members-2-pending-invites');
    await expectAccessible(coordinator, 'members page with a pending invitation');
    await pending.first().getByTestId('pending-invite-revoke').click();
    await expect.poll(() => pending.count()).toBe(0);

    const late = await (await browser.newContext()).newPage();
    await late.goto(revokedUrl);
    await late.getByTestId('invite-error').waitFor();
    await coordinator.reload();
    await coordinator.getByTestId('pending-invites').waitFor();
    expect(await pending.count()).toBe(0);
  });

  it('lets the coordinator change the newcomer’s role', async () => {
    await coordinator.reload();
    const row = coordinator.locator('[data-testid=member-row]', { hasText: 'Nadia' });
    await row.getByTestId('member-role').selectOption('member');
    const nadia = await server.trame.store.getMemberByEmail('nadia@example.org');
    const workspaceId = coordinator.url().split('/w/')[1]!.split('/')[0]!;
    await expect.poll(() => server.trame.store.getRole(workspaceId, nadia!.id)).toBe('member');
    await screenshot(coordinator, 'members-3-roles');
    await expectAccessible(coordinator, 'members page after a role change');
  });
});

/**
 * Three members in one long document: follow (and stop by scrolling), gather (accepted by one,
 * declined by another), spotlight. Everything rides on awareness.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, typeParagraph, waitFor } from '../helpers/providers';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, screenshot } from './browser';
import { openForThreeMembers } from './threeMembers';


/** Whether the caret labelled `name` is inside the page's visible area. */
const caretVisible = (page: Page, name: string) =>
  page.evaluate((who) => {
    const label = [...document.querySelectorAll('.collaboration-carets__label')].find((el) => el.textContent?.includes(who));
    if (!label) return false;
    const rect = label.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  }, name);

describe('shared sessions in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let c: Page;
  let claireId = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    // A long text, so that following means scrolling.
    const three = await openForThreeMembers(server, { title: 'Règlement', kind: 'rules' }, async (doc, cookie) => {
      const writer = connect(server.collabUrl, doc.room, { cookie, origin: server.origin });
      await waitFor(() => writer.provider.synced, 'writer synced');
      for (let i = 1; i <= 60; i++) typeParagraph(writer.doc, `Alinéa ${i} : texte du règlement intérieur du collectif.`);
      await waitFor(async () => (await server.trame.store.loadBody(doc.id))!.updates.length > 1, 'stored');
      writer.close();
    });
    ({ browser, pages: { a, b, c } } = three);
    claireId = three.ids.a;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('B follows A to a far section and sees A’s caret; scrolling by hand stops following', async () => {
    await b.locator(`[data-testid=follow-member][data-member-id="${claireId}"]`).click();
    await expect.poll(() => b.getByTestId('follow-banner').textContent()).toContain('Vous suivez Claire Coordinatrice');
    await expect.poll(() => a.getByTestId('followers-count').textContent()).toContain('1 personne vous suit');

    await a.locator('[data-testid=editor] .ProseMirror > p').last().click();
    await a.keyboard.press('End');
    await a.keyboard.type(' Ici.');
    await expect.poll(() => caretVisible(b, 'Claire')).toBe(true);
    expect(await b.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await screenshot(b, 'sessions-1-following');
    await expectAccessible(b, 'following another member');
    await expectAccessible(a, 'followed by another member');

    await b.mouse.move(500, 400);
    await b.mouse.wheel(0, -600);
    await expect.poll(() => b.getByTestId('follow-banner').count()).toBe(0);
  });

  it('A gathers: B accepts and follows, C declines and does not', async () => {
    await a.getByTestId('gather-toggle').click();
    await b.getByTestId('gather-prompt').waitFor();
    await c.getByTestId('gather-prompt').waitFor();
    await expectAccessible(a, 'gathering the others');
    await expectAccessible(c, 'gather prompt');
    // C was not writing: the prompt takes the focus, so one key answers it; the prompt is announced.
    const focusedId = () => c.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await expect.poll(focusedId).toBe('gather-accept');
    expect(await c.getByTestId('gather-prompt').getByRole('alert').textContent()).toContain('propose à chacun de suivre');
    await b.getByTestId('gather-accept').click();
    await c.keyboard.press('Tab');
    expect(await focusedId()).toBe('gather-decline');
    await c.keyboard.press('Enter');
    await expect.poll(() => b.getByTestId('follow-banner').count()).toBe(1);
    await expect.poll(() => c.getByTestId('gather-prompt').count()).toBe(0);
    expect(await c.getByTestId('follow-banner').count()).toBe(0);
    await expect.poll(() => a.getByTestId('followers-count').textContent()).toContain('1 personne vous suit');
  });

  it('A spotlights a passage: B and C see it highlighted', async () => {
    const paragraph = a.locator('[data-testid=editor] .ProseMirror > p', { hasText: 'Alinéa 30 :' });
    await paragraph.click();
    await a.keyboard.press('Home');
    await a.keyboard.press('Shift+End');
    await a.getByTestId('spotlight-set').click();
    for (const page of [b, c]) {
      await expect.poll(() => page.locator('[data-testid=editor] [data-testid=spotlight]').first().textContent()).toContain('Alinéa 30');
    }
    await screenshot(c, 'sessions-2-spotlight');
    await expectAccessible(c, 'spotlighted passage');
    await expectAccessible(a, 'spotlight set');
    await a.getByTestId('spotlight-clear').click();
    await expect.poll(() => c.locator('[data-testid=editor] [data-testid=spotlight]').count()).toBe(0);
  });
});

/**
 * Three members in a meeting's minutes, in Chromium: the « Présences » block at the top lists A, B
 * and C with their times, live; C leaves and their interval shows an end time; after a server
 * restart the attendance is still there.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { restartServing } from '../helpers/serverPerTest';
import { expectAccessible } from './axe';
import { assertClientBuilt, screenshot } from './browser';
import { openForThreeMembers } from './threeMembers';

const TIME = '\\d{1,2}:\\d{2}';

/** The attendance block's rows as "name: intervals" text, in order of arrival. */
const attendanceRows = (page: Page) =>
  page.getByTestId('attendance-member').evaluateAll((rows) =>
    rows.map((row) => `${row.querySelector('.member-name')?.textContent}: ${[...row.querySelectorAll('[data-testid=attendance-interval]')].map((i) => i.textContent).join(', ')}`),
  );

describe('meeting attendance in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let c: Page;
  let cyrilId = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const three = await openForThreeMembers(server, { title: 'Réunion du 3 mars', kind: 'meeting' });
    ({ browser, pages: { a, b, c } } = three);
    cyrilId = three.ids.c;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('A meeting’s attendance lists A, B and C', async () => {
    for (const page of [a, b, c]) {
      await expect.poll(() => attendanceRows(page)).toEqual([
        expect.stringMatching(new RegExp(`^Claire Coordinatrice: depuis ${TIME}$`)),
        expect.stringMatching(new RegExp(`^Béa: depuis ${TIME}$`)),
        expect.stringMatching(new RegExp(`^Cyril: depuis ${TIME}$`)),
      ]);
    }
    await expect.poll(() => a.getByTestId('attendance').getByRole('heading').textContent()).toBe('Présences');
    await screenshot(a, 'meeting-1-attendance');
    await expectAccessible(a, 'meeting minutes with attendance');
  });

  it('shows an end time for a member who left, and keeps the attendance across a restart', async () => {
    await c.context().close();
    const cyrilRow = () => a.locator(`[data-testid=attendance-member][data-member-id="${cyrilId}"] [data-testid=attendance-interval]`);
    await expect.poll(() => cyrilRow().first().getAttribute('data-open')).toBe('false');
    expect(await cyrilRow().first().textContent()).toMatch(new RegExp(`^de ${TIME} à ${TIME}$`));

    await restartServing(server);
    // A and B reconnect by themselves: their first intervals closed at the shutdown, new ones open.
    await expect.poll(() => attendanceRows(a), { timeout: 15_000 }).toEqual([
      expect.stringMatching(new RegExp(`^Claire Coordinatrice: de ${TIME} à ${TIME}, depuis ${TIME}$`)),
      expect.stringMatching(new RegExp(`^Béa: de ${TIME} à ${TIME}, depuis ${TIME}$`)),
      expect.stringMatching(new RegExp(`^Cyril: de ${TIME} à ${TIME}$`)),
    ]);
    await screenshot(a, 'meeting-2-after-restart');
    await expectAccessible(a, 'attendance after a restart');
  });
});

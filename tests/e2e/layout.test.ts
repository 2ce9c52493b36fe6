/**
 * Page layout (issue 13) in Chromium, on a proposal long enough to scroll, at the sizes the
 * collectives use: projector and laptops (1024×768 to 1920×1080) and a phone (390×844, touch).
 * At each size: no horizontal scrolling (also with the review tab open beside the text), the
 * text's first line in sight on load, and at the end of the document the save state still in
 * sight and not covered. Then a reviewer on her phone reads, comments a passage (the last one of
 * the text, which must then show above the panels sheet) through the touch flow and approves in
 * the sheet, while the author works on a laptop.
 */
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_FRAGMENT } from '../../shared/rooms';
import { connect, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, openDocumentAs, screenshot, selectInEditor } from './browser';

const CLAIRE = { email: 'claire@example.org', password: 'correct horse battery' };
const PHONE = { width: 390, height: 844 };
const PHONE_CONTEXT = { isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  PHONE,
];
const PASSAGE = 'mobilité des aidants';
const COMMENT = 'Préciser le nombre de trajets par mois ?';

/** Fills a body with a few headings and dozens of paragraphs, as a member's provider would. */
function writeLongBody(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT);
  const heading = (text: string) => {
    const element = new Y.XmlElement('heading');
    element.setAttribute('level', 2 as unknown as string);
    element.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [element]);
  };
  const sections = ['Contexte', 'Objectifs', 'Budget prévisionnel', 'Calendrier'];
  sections.forEach((title, s) => {
    heading(title);
    for (let i = 1; i <= 10; i += 1) {
      typeParagraph(
        doc,
        s === sections.length - 1 && i === 10
          ? `Le projet soutient la ${PASSAGE} dans les communes rurales du département, avec les associations partenaires.`
          : `${title}, paragraphe ${i} : les membres du collectif décrivent ici, en quelques phrases assez longues pour passer à la ligne, ce que la demande de subvention recouvre et comment elle sera suivie.`,
      );
    }
  });
}

/** What the layout checks read from the page. */
interface Measure {
  scrollWidth: number;
  clientWidth: number;
  innerHeight: number;
  scrollY: number;
  scrollHeight: number;
  firstTop: number;
  firstBottom: number;
  chipTop: number;
  chipBottom: number;
  chipCovered: string | null;
}

function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const first = document.querySelector('[data-testid=editor] .ProseMirror > *')!.getBoundingClientRect();
    const chipElement = document.querySelector('[data-testid=sync-status]')!;
    const chip = chipElement.getBoundingClientRect();
    const atCentre = document.elementFromPoint(chip.left + chip.width / 2, chip.top + chip.height / 2);
    const describe = (e: Element | null) => (e ? `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}` : 'nothing');
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      innerHeight: window.innerHeight,
      scrollY: window.scrollY,
      scrollHeight: document.documentElement.scrollHeight,
      firstTop: Math.round(first.top),
      firstBottom: Math.round(first.bottom),
      chipTop: Math.round(chip.top),
      chipBottom: Math.round(chip.bottom),
      chipCovered: atCentre && chipElement.contains(atCentre) ? null : describe(atCentre),
    };
  });
}

/** How far the page, or the side panels' column or sheet, scrolls sideways (0 when it does not). */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    const panels = [...document.querySelectorAll<HTMLElement>('[data-testid=side-column], [data-testid=panel-sheet], .panel-sheet-body, .panel-column-body, .table-wrap')]
      .filter((e) => e.checkVisibility())
      .map((e) => e.scrollWidth - e.clientWidth);
    return Math.max(page, ...panels);
  });

/** Where a passage of the text is, against the bottom of the sticky bar and the top of the sheet. */
function passageBetweenBarAndSheet(page: Page, wanted: string) {
  return page.evaluate((wanted) => {
    const root = document.querySelector('[data-testid=editor] .ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let passage: DOMRect | null = null;
    for (let node = walker.nextNode(); node && !passage; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      passage = range.getBoundingClientRect();
    }
    if (!passage) throw new Error(`text not found: ${wanted}`);
    return {
      barBottom: Math.round(document.querySelector('[data-testid=doc-bar]')!.getBoundingClientRect().bottom),
      sheetTop: Math.round(document.querySelector('[data-testid=panel-sheet]')!.getBoundingClientRect().top),
      passageTop: Math.round(passage.top),
      passageBottom: Math.round(passage.bottom),
    };
  }, wanted);
}

/** Figures measured, printed at the end (they go into the issue's report). */
const figures: Record<string, unknown>[] = [];

describe('page layout at the collectives’ screen sizes', () => {
  let server: TestServer;
  let browser: Browser;
  let workspaceId = '';
  let coordinatorCookie = '';
  let documentId = '';

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    coordinatorCookie = setup.coordinator.cookie;
    const doc = await createDocument(server, workspaceId, coordinatorCookie, 'Subvention mobilité solidaire', 'proposal');
    documentId = doc.id;
    const writer = connect(server.collabUrl, doc.room, { cookie: coordinatorCookie, origin: server.origin });
    await waitFor(() => writer.provider.synced, 'writer synced');
    const before = (await server.trame.store.loadBody(doc.id))?.updates.length ?? 0;
    writeLongBody(writer.doc);
    await waitFor(async () => ((await server.trame.store.loadBody(doc.id))?.updates.length ?? 0) > before, 'long body stored');
    writer.close();
    browser = await launchChromium();
  });

  afterAll(async () => {
    console.info(`layout figures:\n${figures.map((f) => JSON.stringify(f)).join('\n')}`);
    await browser?.close();
    await server?.stop();
  });

  for (const size of SIZES) {
    const name = `${size.width}x${size.height}`;
    const phone = size === PHONE;
    it(`${name}${phone ? ' (phone, touch)' : ''}: no sideways scrolling, the text in sight, the save state in sight at the end`, async () => {
      const page = await openDocumentAs(browser, server.url, CLAIRE, documentId, size, undefined, phone ? PHONE_CONTEXT : {});
      try {
        await page.waitForSelector('[data-testid=editor] .ProseMirror h2');
        const onLoad = await measure(page);
        expect(onLoad.scrollWidth, 'horizontal scrolling on load').toBeLessThanOrEqual(onLoad.clientWidth);
        expect(onLoad.firstTop, 'first line below the fold').toBeLessThan(onLoad.innerHeight);
        expect(onLoad.firstBottom, 'first line above the top').toBeGreaterThan(0);
        expect(onLoad.scrollHeight, 'the document is long enough to scroll').toBeGreaterThan(onLoad.innerHeight * 2);
        await expectAccessible(page, `document at ${name}`);

        // Beside the text (wide) or in the sheet (phone), with the review tab open.
        if (phone) await page.getByTestId('panels-toggle').tap();
        await page.getByTestId('side-tab-review')[phone ? 'tap' : 'click']();
        await page.getByTestId('status-to-in_review').waitFor();
        expect(await horizontalOverflow(page), 'horizontal scrolling with the review tab open').toBeLessThanOrEqual(0);
        if (phone) {
          await expectAccessible(page, `panels sheet on the review tab at ${name}`);
          await page.getByTestId('panel-sheet-close').tap();
          await page.getByTestId('panel-sheet').waitFor({ state: 'hidden' });
        }

        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await expect.poll(async () => (await measure(page)).scrollY, { message: 'the page scrolled' }).toBeGreaterThan(0);
        const atEnd = await measure(page);
        expect(atEnd.chipTop, 'save state above the viewport').toBeGreaterThanOrEqual(0);
        expect(atEnd.chipBottom, 'save state below the viewport').toBeLessThanOrEqual(atEnd.innerHeight);
        expect(atEnd.chipCovered, 'save state covered').toBeNull();
        expect(atEnd.scrollWidth, 'horizontal scrolling at the end').toBeLessThanOrEqual(atEnd.clientWidth);
        figures.push({
          size: name,
          firstLineTop: onLoad.firstTop,
          firstLineBottom: onLoad.firstBottom,
          pageHeight: onLoad.scrollHeight,
          scrolledTo: atEnd.scrollY,
          chipTopAtEnd: atEnd.chipTop,
          chipBottomAtEnd: atEnd.chipBottom,
          overflowX: atEnd.scrollWidth - atEnd.clientWidth,
        });
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `layout-${name}`);
      } finally {
        await page.context().close();
      }
    });
  }

  it('the document list holds on a phone and on the projector: no sideways scrolling, every row readable', async () => {
    for (const title of ['Charte du pôle Autonomie et bien vieillir', 'Règlement intérieur', 'AAP CARSAT 2027 — ateliers mémoire']) {
      await createDocument(server, workspaceId, coordinatorCookie, title, 'note');
    }
    for (const [size, context] of [[PHONE, PHONE_CONTEXT], [{ width: 1024, height: 768 }, {}]] as const) {
      const page = await (await browser.newContext({ viewport: size, ...context })).newPage();
      try {
        await page.goto(`${server.url}/login`);
        await page.getByTestId('login-email').fill(CLAIRE.email);
        await page.getByTestId('login-password').fill(CLAIRE.password);
        await page.getByTestId('login-submit').click();
        await expect.poll(() => page.getByTestId('document-row').count()).toBe(4);
        expect(await horizontalOverflow(page), `horizontal scrolling on the list at ${size.width}px`).toBeLessThanOrEqual(0);
        // Each title is on screen, not pushed out of the row.
        const outside = await page.getByTestId('document-link').evaluateAll((links) => links.filter((l) => l.getBoundingClientRect().right > window.innerWidth).length);
        expect(outside).toBe(0);
        await expectAccessible(page, `document list at ${size.width}px`);
        await screenshot(page, `layout-list-${size.width}`);
        // The other pages a member visits hold too.
        for (const path of [`/w/${workspaceId}/members`, '/inbox']) {
          await page.goto(`${server.url}${path}`);
          await page.locator('h1').first().waitFor();
          await screenshot(page, `layout-${path.split('/').pop()}-${size.width}`);
          expect(await horizontalOverflow(page), `horizontal scrolling on ${path} at ${size.width}px`).toBeLessThanOrEqual(0);
        }
      } finally {
        await page.context().close();
      }
    }
  });

  it('on her phone, Béa reads, comments a passage and approves; the author sees both', async () => {
    const beaAccount = await addMember(server, workspaceId, coordinatorCookie, 'member', 'Béa');
    const author = await openDocumentAs(browser, server.url, CLAIRE, documentId, { width: 1280, height: 800 });
    const bea = await openDocumentAs(browser, server.url, { email: beaAccount.email, password: 'a long enough password' }, documentId, PHONE, undefined, PHONE_CONTEXT);
    try {
      // She reads: the text is there and its first line in sight.
      await bea.waitForSelector('[data-testid=editor] .ProseMirror h2');
      const read = await measure(bea);
      expect(read.firstTop).toBeLessThan(read.innerHeight);
      expect(read.firstBottom).toBeGreaterThan(0);
      expect(await bea.locator('[data-testid=editor] .ProseMirror').textContent()).toContain(PASSAGE);

      // A tap in the text, then the passage selected (a long press and drag of the handles; the
      // browser's selection is set the way the handles would set it), then « Commenter » beside it.
      const paragraph = bea.locator('[data-testid=editor] .ProseMirror p', { hasText: PASSAGE });
      await paragraph.tap();
      await selectInEditor(bea, PASSAGE);
      const action = bea.getByTestId('selection-comment');
      await action.waitFor({ state: 'visible' });
      await expectAccessible(bea, 'phone: a passage selected, the comment action beside it');
      await action.tap();

      // The sheet opens on the comments with the composer.
      const sheet = bea.getByTestId('panel-sheet');
      await sheet.waitFor({ state: 'visible' });
      const composer = sheet.getByTestId('new-comment-text');
      await composer.waitFor({ state: 'visible' });
      expect(await horizontalOverflow(bea)).toBeLessThanOrEqual(0);
      // The passage (the document's last paragraph) and its comment show together: the page
      // brings it between the sticky bar and the sheet, with room left below the text to do so.
      const inBand = async () => {
        const b = await passageBetweenBarAndSheet(bea, PASSAGE);
        return b.passageTop >= b.barBottom && b.passageBottom <= b.sheetTop ? 'between bar and sheet' : `passage ${b.passageTop}–${b.passageBottom} px, bar ends ${b.barBottom} px, sheet starts ${b.sheetTop} px`;
      };
      await expect.poll(inBand).toBe('between bar and sheet');
      figures.push({ phoneComposer: await passageBetweenBarAndSheet(bea, PASSAGE) });
      await expectAccessible(bea, 'phone: panels sheet with the new comment composer');
      await composer.fill(COMMENT);
      await sheet.getByTestId('new-comment-submit').tap();
      await expect.poll(() => sheet.getByTestId('thread-card').count()).toBe(1);
      await screenshot(bea, 'layout-phone-1-comment');
      await expectAccessible(bea, 'phone: panels sheet with the thread');
      // Closed, the sheet gives the text back and focus returns to its button.
      await sheet.getByTestId('panel-sheet-close').tap();
      await sheet.waitFor({ state: 'hidden' });
      expect(await bea.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('panels-toggle');
      await expectAccessible(bea, 'phone: sheet closed again');

      // The author sees it on her laptop, on the passage.
      const card = author.getByTestId('thread-card');
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.getByTestId('comment-body').textContent()).toBe(COMMENT);
      await expect.poll(() => author.locator('.comment-highlight').first().textContent()).toBe(PASSAGE);

      // She sends the proposal for review, asking Béa.
      await author.getByTestId('side-tab-review').click();
      await author.getByTestId('status-to-in_review').click();
      await expect.poll(() => author.getByTestId('document-status').getAttribute('data-status')).toBe('in_review');
      await author.getByTestId('request-reviewers').getByRole('checkbox', { name: 'Béa' }).check();
      await author.getByTestId('request-reviewers-submit').click();
      await expect.poll(() => author.getByTestId('reviewer').count()).toBe(1);

      // Béa opens the panels sheet, goes to the review tab and approves.
      await bea.getByTestId('panels-toggle').tap();
      await sheet.waitFor({ state: 'visible' });
      await sheet.getByTestId('side-tab-review').tap();
      const mine = sheet.getByTestId('my-review');
      await expect.poll(() => mine.getAttribute('data-state')).toBe('pending');
      expect(await horizontalOverflow(bea)).toBeLessThanOrEqual(0);
      await expectAccessible(bea, 'phone: panels sheet, review asked of her');
      await sheet.getByTestId('review-approve').tap();
      await expect.poll(() => mine.getAttribute('data-state')).toBe('approved');
      await screenshot(bea, 'layout-phone-2-approved');
      await expectAccessible(bea, 'phone: panels sheet, approved');
      await expect.poll(() => author.getByTestId('reviewer').evaluateAll((items) => items.map((i) => i.getAttribute('data-state')))).toEqual(['approved']);
    } finally {
      await bea.context().close();
      await author.context().close();
    }
  });
});

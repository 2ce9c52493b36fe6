/**
 * What a member sees when things go wrong: the server cannot store, the connection is gone across
 * a reload. Also checks accessible names and the English interface.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/Store';
import { storedText } from '../helpers/providers';
import { createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible } from './axe';
import { assertClientBuilt, launchChromium, screenshot, signInPage } from './browser';

/** A store whose update writes can be made to fail, like a full disk. */
function breakableStore(store: Store, failing: { on: boolean }): Store {
  const full = () => new Error('SQLITE_FULL: database or disk is full');
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const isUpdateWrite = typeof property === 'string' && property.startsWith('appendUpdate');
      // appendUpdatesStaged answers with its two stages, which both fail.
      const refusal = () => (property === 'appendUpdatesStaged' ? { written: Promise.reject(full()), durable: Promise.reject(full()) } : Promise.reject(full()));
      return (...args: unknown[]) => (isUpdateWrite && failing.on ? refusal() : value.apply(target, args));
    },
  });
}

const state = (page: Page) => page.getByTestId('sync-status').getAttribute('data-state');
const editorText = (page: Page) => page.locator('[data-testid=editor] .ProseMirror').textContent();

async function typeAtEndOf(page: Page, paragraph: number, text: string): Promise<void> {
  await page.locator('[data-testid=editor] .ProseMirror > p').nth(paragraph).click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/** Whether one of the updates in the y-indexeddb copy of a room contains `text`. */
function cachedCopyContains(page: Page, database: string, text: string): Promise<boolean> {
  return page.evaluate(
    ({ database, text }) =>
      new Promise<boolean>((resolve) => {
        const request = indexedDB.open(database);
        request.onerror = () => resolve(false);
        request.onsuccess = () => {
          const all = request.result.transaction('updates').objectStore('updates').getAll();
          all.onerror = () => resolve(false);
          all.onsuccess = () => {
            const decoder = new TextDecoder('utf-8', { fatal: false });
            resolve((all.result as Uint8Array[]).some((update) => decoder.decode(update).includes(text)));
            request.result.close();
          };
        };
      }),
    { database, text },
  );
}

/** Controls that have no accessible name (text, aria-label, aria-labelledby, title or a label). */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], input:not([type=hidden]), select, textarea, [role=button], [contenteditable=true]');
    const named = (el: HTMLElement): boolean => {
      if (el.getAttribute('aria-label')?.trim() || el.getAttribute('title')?.trim()) return true;
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy && labelledBy.split(' ').some((id) => document.getElementById(id)?.textContent?.trim())) return true;
      if ('labels' in el && (el as HTMLInputElement).labels?.length) return true;
      const tag = el.tagName.toLowerCase();
      return (tag === 'button' || tag === 'a' || el.getAttribute('role') === 'button') && !!el.textContent?.trim();
    };
    return [...controls].filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 120));
  });
}

describe('resilience in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let documentId = '';
  const failing = { on: false };

  beforeAll(async () => {
    assertClientBuilt();
    server = await startTestServer({ wrapStore: (store) => breakableStore(store, failing) });
    const { workspaceId, coordinator } = await setupWorkspace(server);
    documentId = (await createDocument(server, workspaceId, coordinator.cookie, 'Charte du pôle', 'charter')).id;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInPage(page, server.url, 'claire@example.org', 'correct horse battery');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('names every control on the list and the editor page', async () => {
    expect(await unnamedControls(page)).toEqual([]);
    await expectAccessible(page, 'document list');
    await page.goto(`${server.url}/d/${documentId}`);
    await expect.poll(() => state(page)).toBe('saved');
    expect(await unnamedControls(page)).toEqual([]);
    await expectAccessible(page, 'editor, charter');
  });

  it('says "not saved" while the server cannot store, and saves once it can', async () => {
    failing.on = true;
    await typeAtEndOf(page, 0, ' Disque plein.');
    await expect.poll(() => state(page)).toBe('storeError');
    await screenshot(page, 'resilience-1-store-error');
    await expectAccessible(page, 'editor that cannot save');
    expect(await storedText(server.trame.store, documentId)).not.toContain('Disque plein.');
    failing.on = false;
    await expect.poll(() => state(page), { timeout: 20_000 }).toBe('saved');
    expect(await storedText(server.trame.store, documentId)).toContain('Disque plein.');
  });

  it('keeps offline edits across a reload and sends them when the connection is back', async () => {
    let blocked = true;
    await page.routeWebSocket(/\/collab\/doc\./, (ws) => {
      if (blocked) ws.close({ code: 1006 });
      else ws.connectToServer();
    });
    await page.reload();
    await expect.poll(() => state(page)).toBe('offline');
    await page.getByTestId('offline-banner').waitFor();
    await expectAccessible(page, 'editor offline after a reload, with its banner');
    // Each keystroke is its own update: the last one, a rare character, tells when all are cached.
    await typeAtEndOf(page, 1, ' Écrit sans connexion ǂ');
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-pending')).not.toBe('0');
    // y-indexeddb stores asynchronously: wait until the offline copy holds the words before reloading.
    await expect.poll(() => cachedCopyContains(page, `trame:doc.${documentId}`, 'ǂ')).toBe(true);

    await page.reload();
    await expect.poll(() => editorText(page)).toContain('Écrit sans connexion ǂ');
    await expect.poll(() => state(page)).toBe('offline');
    expect(await page.getByTestId('sync-status').getAttribute('data-pending')).not.toBe('0');
    await screenshot(page, 'resilience-2-offline-after-reload');
    expect(await storedText(server.trame.store, documentId)).not.toContain('Écrit sans connexion ǂ');

    blocked = false;
    await expect.poll(() => state(page), { timeout: 20_000 }).toBe('saved');
    expect(await storedText(server.trame.store, documentId)).toContain('Écrit sans connexion ǂ');
    await page.unrouteAll();
  });

  it('reopens a document after a reload with no connection at all, and saves what was typed offline', async () => {
    const offlineContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const p = await offlineContext.newPage();
      await signInPage(p, server.url, 'claire@example.org', 'correct horse battery');
      await p.goto(`${server.url}/d/${documentId}`);
      await expect.poll(() => state(p)).toBe('saved');
      // The service worker has taken control and kept the app's files.
      // (installing it precaches the app's ~1 MB of files: slow on a busy machine; a fresh-clone CI
      // run, with the frame fuzzer's child server beside it, once needed more than 30 s)
      // Once it is active, a page it does not control yet (clientsClaim can lose that race on a busy
      // machine) is reloaded, as the member's next visit would be.
      await p.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      if (!(await p.evaluate(() => navigator.serviceWorker.controller !== null))) {
        await p.reload();
        await expect.poll(() => state(p)).toBe('saved');
      }
      await expect.poll(() => p.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);

      await offlineContext.setOffline(true);
      await expect.poll(() => state(p)).toBe('offline');
      await typeAtEndOf(p, 2, ' Sans réseau ǁ');
      await expect.poll(() => cachedCopyContains(p, `trame:doc.${documentId}`, 'ǁ')).toBe(true);
      await p.reload(); // no network: the page comes from the service worker, the text from IndexedDB
      await expect.poll(() => editorText(p)).toContain('Sans réseau ǁ');
      await expect.poll(() => state(p)).toBe('offline');
      await p.getByTestId('offline-banner').waitFor();
      await screenshot(p, 'resilience-2b-offline-reload-no-network');

      await offlineContext.setOffline(false);
      await expect.poll(() => state(p), { timeout: 20_000 }).toBe('saved');
      expect(await storedText(server.trame.store, documentId)).toContain('Sans réseau ǁ');
    } finally {
      await offlineContext.close();
    }
    // Installing the service worker, going offline and coming back take a while on a busy machine.
  }, 120_000);

  it('shows markup in titles and names as text, never as HTML', async () => {
    const markup = '<img src=x onerror="window.__pwned=1"><b>gras</b>';
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const renamed = await fetch(`${server.url}/api/documents/${documentId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, origin: server.origin },
      body: JSON.stringify({ title: markup }),
    });
    expect(renamed.status).toBe(200);
    const workspaceId = (await (await fetch(`${server.url}/api/documents/${documentId}`, { headers: { cookie } })).json()).document.workspaceId;
    await page.goto(`${server.url}/w/${workspaceId}`);
    const link = page.locator(`[data-testid=document-link][data-document-id="${documentId}"]`);
    await expect.poll(() => link.textContent()).toBe(markup);
    await expectAccessible(page, 'document list with markup in a title');
    expect(await page.locator('[data-testid=document-list] img, [data-testid=document-list] b').count()).toBe(0);
    await page.goto(`${server.url}/d/${documentId}`);
    await expect.poll(() => page.getByTestId('document-title').inputValue()).toBe(markup);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('forgets this browser’s copies of documents when the member signs out', async () => {
    await page.goto(`${server.url}/d/${documentId}`);
    await expect.poll(() => state(page)).toBe('saved');
    const copies = () => page.evaluate(async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith('trame:')).length);
    expect(await copies()).toBeGreaterThan(0);
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/);
    await expect.poll(copies).toBe(0);
    await page.getByTestId('login-submit').waitFor();
    await expectAccessible(page, 'login page after signing out');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trame:')))).toEqual([]);
    await signInPage(page, server.url, 'claire@example.org', 'correct horse battery'); // for what follows
  });

  it('speaks English with ?lang=en', async () => {
    await page.goto(`${server.url}/d/${documentId}?lang=en`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByTestId('sync-status').textContent()).toMatch(/Saved/i);
    await expect.poll(() => page.getByTestId('sign-out').textContent()).toMatch(/Sign out/i);
    await screenshot(page, 'resilience-3-english');
    await expectAccessible(page, 'editor in English');
  });
});

/**
 * Browser tests drive Debian's Chromium through playwright-core (never a downloaded browser)
 * against a real Trame server serving the built client.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where screenshots of browser tests go. */
export const SCREENSHOT_DIR = path.resolve('test-results');

/** Launches headless Chromium; fails (never skips) with install instructions when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Browser tests need Debian's Chromium: ` +
        'run `sudo apt-get update && sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Fails clearly when the client has not been built (npm test builds it first). */
export function assertClientBuilt(): void {
  if (!fs.existsSync(path.resolve('dist/client/index.html'))) {
    throw new Error('The client is not built: run `npm run build` first (`npm test` does it).');
  }
}

/** Saves a full-page screenshot under test-results/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the login page and waits for the collective's document list. */
export async function signInPage(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/w\//);
}

/** A member's own browser context, signed in, with a document open and synced. */
export async function openDocumentAs(
  browser: Browser,
  baseUrl: string,
  who: { email: string; password: string },
  documentId: string,
  viewport = { width: 1100, height: 700 },
  /** Called with the new page before it loads anything (to watch its traffic from the start). */
  prepare?: (page: Page) => void,
  /** More of the context's options, such as a phone's `isMobile`, `hasTouch` and `deviceScaleFactor`. */
  context: Omit<BrowserContextOptions, 'viewport'> = {},
): Promise<Page> {
  const page = await (await browser.newContext({ ...context, viewport })).newPage();
  prepare?.(page);
  await signInPage(page, baseUrl, who.email, who.password);
  await page.goto(`${baseUrl}/d/${documentId}`);
  await page.waitForSelector('[data-testid=sync-status][data-state=saved]');
  return page;
}

/**
 * Selects the first occurrence of `text` in the editor through the DOM, as a member dragging over
 * it would (a touch drag cannot be simulated); the editor takes the selection over asynchronously.
 */
export async function selectInEditor(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('[data-testid=editor] .ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`text not found: ${wanted}`);
  }, text);
}

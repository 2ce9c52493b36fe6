/**
 * Scenario 6: the app in Chromium. Builds the client (`npx vite build`, into bench-results/ so
 * that a concurrent build of dist/ is not disturbed), measures the gzip size of the JS the first
 * page loads (the entry script and what it preloads, not lazy chunks), then times opening the
 * automerge-paper document on a restarted server until its editor is editable and shows the text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { parseRoom } from '../../../shared/rooms';
import { startChild } from '../procs';
import { round, type BrowserResult } from '../results';
import { startSystem } from '../systems';
import { log, now, sleep } from '../util';
import { COLD_TOKEN } from './stored';

/** Where the benchmark's own client build goes. */
const CLIENT_DIR = path.resolve('bench-results/client');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Newest modification time under `dir` (ms). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds the client into CLIENT_DIR, unless that build is newer than every source it comes from. */
function buildClient(): void {
  const index = path.join(CLIENT_DIR, 'index.html');
  const sources = Math.max(newest(path.resolve('client')), newest(path.resolve('shared')), fs.statSync('vite.config.ts').mtimeMs, fs.statSync('package-lock.json').mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return log('browser: client build is up to date');
  const started = now();
  execFileSync('npx', ['vite', 'build', '--outDir', CLIENT_DIR, '--emptyOutDir', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] });
  log(`browser: client built in ${round((now() - started) / 1000)} s`);
}

/** Gzip KB of the JS index.html loads before anything lazy: module scripts and module preloads. */
export function shellJsGzipKB(clientDir: string): number {
  const html = fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(m[1]!);
  let bytes = 0;
  for (const url of urls) bytes += zlib.gzipSync(fs.readFileSync(path.join(clientDir, url))).length;
  return bytes / 1024;
}

/** Runs scenario 6 with Trame's SQLite server; every process it starts is stopped before it returns. */
export async function runBrowser(state: Uint8Array): Promise<BrowserResult> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  buildClient();
  const shell = shellJsGzipKB(CLIENT_DIR);
  const env = { BENCH_CLIENT_DIR: CLIENT_DIR };
  const first = await startSystem('trame', { env });
  const load = await startChild('load/light.ts');
  let room: string;
  try {
    const [target] = await first.newRooms(1);
    room = target!.room;
    await load.ask({ type: 'connect', clients: [{ target: target!, author: null }] });
    await load.ask({ type: 'uploadUpdate', update: Buffer.from(state).toString('base64'), token: COLD_TOKEN });
    await load.ask({ type: 'close' });
    await sleep(500);
  } finally {
    await load.kill();
    await first.stop(); // graceful: the room is compacted and unloaded
  }
  const server = await startSystem('trame', { dataDir: first.dataDir, env });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const origin = String(server.child.ready.origin);
    const [name, value] = String(server.child.ready.cookie).split('=') as [string, string];
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: origin }]);
    const page = await context.newPage();
    const started = now();
    await page.goto(`${origin}/d/${parseRoom(room)!.id}`);
    await page.waitForFunction(
      (token) => {
        const editor = document.querySelector('[data-testid=editor] .ProseMirror');
        return editor?.getAttribute('contenteditable') === 'true' && (editor.textContent ?? '').includes(token);
      },
      COLD_TOKEN,
      { timeout: 60_000, polling: 'raf' },
    );
    const openMs = now() - started;
    log(`browser: open to editable ${round(openMs)} ms, shell JS ${round(shell)} KB gzip`);
    if (process.env.BENCH_DEBUG) {
      // Where the time went: each resource the page fetched (start and end, ms after navigation).
      const entries = await page.evaluate(() =>
        performance.getEntries().map((e) => ({ name: e.name.replace(location.origin, ''), type: e.entryType, start: Math.round(e.startTime), end: Math.round(e.startTime + e.duration) })),
      );
      for (const e of entries) log(`  ${e.type} ${e.name.slice(0, 70)}: ${e.start} → ${e.end} ms`);
    }
    return { scenario: 'browser', system: 'trame', openMs: round(openMs), shellJsGzipKB: round(shell) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

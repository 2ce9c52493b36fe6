/**
 * What 100 versions of a 30-page proposal cost in storage: `npx tsx tests/bench/versionStorage.ts`.
 * Builds a ~30-page proposal (headings, ~300 paragraphs, a budget table), then 100 rounds of editing
 * (a few sentences added, words deleted, a word put in bold, a table cell changed), each stored in
 * the body's update log and followed by a version taken by the server's VersionService into a real
 * SQLite file. Prints the bytes of the versions beside what 100 full copies would take.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { BODY_FRAGMENT } from '../../shared/rooms';
import type { PmNode } from '../../shared/templates';
import type { RoomManager } from '../../server/collab/RoomManager';
import { editorSchema } from '../../server/editor/body';
import { DomainEvents } from '../../server/events';
import { createLogger } from '../../server/log';
import { openSqlStore } from '../../server/store/sql/SqlStore';
import { SNAPSHOT_EVERY, VersionService } from '../../server/versions/VersionService';

const PAGES = 30;
const PARAGRAPHS_PER_PAGE = 10;
const VERSIONS = 100;

/** A deterministic pseudo-random sequence, so that every run measures the same document. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const rand = random(42);
// A vocabulary of 3,000 made-up words of French-like letter frequencies: real prose compresses about
// as well, where a short list of real words would make compression look far better than it is.
const LETTERS = 'eeeeaaassiiinnrrrttuuoollcdmpvgfbhqjxyzéè';
const WORDS = Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(rand() * 9) }, () => LETTERS[Math.floor(rand() * LETTERS.length)]).join(''));
const sentence = (): string => {
  const words = Array.from({ length: 8 + Math.floor(rand() * 12) }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
  return `${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
};
const paragraph = (): PmNode => ({ type: 'paragraph', content: [{ type: 'text', text: Array.from({ length: 5 }, sentence).join(' ') }] });

function proposal(): PmNode {
  const content: PmNode[] = [];
  for (let page = 1; page <= PAGES; page++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Partie ${page}` }] });
    for (let i = 0; i < PARAGRAPHS_PER_PAGE; i++) content.push(paragraph());
  }
  const cell = (text: string): PmNode => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  content.push({ type: 'table', content: Array.from({ length: 20 }, (_, r) => ({ type: 'tableRow', content: [cell(`Poste ${r + 1}`), cell(`${1000 + r * 250} €`)] })) });
  return { type: 'doc', content };
}

/** One round of editing, as a member would do between two versions. */
function edit(doc: Y.Doc): void {
  const body = doc.getXmlFragment(BODY_FRAGMENT);
  const texts = body.createTreeWalker((n) => n instanceof Y.XmlText);
  const all = [...texts] as Y.XmlText[];
  doc.transact(() => {
    for (let k = 0; k < 3; k++) {
      const text = all[Math.floor(rand() * all.length)]!;
      text.insert(text.length, ` ${sentence()}`);
    }
    const shortened = all[Math.floor(rand() * all.length)]!;
    if (shortened.length > 20) shortened.delete(5, 10);
    const formatted = all[Math.floor(rand() * all.length)]!;
    formatted.format(0, Math.min(6, formatted.length), { bold: {} });
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trame-versions-'));
  const file = path.join(dir, 'trame.db');
  const store = await openSqlStore({ engine: 'sqlite', file });
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(editorSchema(), proposal(), doc.getXmlFragment(BODY_FRAGMENT));
  const now = new Date().toISOString();
  await store.createWorkspace({ id: 'ws_benchmark', name: 'Bench', createdAt: now });
  await store.createDocument({ id: 'doc_benchmark', workspaceId: 'ws_benchmark', title: 'Proposal', kind: 'proposal', archived: false, createdAt: now, createdBy: null, updatedAt: now, updatedBy: null, language: 'fr', typography: true }, Y.encodeStateAsUpdate(doc));
  const noRooms = { get: () => undefined } as unknown as RoomManager;
  const versions = new VersionService({ store, rooms: noRooms, events: new DomainEvents(), log: createLogger('silent'), pauseMs: 60_000, now: () => new Date() });
  const words = doc.getXmlFragment(BODY_FRAGMENT).toString().replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;

  const started = performance.now();
  for (let v = 0; v < VERSIONS; v++) {
    const before = Y.encodeStateVector(doc);
    edit(doc);
    await store.appendUpdate('doc_benchmark', Y.encodeStateAsUpdate(doc, before), null, new Date().toISOString());
    await versions.record('doc_benchmark', { kind: 'auto', by: null });
  }
  const elapsed = performance.now() - started;
  const rows = await store.listVersions('doc_benchmark');
  const versionBytes = rows.reduce((sum, r) => sum + r.byteSize, 0);
  const state = Y.encodeStateAsUpdate(doc).byteLength;
  const rebuildStart = performance.now();
  await versions.jsonOf(rows.at(-1)!);
  const rebuildMs = performance.now() - rebuildStart;
  await store.close();
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`document: ${PAGES} pages, ${words} words; encoded state after ${VERSIONS} rounds: ${kb(state)}`);
  console.log(`${rows.length} versions (a full state every ${SNAPSHOT_EVERY}, ${rows.filter((r) => r.snapshot).length} in all): ${kb(versionBytes)} of version data, ${kb(versionBytes / rows.length)} per version on average`);
  console.log(`100 full copies would take ${kb(state * rows.length)}; SQLite file with body and versions: ${kb(fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0))}`);
  console.log(`taking the 100 versions: ${elapsed.toFixed(0)} ms; rebuilding the latest one: ${rebuildMs.toFixed(0)} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqlStore } from '../store/sql/SqlStore';
import { documentRow, memberRow, workspaceRow } from '../store/contractFixtures';
import { BodyLog, DocumentTooLargeError } from './BodyLog';

describe('BodyLog', () => {
  it('counts a document by what its log holds after each compaction, so a small document edited at length stays under the size limit', async () => {
    const store = await openSqlStore({ engine: 'sqlite', memory: true });
    const workspace = workspaceRow();
    const author = memberRow();
    await store.setup(workspace, author);
    const row = documentRow(workspace.id);
    const doc = new Y.Doc();
    const text = doc.getText('body');
    await store.createDocument(row, Y.encodeStateAsUpdate(doc));
    // A 16 KB limit, compaction every 50 entries; the text never grows past ~1 KB.
    const log = new BodyLog(store, row.id, { entries: 1, lastSeq: 1, bytes: 2 }, 50, 16 * 1024);
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const before = Y.encodeStateVector(doc);
      if (text.length > 1000) text.delete(0, 500);
      text.insert(text.length, `mot ${i} `);
      const update = Y.encodeStateAsUpdate(doc, before);
      if (!log.reserve(update.byteLength)) {
        refused++;
        continue;
      }
      await log.append(update, author.id, new Date().toISOString());
      if (log.wantsCompaction) await log.compact(doc);
    }
    expect(refused).toBe(0);
    const stored = (await store.loadBody(row.id))!.updates;
    expect(stored.reduce((sum, u) => sum + u.byteLength, 0)).toBeLessThan(16 * 1024);
  });

  it('admits a server change by the compacted document when the log is too long for it, and refuses one the document cannot hold', async () => {
    const store = await openSqlStore({ engine: 'sqlite', memory: true });
    const workspace = workspaceRow();
    await store.setup(workspace, memberRow());
    const row = documentRow(workspace.id);
    const doc = new Y.Doc();
    const text = doc.getText('body');
    await store.createDocument(row, Y.encodeStateAsUpdate(doc));
    /** The update of one edit of `doc`. */
    const change = (edit: () => void): Uint8Array => {
      const before = Y.encodeStateVector(doc);
      edit();
      return Y.encodeStateAsUpdate(doc, before);
    };
    // The log holds a 6 KB text written then deleted (12 KB counted); the document is a few bytes.
    const written = change(() => text.insert(0, 'x'.repeat(6000)));
    const deleted = change(() => text.delete(0, 6000));
    const log = new BodyLog(store, row.id, { entries: 3, lastSeq: 3, bytes: 12_000 }, 500, 16 * 1024);
    expect(written.byteLength + deleted.byteLength).toBeGreaterThan(6000);
    const state = Y.encodeStateAsUpdate(doc);
    const fork = new Y.Doc();
    Y.applyUpdate(fork, state);
    const insertion = (length: number): Uint8Array => {
      const before = Y.encodeStateVector(fork);
      fork.getText('body').insert(0, 'y'.repeat(length));
      return Y.encodeStateAsUpdate(fork, before);
    };

    const sixKB = insertion(6000);
    expect(log.reserve(sixKB.byteLength)).toBe(false); // 12 KB + 6 KB: past the limit as the log stands
    expect(log.reserveServerChange(state, sixKB)).toBe(true); // a few bytes + 6 KB once compacted: admitted
    expect(() => log.reserveServerChange(state, insertion(20_000))).toThrow(DocumentTooLargeError);
    // The refusal reserved nothing: the admitted change given back, the log counts its 12 KB again.
    log.release(sixKB.byteLength);
    expect(log.reserve(16 * 1024 - 12_000)).toBe(true);
    expect(log.reserve(1)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore } from '../store/memory';
import { documentRow, memberRow, workspaceRow } from '../store/contractFixtures';
import { BodyLog } from './BodyLog';

describe('BodyLog', () => {
  it('counts a document by what its log holds after each compaction, so a small document edited at length stays under the size limit', async () => {
    const store = new MemoryStore();
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
});

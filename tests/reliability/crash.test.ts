/**
 * kill -9 while 10 providers edit: nothing any client was sent is lost, and everyone converges.
 * A short version of `npm run reliability` (which runs many more cycles).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdit, countMissing } from '../helpers/edits';
import { typeParagraph } from '../helpers/providers';
import { runKillCycles } from './cycles';

describe('crash (SIGKILL) while editing', () => {
  it('keeps every update a client received and converges after each restart', async () => {
    const summary = await runKillCycles({ signal: 'SIGKILL', cycles: 3, providers: 10 });
    expect(summary.failures).toEqual([]);
    expect(summary.results).toHaveLength(3);
    // Guards against a vacuous pass: the check must have covered real traffic.
    for (const result of summary.results) expect(result.receivedChecked).toBeGreaterThan(0);
  }, 120_000);

  it('counts an update the loaded document lacks as missing (the check can fail)', () => {
    const served = new Y.Doc();
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    typeParagraph(client, 'reçu puis perdu');
    applyEdit(client, { kind: 'deleteText', at: 0, offset: 0, length: 4 });
    expect(countMissing(served, updates)).toBe(2);
    updates.forEach((update) => Y.applyUpdate(served, update));
    expect(countMissing(served, updates)).toBe(0);
  });
});

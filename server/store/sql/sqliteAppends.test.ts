/**
 * SQLite's group-committed, durable append path in the store written over Kysely
 * (../documents/sqliteAppends.ts): staged outcomes, one commit per drain, a call refused alone,
 * everything there after close and reopen, and no raw commit inside a Kysely transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at, documentRow, memberRow, replay, seedCollective, typedUpdates } from '../contractFixtures';
import type { Store } from '../Store';
import { openSqlDatabase } from './connect';
import { closePart, writeTransaction } from './context';
import { openSqlStore } from './SqlStore';
import { SqlDocuments } from '../documents/documents';

describe('SqlStore on SQLite: group-committed appends', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trame-sqlappends-'));
    file = path.join(dir, 'trame.db');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function withDocument(store: Store, pieces: string[]) {
    const { workspace, coordinator } = await seedCollective(store);
    const doc = documentRow(workspace.id, { createdBy: coordinator.id });
    const { initialState, updates } = typedUpdates(pieces);
    await store.createDocument(doc, initialState);
    return { doc, coordinator, updates, workspace };
  }

  it('reports an append written once committed, and stored only once the WAL is on disk', async () => {
    const store = await openSqlStore({ engine: 'sqlite', file });
    try {
      const { doc, coordinator, updates } = await withDocument(store, ['Tenu']);
      const flushes: (() => void)[] = [];
      const fdatasync = vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
        flushes.push(() => callback(null));
      }) as typeof fs.fdatasync);
      const { written, durable } = store.appendUpdatesStaged!(doc.id, [{ update: updates[0]!, memberId: coordinator.id, at: at(1) }]);
      const seen: string[] = [];
      void durable.then(() => seen.push('durable'));
      expect(await written).toEqual([2]);
      expect(replay((await store.loadBody(doc.id))!.updates)).toBe('Tenu'); // readable once written
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toEqual([]); // committed, not yet on disk: not reported stored
      expect(fdatasync).toHaveBeenCalledTimes(1);
      flushes.shift()!();
      expect(await durable).toEqual([2]);
    } finally {
      vi.restoreAllMocks();
      await store.close();
    }
  });

  it('writes the appends of one drain in one transaction with one flush, each call with its own outcome', async () => {
    const store = await openSqlStore({ engine: 'sqlite', file });
    try {
      const { doc, coordinator, updates, workspace } = await withDocument(store, ['Un ', 'deux ', 'trois']);
      const other = documentRow(workspace.id, { createdBy: coordinator.id });
      const second = typedUpdates(['Autre']);
      await store.createDocument(other, second.initialState);
      const fdatasync = vi.spyOn(fs, 'fdatasync');
      const entry = (update: Uint8Array, minute: number) => ({ update, memberId: coordinator.id, at: at(minute) });
      const results = await Promise.allSettled([
        store.appendUpdates(doc.id, [entry(updates[0]!, 1), entry(updates[1]!, 1)]),
        // A whole batch for an unknown document is refused, alone.
        store.appendUpdates('doc_unknown0', [entry(updates[2]!, 1), entry(updates[2]!, 1)]),
        // So is one by an unknown author (the foreign key).
        store.appendUpdates(other.id, [{ update: second.updates[0]!, memberId: 'mem_unknown0', at: at(1) }]),
        store.appendUpdates(other.id, [entry(second.updates[0]!, 2)]),
        store.appendUpdates(doc.id, [entry(updates[2]!, 3)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/unknown document doc_unknown0/);
      expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number[]>).value)).toEqual([[2, 3], [2], [4]]);
      expect(fdatasync).toHaveBeenCalledTimes(1);
      expect(replay((await store.loadBody(doc.id))!.updates)).toBe('Un deux trois');
      expect(replay((await store.loadBody(other.id))!.updates)).toBe('Autre');
      expect(await store.loadBody('doc_unknown0')).toBeNull();
      expect(await store.getDocument(other.id)).toMatchObject({ updatedAt: at(2), updatedBy: coordinator.id });
    } finally {
      await store.close();
    }
  });

  it('commits and flushes the appends still waiting when it closes, and has them all after reopening', async () => {
    const first = await openSqlStore({ engine: 'sqlite', file });
    const { doc, coordinator, updates } = await withDocument(first, ['Avant ', 'la ', 'fermeture.']);
    // Not awaited: close() must still write them before the database closes.
    const pending = updates.map((update, i) => first.appendUpdates(doc.id, [{ update, memberId: coordinator.id, at: at(i + 1) }]));
    await first.close();
    expect(await Promise.all(pending)).toEqual([[2], [3], [4]]);
    await expect(first.appendUpdates(doc.id, [{ update: updates[0]!, memberId: coordinator.id, at: at(9) }])).rejects.toThrow('closed');
    const staged = first.appendUpdatesStaged!(doc.id, [{ update: updates[0]!, memberId: coordinator.id, at: at(9) }]);
    await expect(staged.written).rejects.toThrow('closed');
    await expect(staged.durable).rejects.toThrow('closed');

    const second = await openSqlStore({ engine: 'sqlite', file });
    try {
      const body = (await second.loadBody(doc.id))!;
      expect(body.lastSeq).toBe(4);
      expect(replay(body.updates)).toBe('Avant la fermeture.');
      expect(await second.getDocument(doc.id)).toMatchObject({ updatedAt: at(3), updatedBy: coordinator.id });
    } finally {
      await second.close();
    }
  });

  it('never runs a group commit inside a Kysely transaction under way on the same connection', async () => {
    for (const target of [{ engine: 'sqlite' as const, file }, { engine: 'sqlite' as const, memory: true as const }]) {
      const database = await openSqlDatabase(target);
      const ctx = { db: database.db, engine: database.engine, sqlite: database.sqlite };
      const documents = new SqlDocuments(ctx);
      try {
        await database.db.insertInto('workspaces').values({ id: 'ws_gate0001', name: 'Atelier', createdAt: at(0) }).execute();
        const doc = documentRow('ws_gate0001');
        const { initialState, updates } = typedUpdates(['gardé']);
        await documents.createDocument(doc, initialState);
        let appended!: Promise<number[]>;
        // A write transaction that spans several ticks, then rolls back: an append made meanwhile
        // must not be part of it.
        const rolledBack = writeTransaction(ctx, async (trx) => {
          await trx.insertInto('members').values({ id: memberRow().id, email: 'x@example.org', name: 'X', passwordHash: 'x', createdAt: at(0) }).execute();
          appended = documents.appendUpdates(doc.id, [{ update: updates[0]!, memberId: null, at: at(1) }]);
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('rolled back on purpose');
        });
        await expect(rolledBack).rejects.toThrow('on purpose');
        expect(await appended).toEqual([2]);
        expect(replay((await documents.loadBody(doc.id))!.updates)).toBe('gardé');
        expect(await database.db.selectFrom('members').select('id').execute()).toEqual([]);
      } finally {
        await documents[closePart]();
        await database.close();
      }
    }
  });
});

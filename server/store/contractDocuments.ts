/**
 * Contract suite, second half: document rows, grants and the Yjs update log of document bodies.
 * Body tests use real Yjs updates and check what a user would see: the text rebuilt from the log.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './Store';
import { at, documentRow, memberRow, mergeUpdates, replay, seedCollective, typedUpdates } from './contractFixtures';

/** Registers the document and body tests; `store` returns the current test's store. */
export function documentsContract(store: () => Store): void {
  documentRowsContract(store);
  bodiesContract(store);
  batchedAppendsContract(store);
}

function documentRowsContract(store: () => Store): void {
  describe('documents', () => {
    it('stores a document row as given, archived flag, language and typography included', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const doc = documentRow(workspace.id, { createdBy: coordinator.id, updatedBy: coordinator.id, archived: true, kind: 'charter', language: 'en', typography: false });
      await store().createDocument(doc, new Uint8Array([0, 0]));
      expect(await store().getDocument(doc.id)).toEqual(doc);
      expect(await store().getDocument('unknown_doc')).toBeNull();
    });

    it('lists a collective’s documents most recently updated first', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const other = await seedCollective(store());
      const [old, mid, recent] = [1, 2, 3].map((m) => documentRow(workspace.id, { updatedAt: at(m), title: `t${m}` }));
      for (const doc of [mid, recent, old]) await store().createDocument(doc!, new Uint8Array([0, 0]));
      await store().createDocument(documentRow(other.workspace.id), new Uint8Array([0, 0]));
      expect((await store().listDocuments(workspace.id)).map((d) => d.title)).toEqual(['t3', 't2', 't1']);

      await store().appendUpdate(old!.id, typedUpdates(['x']).updates[0]!, coordinator.id, at(9));
      expect((await store().listDocuments(workspace.id)).map((d) => d.title)).toEqual(['t1', 't3', 't2']);
    });

    it('renames and archives, changing only what the patch names', async () => {
      const { workspace } = await seedCollective(store());
      const doc = documentRow(workspace.id, { title: 'Draft' });
      await store().createDocument(doc, new Uint8Array([0, 0]));
      expect(await store().updateDocument(doc.id, { title: 'Charter' })).toEqual({ ...doc, title: 'Charter' });
      expect(await store().updateDocument(doc.id, { archived: true })).toEqual({ ...doc, title: 'Charter', archived: true });
      expect(await store().updateDocument(doc.id, { archived: false })).toMatchObject({ archived: false });
      expect(await store().getDocument(doc.id)).toEqual({ ...doc, title: 'Charter' });
      expect(await store().updateDocument('unknown_doc', { title: 'x' })).toBeNull();
    });

    it('changes the language and the typography setting, each on its own', async () => {
      const { workspace } = await seedCollective(store());
      const doc = documentRow(workspace.id, { title: 'Charte' });
      await store().createDocument(doc, new Uint8Array([0, 0]));
      expect(await store().updateDocument(doc.id, { language: 'en' })).toEqual({ ...doc, language: 'en' });
      expect(await store().updateDocument(doc.id, { typography: false })).toEqual({ ...doc, language: 'en', typography: false });
      expect(await store().updateDocument(doc.id, { title: 'Charter', typography: true })).toEqual({ ...doc, title: 'Charter', language: 'en', typography: true });
      expect(await store().getDocument(doc.id)).toEqual({ ...doc, title: 'Charter', language: 'en', typography: true });
      expect((await store().listDocuments(workspace.id))[0]).toMatchObject({ language: 'en', typography: true });
    });

    it('sets, changes, lists and removes grants', async () => {
      const { workspace } = await seedCollective(store());
      const doc = documentRow(workspace.id);
      await store().createDocument(doc, new Uint8Array([0, 0]));
      const [ada, bea] = [memberRow(), memberRow()];
      for (const m of [ada, bea]) await store().createMember(m);
      await store().setGrant(doc.id, ada.id, 'view');
      await store().setGrant(doc.id, ada.id, 'suggest');
      await store().setGrant(doc.id, bea.id, 'comment');
      expect(await store().getGrant(doc.id, ada.id)).toBe('suggest');
      const grants = await store().listGrants(doc.id);
      expect(grants).toHaveLength(2);
      expect(grants).toEqual(
        expect.arrayContaining([
          { documentId: doc.id, memberId: ada.id, access: 'suggest' },
          { documentId: doc.id, memberId: bea.id, access: 'comment' },
        ]),
      );
      await store().setGrant(doc.id, ada.id, null);
      expect(await store().getGrant(doc.id, ada.id)).toBeNull();
      expect(await store().listGrants(doc.id)).toEqual([{ documentId: doc.id, memberId: bea.id, access: 'comment' }]);
      await expect(store().setGrant(doc.id, 'unknown_member', 'view')).rejects.toThrow();
    });
  });
}

function bodiesContract(store: () => Store): void {
  describe('document bodies', () => {
    /** A document in a fresh collective, with its body created from a new Y.Doc's state. */
    async function newDocument(): Promise<{ id: string; memberId: string; initialState: Uint8Array }> {
      const { workspace, coordinator } = await seedCollective(store());
      const doc = documentRow(workspace.id, { createdBy: coordinator.id });
      const { initialState } = typedUpdates([]);
      await store().createDocument(doc, initialState);
      return { id: doc.id, memberId: coordinator.id, initialState };
    }

    it('stores the initial state as the first entry; unknown documents have no body', async () => {
      const { id, initialState } = await newDocument();
      expect(await store().loadBody(id)).toEqual({ updates: [initialState], lastSeq: 1 });
      expect(await store().loadBody('unknown_doc')).toBeNull();
    });

    it('appends updates in order and records who edited last', async () => {
      const { id, memberId } = await newDocument();
      const { updates } = typedUpdates(['Our ', 'charter ', 'says']);
      const seqs = [
        await store().appendUpdate(id, updates[0]!, memberId, at(1)),
        await store().appendUpdate(id, updates[1]!, null, at(2)),
        await store().appendUpdate(id, updates[2]!, memberId, at(3)),
      ];
      expect(seqs).toEqual([2, 3, 4]);
      const body = (await store().loadBody(id))!;
      expect(body.lastSeq).toBe(4);
      expect(body.updates.slice(1)).toEqual(updates);
      expect(replay(body.updates)).toBe('Our charter says');
      expect(await store().getDocument(id)).toMatchObject({ updatedAt: at(3), updatedBy: memberId });

      await store().appendUpdate(id, typedUpdates(['x']).updates[0]!, null, at(4));
      expect(await store().getDocument(id)).toMatchObject({ updatedAt: at(4), updatedBy: null });
    });

    it('refuses an update to an unknown document', async () => {
      await expect(store().appendUpdate('unknown_doc', new Uint8Array([0, 0]), null, at(1))).rejects.toThrow();
      expect(await store().loadBody('unknown_doc')).toBeNull();
    });

    it('compacts the log through a seq and keeps later entries', async () => {
      const { id, memberId, initialState } = await newDocument();
      const { updates } = typedUpdates(['We ', 'grow ', 'food ', 'together']);
      for (const update of updates) await store().appendUpdate(id, update, memberId, at(1));
      // Entries 1..3 (initial state + first two updates) are merged; 4 and 5 arrived meanwhile.
      const merged = mergeUpdates([initialState, updates[0]!, updates[1]!]);
      await store().compactBody(id, merged, 3);

      const body = (await store().loadBody(id))!;
      expect(body).toEqual({ updates: [merged, updates[2]!, updates[3]!], lastSeq: 5 });
      expect(replay(body.updates)).toBe('We grow food together');
      expect(await store().appendUpdate(id, typedUpdates(['!']).updates[0]!, memberId, at(2))).toBe(6);
    });

    it('refuses to compact past the end of the log, changing nothing', async () => {
      const { id, memberId } = await newDocument();
      const { updates } = typedUpdates(['a']);
      await store().appendUpdate(id, updates[0]!, memberId, at(1));
      const before = await store().loadBody(id);
      await expect(store().compactBody(id, new Uint8Array([0, 0]), 3)).rejects.toThrow();
      await expect(store().compactBody(id, new Uint8Array([0, 0]), 0)).rejects.toThrow();
      expect(await store().loadBody(id)).toEqual(before);
    });

    it('copies bytes in and out: callers cannot change the stored log', async () => {
      const { id, memberId } = await newDocument();
      const { updates } = typedUpdates(['kept']);
      // A Buffer, as ws delivers messages: its slice() is a view, a classic way to leak shared memory.
      const incoming = Buffer.from(updates[0]!);
      await store().appendUpdate(id, incoming, memberId, at(1));
      incoming.fill(0);
      const loaded = (await store().loadBody(id))!;
      loaded.updates[1]!.fill(0);
      loaded.updates.push(new Uint8Array([1]));

      const reloaded = (await store().loadBody(id))!;
      expect(reloaded.updates).toHaveLength(2);
      expect(reloaded.updates[1]).toEqual(updates[0]);
      expect(replay(reloaded.updates)).toBe('kept');
    });
  });
}

function batchedAppendsContract(store: () => Store): void {
  describe('batched appends (group commit)', () => {
    async function newDocument(): Promise<{ id: string; memberId: string }> {
      const { workspace, coordinator } = await seedCollective(store());
      const doc = documentRow(workspace.id, { createdBy: coordinator.id });
      await store().createDocument(doc, typedUpdates([]).initialState);
      return { id: doc.id, memberId: coordinator.id };
    }

    it('appends a batch in order and records its last entry as the last edit', async () => {
      const { id, memberId } = await newDocument();
      const { updates } = typedUpdates(['Nous ', 'cultivons ', 'ensemble']);
      const entries = updates.map((update, i) => ({ update, memberId: i === 2 ? null : memberId, at: at(i + 1) }));
      expect(await store().appendUpdates(id, entries)).toEqual([2, 3, 4]);
      const body = (await store().loadBody(id))!;
      expect(body.lastSeq).toBe(4);
      expect(replay(body.updates)).toBe('Nous cultivons ensemble');
      expect(await store().getDocument(id)).toMatchObject({ updatedAt: at(3), updatedBy: null });
    });

    it('keeps concurrent batches of several documents, each in its own order', async () => {
      const [a, b] = [await newDocument(), await newDocument()];
      const pieces = ['un ', 'deux ', 'trois'];
      const { updates } = typedUpdates(pieces);
      const write = (doc: { id: string; memberId: string }, from: number) =>
        store().appendUpdates(doc.id, updates.slice(from, from + 1).map((update) => ({ update, memberId: doc.memberId, at: at(1) })));
      const seqs = await Promise.all([write(a, 0), write(b, 0), write(a, 1), write(b, 1), write(a, 2), write(b, 2)]);
      expect(seqs).toEqual([[2], [2], [3], [3], [4], [4]]);
      for (const doc of [a, b]) expect(replay((await store().loadBody(doc.id))!.updates)).toBe('un deux trois');
    });

    it('refuses a whole batch for an unknown document or member, without harming a concurrent one', async () => {
      const { id, memberId } = await newDocument();
      const { updates } = typedUpdates(['gardé', ' refusé']);
      const good = store().appendUpdates(id, [{ update: updates[0]!, memberId, at: at(1) }]);
      const unknownDoc = store().appendUpdates('unknown_doc', [{ update: updates[1]!, memberId: null, at: at(1) }]);
      const unknownMember = store().appendUpdates(id, [
        { update: updates[1]!, memberId, at: at(2) },
        { update: updates[1]!, memberId: 'unknown_member', at: at(2) },
      ]);
      await expect(unknownDoc).rejects.toThrow();
      await expect(unknownMember).rejects.toThrow();
      expect(await good).toEqual([2]);
      const body = (await store().loadBody(id))!;
      expect(body.lastSeq).toBe(2);
      expect(replay(body.updates)).toBe('gardé');
      expect(await store().getDocument(id)).toMatchObject({ updatedAt: at(1) });
    });
  });
}

/**
 * Contract suite, third part: comment threads, comments and the notifications written with them.
 * Every write is checked through what the store gives back afterwards, as the inbox and the thread
 * list would show it.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './Store';
import { at, commentRow, documentRow, memberRow, notificationRow, seedCollective, threadRow } from './contractFixtures';

/** Registers the comment and notification tests; `store` returns the current test's store. */
export function commentsContract(store: () => Store): void {
  threadsContract(store);
  commentEditsContract(store);
  notificationsContract(store);
}

/** A document in a fresh collective, its coordinator (the author below) and a second member. */
async function commentedDocument(store: Store) {
  const { workspace, coordinator } = await seedCollective(store);
  const doc = documentRow(workspace.id, { createdBy: coordinator.id });
  await store.createDocument(doc, new Uint8Array([0, 0]));
  const bea = memberRow({ name: 'Bea' });
  await store.createMember(bea);
  await store.setMembership(workspace.id, bea.id, 'member', at(0));
  return { workspace, doc, author: coordinator, bea };
}

function threadsContract(store: () => Store): void {
  describe('comment threads', () => {
    it('creates a thread with its first comment and notifications, and reads them back as given', async () => {
      const { doc, author, bea } = await commentedDocument(store());
      const thread = threadRow(doc.id, author.id);
      const first = commentRow(thread.id, author.id, { body: '<b>Pas</b> interprété', mentions: [bea.id] });
      await store().createThread(thread, first, [notificationRow(bea.id, doc.id, first)]);
      expect(await store().getThread(thread.id)).toEqual(thread);
      expect(await store().getComment(first.id)).toEqual(first);
      expect(await store().listThreads(doc.id)).toEqual([{ thread, comments: [first] }]);
      expect(await store().countUnread(bea.id)).toEqual(new Map([[doc.id, 1]]));
      expect(await store().getThread('unknown_thread')).toBeNull();
      expect(await store().getComment('unknown_comment')).toBeNull();
    });

    it('lists a document’s threads oldest first, each with its comments oldest first', async () => {
      const { workspace, doc, author, bea } = await commentedDocument(store());
      const other = documentRow(workspace.id);
      await store().createDocument(other, new Uint8Array([0, 0]));
      const later = threadRow(doc.id, author.id, { createdAt: at(5) });
      const earlier = threadRow(doc.id, bea.id, { createdAt: at(2) });
      const elsewhere = threadRow(other.id, author.id);
      const [c1, c2, c3] = [commentRow(later.id, author.id, { createdAt: at(5) }), commentRow(earlier.id, bea.id, { createdAt: at(2) }), commentRow(elsewhere.id, author.id)];
      await store().createThread(later, c1!, []);
      await store().createThread(earlier, c2!, []);
      await store().createThread(elsewhere, c3!, []);
      // Two replies at the same instant keep the order they were written in.
      const replies = [commentRow(earlier.id, author.id, { createdAt: at(6), body: 'un' }), commentRow(earlier.id, bea.id, { createdAt: at(6), body: 'deux' })];
      for (const reply of replies) await store().addComment(reply, []);

      const listed = await store().listThreads(doc.id);
      expect(listed.map((t) => t.thread.id)).toEqual([earlier.id, later.id]);
      expect(listed[0]!.comments.map((c) => c.body)).toEqual([c2!.body, 'un', 'deux']);
      expect(listed[1]!.comments).toEqual([c1]);
      expect(await store().listThreads('unknown_doc')).toEqual([]);
    });

    it('pages threads and comments oldest first, ties in insertion order, from where the last page ended', async () => {
      const { workspace, doc, author, bea } = await commentedDocument(store());
      const other = documentRow(workspace.id);
      await store().createDocument(other, new Uint8Array([0, 0]));
      // Two threads at the same instant, the second with the smaller id: insertion order decides.
      const threads = [
        threadRow(doc.id, author.id, { createdAt: at(2) }),
        threadRow(doc.id, bea.id, { id: 'thr_zzzzzzzz', createdAt: at(3) }),
        threadRow(doc.id, author.id, { id: 'thr_aaaaaaaa', createdAt: at(3) }),
        threadRow(doc.id, bea.id, { createdAt: at(4) }),
      ];
      for (const thread of threads) await store().createThread(thread, commentRow(thread.id, author.id, { createdAt: thread.createdAt, body: `sur ${thread.id}` }), []);
      const elsewhere = threadRow(other.id, author.id, { createdAt: at(3) });
      await store().createThread(elsewhere, commentRow(elsewhere.id, author.id), []);
      const replies = [commentRow(threads[0]!.id, bea.id, { id: 'com_zzzzzzzz', createdAt: at(6), body: 'un' }), commentRow(threads[0]!.id, author.id, { id: 'com_aaaaaaaa', createdAt: at(6), body: 'deux' })];
      for (const reply of replies) await store().addComment(reply, []);
      const startOf = (row: { createdAt: string; id: string }) => ({ createdAt: row.createdAt, id: row.id });

      const first = await store().listThreadPage(doc.id, null, 2, 2);
      expect(first.map((t) => t.thread)).toEqual(threads.slice(0, 2));
      expect(first[0]!.comments.map((c) => c.body)).toEqual([`sur ${threads[0]!.id}`, 'un']);
      expect(first[1]!.comments.map((c) => c.body)).toEqual([`sur ${threads[1]!.id}`]);
      const second = await store().listThreadPage(doc.id, startOf(threads[1]!), 2, 2);
      expect(second.map((t) => t.thread.id)).toEqual([threads[2]!.id, threads[3]!.id]);
      expect(await store().listThreadPage(doc.id, startOf(threads[3]!), 2, 2)).toEqual([]);
      expect((await store().listThreadPage(doc.id, null, 10, 0)).map((t) => t.comments)).toEqual([[], [], [], []]);
      // The row a page ended on is gone: the next page repeats the rows of its instant rather than skip one.
      const gone = await store().listThreadPage(doc.id, { createdAt: at(3), id: 'thr_deleted0' }, 10, 1);
      expect(gone.map((t) => t.thread.id)).toEqual(threads.slice(1).map((t) => t.id));

      const comments = await store().listComments(threads[0]!.id, null, 2);
      expect(comments.map((c) => c.body)).toEqual([`sur ${threads[0]!.id}`, 'un']);
      expect(await store().listComments(threads[0]!.id, startOf(comments[1]!), 2)).toEqual([replies[1]]);
      expect(await store().listComments(threads[0]!.id, startOf(replies[1]!), 2)).toEqual([]);
      expect(await store().listComments('unknown_thread', null, 5)).toEqual([]);
      expect(await store().listThreadPage('unknown_doc', null, 5, 5)).toEqual([]);
    });

    it('refuses a thread on an unknown document or by an unknown member, storing none of it', async () => {
      const { doc, author, bea } = await commentedDocument(store());
      const orphan = threadRow('unknown_doc', author.id);
      await expect(store().createThread(orphan, commentRow(orphan.id, author.id), [])).rejects.toThrow();
      const byNobody = threadRow(doc.id, 'unknown_member');
      await expect(store().createThread(byNobody, commentRow(byNobody.id, author.id), [])).rejects.toThrow();
      // A bad notification refuses the whole call: no thread, no comment.
      const thread = threadRow(doc.id, author.id);
      const first = commentRow(thread.id, author.id);
      await expect(store().createThread(thread, first, [notificationRow('unknown_member', doc.id, first)])).rejects.toThrow();
      expect(await store().getThread(thread.id)).toBeNull();
      expect(await store().getComment(first.id)).toBeNull();
      expect(await store().listThreads(doc.id)).toEqual([]);
      expect(await store().countUnread(bea.id)).toEqual(new Map());
    });

    it('refuses a reply to an unknown thread', async () => {
      const { author } = await commentedDocument(store());
      const reply = commentRow('unknown_thread', author.id);
      await expect(store().addComment(reply, [])).rejects.toThrow();
      expect(await store().getComment(reply.id)).toBeNull();
    });

    it('resolves and reopens, and counts open threads per document of one collective', async () => {
      const { workspace, doc, author, bea } = await commentedDocument(store());
      const quiet = documentRow(workspace.id);
      await store().createDocument(quiet, new Uint8Array([0, 0]));
      const elsewhere = await commentedDocument(store());
      const threads = [threadRow(doc.id, author.id), threadRow(doc.id, bea.id), threadRow(elsewhere.doc.id, elsewhere.author.id)];
      for (const t of threads) await store().createThread(t, commentRow(t.id, t.createdBy), []);
      expect(await store().countOpenThreads(workspace.id)).toEqual(new Map([[doc.id, 2]]));

      expect(await store().setThreadResolved(threads[0]!.id, { by: bea.id, at: at(9) })).toBe(true);
      expect(await store().getThread(threads[0]!.id)).toEqual({ ...threads[0], resolvedAt: at(9), resolvedBy: bea.id });
      expect(await store().countOpenThreads(workspace.id)).toEqual(new Map([[doc.id, 1]]));
      await store().setThreadResolved(threads[1]!.id, { by: author.id, at: at(9) });
      expect(await store().countOpenThreads(workspace.id)).toEqual(new Map());

      expect(await store().setThreadResolved(threads[0]!.id, null)).toBe(true);
      expect(await store().getThread(threads[0]!.id)).toEqual(threads[0]);
      expect(await store().countOpenThreads(workspace.id)).toEqual(new Map([[doc.id, 1]]));
      expect(await store().setThreadResolved('unknown_thread', null)).toBe(false);
    });
  });
}

function commentEditsContract(store: () => Store): void {
  describe('comment edits and deletions', () => {
    it('changes a comment’s text and mentions, and copies rows in and out', async () => {
      const { doc, author, bea } = await commentedDocument(store());
      const thread = threadRow(doc.id, author.id);
      const first = commentRow(thread.id, author.id);
      await store().createThread(thread, first, []);
      const mentions = [bea.id];
      expect(await store().updateComment(first.id, 'Texte corrigé', mentions, at(3))).toBe(true);
      mentions.push('changed_after_call');
      (await store().getComment(first.id))!.mentions.push('changed_after_read');
      expect(await store().getComment(first.id)).toEqual({ ...first, body: 'Texte corrigé', mentions: [bea.id], editedAt: at(3) });
      expect(await store().updateComment('unknown_comment', 'x', [], at(3))).toBe(false);
    });

    it('deletes a reply with its notifications, and the thread with its last comment', async () => {
      const { doc, author, bea } = await commentedDocument(store());
      const thread = threadRow(doc.id, author.id);
      const first = commentRow(thread.id, author.id);
      const reply = commentRow(thread.id, bea.id, { createdAt: at(2) });
      await store().createThread(thread, first, []);
      await store().addComment(reply, [notificationRow(author.id, doc.id, reply, { kind: 'reply' })]);
      expect(await store().countUnread(author.id)).toEqual(new Map([[doc.id, 1]]));

      expect(await store().deleteComment(reply.id)).toEqual({ deleted: true, threadDeleted: false });
      expect(await store().listThreads(doc.id)).toEqual([{ thread, comments: [first] }]);
      expect(await store().listNotifications(author.id, 10)).toEqual([]);
      expect(await store().deleteComment(reply.id)).toEqual({ deleted: false, threadDeleted: false });

      expect(await store().deleteComment(first.id)).toEqual({ deleted: true, threadDeleted: true });
      expect(await store().getThread(thread.id)).toBeNull();
      expect(await store().listThreads(doc.id)).toEqual([]);
    });
  });
}

function notificationsContract(store: () => Store): void {
  describe('notifications', () => {
    /** Three comments at minutes 1, 2, 3, each notifying Bea; one also notifies the author. */
    async function inbox() {
      const { workspace, doc, author, bea } = await commentedDocument(store());
      const thread = threadRow(doc.id, author.id);
      const comments = [1, 2, 3].map((m) => commentRow(thread.id, author.id, { createdAt: at(m), body: `c${m}` }));
      const forBea = comments.map((c) => notificationRow(bea.id, doc.id, c));
      await store().createThread(thread, comments[0]!, [forBea[0]!]);
      await store().addComment(comments[1]!, [forBea[1]!, notificationRow(author.id, doc.id, comments[1]!, { actorId: bea.id, kind: 'reply' })]);
      await store().addComment(comments[2]!, [forBea[2]!]);
      return { workspace, doc, author, bea, forBea };
    }

    it('lists a member’s notifications newest first, up to a limit', async () => {
      const { bea, forBea } = await inbox();
      expect(await store().listNotifications(bea.id, 10)).toEqual([...forBea].reverse());
      expect((await store().listNotifications(bea.id, 2)).map((n) => n.id)).toEqual([forBea[2]!.id, forBea[1]!.id]);
      expect(await store().listNotifications('unknown_member', 10)).toEqual([]);
    });

    it('counts unread notifications per document', async () => {
      const { workspace, doc, author, bea } = await inbox();
      const other = documentRow(workspace.id);
      await store().createDocument(other, new Uint8Array([0, 0]));
      const thread = threadRow(other.id, author.id);
      const first = commentRow(thread.id, author.id);
      await store().createThread(thread, first, [notificationRow(bea.id, other.id, first)]);
      expect(await store().countUnread(bea.id)).toEqual(new Map([[doc.id, 3], [other.id, 1]]));
      expect(await store().countUnread('unknown_member')).toEqual(new Map());
    });

    it('marks some or all of a member’s notifications read, never another member’s', async () => {
      const { doc, author, bea, forBea } = await inbox();
      const authorsOwn = (await store().listNotifications(author.id, 10))[0]!;
      // Bea's call names one of hers and the author's: only hers changes; marking it again changes nothing.
      expect(await store().markRead(bea.id, [forBea[0]!.id, authorsOwn.id], at(10))).toBe(1);
      expect(await store().markRead(bea.id, [forBea[0]!.id], at(11))).toBe(0);
      expect(await store().countUnread(bea.id)).toEqual(new Map([[doc.id, 2]]));
      expect(await store().countUnread(author.id)).toEqual(new Map([[doc.id, 1]]));
      expect((await store().listNotifications(bea.id, 10)).map((n) => n.readAt)).toEqual([null, null, at(10)]);

      expect(await store().markRead(bea.id, null, at(12))).toBe(2);
      expect(await store().countUnread(bea.id)).toEqual(new Map());
      expect((await store().listNotifications(bea.id, 10)).map((n) => n.readAt)).toEqual([at(12), at(12), at(10)]);
      expect(await store().countUnread(author.id)).toEqual(new Map([[doc.id, 1]]));
    });
  });
}

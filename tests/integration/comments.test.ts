/**
 * Inline comments, mentions and the inbox through a real server: the API's answers, what the
 * store holds afterwards, and what the live rooms (`meta.`, `ws.`, `me.`) show open clients.
 */
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fetchAllThreads } from '../../client/comments/useThreads';
import { COMMENT_MAX_CHARS, COMMENTS_PAGE, COMMENTS_PER_LISTED_THREAD, THREADS_PAGE, type CommentListResponse, type InboxResponse, type LiveDocumentMeta, type ThreadListResponse, type ThreadView } from '../../shared/api';
import { CloseCode, COMMENTS_REVISION_KEY, DOCUMENT_LIST_MAP, INBOX_MAP, META_MAP, memberRoom, metaRoom, workspaceRoom } from '../../shared/rooms';
import { storedAnchor, storedText, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, type TestServer } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

describe('comments, mentions and the inbox', () => {
  const { server: current, open } = serverPerTest();
  let server: TestServer;
  beforeEach(() => {
    server = current();
  });

  /** A collective with Claire (coordinator, the document's creator) and Béa (member), and one document. */
  async function world() {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, claire.cookie);
    const anchor = await storedAnchor(server.trame.store, doc.id);
    const openThread = (cookie: string, body: string, mentions?: string[]) =>
      api(server, 'POST', `/api/documents/${doc.id}/threads`, { cookie, body: { anchor, body, ...(mentions ? { mentions } : {}) } });
    return { workspaceId, claire, bea, doc, anchor, openThread };
  }

  const reply = (cookie: string, threadId: string, body: string, mentions?: string[]) =>
    api(server, 'POST', `/api/threads/${threadId}/comments`, { cookie, body: { body, ...(mentions ? { mentions } : {}) } });
  const inbox = async (cookie: string): Promise<InboxResponse> => (await api(server, 'GET', '/api/inbox', { cookie })).body;
  const threadsOf = async (cookie: string, documentId: string): Promise<ThreadView[]> => (await api(server, 'GET', `/api/documents/${documentId}/threads`, { cookie })).body.threads;
  const grant = (cookie: string, documentId: string, memberId: string, access: string) => api(server, 'PUT', `/api/documents/${documentId}/access/${memberId}`, { cookie, body: { access } });

  it('runs a thread’s life through the API and keeps it across a restart', async () => {
    const { workspaceId, claire, bea, doc, anchor, openThread } = await world();
    const created = await openThread(claire.cookie, '  Le budget est-il à jour ?\n');
    expect(created.status).toBe(201);
    const thread: ThreadView = created.body;
    expect(thread).toMatchObject({ documentId: doc.id, anchor, createdBy: { id: claire.id, name: 'Claire Coordinatrice' }, resolved: null, canResolve: true });
    expect(thread.comments.map((c) => c.body)).toEqual(['Le budget est-il à jour ?']);
    expect((await threadsOf(bea.cookie, doc.id)).map((t) => [t.id, t.canResolve])).toEqual([[thread.id, true]]);

    // A reply and an edit are answered with that comment alone, not the whole thread.
    const replied = await reply(bea.cookie, thread.id, 'Oui, depuis lundi.');
    expect(replied.status).toBe(201);
    expect(replied.body).toEqual({ id: expect.any(String), threadId: thread.id, author: expect.objectContaining({ id: bea.id, name: 'Béa' }), body: 'Oui, depuis lundi.', mentions: [], createdAt: expect.any(String), editedAt: null });
    const replyId: string = replied.body.id;
    const edited = await api(server, 'PATCH', `/api/comments/${replyId}`, { cookie: bea.cookie, body: { body: 'Oui, depuis mardi.' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: replyId, threadId: thread.id, body: 'Oui, depuis mardi.', author: { name: 'Béa' }, editedAt: expect.any(String) });
    expect(edited.body).not.toHaveProperty('comments');
    expect(await server.trame.store.getComment(replyId)).toMatchObject({ body: 'Oui, depuis mardi.', editedAt: edited.body.editedAt });
    expect((await threadsOf(claire.cookie, doc.id))[0]!.comments.map((c) => [c.id, c.body])).toEqual([[thread.comments[0]!.id, 'Le budget est-il à jour ?'], [replyId, 'Oui, depuis mardi.']]);

    const extraId: string = (await reply(bea.cookie, thread.id, 'À retirer')).body.id;
    expect((await api(server, 'DELETE', `/api/comments/${extraId}`, { cookie: bea.cookie })).status).toBe(204);
    expect(await server.trame.store.getComment(extraId)).toBeNull();

    const listed = async () => (await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: bea.cookie })).body.documents[0].openThreads;
    expect(await listed()).toBe(1);
    const resolved = await api(server, 'POST', `/api/threads/${thread.id}/resolve`, { cookie: claire.cookie });
    expect(resolved.body.resolved).toMatchObject({ by: { id: claire.id }, at: expect.any(String) });
    expect(await server.trame.store.getThread(thread.id)).toMatchObject({ resolvedBy: claire.id });
    expect(await listed()).toBe(0);
    expect((await api(server, 'POST', `/api/threads/${thread.id}/reopen`, { cookie: claire.cookie })).body.resolved).toBeNull();
    expect(await server.trame.store.getThread(thread.id)).toMatchObject({ resolvedBy: null, resolvedAt: null });

    const lone: ThreadView = (await openThread(bea.cookie, 'Seul commentaire')).body;
    expect((await api(server, 'DELETE', `/api/comments/${lone.comments[0]!.id}`, { cookie: bea.cookie })).status).toBe(204);
    expect(await server.trame.store.getThread(lone.id)).toBeNull();

    const before = await threadsOf(claire.cookie, doc.id);
    expect(before.map((t) => t.comments.map((c) => c.body))).toEqual([['Le budget est-il à jour ?', 'Oui, depuis mardi.']]);
    await server.restart();
    // A pooled keep-alive socket of the stopped server may fail once: wait until the new one answers.
    await waitFor(async () => (await fetch(`${server.url}/healthz`).catch(() => null))?.ok === true, 'restarted server answers');
    expect(await threadsOf(claire.cookie, doc.id)).toEqual(before);
  });

  it('lets commenters comment, while their provider still cannot change the body', async () => {
    const { workspaceId, claire, doc, openThread } = await world();
    const nina = await addMember(server, workspaceId, claire.cookie, 'newcomer', 'Nina'); // comments by default
    const gaston = await addMember(server, workspaceId, claire.cookie, 'member', 'Gaston');
    expect((await grant(claire.cookie, doc.id, gaston.id, 'comment')).status).toBe(204);
    for (const commenter of [nina, gaston]) {
      const created = await openThread(commenter.cookie, 'Une remarque');
      expect(created.status).toBe(201);
      expect((await reply(commenter.cookie, created.body.id, 'Et une suite')).status).toBe(201);
    }
    expect((await server.trame.store.listThreads(doc.id)).map((t) => t.comments.length)).toEqual([2, 2]);

    const before = await storedText(server.trame.store, doc.id);
    const client = open(server.collabUrl, doc.room, { cookie: gaston.cookie, origin: server.origin });
    await waitFor(() => client.provider.synced, 'synced');
    typeParagraph(client.doc, 'Réécrit par un commentateur');
    await waitFor(() => client.closeCodes.includes(CloseCode.READ_ONLY), 'closed as read-only');
    expect(await storedText(server.trame.store, doc.id)).toBe(before);
  });

  it('refuses what a member may not do, and hides threads from those who cannot read the document', async () => {
    const { workspaceId, claire, bea, doc, openThread } = await world();
    const [viewer, nina, guest, leaver] = [
      await addMember(server, workspaceId, claire.cookie, 'member', 'Victor'),
      await addMember(server, workspaceId, claire.cookie, 'newcomer', 'Nina'),
      await addMember(server, workspaceId, claire.cookie, 'guest', 'Gisèle'),
      await addMember(server, workspaceId, claire.cookie, 'member', 'Léo'),
    ];
    await grant(claire.cookie, doc.id, viewer.id, 'view');
    await api(server, 'DELETE', `/api/workspaces/${workspaceId}/members/${leaver.id}`, { cookie: claire.cookie });
    const thread: ThreadView = (await openThread(claire.cookie, 'Premier avis')).body;
    const commentPath = `/api/comments/${thread.comments[0]!.id}`;
    const errorOf = (res: { status: number; body: { error?: { id: string } } }) => [res.status, res.body?.error?.id];

    expect((await threadsOf(viewer.cookie, doc.id)).map((t) => t.canResolve)).toEqual([false]);
    expect(errorOf(await openThread(viewer.cookie, 'Je voudrais commenter'))).toEqual([403, 'forbidden']);
    expect(errorOf(await reply(viewer.cookie, thread.id, 'Moi aussi'))).toEqual([403, 'forbidden']);
    expect(errorOf(await api(server, 'PATCH', commentPath, { cookie: bea.cookie, body: { body: 'Réécrit' } }))).toEqual([403, 'forbidden']);
    expect(errorOf(await api(server, 'DELETE', commentPath, { cookie: bea.cookie }))).toEqual([403, 'forbidden']);
    expect(errorOf(await api(server, 'POST', `/api/threads/${thread.id}/resolve`, { cookie: nina.cookie }))).toEqual([403, 'forbidden']);
    for (const outsider of [guest, leaver]) {
      expect(errorOf(await api(server, 'GET', `/api/documents/${doc.id}/threads`, { cookie: outsider.cookie }))).toEqual([404, 'not_found']);
      expect(errorOf(await reply(outsider.cookie, thread.id, 'Intrus'))).toEqual([404, 'not_found']);
      expect(errorOf(await api(server, 'PATCH', commentPath, { cookie: outsider.cookie, body: { body: 'Intrus' } }))).toEqual([404, 'not_found']);
      expect(errorOf(await api(server, 'POST', `/api/threads/${thread.id}/resolve`, { cookie: outsider.cookie }))).toEqual([404, 'not_found']);
    }
    expect(errorOf(await reply(bea.cookie, 'unknownThread0', 'Où ?'))).toEqual([404, 'not_found']);
    expect(errorOf(await reply(bea.cookie, 'x', 'Où ?'))).toEqual([400, 'invalid_input']);
    expect(await server.trame.store.listThreads(doc.id)).toEqual([
      { thread: expect.objectContaining({ id: thread.id, resolvedAt: null }), comments: [expect.objectContaining({ body: 'Premier avis', editedAt: null })] },
    ]);

    // Nina may resolve the thread she opened; Béa, an editor, may resolve anyone's.
    const ninas: ThreadView = (await openThread(nina.cookie, 'Ma question')).body;
    expect(ninas.canResolve).toBe(true);
    expect((await api(server, 'POST', `/api/threads/${ninas.id}/resolve`, { cookie: nina.cookie })).status).toBe(200);
    expect((await api(server, 'POST', `/api/threads/${thread.id}/resolve`, { cookie: bea.cookie })).body.resolved.by.id).toBe(bea.id);

    // An archived document is view-only for everyone, its threads included.
    await api(server, 'POST', `/api/documents/${doc.id}/archive`, { cookie: claire.cookie });
    expect(errorOf(await openThread(claire.cookie, 'Trop tard'))).toEqual([403, 'forbidden']);
    expect(errorOf(await api(server, 'POST', `/api/threads/${thread.id}/reopen`, { cookie: claire.cookie }))).toEqual([403, 'forbidden']);
    expect((await server.trame.store.listThreads(doc.id)).map((t) => t.thread.resolvedBy)).toEqual([bea.id, nina.id]);
  });

  it('returns markup in a comment byte for byte, as JSON, never interpreted', async () => {
    const { claire, doc, openThread } = await world();
    const markup = '<img src=x onerror=alert(1)><b>gras</b>';
    const created = await openThread(claire.cookie, markup);
    expect(created.body.comments[0].body).toBe(markup);
    const response = await fetch(`${server.url}/api/documents/${doc.id}/threads`, { headers: { cookie: claire.cookie } });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { threads: ThreadView[] }).threads[0]!.comments[0]!.body).toBe(markup);
    expect((await server.trame.store.getComment(created.body.comments[0].id))!.body).toBe(markup);
  });

  it('checks mentions, notifies mentioned members, thread and document creators, and marks read', async () => {
    const { workspaceId, claire, bea, doc, openThread } = await world();
    const dan = await addMember(server, workspaceId, claire.cookie, 'member', 'Dan');
    const guest = await addMember(server, workspaceId, claire.cookie, 'guest', 'Gisèle'); // cannot read the document
    for (const id of [guest.id, 'notAMember123']) {
      const refused = await openThread(bea.cookie, 'Avis ?', [id]);
      expect([refused.status, refused.body.error.id]).toEqual([400, 'mention_invalid']);
      expect(refused.body.error.message).toContain(id);
    }
    expect(await server.trame.store.listThreads(doc.id)).toEqual([]);
    const mentionable = await api(server, 'GET', `/api/documents/${doc.id}/mentionable`, { cookie: bea.cookie });
    expect(mentionable.body.members.map((m: { name: string }) => m.name)).toEqual(['Béa', 'Claire Coordinatrice', 'Dan']);
    expect(await inbox(claire.cookie)).toEqual({ items: [], unread: 0 }); // no thread, so no notice to its creator

    // Béa opens a thread on Claire's document, mentioning Dan (twice) and herself.
    const thread: ThreadView = (await openThread(bea.cookie, 'Dan, peux-tu relire ?', [dan.id, dan.id, bea.id])).body;
    expect(thread.comments[0]!.mentions.map((m) => m.name)).toEqual(['Dan', 'Béa']);
    const dans = await inbox(dan.cookie);
    expect(dans).toEqual({ unread: 1, items: [expect.objectContaining({ kind: 'mention', document: { id: doc.id, title: 'Appel à projets' }, threadId: thread.id, excerpt: 'Dan, peux-tu relire ?', read: false })] });
    expect(dans.items[0]!.actor).toMatchObject({ id: bea.id, name: 'Béa' });
    expect((await inbox(claire.cookie)).items.map((i) => i.kind)).toEqual(['thread']);
    expect(await inbox(bea.cookie)).toEqual({ items: [], unread: 0 });

    await reply(claire.cookie, thread.id, 'Merci Béa');
    await reply(dan.cookie, thread.id, `Relu, Béa. ${'Très long commentaire. '.repeat(20)}`, [bea.id]);
    const beas = await inbox(bea.cookie);
    expect(beas.items.map((i) => [i.kind, i.actor.name])).toEqual([['mention', 'Dan'], ['reply', 'Claire Coordinatrice']]);
    expect(beas.unread).toBe(2);
    expect(Array.from(beas.items[0]!.excerpt).length).toBeLessThanOrEqual(140);

    // Others' ids are ignored: Dan's notification stays unread.
    expect((await api(server, 'POST', '/api/inbox/read', { cookie: bea.cookie, body: { ids: [beas.items[1]!.id, dans.items[0]!.id] } })).status).toBe(204);
    expect((await inbox(bea.cookie)).items.map((i) => i.read)).toEqual([false, true]);
    expect((await inbox(dan.cookie)).unread).toBe(1);
    await api(server, 'POST', '/api/inbox/read', { cookie: bea.cookie, body: {} });
    expect(await server.trame.store.countUnread(bea.id)).toEqual(new Map());
    expect((await inbox(bea.cookie)).unread).toBe(0);

    // Dan loses access: his notifications about the document are neither shown nor counted.
    await grant(claire.cookie, doc.id, dan.id, 'view');
    expect((await inbox(dan.cookie)).unread).toBe(1);
    await api(server, 'DELETE', `/api/workspaces/${workspaceId}/members/${dan.id}`, { cookie: claire.cookie });
    expect(await inbox(dan.cookie)).toEqual({ items: [], unread: 0 });
  });

  it('shows comment changes, unread counts and open threads live, and keeps each inbox room private', async () => {
    const { workspaceId, claire, bea, doc, openThread } = await world();
    const headers = (cookie: string) => ({ cookie, origin: server.origin });
    const meta = open(server.collabUrl, metaRoom(doc.id), headers(claire.cookie));
    const revision = () => meta.doc.getMap(META_MAP).get(COMMENTS_REVISION_KEY);
    await waitFor(() => typeof revision() === 'number', 'initial comments revision');
    const initial = revision() as number;
    const list = open(server.collabUrl, workspaceRoom(workspaceId), headers(claire.cookie));
    const openThreads = () => list.doc.getMap<LiveDocumentMeta>(DOCUMENT_LIST_MAP).get(doc.id)?.openThreads;
    await waitFor(() => openThreads() === 0, 'listed without threads');
    const beasInbox = open(server.collabUrl, memberRoom(bea.id), headers(bea.cookie));
    const unread = () => beasInbox.doc.getMap(INBOX_MAP).get('unread');
    await waitFor(() => unread() === 0, 'Béa’s inbox empty');
    const intruder = open(server.collabUrl, memberRoom(bea.id), headers(claire.cookie));
    await waitFor(() => intruder.closeCodes.length > 0, 'intruder refused');
    expect(intruder.closeCodes[0]).toBe(CloseCode.FORBIDDEN);

    const thread: ThreadView = (await openThread(claire.cookie, 'Béa, ton avis ?', [bea.id])).body;
    await waitFor(() => (revision() as number) > initial, 'comments revision changed');
    await waitFor(() => unread() === 1, 'Béa sees one unread');
    await waitFor(() => openThreads() === 1, 'one open thread listed');
    await api(server, 'POST', `/api/threads/${thread.id}/resolve`, { cookie: claire.cookie });
    await waitFor(() => openThreads() === 0, 'resolved thread no longer open');
    await api(server, 'POST', '/api/inbox/read', { cookie: bea.cookie, body: {} });
    await waitFor(() => unread() === 0, 'read');
  });

  it('pages a document’s threads and a long thread’s comments, and answers a reply with the reply alone', async () => {
    const { claire, bea, doc, openThread } = await world();
    const opened: ThreadView[] = [];
    for (let i = 1; i <= 5; i++) opened.push((await openThread(i % 2 ? claire.cookie : bea.cookie, `Fil ${i}`)).body);
    const pageOf = async (query: string): Promise<ThreadListResponse> => (await api(server, 'GET', `/api/documents/${doc.id}/threads${query}`, { cookie: bea.cookie })).body;

    // Pages of two, followed by their cursors: every thread once, oldest first, then no cursor.
    const seen: string[][] = [];
    let page = await pageOf('?limit=2');
    seen.push(page.threads.map((t) => t.comments[0]!.body));
    while (page.nextCursor !== null) {
      page = await pageOf(`?limit=2&cursor=${page.nextCursor}`);
      seen.push(page.threads.map((t) => t.comments[0]!.body));
    }
    expect(seen).toEqual([['Fil 1', 'Fil 2'], ['Fil 3', 'Fil 4'], ['Fil 5']]);
    expect(await pageOf('')).toMatchObject({ nextCursor: null, threads: opened.map((t) => expect.objectContaining({ id: t.id, commentsCursor: null })) });

    // A long thread: its first comments come with it, the rest by pages of its own.
    const long = opened[0]!;
    const replies = COMMENTS_PER_LISTED_THREAD + 4;
    let last: { status: number; body: unknown } = { status: 0, body: null };
    for (let i = 1; i <= replies; i++) last = await reply(i % 2 ? bea.cookie : claire.cookie, long.id, `Réponse ${i} ${'développée '.repeat(100)}`);
    expect(last.status).toBe(201);
    expect(JSON.stringify(last.body).length).toBeLessThan(2000); // the reply, not the 25 comments of its thread
    const listed = (await pageOf('')).threads.find((t) => t.id === long.id)!;
    expect(listed.comments).toHaveLength(COMMENTS_PER_LISTED_THREAD);
    expect(listed.commentsCursor).toEqual(expect.any(String));
    const rest: CommentListResponse = (await api(server, 'GET', `/api/threads/${long.id}/comments?cursor=${listed.commentsCursor}&limit=3`, { cookie: bea.cookie })).body;
    const restAfter: CommentListResponse = (await api(server, 'GET', `/api/threads/${long.id}/comments?cursor=${rest.nextCursor}`, { cookie: bea.cookie })).body;
    expect(restAfter.nextCursor).toBeNull();
    const all = [...listed.comments, ...rest.comments, ...restAfter.comments].map((c) => c.body.split(' ').slice(0, 2).join(' '));
    expect(all).toEqual(['Fil 1', ...Array.from({ length: replies }, (_, i) => `Réponse ${i + 1}`)]);
    const stored = (await server.trame.store.listThreads(doc.id)).find((t) => t.thread.id === long.id)!;
    expect([...listed.comments, ...rest.comments, ...restAfter.comments].map((c) => c.id)).toEqual(stored.comments.map((c) => c.id));

    // Resolving answers the thread with its first comments only, like a list does.
    const resolved: ThreadView = (await api(server, 'POST', `/api/threads/${long.id}/resolve`, { cookie: claire.cookie })).body;
    expect([resolved.comments.length, typeof resolved.commentsCursor]).toEqual([COMMENTS_PER_LISTED_THREAD, 'string']);
  });

  it('gives the client every thread and every comment of a document, however many pages they take', async () => {
    const { claire, bea, doc, openThread } = await world();
    const threadCount = THREADS_PAGE.default + 3;
    for (let i = 1; i <= threadCount; i++) expect((await openThread(i % 2 ? claire.cookie : bea.cookie, `Fil ${i}`)).status).toBe(201);
    const long = (await server.trame.store.listThreads(doc.id))[1]!.thread.id;
    for (let i = 1; i <= COMMENTS_PER_LISTED_THREAD + 2; i++) await reply(i % 2 ? claire.cookie : bea.cookie, long, `Réponse ${i}`);

    // The client's own fetching, its relative paths sent to this server with Béa's cookie.
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => realFetch(server.url + path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: bea.cookie } }));
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
    const shown = await fetchAllThreads(doc.id);
    const stored = await server.trame.store.listThreads(doc.id);
    expect(shown.map((t) => [t.id, t.comments.map((c) => c.id), t.commentsCursor])).toEqual(stored.map((t) => [t.thread.id, t.comments.map((c) => c.id), null]));
    expect(shown[1]!.comments).toHaveLength(COMMENTS_PER_LISTED_THREAD + 3);
  });

  it('refuses bad input with invalid_input and stores nothing of it', async () => {
    const { claire, doc, anchor, openThread } = await world();
    const thread: ThreadView = (await openThread(claire.cookie, 'Seul texte valable')).body;
    const threadPath = `/api/documents/${doc.id}/threads`;
    const cases: [string, string, unknown][] = [
      ['POST', threadPath, { anchor, body: '  \n ' }],
      ['POST', threadPath, { anchor, body: 'x'.repeat(COMMENT_MAX_CHARS + 1) }],
      ['POST', threadPath, { anchor: { ...anchor, start: 'pas du base64 !' }, body: 'ok' }],
      ['POST', threadPath, { anchor: { ...anchor, end: 'BQYHCA==' }, body: 'ok' }], // base64, but no position
      ['POST', threadPath, { anchor: { ...anchor, from: 3 }, body: 'ok' }],
      ['POST', threadPath, { anchor, body: 'ok', html: '<b>ok</b>' }],
      ['POST', `/api/threads/${thread.id}/comments`, { body: '' }],
      ['POST', `/api/threads/${thread.id}/comments`, { body: 'ok', resolved: true }],
      ['PATCH', `/api/comments/${thread.comments[0]!.id}`, { body: 'x'.repeat(COMMENT_MAX_CHARS + 1) }],
      ['POST', '/api/inbox/read', { ids: [] }],
      ['GET', `${threadPath}?limit=0`, undefined],
      ['GET', `${threadPath}?limit=${THREADS_PAGE.max + 1}`, undefined],
      ['GET', `${threadPath}?limit=deux`, undefined],
      ['GET', `${threadPath}?cursor=pas+un+curseur`, undefined],
      ['GET', `${threadPath}?cursor=${Buffer.from('2026-01-01 x').toString('base64url')}`, undefined],
      ['GET', `/api/threads/${thread.id}/comments?cursor=${Buffer.from(`hier ${thread.comments[0]!.id}`).toString('base64url')}`, undefined],
      ['GET', `/api/threads/${thread.id}/comments?limit=${COMMENTS_PAGE.max + 1}`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const res = await api(server, method, path, { cookie: claire.cookie, body });
      expect([res.status, res.body.error.id], `${method} ${path} ${(JSON.stringify(body) ?? '').slice(0, 80)}`).toEqual([400, 'invalid_input']);
    }
    expect(await server.trame.store.listThreads(doc.id)).toEqual([
      { thread: expect.objectContaining({ id: thread.id }), comments: [expect.objectContaining({ body: 'Seul texte valable', editedAt: null })] },
    ]);
  });
});

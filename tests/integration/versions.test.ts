/**
 * Versions through a real server, SQLite file and y-websocket providers: automatic versions after
 * a pause, named versions, read-only content, diffs, and restores that every open editor receives.
 */
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { VersionDiffResponse, VersionListResponse, VersionView } from '../../shared/versions/contract';
import { META_MAP, metaRoom, VERSIONS_REVISION_KEY } from '../../shared/rooms';
import { bodyText, storedText, typeParagraph, waitFor } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

describe('versions', () => {
  // Automatic versions would come between the ones a test takes: only the test about them has a short pause.
  const { server: current, open, closeAll } = serverPerTest({ env: { VERSION_PAUSE_MS: '600000' } });
  let server: TestServer;
  beforeEach(() => {
    server = current();
  });

  async function world() {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, claire.cookie, 'Appel à projets', 'note');
    const join = (cookie: string) => open(server.collabUrl, doc.room, { cookie, origin: server.origin });
    return { workspaceId, claire, bea, doc, join };
  }

  const list = async (cookie: string, documentId: string): Promise<VersionListResponse> => (await api(server, 'GET', `/api/documents/${documentId}/versions`, { cookie })).body;
  const name = (cookie: string, documentId: string, versionName: string) => api(server, 'POST', `/api/documents/${documentId}/versions`, { cookie, body: { name: versionName } });

  it('takes a version once editing pauses, naming who wrote it, and tells open clients', async () => {
    // A server of its own with a short pause (the suite's one stays idle and is stopped after).
    server = await startTestServer({ env: { VERSION_PAUSE_MS: '150' } });
    const short = server;
    onTestFinished(() => short.stop());
    const { claire, bea, doc, join } = await world();
    const meta = open(server.collabUrl, metaRoom(doc.id), { cookie: claire.cookie, origin: server.origin });
    const writer = join(bea.cookie);
    await waitFor(() => writer.provider.synced && meta.provider.synced, 'synced');
    const revisionBefore = meta.doc.getMap(META_MAP).get(VERSIONS_REVISION_KEY);
    typeParagraph(writer.doc, 'Première idée du projet.');
    await expect.poll(async () => (await server.trame.store.listVersions(doc.id)).length, { timeout: 5000 }).toBe(1);
    const [version] = (await list(claire.cookie, doc.id)).versions;
    expect(version).toMatchObject({ seq: 1, kind: 'auto', name: null, createdBy: null, authors: [{ id: bea.id, name: 'Béa' }] });
    const content = await api(server, 'GET', `/api/documents/${doc.id}/versions/${version!.id}`, { cookie: claire.cookie });
    expect(JSON.stringify(content.body.content)).toContain('Première idée du projet.');
    await expect.poll(() => meta.doc.getMap(META_MAP).get(VERSIONS_REVISION_KEY)).not.toBe(revisionBefore);
    // No edit since: no second version, however long one waits for the pause.
    typeParagraph(writer.doc, 'Deuxième idée.');
    await expect.poll(async () => (await server.trame.store.listVersions(doc.id)).length, { timeout: 5000 }).toBe(2);
  });

  it('names versions, shows one read-only and diffs two versions or a version against now', async () => {
    const { claire, doc, join } = await world();
    const writer = join(claire.cookie);
    await waitFor(() => writer.provider.synced, 'synced');
    typeParagraph(writer.doc, 'Le budget est prêt.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('budget'), 'stored');
    const first = await name(claire.cookie, doc.id, 'Avant relecture');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Avant relecture', kind: 'manual', createdBy: { id: claire.id } });

    typeParagraph(writer.doc, 'Annexe ajoutée.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Annexe'), 'stored');
    const second: VersionView = (await name(claire.cookie, doc.id, 'Après relecture')).body;
    typeParagraph(writer.doc, 'Encore une ligne.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Encore'), 'stored');

    const listed = await list(claire.cookie, doc.id);
    expect(listed.versions.map((v) => v.name)).toEqual(['Après relecture', 'Avant relecture']);

    const between: VersionDiffResponse = (await api(server, 'GET', `/api/documents/${doc.id}/diff?from=${first.body.id}&to=${second.id}`, { cookie: claire.cookie })).body;
    expect(between.diff.blocks.filter((b) => b.change === 'insert').map((b) => b.segments.map((s) => s.text).join(''))).toEqual(['Annexe ajoutée.']);
    const sinceFirst: VersionDiffResponse = (await api(server, 'GET', `/api/documents/${doc.id}/diff?from=${first.body.id}&to=current`, { cookie: claire.cookie })).body;
    expect(sinceFirst.to).toBeNull();
    expect(sinceFirst.diff.blocks.filter((b) => b.change === 'insert').map((b) => b.segments.map((s) => s.text).join(''))).toEqual(['Annexe ajoutée.', 'Encore une ligne.']);

    const activity = (await api(server, 'GET', `/api/documents/${doc.id}/activity`, { cookie: claire.cookie })).body.entries;
    expect(activity.map((a: { kind: string; details: { name: string } }) => [a.kind, a.details.name])).toEqual([['version_named', 'Après relecture'], ['version_named', 'Avant relecture']]);
  });

  it('restores a version as a new change that every connected client receives', async () => {
    const { claire, bea, doc, join } = await world();
    const a = join(claire.cookie);
    const b = join(bea.cookie);
    await waitFor(() => a.provider.synced && b.provider.synced, 'synced');
    typeParagraph(a.doc, 'Texte validé en assemblée.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('validé'), 'stored');
    const validated: VersionView = (await name(claire.cookie, doc.id, 'Validé')).body;
    const validatedText = bodyText(a.doc);

    typeParagraph(b.doc, 'Ajout à retirer.');
    await waitFor(() => bodyText(a.doc).includes('retirer'), 'a sees b');
    const restored = await api(server, 'POST', `/api/documents/${doc.id}/versions/${validated.id}/restore`, { cookie: bea.cookie });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ kind: 'restore', createdBy: { id: bea.id } });

    await waitFor(() => bodyText(a.doc) === validatedText && bodyText(b.doc) === validatedText, 'both clients show the restored text');
    expect(await storedText(server.trame.store, doc.id)).toBe(validatedText);
    // History is kept: the versions before the restore are still there, and the restore is one more.
    expect((await server.trame.store.listVersions(doc.id)).map((v) => v.kind)).toEqual(['manual', 'restore']);
    const activity = (await api(server, 'GET', `/api/documents/${doc.id}/activity`, { cookie: claire.cookie })).body.entries;
    expect(activity[0]).toMatchObject({ kind: 'version_restored', actor: { id: bea.id }, details: { restoredVersionId: validated.id } });
    // Editing goes on from the restored text.
    typeParagraph(a.doc, 'Suite.');
    await waitFor(() => bodyText(b.doc) === `${validatedText}Suite.`, 'b sees the next edit');
  });

  it('restores a document nobody has open, through its stored log', async () => {
    const { claire, doc, join } = await world();
    const writer = join(claire.cookie);
    await waitFor(() => writer.provider.synced, 'synced');
    typeParagraph(writer.doc, 'Version A.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Version A.'), 'stored');
    const a: VersionView = (await name(claire.cookie, doc.id, 'A')).body;
    const textA = await storedText(server.trame.store, doc.id);
    typeParagraph(writer.doc, 'Version B.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Version B.'), 'stored');
    closeAll();
    await waitFor(() => server.trame.rooms.get(doc.room) === undefined, 'room unloaded');
    expect((await api(server, 'POST', `/api/documents/${doc.id}/versions/${a.id}/restore`, { cookie: claire.cookie })).status).toBe(201);
    expect(await storedText(server.trame.store, doc.id)).toBe(textA);
    const reader = join(claire.cookie);
    await waitFor(() => reader.provider.synced && bodyText(reader.doc) === textA, 'a new client loads the restored text');
  });

  it('names the latest version rather than storing another copy of unchanged content', async () => {
    const { claire, bea, doc, join } = await world();
    const writer = join(claire.cookie);
    await waitFor(() => writer.provider.synced, 'synced');
    typeParagraph(writer.doc, 'Ordre du jour.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Ordre'), 'stored');
    const first = await name(claire.cookie, doc.id, 'Brouillon');
    expect(first.status).toBe(201);

    // Named again and again with nothing changed: one version, under its latest name.
    for (const [cookie, versionName] of [[bea.cookie, 'Relu'], [claire.cookie, 'Relu encore'], [claire.cookie, 'Pour l’assemblée']] as const) {
      const again = await name(cookie, doc.id, versionName);
      expect([again.status, again.body.id, again.body.name, again.body.kind]).toEqual([200, first.body.id, versionName, 'manual']);
    }
    expect((await server.trame.store.listVersions(doc.id)).map((v) => [v.id, v.name])).toEqual([[first.body.id, 'Pour l’assemblée']]);
    expect((await list(bea.cookie, doc.id)).versions.map((v) => v.name)).toEqual(['Pour l’assemblée']);
    const activity = (await api(server, 'GET', `/api/documents/${doc.id}/activity`, { cookie: claire.cookie })).body.entries;
    expect(activity.map((a: { kind: string; versionId: string; details: { name: string } }) => [a.kind, a.versionId, a.details.name])).toEqual(
      ['Pour l’assemblée', 'Relu encore', 'Relu', 'Brouillon'].map((n) => ['version_named', first.body.id, n]),
    );

    // Once the content changes, naming stores a new version again.
    typeParagraph(writer.doc, 'Point ajouté.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('ajouté'), 'stored');
    const second = await name(claire.cookie, doc.id, 'Avec le point ajouté');
    expect([second.status, second.body.id === first.body.id]).toEqual([201, false]);
    expect((await server.trame.store.listVersions(doc.id)).map((v) => v.name)).toEqual(['Pour l’assemblée', 'Avec le point ajouté']);
  });

  it('keeps the stored log within MAX_DOCUMENT_BYTES through alternating restores of a long and a short version', async () => {
    const limit = 60_000;
    server = await startTestServer({ env: { VERSION_PAUSE_MS: '600000', MAX_DOCUMENT_BYTES: String(limit) } });
    const limited = server;
    onTestFinished(() => limited.stop());
    const { claire, doc, join } = await world();
    const writer = join(claire.cookie);
    await waitFor(() => writer.provider.synced, 'synced');
    const short: VersionView = (await name(claire.cookie, doc.id, 'Court')).body;
    const shortText = bodyText(writer.doc);
    typeParagraph(writer.doc, 'Annexe budgétaire détaillée. '.repeat(900)); // about 26 KB
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Annexe'), 'stored');
    const long: VersionView = (await name(claire.cookie, doc.id, 'Long')).body;
    const longText = bodyText(writer.doc);
    const logBytes = async () => (await server.trame.store.loadBody(doc.id))!.updates.reduce((sum, u) => sum + u.byteLength, 0);

    for (let round = 0; round < 4; round++) {
      for (const [version, text] of [[short, shortText], [long, longText]] as const) {
        const restored = await api(server, 'POST', `/api/documents/${doc.id}/versions/${version.id}/restore`, { cookie: claire.cookie });
        expect(restored.status, `round ${round}, ${version.name}`).toBe(201);
        await waitFor(() => bodyText(writer.doc) === text, `the editor shows ${version.name}`);
        expect(await storedText(server.trame.store, doc.id)).toBe(text);
        expect(await logBytes(), `log after round ${round}, ${version.name}`).toBeLessThanOrEqual(limit);
      }
    }
  });

  it('refuses with 413 document_too_large a restore that would take the document past its limit, and changes nothing', async () => {
    const first = await startTestServer({ env: { VERSION_PAUSE_MS: '600000' } });
    server = first;
    const { claire, doc, join } = await world();
    const writer = join(claire.cookie);
    await waitFor(() => writer.provider.synced, 'synced');
    const short: VersionView = (await name(claire.cookie, doc.id, 'Court')).body;
    typeParagraph(writer.doc, 'Annexe budgétaire détaillée. '.repeat(900)); // about 26 KB
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Annexe'), 'stored');
    const long: VersionView = (await name(claire.cookie, doc.id, 'Long')).body;
    expect((await api(server, 'POST', `/api/documents/${doc.id}/versions/${short.id}/restore`, { cookie: claire.cookie })).status).toBe(201);
    closeAll();
    await first.trame.close();

    // The operator lowers the limit below what the long version holds.
    server = await startTestServer({ dataDir: first.dataDir, env: { VERSION_PAUSE_MS: '600000', MAX_DOCUMENT_BYTES: '20000' } });
    const limited = server;
    onTestFinished(() => limited.stop());
    const before = { body: await server.trame.store.loadBody(doc.id), versions: await server.trame.store.listVersions(doc.id), activity: await server.trame.store.listActivity(doc.id, 100) };
    const refused = await api(server, 'POST', `/api/documents/${doc.id}/versions/${long.id}/restore`, { cookie: claire.cookie });
    expect([refused.status, refused.body.error.id]).toEqual([413, 'document_too_large']);
    expect({ body: await server.trame.store.loadBody(doc.id), versions: await server.trame.store.listVersions(doc.id), activity: await server.trame.store.listActivity(doc.id, 100) }).toEqual(before);
    const reader = join(claire.cookie);
    await waitFor(() => reader.provider.synced, 'synced');
    expect(bodyText(reader.doc)).not.toContain('Annexe');
  });

  it('lets readers list and open versions but not name or restore them', async () => {
    const { workspaceId, claire, doc, join } = await world();
    const guest = await addMember(server, workspaceId, claire.cookie, 'guest', 'Gaston');
    await api(server, 'PUT', `/api/documents/${doc.id}/access/${guest.id}`, { cookie: claire.cookie, body: { access: 'view' } });
    const writer = join(claire.cookie);
    await waitFor(() => writer.provider.synced, 'synced');
    const v: VersionView = (await name(claire.cookie, doc.id, 'Initiale')).body;
    expect((await list(guest.cookie, doc.id)).versions).toHaveLength(1);
    expect((await name(guest.cookie, doc.id, 'Non')).status).toBe(403);
    expect((await api(server, 'POST', `/api/documents/${doc.id}/versions/${v.id}/restore`, { cookie: guest.cookie })).status).toBe(403);
    expect((await api(server, 'GET', `/api/documents/${doc.id}/versions/unknown_version1`, { cookie: guest.cookie })).status).toBe(404);
    expect(await server.trame.store.listVersions(doc.id)).toHaveLength(1);
  });
});

/**
 * The version history as the API gives it: versions taken at a status change say which change it
 * was, and a comparison reads from the older version to the newer whichever is named first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { VersionDiffResponse, VersionListResponse, VersionView } from '../../shared/versions/contract';
import { storedText, typeParagraph, waitFor } from '../helpers/providers';
import { api, createDocument, setupWorkspace, type TestServer } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

const texts = (diff: VersionDiffResponse, change: 'insert' | 'delete') => diff.diff.blocks.filter((b) => b.change === change).map((b) => b.segments.map((s) => s.text).join(''));

describe('version history', () => {
  const { server: current, open } = serverPerTest({ env: { VERSION_PAUSE_MS: '600000' } });
  let server: TestServer;
  beforeEach(() => {
    server = current();
  });

  const list = async (cookie: string, documentId: string): Promise<VersionListResponse> => (await api(server, 'GET', `/api/documents/${documentId}/versions`, { cookie })).body;

  it('says which statuses each status version went from and to', async () => {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, claire.cookie, 'Charte', 'charter');
    const setStatus = (body: Record<string, unknown>) => api(server, 'PUT', `/api/documents/${doc.id}/status`, { cookie: claire.cookie, body });
    expect((await setStatus({ status: 'in_discussion' })).status).toBe(200);
    expect((await setStatus({ status: 'draft' })).status).toBe(200);
    expect((await setStatus({ status: 'in_discussion' })).status).toBe(200);
    expect((await setStatus({ status: 'adopted', effectiveDate: '2027-01-01' })).status).toBe(200);
    const named = await api(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: claire.cookie, body: { name: 'Copie' } });
    expect(named.status).toBe(200); // same content as the latest: that one is named

    const { versions } = await list(claire.cookie, doc.id);
    expect(versions.map((v) => [v.kind, v.statusChange])).toEqual([
      ['status', { from: 'in_discussion', to: 'adopted' }],
      ['status', { from: 'draft', to: 'in_discussion' }],
      ['status', { from: 'in_discussion', to: 'draft' }],
      ['status', { from: 'draft', to: 'in_discussion' }],
    ]);
    // Only status versions carry one.
    const plain = await createDocument(server, workspaceId, claire.cookie, 'Notes', 'note');
    expect((await api(server, 'POST', `/api/documents/${plain.id}/versions`, { cookie: claire.cookie, body: { name: 'Une' } })).body.statusChange).toBeNull();
    expect((await list(claire.cookie, plain.id)).versions.map((v) => v.statusChange)).toEqual([null]);
  });

  it('compares two versions from the older to the newer, whichever is named first', async () => {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, claire.cookie, 'Appel', 'note');
    const writer = open(server.collabUrl, doc.room, { cookie: claire.cookie, origin: server.origin });
    await waitFor(() => writer.provider.synced, 'synced');
    const nameNow = async (name: string, marker: string): Promise<VersionView> => {
      await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes(marker), 'stored');
      return (await api(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: claire.cookie, body: { name } })).body;
    };
    typeParagraph(writer.doc, 'Premier jet.');
    const older = await nameNow('Avant', 'Premier');
    typeParagraph(writer.doc, 'Paragraphe ajouté ensuite.');
    const newer = await nameNow('Après', 'ensuite');
    const diff = async (from: string, to: string): Promise<VersionDiffResponse> => (await api(server, 'GET', `/api/documents/${doc.id}/diff?from=${from}&to=${to}`, { cookie: claire.cookie })).body;

    const forwards = await diff(older.id, newer.id);
    const backwards = await diff(newer.id, older.id);
    for (const result of [forwards, backwards]) {
      expect(result.from.id).toBe(older.id);
      expect(result.to?.id).toBe(newer.id);
      expect(texts(result, 'insert')).toEqual(['Paragraphe ajouté ensuite.']);
      expect(texts(result, 'delete')).toEqual([]);
    }
  });
});

/** Document templates through a real server: written in the creator's language, guidance never stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_TEXT } from '../../shared/templateText';
import { storedText } from '../helpers/providers';
import { api, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

describe('creating a document from its template', () => {
  let server: TestServer;
  let workspaceId = '';
  let cookie = '';

  beforeAll(async () => {
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    cookie = setup.coordinator.cookie;
  });

  afterAll(async () => {
    await server?.stop();
  });

  const create = (body: Record<string, unknown>) => api(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { body, cookie });

  it('stores English headings when the creator’s interface is in English, and no guidance', async () => {
    const created = await create({ title: 'Call from the region', kind: 'proposal', language: 'en' });
    expect(created.status).toBe(201);
    const text = await storedText(server.trame.store, created.body.id);
    for (const { title, guidance } of Object.values(TEMPLATE_TEXT.en.proposal.sections)) {
      expect(text).toContain(title);
      expect(text).not.toContain(guidance);
    }
    expect(text).toContain('Expense item');
    for (const { title } of Object.values(TEMPLATE_TEXT.fr.proposal.sections)) {
      if (title !== 'Budget' && title !== 'Actions') expect(text).not.toContain(title); // the words both languages share
    }
  });

  it('stores French headings in French and without a language', async () => {
    for (const body of [{ title: 'Charte', kind: 'charter', language: 'fr' }, { title: 'Charte', kind: 'charter' }]) {
      const created = await create(body);
      expect(created.status).toBe(201);
      expect(await storedText(server.trame.store, created.body.id)).toBe(Object.values(TEMPLATE_TEXT.fr.charter.sections).map((s) => s.title).join(''));
    }
  });

  it('refuses a language templates are not written in', async () => {
    const refused = await create({ title: 'Satzung', kind: 'rules', language: 'de' });
    expect([refused.status, refused.body.error.id]).toEqual([400, 'invalid_input']);
  });
});

/**
 * Three members (A: Claire, coordinator; B: Béa, member; C: Cyril, newcomer) each in their own
 * Chromium context with one document open: the set-up of the shared-session browser tests.
 */
import type { Browser, Page } from 'playwright-core';
import type { DocumentKind } from '../../shared/api';
import { addMember, createDocument, setupWorkspace, type TestServer } from '../helpers/server';
import { launchChromium, openDocumentAs } from './browser';

/** The members, the document and their pages. */
export interface ThreeMembers {
  browser: Browser;
  ids: { a: string; b: string; c: string };
  document: { id: string; room: string };
  pages: { a: Page; b: Page; c: Page };
}

/**
 * Creates the collective, the three members and a document (created by A), runs `prepare` (to
 * write into it before anyone opens it), then opens it in a browser for each member.
 */
export async function openForThreeMembers(
  server: TestServer,
  document: { title: string; kind: DocumentKind },
  prepare: (doc: { id: string; room: string }, coordinatorCookie: string) => Promise<void> = async () => undefined,
): Promise<ThreeMembers> {
  const { workspaceId, coordinator } = await setupWorkspace(server);
  const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
  const cyril = await addMember(server, workspaceId, coordinator.cookie, 'newcomer', 'Cyril');
  const doc = await createDocument(server, workspaceId, coordinator.cookie, document.title, document.kind);
  await prepare(doc, coordinator.cookie);
  const browser = await launchChromium();
  const password = 'a long enough password';
  return {
    browser,
    ids: { a: coordinator.id, b: bea.id, c: cyril.id },
    document: doc,
    pages: {
      a: await openDocumentAs(browser, server.url, { email: 'claire@example.org', password: 'correct horse battery' }, doc.id),
      b: await openDocumentAs(browser, server.url, { email: bea.email, password }, doc.id),
      c: await openDocumentAs(browser, server.url, { email: cyril.email, password }, doc.id),
    },
  };
}

/**
 * Comment anchors under concurrent editing, through the real server: three members' providers
 * edit one paragraph at the same time (some of them while disconnected, so that their edits are
 * truly concurrent), inserting before, after and inside a commented passage and deleting text
 * around it. Afterwards the anchor must cover exactly the passage (plus what was typed inside it)
 * for every member and in the stored body. Many random schedules, from fast-check.
 */
import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeRange, resolveRange, type EncodedRange } from '../../shared/comments/anchors';
import { schemaExtensions } from '../../shared/editor/extensions';
import { BODY_FRAGMENT } from '../../shared/rooms';
import { bodyText, clientPool, storedDoc, typeParagraph, waitFor, type TestClient } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

const schema = getSchema(schemaExtensions());
const PASSAGE = 'PASSAGE';

/** The text an anchor covers in a doc now, or null when detached. */
function covered(doc: Y.Doc, anchor: EncodedRange): string | null {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT);
  const { doc: pm, mapping } = initProseMirrorDoc(fragment, schema);
  const range = resolveRange(fragment, mapping, anchor);
  return range && pm.textBetween(range.from, range.to);
}

/** Anchors the passage in a member's doc, as the editor does from a selection. */
function anchorPassage(doc: Y.Doc): EncodedRange {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT);
  const { mapping } = initProseMirrorDoc(fragment, schema);
  const from = 1 + bodyText(doc).indexOf(PASSAGE); // inside the first paragraph
  return encodeRange(fragment, mapping, { from, to: from + PASSAGE.length });
}

const paragraphText = (doc: Y.Doc): Y.XmlText => ((doc.getXmlFragment(BODY_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText);

/** One member's edit: insert lowercase letters anywhere, or delete lowercase letters only. */
type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };

const place = fc.double({ min: 0, max: 1, noNaN: true });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: place, text: fc.stringMatching(/^[a-z ]{1,4}$/) }),
  fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 3 }) }),
);

/** Applies an edit at a relative place of the paragraph; deletions skip the passage's letters. */
function apply(doc: Y.Doc, edit: Edit): void {
  const text = paragraphText(doc);
  const content = text.toString();
  const at = Math.min(content.length, Math.floor(edit.at * (content.length + 1)));
  if (edit.kind === 'insert') {
    text.insert(at, edit.text);
    return;
  }
  let length = 0;
  while (length < edit.length && at + length < content.length && /[a-z ]/.test(content[at + length]!)) length++;
  if (length > 0) text.delete(at, length);
}

describe('comment anchors under concurrent edits through the server', () => {
  let server: TestServer;
  let cookies: string[] = [];
  let workspaceId = '';
  const pool = clientPool();

  beforeAll(async () => {
    server = await startTestServer();
    const setup = await setupWorkspace(server);
    workspaceId = setup.workspaceId;
    const b = await addMember(server, workspaceId, setup.coordinator.cookie, 'member');
    const c = await addMember(server, workspaceId, setup.coordinator.cookie, 'member');
    cookies = [setup.coordinator.cookie, b.cookie, c.cookie];
  });

  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
  });

  /** A new document with one paragraph around the passage, and three members in it. */
  async function threeMembers(): Promise<{ documentId: string; members: TestClient[] }> {
    const doc = await createDocument(server, workspaceId, cookies[0]!, 'Ancres', 'note');
    const members = cookies.map((cookie) => pool.open(server.collabUrl, doc.room, { cookie, origin: server.origin }));
    await waitFor(() => members.every((m) => m.provider.synced), 'members synced');
    // The template's paragraphs are removed so the passage's paragraph comes first.
    const first = members[0]!.doc;
    first.transact(() => first.getXmlFragment(BODY_FRAGMENT).delete(0, first.getXmlFragment(BODY_FRAGMENT).length));
    typeParagraph(first, `avant ${PASSAGE} apres`);
    await waitFor(() => members.every((m) => bodyText(m.doc).startsWith(`avant ${PASSAGE}`)), 'paragraph everywhere');
    return { documentId: doc.id, members };
  }

  async function converged(documentId: string, members: TestClient[]): Promise<void> {
    await waitFor(async () => {
      const texts = members.map((m) => bodyText(m.doc));
      const stored = bodyText(await storedDoc(server.trame.store, documentId));
      return texts.every((t) => t === stored);
    }, 'members and store converged', 20_000);
  }

  /** One schedule: members edit (some offline), then the anchor is checked everywhere. */
  async function checkSchedule(editsPerMember: Edit[][], offline: boolean[]): Promise<void> {
    const { documentId, members } = await threeMembers();
    try {
      const anchor = anchorPassage(members[1]!.doc);
      expect(covered(members[1]!.doc, anchor)).toBe(PASSAGE);
      // Members marked offline edit without seeing anyone's edits: true concurrency.
      members.forEach((m, i) => offline[i] && m.provider.disconnect());
      members.forEach((m, i) => editsPerMember[i]!.forEach((edit) => apply(m.doc, edit)));
      members.forEach((m, i) => offline[i] && m.provider.connect());
      await converged(documentId, members);

      const stored = await storedDoc(server.trame.store, documentId);
      for (const doc of [...members.map((m) => m.doc), stored]) {
        const text = covered(doc, anchor);
        expect(text).not.toBeNull();
        // Exactly from the passage's first letter to its last, with whatever was typed inside.
        expect(text!.replace(/[a-z ]/g, '')).toBe(PASSAGE);
        expect(text!.startsWith('P') && text!.endsWith('E')).toBe(true);
      }
    } finally {
      members.forEach((m) => m.close());
    }
  }

  it('keeps the anchor on its passage for every member and in the store, over many random schedules', async () => {
    const schedules = fc.array(fc.array(editArb, { minLength: 1, maxLength: 12 }), { minLength: 3, maxLength: 3 });
    const offline = fc.array(fc.boolean(), { minLength: 3, maxLength: 3 });
    // Always tried as well: a schedule that once found a bug (the text before a passage at the
    // document's start deleted by two members at once made y-tiptap refuse the position).
    const deletesAllBefore: [Edit[][], boolean[]] = [
      [[{ kind: 'delete', at: 0, length: 1 }], [{ kind: 'delete', at: 0, length: 1 }], [{ kind: 'delete', at: 0, length: 3 }, { kind: 'delete', at: 0, length: 3 }]],
      [false, false, false],
    ];
    await fc.assert(fc.asyncProperty(schedules, offline, checkSchedule), { numRuns: 20, examples: [deletesAllBefore] });
  }, 180_000); // 20 documents, each with three members and a round trip through the store

  it('detaches the anchor for everyone when another member deletes the whole passage', async () => {
    const { documentId, members } = await threeMembers();
    const anchor = anchorPassage(members[0]!.doc);
    const text = paragraphText(members[2]!.doc);
    text.insert(text.toString().indexOf('A'), 'xy'); // typed inside first, then all of it deleted
    text.delete(text.toString().indexOf('P'), text.toString().lastIndexOf('E') + 1 - text.toString().indexOf('P'));
    await converged(documentId, members);
    for (const doc of [...members.map((m) => m.doc), await storedDoc(server.trame.store, documentId)]) {
      expect(covered(doc, anchor)).toBeNull();
    }
    expect(bodyText(members[0]!.doc)).toBe('avant  apres');
  });
});

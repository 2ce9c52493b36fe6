/**
 * The one editor schema: the TipTap extensions that define what a Trame document may contain.
 * DOM-free, so the server uses the same list to build templates, exports and diffs, and the
 * client adds only behaviour (collaboration, carets, placeholder) on top.
 */
import { getSchema, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';

/**
 * Heading levels a document may hold (TipTap's default). The schema's `level` attribute accepts
 * any value, so the server checks incoming headings against this list (server/collab/bodySchema.ts).
 */
export const HEADING_LEVELS = [1, 2, 3, 4, 5, 6] as const;

/** Extensions that make up the document schema (no history: Yjs owns undo). */
export function schemaExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [...HEADING_LEVELS] },
      // Behaviour, not schema: the client adds it for editors only (an editor opening a document
      // must not change it, and a read-only one could not).
      trailingNode: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}

let cachedSchema: Schema | null = null;

/** The ProseMirror schema built from the extension list (built once): what server and client check bodies against. */
export function editorSchema(): Schema {
  cachedSchema ??= getSchema(schemaExtensions());
  return cachedSchema;
}

/** y-tiptap stores a mark that may overlap itself as `name--<hash>` (see its yattr2markname). */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** The mark name a Y.XmlText formatting attribute stands for. */
export const markNameOf = (attribute: string): string => HASHED_MARK.exec(attribute)?.[1] ?? attribute;

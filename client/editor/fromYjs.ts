/** Telling an editor transaction that renders a change made in Yjs from one the member made here. */
import type { Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/** The transaction brings a change from Yjs into the editor (the body loading, another member's edit, undo). */
export const fromYjs = (tr: Transaction): boolean => !!(tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;

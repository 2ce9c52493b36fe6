/**
 * Positions that survive concurrent edits: an editor position as a Yjs relative position (JSON,
 * fit for awareness) and back. Built on the editor's Yjs binding.
 */
import type { Editor } from '@tiptap/react';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** A Yjs relative position as JSON. */
export type RelativeJSON = Record<string, unknown>;

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<unknown, unknown>;
}

function bindingOf(editor: Editor): Binding | null {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: Binding } | undefined;
  return state?.binding ?? null;
}

/** The relative position (JSON) of an editor position, or null before the binding exists. */
export function toRelative(editor: Editor, pos: number): RelativeJSON | null {
  const binding = bindingOf(editor);
  if (!binding) return null;
  return Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never)) as RelativeJSON;
}

/** The editor position a relative position (JSON) points at now, or null if it cannot be found. */
export function toAbsolute(editor: Editor, json: unknown): number | null {
  const binding = bindingOf(editor);
  if (!binding || !json || typeof json !== 'object') return null;
  try {
    const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(json), binding.mapping as never);
    return pos === null ? null : Math.min(Math.max(pos, 0), editor.state.doc.content.size);
  } catch {
    return null; // another client's malformed field must not break this page
  }
}

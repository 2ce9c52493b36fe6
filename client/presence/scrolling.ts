/** Bringing an editor position into view for someone who follows another member. */
import type { Editor } from '@tiptap/react';

/** Scrolls the window so that `pos` is visible: near the top (`'top'`) or in the middle. */
export function scrollToPosition(editor: Editor, pos: number | null, where: 'top' | 'center'): void {
  if (pos === null || editor.isDestroyed) return;
  let coords: { top: number; bottom: number };
  try {
    coords = editor.view.coordsAtPos(pos);
  } catch {
    return; // the position left the document meanwhile
  }
  const margin = 120; // below the sticky header
  const visible = coords.top >= margin && coords.bottom <= window.innerHeight - margin;
  if (where === 'center' && visible) return;
  const offset = where === 'top' ? margin : window.innerHeight / 2;
  window.scrollTo({ top: window.scrollY + coords.top - offset, behavior: 'auto' });
}

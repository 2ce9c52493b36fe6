/**
 * On narrow screens the side panels open as a sheet over the lower part of the page. A passage
 * being commented, or the passage of the thread opened, is brought into the band left between the
 * sticky document bar and the sheet, so that the passage and its thread show together (near the
 * end of the text, the page leaves room below it for that: see `.editor-page` in styles.css).
 */
import type { Editor } from '@tiptap/react';

/** The part of the page a passage covers, in viewport pixels. */
export interface Band {
  top: number;
  bottom: number;
}

/** Where an editor range is on screen, or null when it cannot be measured. */
export function rangeBand(editor: Editor, range: { from: number; to: number }): Band | null {
  if (editor.isDestroyed) return null;
  try {
    const start = editor.view.coordsAtPos(range.from);
    const end = editor.view.coordsAtPos(range.to);
    return { top: Math.min(start.top, end.top), bottom: Math.max(start.bottom, end.bottom) };
  } catch {
    return null; // the range left the document meanwhile
  }
}

/** Where a thread's highlighted passage is on screen (all its pieces), or null when not drawn. */
export function threadBand(editor: Editor, threadId: string): Band | null {
  if (editor.isDestroyed) return null;
  const marks = [...editor.view.dom.querySelectorAll(`[data-thread-id="${CSS.escape(threadId)}"]`)].map((mark) => mark.getBoundingClientRect());
  if (marks.length === 0) return null;
  return { top: Math.min(...marks.map((r) => r.top)), bottom: Math.max(...marks.map((r) => r.bottom)) };
}

/**
 * With the sheet open, scrolls the page so that the passage sits between the document bar and the
 * sheet (centred in that band, or at its top when taller); does nothing when it is there already.
 * Returns false when no sheet is open (the caller scrolls as it would on a wide screen).
 */
export function bringAboveSheet(passage: Band | null): boolean {
  const sheet = document.querySelector<HTMLElement>('.panel-sheet:not([hidden])');
  if (!sheet) return false;
  if (!passage) return true;
  const top = document.querySelector('.doc-bar')?.getBoundingClientRect().bottom ?? 0;
  const bottom = sheet.getBoundingClientRect().top;
  if (passage.top >= top && passage.bottom <= bottom) return true;
  const height = passage.bottom - passage.top;
  const target = top + Math.max(8, (bottom - top - height) / 2);
  window.scrollTo({ top: window.scrollY + passage.top - target, behavior: 'auto' });
  return true;
}

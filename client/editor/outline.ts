/** Headings of a document: for the outline sidebar and for "which section is this member in". */
import type { Node as PmNode } from '@tiptap/pm/model';

/** A heading of level 1-3 and where it starts in the document. */
export interface OutlineHeading {
  level: 1 | 2 | 3;
  text: string;
  pos: number;
}

function headingLevel(node: PmNode): 1 | 2 | 3 | null {
  if (node.type.name !== 'heading') return null;
  const level = Number(node.attrs['level']);
  return level === 1 || level === 2 || level === 3 ? level : null;
}

/** Every H1-H3 of the document in order (including headings nested in quotes or tables). */
export function outlineOf(doc: PmNode): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  doc.descendants((node, pos) => {
    const level = headingLevel(node);
    if (level !== null) headings.push({ level, text: node.textContent.trim(), pos });
    // Text blocks hold no further blocks; skipping them keeps big documents cheap.
    return !node.isTextblock;
  });
  return headings;
}

/** Text of the last non-empty heading at or before `pos`, or null if there is none. */
export function sectionAt(doc: PmNode, pos: number): string | null {
  let section: string | null = null;
  for (const heading of outlineOf(doc)) {
    if (heading.pos > pos) break;
    if (heading.text !== '') section = heading.text;
  }
  return section;
}

/** Whether two outlines are the same (to avoid re-rendering the sidebar on every keystroke). */
export function sameOutline(a: OutlineHeading[], b: OutlineHeading[]): boolean {
  return a.length === b.length && a.every((h, i) => h.level === b[i]!.level && h.text === b[i]!.text && h.pos === b[i]!.pos);
}

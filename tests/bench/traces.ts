/**
 * Editing traces from ../shared/data/traces (read at run time, never copied into the repo), and
 * the Yjs updates that replay them into a document body's first paragraph.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';

/** Where the handbook keeps the traces, relative to the repository. */
export const TRACES_DIR = path.resolve('../shared/data/traces');

/** A sequential trace: patches are [position in code points, deleted count, inserted text]. */
export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

/** Reads a sequential trace, or null when the file is absent. */
export function readTrace(name: string): SequentialTrace | null {
  const file = path.join(TRACES_DIR, `${name}.json.gz`);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as SequentialTrace;
}

/** A body whose first paragraph will receive the trace; returns the doc, its text and its setup update. */
export function traceDoc(): { doc: Y.Doc; text: Y.XmlText } {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('body').insert(0, [paragraph]);
  return { doc, text };
}

// Yjs counts UTF-16 units, traces count code points: they differ only around astral characters.
const hasAstral = (s: string): boolean => /[\uD800-\uDBFF]/.test(s);

/**
 * Replays a trace into a fresh body and returns one update per transaction (the first update
 * creates the paragraph). Positions are converted from code points where the text needs it.
 */
export function traceUpdates(trace: SequentialTrace): { updates: Uint8Array[]; doc: Y.Doc } {
  const { doc, text } = traceDoc();
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const astral = hasAstral(trace.endContent) || trace.txns.some((t) => t.patches.some((p) => hasAstral(p[2])));
  let mirror = astral ? [...trace.startContent] : null;
  if (trace.startContent) text.insert(0, trace.startContent);
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        const at = mirror ? mirror.slice(0, pos).join('').length : pos;
        const delUnits = mirror ? mirror.slice(pos, pos + del).join('').length : del;
        if (delUnits > 0) text.delete(at, delUnits);
        if (ins) text.insert(at, ins);
        if (mirror) mirror.splice(pos, del, ...ins);
      }
    });
  }
  mirror = null;
  return { updates, doc };
}

/** Whether one of the body's paragraphs holds exactly `text` (other clients' paragraphs may precede it). */
export function bodyHasParagraph(doc: Y.Doc, text: string): boolean {
  return doc
    .getXmlFragment('body')
    .toArray()
    .some((node) => node instanceof Y.XmlElement && (node.get(0) as Y.XmlText | undefined)?.toString() === text);
}

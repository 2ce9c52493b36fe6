/**
 * Load process for scenario 4: one raw client replays a trace's updates through the server, in
 * chunks, each sent once the watcher (the system's own provider) has received the previous one;
 * the watcher's text must end equal to the trace's endContent, and so must a fresh client's.
 */
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { bodyHasParagraph, readTrace, traceUpdates } from '../traces';

/** Characters of text in a body's paragraphs. */
const bodyChars = (doc: Y.Doc): number =>
  doc.getXmlFragment('body').toArray().reduce((n, node) => n + (node instanceof Y.XmlElement ? ((node.get(0) as Y.XmlText | undefined)?.length ?? 0) : 0), 0);
import { joinMessages, updateFrame, type Target } from '../wire';
import { now, reply } from './common';
import { connectFull } from './fullClient';

const CHUNK = 1000;

const clockOf = (doc: Y.Doc, client: number): number => Y.decodeStateVector(Y.encodeStateVector(doc)).get(client) ?? 0;

function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = now() + timeoutMs;
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve(true) : now() > deadline ? resolve(false) : setTimeout(poll, 2));
    poll();
  });
}

reply({
  async replay(r) {
    const target = r.target as Target;
    const trace = readTrace(String(r.trace));
    if (!trace) throw new Error(`trace ${String(r.trace)} not found`);
    const { updates, doc: source } = traceUpdates(trace);
    const client = source.clientID;
    // Where the source's clock stands after each chunk: the watcher has the chunk once it reaches it.
    // (A chunk ending with a deletion has no clock of its own: the highest clock so far counts.)
    const ends = [] as number[];
    let clock = 0;
    updates.forEach((update, i) => {
      clock = Math.max(clock, Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).get(client) ?? 0);
      if ((i + 1) % CHUNK === 0 || i === updates.length - 1) ends.push(clock);
    });
    const watcher = connectFull(target);
    if (!(await waitFor(() => watcher.synced(), 30_000))) throw new Error('watcher did not sync');
    const ws = new WebSocket(target.url, { headers: target.headers, perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    let closedWith: number | null = null;
    ws.once('close', (code) => (closedWith = code));
    joinMessages(target).forEach((m) => ws.send(m));
    const started = now();
    let complete = true;
    for (let c = 0; c * CHUNK < updates.length && complete; c++) {
      for (const update of updates.slice(c * CHUNK, (c + 1) * CHUNK)) ws.send(updateFrame(target, update));
      complete = await waitFor(() => closedWith !== null || clockOf(watcher.doc, client) >= ends[c]!, 120_000);
      // A raw client does not reconnect: once its socket is gone, what it sends next is lost.
      if (closedWith !== null) complete = false;
    }
    const seconds = (now() - started) / 1000;
    // Deletions have no clock to wait for: give the last ones time to arrive.
    if (complete) await waitFor(() => bodyHasParagraph(watcher.doc, trace.endContent), 30_000);
    const fresh = connectFull(target);
    await waitFor(() => fresh.synced() && bodyHasParagraph(fresh.doc, trace.endContent), 30_000);
    const watcherHas = bodyHasParagraph(watcher.doc, trace.endContent);
    const freshHas = bodyHasParagraph(fresh.doc, trace.endContent);
    const converged = complete && watcherHas && freshHas;
    // Which part failed, for the log: every chunk delivered, the watcher's text, a new client's text.
    const detail = { complete, closedWith, watcherHas, freshHas, watcherChars: bodyChars(watcher.doc), freshChars: bodyChars(fresh.doc), endChars: trace.endContent.length };
    ws.close();
    watcher.destroy();
    fresh.destroy();
    source.destroy();
    return { updatesPerSec: updates.length / seconds, converged, ...(converged ? {} : { detail }) };
  },
});

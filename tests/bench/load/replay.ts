/**
 * Load process for scenario 4: one raw client replays a trace's updates through the server, in
 * chunks, each sent once the watcher (the system's own provider) has received the previous one;
 * the watcher's text must end equal to the trace's endContent, and so must a fresh client's.
 *
 * The watcher stays in this process (its clock is what paces the chunks) and that does not starve
 * the raw socket's keep-alive: at most one chunk is in flight, so the watcher applies at most
 * CHUNK updates between two turns of the event loop, and the raw socket's pong (ws answers pings
 * itself) waits behind at most one chunk of unsent updates. Sending the whole trace at once (as a
 * broken pacing once did) queues the pong behind megabytes of updates the server has yet to read,
 * and a busy server then drops the socket for a missing pong (1006).
 */
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { bodyHasParagraph, readTrace, traceUpdates } from '../traces';
import { isSyncStep2, joinMessages, updateFrame, type Target } from '../wire';
import { now, reply } from './common';
import { connectFull } from './fullClient';

const CHUNK = 1000;

/** Characters of text in a body's paragraphs. */
const bodyChars = (doc: Y.Doc): number =>
  doc.getXmlFragment('body').toArray().reduce((n, node) => n + (node instanceof Y.XmlElement ? ((node.get(0) as Y.XmlText | undefined)?.length ?? 0) : 0), 0);

const clockOf = (doc: Y.Doc, client: number): number => Y.decodeStateVector(Y.encodeStateVector(doc)).get(client) ?? 0;

/** Polls `check` every `everyMs` (always after one turn of the event loop) until true or `timeoutMs`. */
function waitFor(check: () => boolean, timeoutMs: number, everyMs = 2): Promise<boolean> {
  const deadline = now() + timeoutMs;
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve(true) : now() > deadline ? resolve(false) : setTimeout(poll, everyMs));
    setImmediate(poll);
  });
}

/**
 * Where the source's clock stands after each chunk: the watcher has the chunk once it reaches it.
 * `parseUpdateMeta` gives each update's end clock (encodeStateVectorFromUpdate would say 0 for any
 * update not starting at clock 0, i.e. all but the first). A chunk ending with a deletion has no
 * clock of its own: the highest clock so far counts.
 */
function chunkEnds(updates: Uint8Array[], client: number): number[] {
  const ends = [] as number[];
  let clock = 0;
  updates.forEach((update, i) => {
    clock = Math.max(clock, Y.parseUpdateMeta(update).to.get(client) ?? 0);
    if ((i + 1) % CHUNK === 0 || i === updates.length - 1) ends.push(clock);
  });
  return ends;
}

/** Opens the raw socket and resolves once the server answered its sync step 1 (room joined). */
async function join(target: Target): Promise<WebSocket> {
  const ws = new WebSocket(target.url, { headers: target.headers, perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let joined = false;
  const onMessage = (data: Buffer) => (joined ||= isSyncStep2(target, data));
  ws.on('message', onMessage);
  // Hocuspocus queues what arrives before authentication, at most 1,000 messages: join first.
  joinMessages(target).forEach((m) => ws.send(m));
  const ok = await waitFor(() => joined || ws.readyState !== WebSocket.OPEN, 30_000, 10);
  ws.off('message', onMessage);
  if (!ok || !joined) {
    ws.terminate();
    throw new Error(`replay client did not join (socket ${ws.readyState === WebSocket.OPEN ? 'open, no sync reply in 30 s' : 'closed'})`);
  }
  return ws;
}

reply({
  async replay(r) {
    const target = r.target as Target;
    const trace = readTrace(String(r.trace));
    if (!trace) throw new Error(`trace ${String(r.trace)} not found`);
    const { updates, doc: source } = traceUpdates(trace);
    const client = source.clientID;
    const ends = chunkEnds(updates, client);
    const watcher = connectFull(target);
    if (!(await waitFor(() => watcher.synced(), 30_000))) throw new Error('watcher did not sync');
    const ws = await join(target);
    let closedWith: number | null = ws.readyState === WebSocket.OPEN ? null : 1006;
    ws.once('close', (code) => (closedWith = code));
    const started = now();
    let complete = true;
    let stalledAt: number | null = null;
    for (let c = 0; c * CHUNK < updates.length && complete; c++) {
      for (const update of updates.slice(c * CHUNK, (c + 1) * CHUNK)) ws.send(updateFrame(target, update));
      complete = await waitFor(() => closedWith !== null || clockOf(watcher.doc, client) >= ends[c]!, 120_000);
      if (!complete) stalledAt = c;
      // A raw client does not reconnect: once its socket is gone, what it sends next is lost.
      if (closedWith !== null) complete = false;
    }
    const seconds = (now() - started) / 1000;
    // Deletions have no clock to wait for: give the last ones time to arrive. (The text is
    // compared every 50 ms: printing a long text every 2 ms would starve the sockets.)
    if (complete) await waitFor(() => bodyHasParagraph(watcher.doc, trace.endContent), 30_000, 50);
    const fresh = connectFull(target);
    await waitFor(() => fresh.synced() && bodyHasParagraph(fresh.doc, trace.endContent), 30_000, 50);
    const watcherHas = bodyHasParagraph(watcher.doc, trace.endContent);
    const freshHas = bodyHasParagraph(fresh.doc, trace.endContent);
    const converged = complete && watcherHas && freshHas;
    // Which part failed, for the log: every chunk delivered, the watcher's text, a new client's text.
    const detail = { complete, closedWith, stalledAtChunk: stalledAt, chunks: ends.length, watcherHas, freshHas, watcherChars: bodyChars(watcher.doc), freshChars: bodyChars(fresh.doc), endChars: trace.endContent.length };
    ws.close();
    watcher.destroy();
    fresh.destroy();
    source.destroy();
    return { updatesPerSec: updates.length / seconds, converged, ...(converged ? {} : { detail }) };
  },
});

/**
 * Scenarios 3-5: a large document's cold first sync after a restart, trace replay, and memory of
 * loaded idle documents followed by their unloading.
 */
import * as Y from 'yjs';
import { startChild } from '../procs';
import type { ColdSyncResult, MemoryResult, ReplayResult } from '../results';
import { round } from '../results';
import { readTrace, traceDoc, traceUpdates } from '../traces';
import { startSystem, type SystemName } from '../systems';
import { editToken } from '../wire';
import { log, now, sleep, type Exclusive } from '../util';

/** The token that ends the cold document: a client has it once the whole document arrived. */
export const COLD_TOKEN = editToken(999_999_999);

/** The automerge-paper trace's final document (or a generated one of the same size), ending with a token. */
export function coldDocument(): Uint8Array {
  const trace = readTrace('automerge-paper');
  const doc = trace ? traceUpdates(trace).doc : generated(traceDoc().doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(COLD_TOKEN)]);
  const body = doc.getXmlFragment('body');
  body.insert(body.length, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

function generated(doc: Y.Doc): Y.Doc {
  const text = (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (let i = 0; i < 104_852; i += 8) text.insert(i, 'abcdefg ');
  return doc;
}

/** Scenario 3: store the document, restart the system, time a new client's first sync. */
export async function runColdSync(system: SystemName, state: Uint8Array): Promise<ColdSyncResult> {
  const first = await startSystem(system);
  const load = await startChild('load/light.ts');
  try {
    const [target] = await first.newRooms(1);
    await load.ask({ type: 'connect', clients: [{ target: target!, author: null }] });
    await load.ask({ type: 'uploadUpdate', update: Buffer.from(state).toString('base64'), token: COLD_TOKEN });
    await load.ask({ type: 'close' });
    await sleep(system === 'hocuspocus' ? 3000 : 500); // Hocuspocus stores 2 s after the last change; Trame before relaying
    await first.stop(); // graceful: each system flushes what it keeps in memory
    const second = await startSystem(system, { dataDir: first.dataDir });
    try {
      const { ms, afterOpenMs } = await load.ask<{ ms: number; afterOpenMs: number }>({ type: 'firstSync', target: second.target(target!.room), token: COLD_TOKEN });
      log(`cold-sync ${system}: ${round(ms)} ms, of which ${round(afterOpenMs)} ms after the WebSocket opened`);
      return { scenario: 'cold-sync', system, ms: round(ms), afterOpenMs: round(afterOpenMs) };
    } finally {
      await second.stop();
    }
  } finally {
    await load.kill();
    await first.stop();
  }
}

/** Scenario 4: replay a trace through the system as fast as it relays. */
export async function runReplay(system: SystemName, trace: string): Promise<ReplayResult> {
  const server = await startSystem(system);
  const load = await startChild('load/replay.ts');
  try {
    const [target] = await server.newRooms(1);
    const r = await load.ask<{ updatesPerSec: number; converged: boolean }>({ type: 'replay', target: target!, trace }, 15 * 60_000);
    log(`replay ${system} ${trace}`, r);
    return { scenario: 'replay', system, trace, updatesPerSec: round(r.updatesPerSec), converged: r.converged };
  } finally {
    await load.kill();
    await server.stop();
  }
}

/**
 * How long documents stay idle before memory is read: background work settles (Hocuspocus stores
 * 2 s after the last change; Trame keeps a body unchanged for 5 s as its encoded state only,
 * found by a sweep each second: 7.5 s leaves a margin on a busy machine).
 */
const IDLE_MS = 7500;
/** Memory is sampled this often after the idle wait until it stops falling, at most SETTLE_SAMPLES times. */
const SETTLE_MS = 2500;
const SETTLE_SAMPLES = 8;
/** Documents connected, then uploaded, at a time. */
const BATCH = 100;
/** The upload of all documents fails past this (a slow machine, not a hung one). */
const UPLOAD_LIMIT_MS = 10 * 60_000;

/**
 * Scenario 5: `docs` documents of ~`pages` pages loaded and idle, then every client leaves.
 * `exclusive` runs the upload and the measurement one system at a time when systems run side by
 * side (their waits for unloading overlap).
 */
export async function runMemory(system: SystemName, docs: number, pages: number, unloadWaitMs: number, exclusive: Exclusive = (task) => task()): Promise<MemoryResult> {
  const [server, load, warm] = await Promise.all([startSystem(system), startChild('load/light.ts'), startChild('load/light.ts')]);
  // JS heap after a full GC plus ArrayBuffers: what the loaded documents retain, without the
  // allocator's slack in RSS; ArrayBuffers count because a document may be held as bytes.
  const retained = (s: { heapMB: number; arrayBuffersMB: number }) => s.heapMB + s.arrayBuffersMB;
  // What the idle documents hold, not what is still in flight (replies a busy client has yet to
  // read may sit in the server's socket buffers; a store may be pending): sample until it stops falling.
  const settled = async () => {
    const samples = [await server.stats(true)];
    while (samples.length < SETTLE_SAMPLES) {
      await sleep(SETTLE_MS);
      samples.push(await server.stats(true));
      const [previous, last] = [retained(samples.at(-2)!), retained(samples.at(-1)!)];
      if (last > previous * 0.99) break;
    }
    if (samples.length > 2) log(`memory ${system}: heap+buffers settled ${samples.map((x) => round(retained(x))).join(' → ')} MB`);
    return samples.at(-1)!;
  };
  try {
    // One document first, kept open: code loaded and compiled on first use (the editor schema,
    // Yjs paths) is then in the baseline rather than divided among the measured documents.
    const [first] = await server.newRooms(1);
    await warm.ask({ type: 'connect', clients: [{ target: first!, author: docs + 1 }] });
    await warm.ask({ type: 'upload', pages }, 60_000);
    await sleep(IDLE_MS);
    // Upload, settle and measure one system at a time: another system's upload running meanwhile
    // left megabytes in flight (socket buffers of replies its starved clients had yet to read).
    const { before, loaded } = await exclusive(async () => {
      const before = retained(await server.stats(true));
      const started = now();
      const targets = await server.newRooms(docs);
      // Each batch connects just before its upload: a client left waiting for its turn for minutes
      // on a busy machine may be dropped as dead (keep-alive) before it uploads anything.
      for (let i = 0; i < targets.length; i += BATCH) {
        if (now() - started > UPLOAD_LIMIT_MS) throw new Error(`upload not done after ${UPLOAD_LIMIT_MS / 1000} s (${i} of ${docs} documents)`);
        await load.ask({ type: 'connect', clients: targets.slice(i, i + BATCH).map((target, k) => ({ target, author: i + k + 1 })) });
        await load.ask({ type: 'upload', pages }, 6 * 60_000);
      }
      log(`memory ${system}: ${docs} documents uploaded in ${round((now() - started) / 1000)} s`);
      await sleep(IDLE_MS);
      return { before, loaded: await settled() };
    });
    const { errors } = await load.ask<{ errors: number }>({ type: 'flush' });
    // A document whose client was dropped may be unloaded already: the figure would be per fewer documents.
    if (loaded.documents < docs + 1 || errors > 0) {
      throw new Error(`${loaded.documents} of ${docs + 1} documents loaded when measured, ${errors} connections dropped or failed`);
    }
    const bytesPerDoc = ((retained(loaded) - before) * 1048576) / docs;
    await load.ask({ type: 'close' });
    await warm.ask({ type: 'close' });
    const left = now();
    let unloadedMs: number | null = null;
    let stats = await server.stats();
    while (now() - left < unloadWaitMs) {
      await sleep(250);
      stats = await server.stats();
      if (stats.documents === 0) {
        unloadedMs = round(now() - left);
        break;
      }
    }
    // y-websocket-server without persistence never unloads a document: null, not a failure.
    if (unloadedMs === null) log(`memory ${system}: ${stats.documents} documents still loaded ${round(unloadWaitMs / 1000)} s after the last client left (unloadedMs null)`);
    const after = await server.stats(true);
    log(`memory ${system}: ${loaded.documents} docs loaded, heap+buffers ${round(before)} → ${round(retained(loaded))} → ${round(retained(after))} MB after leaving (RSS ${round(loaded.rssMB)} → ${round(after.rssMB)})`);
    const result: MemoryResult = { scenario: 'memory', system, bytesPerDoc: Math.round(bytesPerDoc), unloadedMs };
    // Unloading compacts each document's log: what the store keeps should be close to the state.
    if (unloadedMs !== null && (system === 'trame' || system === 'trame-memory')) {
      const bytes = await server.child.ask<{ stored: number; encoded: number; entries: number }>({ type: 'storedBytes' });
      log(`memory ${system}: stored ${bytes.stored} B in ${bytes.entries} entries for ${bytes.encoded} B of encoded state`);
      result.storedRatio = round(bytes.stored / bytes.encoded);
    }
    return result;
  } finally {
    await Promise.all([load.kill(), warm.kill()]);
    await server.stop();
  }
}

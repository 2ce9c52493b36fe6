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
import { log, now, sleep } from '../util';

const COLD_TOKEN = editToken(999_999_999);

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
    await sleep(3000); // Hocuspocus stores 2 s after the last change; Trame stores before relaying
    await first.stop(); // graceful: each system flushes what it keeps in memory
    const second = await startSystem(system, { dataDir: first.dataDir });
    try {
      const { ms } = await load.ask<{ ms: number }>({ type: 'firstSync', target: second.target(target!.room), token: COLD_TOKEN });
      log(`cold-sync ${system}: ${round(ms)} ms`);
      return { scenario: 'cold-sync', system, ms: round(ms) };
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

/** Scenario 5: `docs` documents of ~`pages` pages loaded and idle, then every client leaves. */
export async function runMemory(system: SystemName, docs: number, pages: number, unloadWaitMs: number): Promise<MemoryResult> {
  const server = await startSystem(system);
  const load = await startChild('load/light.ts');
  try {
    const before = (await server.stats(true)).heapMB;
    const targets = await server.newRooms(docs);
    for (let i = 0; i < targets.length; i += 100) {
      await load.ask({ type: 'connect', clients: targets.slice(i, i + 100).map((target, k) => ({ target, author: i + k + 1 })) });
    }
    await load.ask({ type: 'upload', pages }, 10 * 60_000);
    await sleep(3000); // idle: background work (compaction, debounced stores) settles
    const loaded = await server.stats(true);
    // JS heap after a full GC: what the loaded documents retain, without the allocator's slack in RSS.
    const bytesPerDoc = ((loaded.heapMB - before) * 1048576) / docs;
    await load.ask({ type: 'close' });
    const left = now();
    let unloadedMs: number | null = null;
    while (now() - left < unloadWaitMs) {
      await sleep(250);
      if ((await server.stats()).documents === 0) {
        unloadedMs = round(now() - left);
        break;
      }
    }
    const after = await server.stats(true);
    log(`memory ${system}: ${loaded.documents} docs loaded, heap ${round(before)} → ${round(loaded.heapMB)} → ${round(after.heapMB)} MB after leaving (RSS ${round(loaded.rssMB)} → ${round(after.rssMB)})`);
    return { scenario: 'memory', system, bytesPerDoc: Math.round(bytesPerDoc), unloadedMs };
  } finally {
    await load.kill();
    await server.stop();
  }
}

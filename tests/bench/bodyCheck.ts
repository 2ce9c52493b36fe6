/**
 * What the body schema check (server/collab/bodySchema.ts) costs per update, in process, without
 * a server (not part of the published run):
 *   npx tsx tests/bench/bodyCheck.ts [trace] [rounds]
 * replays a trace's updates (one per keystroke; automerge-paper by default: 259,778 edits into one
 * paragraph that grows to ~105,000 characters) into a room-like Y.Doc, each applied as
 * Room.commitPending applies a one-update batch (one transaction), with and without the check,
 * taking the modes in turn over `rounds` and keeping the median of each tenth's CPU time. Reports
 * apply and apply + check per update, the check's own cost (from checking each transaction 11
 * times instead of once), at the
 * start and at the end of the trace (a small and a large document), and the same once the
 * document's history holds 1,000 clients (one per editing session), where the check visits only
 * the clients named in the update's header (what the room does) or, for comparison, every client.
 */
import * as Y from 'yjs';
import { batchClients, checkBodyTransaction } from '../../server/collab/bodySchema';
import { editorSchema } from '../../server/editor/body';
import { readTrace, traceUpdates } from './traces';

const traceName = process.argv[2] ?? 'automerge-paper';
const rounds = Number(process.argv[3] ?? 5);
const trace = readTrace(traceName);
if (!trace) throw new Error(`trace ${traceName} not found (looked in ../shared/data/traces)`);
const { updates, doc: source } = traceUpdates(trace);
source.destroy();
const schema = editorSchema();

type Mode = 'off' | 'once' | 'repeated' | 'every-client';

/** Extra checks per transaction in 'repeated' mode: the check's cost is (repeated − once) / REPEAT. */
const REPEAT = 10;

/** CPU time of this process in ms (user + system): steadier than wall time on a shared machine. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Replays `list` into a fresh doc (holding `base` first), each update as a one-update batch the
 * way Room.commitPending applies it; returns the CPU ms of each tenth of the list. 'once' checks as
 * the room does (batchClients names the clients to visit); 'repeated' checks each transaction
 * REPEAT more times, so that the check's own cost stands out of the noise without a timer around
 * each call (the check only reads, so a repeat does the same work); 'every-client'
 * checks visiting every client of the document's history instead of the header's.
 */
function replay(mode: Mode, list: Uint8Array[] = updates, base?: Uint8Array): number[] {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  const tenth = Math.ceil(list.length / 10);
  const byTenth: number[] = [];
  let from = cpuMs();
  for (let i = 0; i < list.length; i++) {
    const update = list[i]!;
    const clients = mode === 'once' || mode === 'repeated' ? batchClients(doc, [update]) : null;
    let applied: Y.Transaction | null = null;
    doc.transact((transaction) => {
      applied = transaction;
      Y.applyUpdate(doc, update);
    });
    if (mode !== 'off') checkBodyTransaction(doc, applied!, clients, schema);
    if (mode === 'repeated') for (let k = 0; k < REPEAT; k++) checkBodyTransaction(doc, applied!, batchClients(doc, [update]), schema);
    if ((i + 1) % tenth === 0 || i === list.length - 1) {
      const to = cpuMs();
      byTenth.push(to - from);
      from = to;
    }
  }
  doc.destroy();
  return byTenth;
}

/** A state whose history holds `clients` other clients (one short paragraph each). */
function manyClients(clients: number): Uint8Array {
  const doc = new Y.Doc();
  for (let c = 0; c < clients; c++) {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`client ${c}`)]);
    other.getXmlFragment('body').insert(0, [paragraph]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    other.destroy();
  }
  return Y.encodeStateAsUpdate(doc);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Median over `rounds` runs of each mode, taken in turn, of each tenth's CPU ms. */
function measure(modes: Mode[], list: Uint8Array[] = updates, base?: Uint8Array): Map<Mode, number[]> {
  const runs = new Map<Mode, number[][]>(modes.map((m) => [m, []]));
  for (let r = 0; r < rounds; r++) for (const mode of modes) runs.get(mode)!.push(replay(mode, list, base));
  return new Map(modes.map((m) => [m, runs.get(m)![0]!.map((_, t) => median(runs.get(m)!.map((run) => run[t]!)))]));
}

replay('repeated'); // warm-up: JIT for every path
replay('off');
const tenth = Math.ceil(updates.length / 10);
const trace1 = measure(['off', 'once', 'repeated']);
const usPer = (ms: number, n: number): number => round2((ms * 1000) / n);
const total = (mode: Mode): number => sum(trace1.get(mode)!);
const checkOf = (t: number): number => (trace1.get('repeated')![t]! - trace1.get('once')![t]!) / REPEAT;

const many = 1000;
const crowded = manyClients(many);
const crowdedList = updates.slice(0, 20_000); // the first 20,000 edits are enough here
const trace2 = measure(['off', 'once', 'repeated', 'every-client'], crowdedList, crowded);
const total2 = (mode: Mode): number => sum(trace2.get(mode)!);

console.log(
  JSON.stringify(
    {
      trace: traceName,
      updates: updates.length,
      finalChars: trace.endContent.length,
      rounds,
      applyOnlyUsPerUpdate: usPer(total('off'), updates.length),
      applyAndCheckUsPerUpdate: usPer(total('once'), updates.length),
      checkUsPerUpdate: usPer((total('repeated') - total('once')) / REPEAT, updates.length),
      checkPctOfApply: round2(((total('repeated') - total('once')) / REPEAT / total('off')) * 100),
      checkUsPerUpdateFirstTenth: usPer(checkOf(0), tenth),
      checkUsPerUpdateLastTenth: usPer(checkOf(9), updates.length - 9 * tenth),
      [`with${many}ClientsInHistory`]: {
        updates: crowdedList.length,
        applyOnlyUsPerUpdate: usPer(total2('off'), crowdedList.length),
        applyAndCheckUsPerUpdate: usPer(total2('once'), crowdedList.length),
        checkUsPerUpdate: usPer((total2('repeated') - total2('once')) / REPEAT, crowdedList.length),
        checkVisitingEveryClientUsPerUpdate: usPer(total2('every-client') - total2('off'), crowdedList.length),
      },
    },
    null,
    2,
  ),
);

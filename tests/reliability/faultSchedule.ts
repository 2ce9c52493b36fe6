/**
 * Runs one fault schedule against an in-process server (tests/helpers/server.ts, restartable on
 * the same port and data) and checks that everyone ends with the same state as the store.
 */
import { setTimeout as delay } from 'node:timers/promises';
import * as Y from 'yjs';
import { applyEdit, describeState, docFromUpdates, sameState, type EditOp } from '../helpers/edits';
import { connect, waitFor, type TestClient } from '../helpers/providers';
import type { Store } from '../../server/store/Store';
import { addMember, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

/** One step of a schedule; `who` is a provider index. */
export type Step =
  | { t: 'edit'; who: number; op: EditOp }
  /** Goes offline and edits there; back online at a later 'connect' step or at the end. */
  | { t: 'offline'; who: number; ops: EditOp[] }
  | { t: 'disconnect'; who: number }
  | { t: 'connect'; who: number }
  /** In-process restart on the same port and data: stores and closes rooms, clients see 1001. */
  | { t: 'restart' }
  | { t: 'pause'; ms: number };

/** Counts of what the schedules did, for the report. */
export interface FaultTally {
  edits: number;
  offlineEdits: number;
  disconnects: number;
  reconnects: number;
  restarts: number;
}

/** A server with a collective and members, shared by every schedule of a series. */
export interface FaultBench {
  server: TestServer;
  workspaceId: string;
  coordinatorCookie: string;
  memberCookies: string[];
  close(): Promise<void>;
}

const CONVERGE_TIMEOUT_MS = 15_000;

/** Starts the server and signs up `providers` members; `wrapStore` lets a negative control break the store. */
export async function openFaultBench(providers: number, wrapStore?: (store: Store) => Store): Promise<FaultBench> {
  // Every schedule creates its document as a fixture, several a second: not what the write limits are for.
  const env = { WRITES_PER_MINUTE_PER_MEMBER: '1000000', WRITES_PER_MINUTE_PER_ADDRESS: '1000000', DOCUMENTS_PER_MINUTE_PER_MEMBER: '1000000' };
  const server = await startTestServer(wrapStore ? { env, wrapStore } : { env });
  try {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const memberCookies: string[] = [];
    for (let i = 0; i < providers; i++) memberCookies.push((await addMember(server, workspaceId, coordinator.cookie, 'member', `Plume ${i + 1}`)).cookie);
    return { server, workspaceId, coordinatorCookie: coordinator.cookie, memberCookies, close: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Runs the steps on a new document, then checks convergence; throws with the states on divergence. */
export async function runSchedule(bench: FaultBench, steps: readonly Step[], tally: FaultTally): Promise<void> {
  const { server } = bench;
  const document = await createDocument(server, bench.workspaceId, bench.coordinatorCookie);
  const clients = bench.memberCookies.map((cookie) => connect(server.collabUrl, document.room, { cookie, origin: server.origin }));
  try {
    await waitFor(() => clients.every((c) => c.provider.synced), 'providers synced before the schedule');
    for (const step of steps) {
      await runStep(bench, clients, step, tally);
      // One turn of the event loop between steps lets socket traffic interleave with the schedule.
      await new Promise((resolve) => setImmediate(resolve));
    }
    clients.forEach((c) => c.provider.connect());
    await expectConverged(bench, clients, document.id, document.room);
  } finally {
    clients.forEach((c) => c.close());
  }
}

async function runStep(bench: FaultBench, clients: TestClient[], step: Step, tally: FaultTally): Promise<void> {
  switch (step.t) {
    case 'edit':
      applyEdit(clients[step.who]!.doc, step.op);
      tally.edits++;
      return;
    case 'offline':
      clients[step.who]!.provider.disconnect();
      step.ops.forEach((op) => applyEdit(clients[step.who]!.doc, op));
      tally.disconnects++;
      tally.offlineEdits += step.ops.length;
      return;
    case 'disconnect':
      clients[step.who]!.provider.disconnect();
      tally.disconnects++;
      return;
    case 'connect':
      if (!clients[step.who]!.provider.shouldConnect) tally.reconnects++;
      clients[step.who]!.provider.connect();
      return;
    case 'restart':
      await bench.server.restart();
      tally.restarts++;
      return;
    case 'pause':
      await delay(step.ms); // part of the schedule: lets messages cross while others are offline
      return;
  }
}

async function expectConverged(bench: FaultBench, clients: TestClient[], documentId: string, room: string): Promise<void> {
  const first = clients[0]!.doc;
  const states = () => clients.map((c, i) => `provider ${i}: ${c.provider.wsconnected ? 'online' : 'offline'}, ${describeState(c.doc)}`).join('; ');
  try {
    await waitFor(() => clients.every((c) => c.provider.synced) && clients.every((c) => sameState(first, c.doc)), 'providers converged', CONVERGE_TIMEOUT_MS);
  } catch {
    throw new Error(`providers did not converge: ${states()}`);
  }
  const { server } = bench;
  const fresh = connect(server.collabUrl, room, { cookie: bench.coordinatorCookie, origin: server.origin });
  try {
    await waitFor(() => fresh.provider.synced, 'fresh client synced');
    if (!sameState(first, fresh.doc)) throw new Error(`a fresh client differs: ${describeState(fresh.doc)} vs ${states()}`);
  } finally {
    fresh.close();
  }
  const stored = await server.trame.store.loadBody(documentId);
  const replayed: Y.Doc = docFromUpdates(stored?.updates ?? []);
  try {
    if (!sameState(first, replayed)) throw new Error(`the stored log differs: ${describeState(replayed)} vs ${states()}`);
  } finally {
    replayed.destroy();
  }
}

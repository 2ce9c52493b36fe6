/**
 * A child-process server with one document and N stock providers (one member each) reaching it
 * through a gate, plus fresh clients that bypass the gate to see exactly what the server serves.
 * Used by the crash, shutdown and soak runs.
 */
import * as Y from 'yjs';
import { startChildServer, httpTarget, type ChildServer } from '../helpers/childServer';
import { recordReceived, sameState, describeState } from '../helpers/edits';
import { startGate, type Gate } from '../helpers/gate';
import { connect, waitFor, type TestClient } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace } from '../helpers/server';

/** A provider of the cluster with the updates it received from the server. */
export interface ClusterProvider extends TestClient {
  received: { updates: Uint8Array[]; stop(): void };
}

/** The running cluster. */
export interface Cluster {
  server: ChildServer;
  gate: Gate;
  documentId: string;
  room: string;
  providers: ClusterProvider[];
  /** The document as a fresh client receives it straight from the server (gate bypassed). */
  freshDoc(): Promise<Y.Doc>;
  /** Resolves once every provider is connected, synced and holds the same state. */
  waitConverged(timeoutMs?: number): Promise<void>;
  /** Resolves once no provider is connected any more. */
  waitAllDisconnected(timeoutMs?: number): Promise<void>;
  /** Closes every client, the gate and the server, and deletes the data (safe to call twice). */
  stop(): Promise<void>;
}

/** Starts a server, sets up a collective and a document, and connects `providers` members. */
export async function startCluster(options: { providers: number; env?: Record<string, string> }): Promise<Cluster> {
  // Each stock provider adds a process 'exit' listener in Node; many providers are expected here.
  process.setMaxListeners(Math.max(process.getMaxListeners(), options.providers + 20));
  const server = await startChildServer({ env: { ROOM_GRACE_MS: '200', ...options.env } });
  let gate: Gate | null = null;
  const providers: ClusterProvider[] = [];
  const stop = async () => {
    providers.splice(0).forEach((p) => p.close());
    await gate?.stop();
    await server.stop();
  };
  try {
    gate = await startGate(() => server.port);
    const http = httpTarget(server.url);
    const { workspaceId, coordinator } = await setupWorkspace(http);
    const document = await createDocument(http, workspaceId, coordinator.cookie);
    for (let i = 0; i < options.providers; i++) {
      const member = await addMember(http, workspaceId, coordinator.cookie, 'member', `Plume ${i + 1}`);
      const client = connect(gate.collabUrl, document.room, { cookie: member.cookie, origin: gate.origin });
      providers.push({ ...client, received: recordReceived(client.doc, client.provider) });
    }
    const cluster: Cluster = {
      server,
      gate,
      documentId: document.id,
      room: document.room,
      providers,
      freshDoc: () => freshDoc(server, document.room, coordinator.cookie),
      waitConverged: (timeoutMs = 20_000) => waitConverged(providers, timeoutMs),
      waitAllDisconnected: (timeoutMs = 10_000) => waitFor(() => providers.every((p) => !p.provider.wsconnected), 'every provider disconnected', timeoutMs),
      stop,
    };
    await cluster.waitConverged();
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

async function freshDoc(server: ChildServer, room: string, cookie: string): Promise<Y.Doc> {
  const client = connect(`ws://127.0.0.1:${server.port}/collab`, room, { cookie, origin: server.url });
  try {
    await waitFor(() => client.provider.synced, 'fresh client synced', 20_000);
    // A copy outlives the client, which is closed at once so that it never writes anything back.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
    return copy;
  } finally {
    client.close();
  }
}

async function waitConverged(providers: readonly ClusterProvider[], timeoutMs: number): Promise<void> {
  const first = providers[0]!;
  try {
    await waitFor(
      () => providers.every((p) => p.provider.wsconnected && p.provider.synced) && providers.every((p) => sameState(first.doc, p.doc)),
      'providers converged',
      timeoutMs,
    );
  } catch (error) {
    const states = providers.map((p, i) => `  provider ${i}: ${p.provider.wsconnected ? 'connected' : 'offline'}, ${describeState(p.doc)}`);
    throw new Error(`${(error as Error).message}\n${states.join('\n')}`);
  }
}

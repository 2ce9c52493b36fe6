/**
 * Starts a real Trame server on port 0 over a SQLite file in a fresh temp dir, and gives tests
 * signed-in members. Restartable on the same data directory.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config';
import { startTrame, type RunningTrame } from '../../server/server';
import { openStore } from '../../server/store/open';
import type { Store } from '../../server/store/Store';
import type { Role } from '../../shared/permissions';

/** A test server and the handles needed to restart it on the same data. */
export interface TestServer {
  trame: RunningTrame;
  config: Config;
  dataDir: string;
  url: string;
  /** ws://host:port/collab — what a y-websocket provider is given. */
  collabUrl: string;
  origin: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a server; `wrapStore` lets a test observe or break the store. */
export async function startTestServer(options: { env?: Record<string, string>; wrapStore?: (store: Store) => Store; dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'trame-test-')));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ROOM_GRACE_MS: '50', ...options.env });
  const boot = async () => {
    const store = await openStore(config);
    return startTrame(config, { store: options.wrapStore ? options.wrapStore(store) : store });
  };
  const server: TestServer = {
    trame: await boot(),
    config,
    dataDir,
    url: '',
    collabUrl: '',
    origin: '',
    async restart() {
      await server.trame.close();
      // Same port, so that providers reconnect by themselves to the restarted server.
      const port = server.trame.port;
      server.trame = await startTrame({ ...config, port }, { store: await wrapOpen() });
    },
    async stop() {
      await server.trame.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
  const wrapOpen = async () => {
    const store = await openStore(config);
    return options.wrapStore ? options.wrapStore(store) : store;
  };
  server.url = server.trame.url;
  server.origin = server.trame.url;
  server.collabUrl = server.trame.url.replace('http', 'ws') + '/collab';
  return server;
}

/** A JSON request against the server; returns status, body and the Set-Cookie header. */
export async function api(server: TestServer, method: string, path: string, options: { body?: unknown; cookie?: string; origin?: string } = {}): Promise<{ status: number; body: any; setCookie: string | null }> {
  const response = await fetch(server.url + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, setCookie: response.headers.get('set-cookie') };
}

/** "name=value" of a Set-Cookie header. */
export const cookieOf = (setCookie: string | null): string => {
  if (!setCookie) throw new Error('no Set-Cookie header');
  return setCookie.split(';')[0]!;
};

/** A collective with a signed-in coordinator, made through the public API. */
export async function setupWorkspace(server: TestServer): Promise<{ workspaceId: string; coordinator: { id: string; cookie: string } }> {
  const res = await api(server, 'POST', '/api/setup', {
    body: { workspaceName: 'Pôle Autonomie', name: 'Claire Coordinatrice', email: 'claire@example.org', password: 'correct horse battery' },
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { workspaceId: res.body.workspaceId, coordinator: { id: res.body.memberId, cookie: cookieOf(res.setCookie) } };
}

let counter = 0;

/** Invites and signs up a member with a role, through the public API; returns id and cookie. */
export async function addMember(server: TestServer, workspaceId: string, coordinatorCookie: string, role: Role, name = `Membre ${++counter}`): Promise<{ id: string; cookie: string; email: string }> {
  const invite = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role }, cookie: coordinatorCookie });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status}`);
  const email = `m${Date.now()}${++counter}@example.org`;
  const accepted = await api(server, 'POST', `/api/invites/${invite.body.token}/accept`, { body: { name, email, password: 'a long enough password' } });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { id: accepted.body.member.id, cookie: cookieOf(accepted.setCookie), email };
}

/** Creates a document through the API. */
export async function createDocument(server: TestServer, workspaceId: string, cookie: string, title = 'Appel à projets', kind = 'proposal'): Promise<{ id: string; room: string; fragment: string }> {
  const res = await api(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { body: { title, kind }, cookie });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

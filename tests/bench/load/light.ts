/**
 * Load process: many light clients (raw WebSockets). Authors make real Yjs updates from a private
 * Y.Doc holding only their own edits; every client finds edit ids in the bytes it receives,
 * without applying anything. Records send times and, per edit, the latest receive time and how
 * many clients received it; the parent merges these across processes.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { EDITS_PER_AUTHOR, editToken, joinMessages, scanEditIds, updateFrame, type Target } from '../wire';
import { pageText, reply, now } from './common';

/** One light client: a receiver, and an author when `author` is set. */
interface LightClient {
  ws: WebSocket;
  target: Target;
  author: number | null;
  doc: Y.Doc | null;
  text: Y.XmlText | null;
  seq: number;
  timer: NodeJS.Timeout | null;
  onBytes: ((bytes: Uint8Array) => void) | null;
  /** Closed by us: its close event is not an error (it may fire during the next run). */
  closing: boolean;
}

const clients: LightClient[] = [];
const sent = new Map<number, number>();
const lastReceived = new Map<number, number>();
const receivedBy = new Map<number, number>();
let errors = 0;
let stopping = false;

function open(target: Target, author: number | null): Promise<LightClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target.url, { headers: target.headers, perMessageDeflate: false });
    const client: LightClient = { ws, target, author, doc: null, text: null, seq: 0, timer: null, onBytes: null, closing: false };
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => receive(client, data));
    ws.once('open', () => {
      joinMessages(target).forEach((m) => ws.send(m));
      resolve(client);
    });
    ws.on('error', () => errors++);
    ws.once('close', () => {
      if (!client.closing) errors++;
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    setTimeout(() => reject(new Error('connect timeout')), 30_000).unref();
  });
}

function receive(client: LightClient, data: Buffer): void {
  const t = now();
  client.onBytes?.(data);
  scanEditIds(data, (id) => {
    if (client.author !== null && Math.floor(id / EDITS_PER_AUTHOR) === client.author) return;
    if ((lastReceived.get(id) ?? 0) < t) lastReceived.set(id, t);
    receivedBy.set(id, (receivedBy.get(id) ?? 0) + 1);
  });
}

/** An author's private doc: one paragraph of its own at the start of the body fragment. */
function ensureAuthorDoc(client: LightClient): Y.XmlText {
  if (client.text) return client.text;
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => {
    if (client.ws.readyState === WebSocket.OPEN) client.ws.send(updateFrame(client.target, update));
  });
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  // Created empty in its own update: the first edit then carries only its token, like every other.
  doc.getXmlFragment('body').insert(0, [paragraph]);
  client.doc = doc;
  client.text = text;
  return text;
}

function edit(client: LightClient): void {
  const id = client.author! * EDITS_PER_AUTHOR + ++client.seq;
  const text = ensureAuthorDoc(client);
  sent.set(id, now());
  text.insert(text.length, editToken(id));
}

function startAuthor(client: LightClient, ratePerSec: number, until: number): void {
  const interval = 1000 / ratePerSec;
  const tick = () => {
    if (stopping || now() >= until || client.ws.readyState !== WebSocket.OPEN) return;
    edit(client);
    client.timer = setTimeout(tick, interval);
  };
  client.timer = setTimeout(tick, Math.random() * interval); // spread authors over the period
}

/** A document of ~`pages` pages (five ~600-character paragraphs each), starting with `token`. */
function pagesUpdate(pages: number, token: string): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('body');
  doc.transact(() => {
    for (let p = 0; p < pages * 5; p++) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(p === 0 ? token + pageText(p) : pageText(p))]);
      fragment.insert(fragment.length, [paragraph]);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** Resolves once `ws` receives bytes containing `token` (or rejects after `timeoutMs`). */
function untilToken(client: LightClient, token: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('token not received')), timeoutMs);
    client.onBytes = (bytes) => {
      if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(token)) return;
      clearTimeout(timer);
      client.onBytes = null;
      resolve();
    };
  });
}

/** Sends an update and resolves once the server's sync reply shows it applied (`token` inside). */
async function uploadBytes(client: LightClient, update: Uint8Array, token: string): Promise<void> {
  const confirmed = untilToken(client, token, 60_000);
  client.ws.send(updateFrame(client.target, update));
  // Sync step 1 after the update: the reply (the doc as the server holds it) must contain it.
  joinMessages(client.target).slice(-1).forEach((m) => client.ws.send(m));
  await confirmed;
}

const handlers: Record<string, (r: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
  async connect(r) {
    const specs = r.clients as { target: Target; author: number | null }[];
    const opened = await Promise.all(specs.map((s) => open(s.target, s.author)));
    clients.push(...opened);
    return { connected: opened.length };
  },
  async start(r) {
    const until = now() + Number(r.durationMs);
    for (const c of clients) if (c.author !== null && c.timer === null) startAuthor(c, Number(r.ratePerSec), until);
    return {};
  },
  async upload(r) {
    const pages = Number(r.pages);
    const one = (c: LightClient) => uploadBytes(c, pagesUpdate(pages, editToken(c.author ?? 0)), editToken(c.author ?? 0));
    for (let i = 0; i < clients.length; i += 20) await Promise.all(clients.slice(i, i + 20).map(one));
    return { uploaded: clients.length };
  },
  async uploadUpdate(r) {
    await uploadBytes(clients[0]!, Buffer.from(String(r.update), 'base64'), String(r.token));
    return {};
  },
  /** A new client's first sync: from opening the socket until the document (its `token`) arrived. */
  async firstSync(r) {
    const started = now();
    const client = await open(r.target as Target, null);
    // The handshake completes before the server checks the session and loads the room: from here
    // on, the time is the server's (plus one loopback transfer).
    const opened = now();
    await untilToken(client, String(r.token), 30_000);
    const ms = now() - started;
    clients.push(client);
    return { ms, afterOpenMs: now() - opened };
  },
  async flush() {
    const out = { sent: [...sent], recv: [...lastReceived].map(([id, t]) => [id, t, receivedBy.get(id) ?? 0]), errors };
    sent.clear();
    lastReceived.clear();
    receivedBy.clear();
    errors = 0;
    return out;
  },
  async close() {
    stopping = true;
    for (const c of clients.splice(0)) {
      if (c.timer) clearTimeout(c.timer);
      c.closing = true;
      c.ws.close();
      c.doc?.destroy();
    }
    stopping = false;
    return {};
  },
};

reply(handlers);

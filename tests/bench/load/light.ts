/**
 * Load process: many light clients (raw WebSockets). Authors make real Yjs updates from a private
 * Y.Doc holding only their own edits; every client finds edit ids in the bytes it receives,
 * without applying anything. Records send times and, per edit, the latest receive time and how
 * many clients received it; the parent merges these across processes.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { EDITS_PER_AUTHOR, editToken, joinMessages, KEEPALIVE_MS, keepAliveFrame, scanEditIds, updateFrame, type Target } from '../wire';
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
  /** When it last sent something (an idle client must keep its connection alive, see wire.ts). */
  lastSent: number;
  /** Its document was uploaded (`upload` skips it). */
  uploaded: boolean;
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
    const client: LightClient = { ws, target, author, doc: null, text: null, seq: 0, timer: null, onBytes: null, closing: false, lastSent: now(), uploaded: false };
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => receive(client, data));
    ws.once('open', () => {
      joinMessages(target).forEach((m) => send(client, m));
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

function send(client: LightClient, bytes: Uint8Array): void {
  client.lastSent = now();
  client.ws.send(bytes);
}

// Idle clients (receivers, documents loaded and left idle) stay connected as real providers do.
setInterval(() => {
  const t = now();
  for (const c of clients) {
    const ping = t - c.lastSent >= KEEPALIVE_MS && c.ws.readyState === WebSocket.OPEN ? keepAliveFrame(c.target) : null;
    if (ping) send(c, ping);
  }
}, KEEPALIVE_MS / 5).unref();

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
    if (client.ws.readyState === WebSocket.OPEN) send(client, updateFrame(client.target, update));
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

/**
 * Resolves once `ws` receives bytes containing `token`; rejects at once when the socket closes
 * (with its code: the server dropped it) or after `timeoutMs`.
 */
function untilToken(client: LightClient, token: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = now();
    const done = (error?: Error) => {
      clearTimeout(timer);
      client.onBytes = null;
      client.ws.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onClose = (code: number) => done(new Error(`token not received: socket closed with ${code} after ${Math.round(now() - started)} ms`));
    const timer = setTimeout(() => done(new Error(`token not received within ${timeoutMs} ms (socket ${client.ws.readyState === WebSocket.OPEN ? 'open' : 'not open'})`)), timeoutMs);
    if (client.ws.readyState > WebSocket.OPEN) return done(new Error('token not received: socket already closed'));
    client.ws.once('close', onClose);
    client.onBytes = (bytes) => {
      if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(token)) done();
    };
  });
}

/** Sends an update and resolves once the server's sync reply shows it applied (`token` inside). */
async function uploadBytes(client: LightClient, update: Uint8Array, token: string): Promise<void> {
  const confirmed = untilToken(client, token, 60_000);
  send(client, updateFrame(client.target, update));
  // Sync step 1 after the update: the reply (the doc as the server holds it) must contain it.
  joinMessages(client.target).slice(-1).forEach((m) => send(client, m));
  await confirmed;
  client.uploaded = true;
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
  /** Uploads a document of ~`pages` pages through each client that has not uploaded one yet. */
  async upload(r) {
    const pages = Number(r.pages);
    const one = (c: LightClient) => uploadBytes(c, pagesUpdate(pages, editToken(c.author ?? 0)), editToken(c.author ?? 0));
    const started = now();
    const todo = clients.filter((c) => !c.uploaded);
    for (let i = 0; i < todo.length; i += 20) {
      await Promise.all(todo.slice(i, i + 20).map(one)).catch((error: Error) => {
        throw new Error(`upload of clients ${i}-${Math.min(i + 20, todo.length) - 1} of ${todo.length}, ${Math.round((now() - started) / 1000)} s in: ${error.message}`);
      });
    }
    return { uploaded: todo.length, ms: now() - started };
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

/**
 * Real y-websocket providers in Node, authenticated like a browser (session cookie + Origin).
 * BroadcastChannel is disabled so that every byte goes through the server.
 */
import { toBase64 } from 'lib0/buffer';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ThreadAnchor } from '../../shared/api';
import { BODY_FRAGMENT } from '../../shared/rooms';
import type { Store } from '../../server/store/Store';

/** A WebSocket class that sends the given headers, as a browser would send cookie and Origin. */
export function socketClass(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

/** A provider with its doc; `close()` destroys both (the awareness timer would keep Node alive). */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes received, in order. */
  closeCodes: number[];
  close(): void;
}

/** Connects a stock WebsocketProvider to a room. */
export function connect(collabUrl: string, room: string, headers: { cookie?: string; origin?: string }, options: { doc?: Y.Doc; params?: Record<string, string> } = {}): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const h: Record<string, string> = {};
  if (headers.cookie) h.cookie = headers.cookie;
  if (headers.origin) h.origin = headers.origin;
  const provider = new WebsocketProvider(collabUrl, room, doc, {
    WebSocketPolyfill: socketClass(h) as never,
    disableBc: true,
    params: options.params ?? {},
    maxBackoffTime: 300,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Text of the body fragment (all text nodes, no markup). */
export function bodyText(doc: Y.Doc): string {
  return doc.getXmlFragment(BODY_FRAGMENT).toString().replace(/<[^>]+>/g, '');
}

/** Polls until `check` returns true (or throws a descriptive error after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Appends a paragraph with text at the end of the body, as an editor would. */
export function typeParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

/** A document as the store holds it: its update log replayed into a fresh Y.Doc. */
export async function storedDoc(store: Store, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  (await store.loadBody(documentId))?.updates.forEach((update) => Y.applyUpdate(doc, update));
  return doc;
}

/** The body text the store holds for a document. */
export async function storedText(store: Store, documentId: string): Promise<string> {
  return bodyText(await storedDoc(store, documentId));
}

/** A comment anchor on the first six characters of the stored body, encoded as the editor does. */
export async function storedAnchor(store: Store, documentId: string, quote = 'passage commenté'): Promise<ThreadAnchor> {
  const body = (await storedDoc(store, documentId)).getXmlFragment(BODY_FRAGMENT);
  const text = body.createTreeWalker((node) => node instanceof Y.XmlText).next().value as Y.XmlText;
  const encode = (index: number, assoc: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc)));
  return { start: encode(0, 0), end: encode(6, -1), quote };
}

/** Clients opened by a test, closed together after it. */
export function clientPool(): { open: (...args: Parameters<typeof connect>) => TestClient; closeAll: () => void } {
  const clients: TestClient[] = [];
  return {
    open: (...args) => {
      const client = connect(...args);
      clients.push(client);
      return client;
    },
    closeAll: () => clients.splice(0).forEach((client) => client.close()),
  };
}

/** The systems' own providers in Node: y-websocket's WebsocketProvider, or HocuspocusProvider. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Target } from '../wire';

/** A provider of either kind, reduced to what the benchmark needs. */
export interface FullClient {
  doc: Y.Doc;
  target: Target;
  synced(): boolean;
  destroy(): void;
}

function headerSocket(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
    }
  } as typeof WebSocket;
}

/** Connects the system's own provider to a room. */
export function connectFull(target: Target): FullClient {
  const doc = new Y.Doc();
  if (target.wire === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: target.room, document: doc });
    provider.attach();
    return { doc, target, synced: () => provider.isSynced, destroy: () => (provider.destroy(), socket.destroy(), doc.destroy()) };
  }
  const provider = new WebsocketProvider(target.serverUrl, target.room, doc, {
    WebSocketPolyfill: headerSocket(target.headers) as never,
    disableBc: true, // otherwise two providers in one process sync without the server
  });
  return { doc, target, synced: () => provider.synced, destroy: () => (provider.destroy(), doc.destroy()) };
}

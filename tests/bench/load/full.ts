/**
 * Load process: full clients, i.e. each system's own provider applying everything (y-websocket's
 * WebsocketProvider, or HocuspocusProvider). At the end their documents must equal what a fresh
 * client loads from the server.
 */
import * as Y from 'yjs';
import type { Target } from '../wire';
import { reply, now } from './common';
import { connectFull as connect, type FullClient } from './fullClient';

const open: FullClient[] = [];

/** What must be equal between clients: the body as text, and which changes each holds. */
const fingerprint = (doc: Y.Doc): string => `${Buffer.from(Y.encodeStateVector(doc)).toString('base64')}|${doc.getXmlFragment('body').toString()}`;

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (!check()) {
    if (now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

reply({
  async open(r) {
    const targets = r.targets as Target[];
    const clients = targets.flatMap((t) => [connect(t), connect(t)]);
    open.push(...clients);
    const ok = await waitUntil(() => clients.every((c) => c.synced()), 30_000);
    return { synced: ok };
  },
  /** Waits for the full clients of each room to agree, then compares them with a fresh client. */
  async check(r) {
    const timeoutMs = Number(r.timeoutMs ?? 30_000);
    const rooms = new Map<string, FullClient[]>();
    for (const c of open) rooms.set(c.target.room, [...(rooms.get(c.target.room) ?? []), c]);
    let converged = true;
    for (const members of rooms.values()) {
      const agreed = await waitUntil(() => new Set(members.map((c) => fingerprint(c.doc))).size === 1, timeoutMs);
      const fresh = connect(members[0]!.target);
      const loaded = await waitUntil(() => fresh.synced(), timeoutMs);
      const equal = loaded && (await waitUntil(() => fingerprint(fresh.doc) === fingerprint(members[0]!.doc), 5_000));
      fresh.destroy();
      converged &&= agreed && equal;
    }
    return { converged };
  },
  async close() {
    open.splice(0).forEach((c) => c.destroy());
    return {};
  },
});

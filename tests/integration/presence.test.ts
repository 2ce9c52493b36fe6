/**
 * Presence (awareness) is input from other members: the server keeps only fields that follow
 * shared/presence.ts, one client id per connection, bounded in size and in rate, so that one
 * connection can neither fill the server's memory nor break the carets on everyone's page.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeAwareness } from '../../server/collab/protocol';
import { CloseCode, MessageType } from '../../shared/rooms';
import { waitFor } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

/** An awareness protocol message setting these states, as a client (or an attacker) sends it. */
function awarenessMessage(states: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.AWARENESS);
  encoding.writeVarUint8Array(e, encodeAwareness(states.map((s) => ({ clientId: s.clientId, clock: s.clock, state: JSON.stringify(s.state) }))));
  return encoding.toUint8Array(e);
}

/** A raw socket in a room: resolves once the server has spoken (the connection is admitted). */
function rawMember(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.once('message', () => resolve({ ws, closed }));
    ws.on('error', reject);
  });
}

const relPos = (client: number, clock: number) => ({ type: { client, clock }, tname: 'body', item: { client, clock }, assoc: 0 });

describe('presence from other members', () => {
  const { server, open } = serverPerTest();

  async function room() {
    const s = server();
    const { workspaceId, coordinator } = await setupWorkspace(s);
    const doc = await createDocument(s, workspaceId, coordinator.cookie);
    const guest = await addMember(s, workspaceId, coordinator.cookie, 'member', 'Gaston Invité');
    const watcher = open(s.collabUrl, doc.room, { cookie: coordinator.cookie, origin: s.origin });
    await waitFor(() => watcher.provider.synced, 'watcher synced');
    const url = `${s.collabUrl}/${doc.room}`;
    return { watcher, url, guestHeaders: { cookie: guest.cookie, origin: s.origin }, guest };
  }

  it('drops malformed and unknown fields, keeps the valid ones and stamps who it is', async () => {
    const { watcher, url, guestHeaders, guest } = await room();
    const { ws } = await rawMember(url, guestHeaders);
    ws.send(
      awarenessMessage([
        { clientId: 4242, clock: 1, state: { cursor: { anchor: 42, head: 'x' }, viewport: relPos(1, 2), section: 'Budget', user: { id: 'x', name: 'Présidente', color: 'red;background:url(x)' }, evil: 'a'.repeat(100) } },
      ]),
    );
    await waitFor(() => watcher.provider.awareness.getStates().has(4242), 'the guest’s presence relayed');
    expect(watcher.provider.awareness.getStates().get(4242)).toEqual({ viewport: relPos(1, 2), section: 'Budget', user: { id: guest.id, name: 'Gaston Invité', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) } });
  });

  it('lets a connection speak for one client id only, and refuses a message announcing many', async () => {
    const { watcher, url, guestHeaders } = await room();
    const { ws, closed } = await rawMember(url, guestHeaders);
    for (let id = 1000; id < 1050; id++) ws.send(awarenessMessage([{ clientId: id, clock: 1, state: { section: `n° ${id}` } }]));
    await waitFor(() => watcher.provider.awareness.getStates().has(1000), 'the first id relayed');
    // A probe after the 50 messages: once its answer arrives, every earlier message was handled.
    const probe = open(server().collabUrl, new URL(url).pathname.split('/').pop()!, guestHeaders);
    await waitFor(() => probe.provider.awareness.getStates().has(1000), 'the probe sees the first id');
    expect([...watcher.provider.awareness.getStates().keys()].filter((id) => id >= 1000 && id < 1050)).toEqual([1000]);
    ws.send(awarenessMessage(Array.from({ length: 5000 }, (_, i) => ({ clientId: 20_000 + i, clock: 1, state: {} }))));
    expect(await closed).toBe(CloseCode.BAD_MESSAGE);
    await waitFor(() => !watcher.provider.awareness.getStates().has(1000), 'its presence gone with it');
  });

  it('keeps a crowded room of stock providers connected, carets included (they echo every state they receive)', async () => {
    const { watcher, url, guestHeaders } = await room();
    const name = new URL(url).pathname.split('/').pop()!;
    // The caret plugin's own format: absent parts of a relative position as null.
    const caret = { anchor: { type: null, tname: 'body', item: null, assoc: 0 }, head: { type: null, tname: 'body', item: null, assoc: 0 } };
    const crowd = Array.from({ length: 8 }, () => open(server().collabUrl, name, guestHeaders));
    crowd.forEach((member) => member.provider.awareness.setLocalStateField('cursor', caret));
    const ids = crowd.map((member) => member.doc.clientID);
    await waitFor(() => ids.every((id) => (watcher.provider.awareness.getStates().get(id) as { cursor?: unknown } | undefined)?.cursor !== undefined), 'every caret relayed');
    const late = open(server().collabUrl, name, guestHeaders);
    await waitFor(() => ids.every((id) => late.provider.awareness.getStates().has(id)), 'a late member sees everyone');
    expect(watcher.provider.awareness.getStates().get(ids[0]!)).toMatchObject({ cursor: caret });
    expect([...crowd, late, watcher].flatMap((member) => member.closeCodes)).toEqual([]);
  });

  it('closes a connection whose state is larger than the cap', async () => {
    const { url, guestHeaders } = await room();
    const { ws, closed } = await rawMember(url, guestHeaders);
    ws.send(awarenessMessage([{ clientId: 7, clock: 1, state: { section: 'x'.repeat(10_000) } }]));
    expect(await closed).toBe(CloseCode.BAD_MESSAGE);
  });

  it('throttles a flood of presence updates but ends on the latest one', async () => {
    const { watcher, url, guestHeaders } = await room();
    let seen = 0;
    watcher.provider.awareness.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if ([...updated, ...added].includes(77)) seen++;
    });
    const { ws } = await rawMember(url, guestHeaders);
    for (let clock = 1; clock <= 300; clock++) ws.send(awarenessMessage([{ clientId: 77, clock, state: { section: `étape ${clock}` } }]));
    await waitFor(() => (watcher.provider.awareness.getStates().get(77) as { section?: string } | undefined)?.section === 'étape 300', 'the latest state relayed');
    expect(seen).toBeLessThan(100);
  });
});

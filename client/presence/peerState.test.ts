import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { cleanAwarenessUpdate } from '../collab/awarenessGuard';
import { cleanPeerState, positionsIn } from './peerState';

const user = { id: 'm1', name: 'Béa', color: '#1d6b3a' };

/** A body with one paragraph, and positions in it as the caret plugin publishes them (JSON round trip). */
function body() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('body');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Public visé')]);
  fragment.insert(0, [paragraph]);
  const asSent = (position: Y.RelativePosition) => JSON.parse(JSON.stringify(position)) as Record<string, unknown>;
  const inText = asSent(Y.createRelativePositionFromTypeIndex(paragraph.get(0) as Y.XmlText, 3));
  const atEnd = asSent(Y.createRelativePositionFromTypeIndex(fragment, 1));
  return { doc, check: positionsIn(doc, 'body'), inText, atEnd };
}

describe('peer presence states', () => {
  it('keeps a well-formed state, carets included (the plugin writes null for absent parts)', () => {
    const { check, inText, atEnd } = body();
    expect(inText['tname']).toBeNull(); // what makes the nulls worth handling
    const clean = cleanPeerState({ user, cursor: { anchor: inText, head: atEnd }, following: 7, gather: '7-1', section: 'Budget', spotlight: null }, check);
    expect(clean?.user).toEqual(user);
    expect(clean?.cursor?.anchor).toMatchObject({ item: inText['item'] });
    expect(clean?.cursor?.head).toMatchObject({ tname: 'body' });
    expect(clean).toMatchObject({ following: 7, gather: '7-1', section: 'Budget', spotlight: null });
  });

  it('drops positions that would throw or point outside the body, and keeps the member', () => {
    const { doc, check, inText } = body();
    const elsewhere = doc.getArray('autre');
    elsewhere.insert(0, ['x']);
    const outside = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(elsewhere, 0)));
    const bad = [
      { anchor: 42, head: 'x' },
      { anchor: {}, head: {} },
      { anchor: { type: { client: 'x', clock: 'y' } }, head: inText },
      { anchor: { item: { client: -1, clock: 1.5 } }, head: inText },
      { anchor: { tname: 'ailleurs' }, head: inText },
      { anchor: outside, head: inText },
      'partout',
    ];
    for (const cursor of bad) {
      const clean = cleanPeerState({ user, cursor, spotlight: cursor, viewport: typeof cursor === 'object' ? cursor.anchor : cursor }, check);
      expect(clean?.user).toEqual(user);
      expect(clean?.cursor ?? null).toBeNull();
      expect(clean?.spotlight ?? null).toBeNull();
      expect(clean?.viewport ?? null).toBeNull();
    }
    expect(doc.share.has('ailleurs')).toBe(false);
  });

  it('keeps a position in a change not received yet (presence may come first)', () => {
    const { check } = body();
    const later = { item: { client: 123456, clock: 40 } };
    expect(cleanPeerState({ user, cursor: { anchor: later, head: later } }, check)?.cursor).toEqual({ anchor: later, head: later });
  });

  it('ignores a state with no usable member, and fields of the wrong type', () => {
    const { check } = body();
    for (const who of [undefined, 'Mallory', { ...user, color: 'red; background: url(x)' }, { ...user, name: '' }, { id: 1, name: 'x', color: '#000000' }]) {
      expect(cleanPeerState({ user: who, section: 'Budget' }, check)).toBeNull();
    }
    for (const state of [null, 42, 'texte', [user]]) expect(cleanPeerState(state, check)).toBeNull();
    const clean = cleanPeerState({ user, following: 'tout le monde', gather: { now: true }, section: ['Budget'], extra: 'x' }, check);
    expect(clean).toEqual({ user });
  });
});

describe('awareness updates from the server', () => {
  it('cleans each state, ignores claims on our own id but lets its removal through', () => {
    const me = { user: { id: 'me', name: 'Moi', color: '#000000' } };
    const local = new Awareness(new Y.Doc());
    local.setLocalState(me);
    const peer = new Awareness(new Y.Doc());
    peer.setLocalState({ user, cursor: { anchor: 42, head: 'x' } });
    // Another client speaking for our id, with a newer clock than ours.
    const spoof = new Awareness(new Y.Doc());
    spoof.clientID = local.clientID;
    spoof.setLocalState({ user: { ...user, name: 'Pas moi' } });
    spoof.setLocalState({ user: { ...user, name: 'Toujours pas moi' } });
    const cleaned = (from: Awareness) => cleanAwarenessUpdate(encodeAwarenessUpdate(from, [from.clientID]), local.clientID, (s) => cleanPeerState(s, () => false));

    applyAwarenessUpdate(local, cleaned(peer), null);
    applyAwarenessUpdate(local, cleaned(spoof), null);
    expect(local.getStates().get(peer.clientID)).toEqual({ user });
    expect(local.getLocalState()).toEqual(me);

    // "You are gone" (a server timing us out): y-protocols keeps our state and announces it again.
    spoof.setLocalState(null);
    const announced: number[] = [];
    // The provider re-sends the state of every client an 'update' names (ours, with its new clock).
    local.on('update', (changes: Record<'added' | 'updated' | 'removed', number[]>) => announced.push(...changes.added, ...changes.updated, ...changes.removed));
    applyAwarenessUpdate(local, cleaned(spoof), null);
    expect(local.getLocalState()).toEqual(me);
    expect(announced).toContain(local.clientID);

    expect(() => cleanAwarenessUpdate(new Uint8Array([5, 1]), local.clientID, (s) => s)).toThrow();
    for (const a of [local, peer, spoof]) a.destroy();
  });
});

/**
 * Caret colours within one document: the server gives each member present a colour no other
 * member present has (shared/colors.ts), the same in all their tabs and as long as they stay.
 */
import { describe, expect, it } from 'vitest';
import { MEMBER_PALETTE } from '../../shared/colors';
import type { TestClient } from '../helpers/providers';
import { waitFor } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

type User = { id: string; name: string; color: string };

/** The server-stamped `user` of every other client's state, as this client sees it. */
function usersSeenBy(client: TestClient): Map<number, User> {
  const users = new Map<number, User>();
  for (const [clientId, state] of client.provider.awareness.getStates()) {
    const user = (state as { user?: User }).user;
    if (clientId !== client.doc.clientID && user) users.set(clientId, user);
  }
  return users;
}

describe('caret colours in a document', () => {
  const { server, open } = serverPerTest();

  it('gives 8 members present pairwise different colours, one per member across their tabs, seen alike by everyone', async () => {
    const s = server();
    const { workspaceId, coordinator } = await setupWorkspace(s);
    const doc = await createDocument(s, workspaceId, coordinator.cookie);
    const others = [];
    for (let i = 0; i < 7; i++) others.push(await addMember(s, workspaceId, coordinator.cookie, 'member', `Membre ${i + 1}`));
    const members = [{ id: coordinator.id, cookie: coordinator.cookie }, ...others];
    const join = (cookie: string) => {
      const client = open(s.collabUrl, doc.room, { cookie, origin: s.origin });
      client.provider.awareness.setLocalStateField('section', 'Budget');
      return client;
    };
    const clients = members.map((m) => join(m.cookie));
    // The coordinator also has a second tab.
    const secondTab = join(coordinator.cookie);
    const everyone = [...clients, secondTab];
    const ids = everyone.map((c) => c.doc.clientID);

    // Each client sees every other client's state, stamped by the server.
    await waitFor(() => everyone.every((c) => ids.every((id) => id === c.doc.clientID || usersSeenBy(c).has(id))), 'every state relayed to everyone');

    const watcher = join(others[0]!.cookie); // one more tab, only to watch
    await waitFor(() => ids.every((id) => usersSeenBy(watcher).has(id)), 'the watcher sees everyone');
    const seen = usersSeenBy(watcher);
    const colorOf = new Map<string, string>();
    for (const id of ids) {
      const user = seen.get(id)!;
      expect(user.color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(MEMBER_PALETTE).toContain(user.color);
      // Two tabs of one member: one colour.
      if (colorOf.has(user.id)) expect(user.color).toBe(colorOf.get(user.id));
      colorOf.set(user.id, user.color);
    }
    expect([...colorOf.keys()].sort()).toEqual(members.map((m) => m.id).sort());
    expect(new Set(colorOf.values()).size).toBe(members.length);
    // Everyone sees the same colour for each member.
    for (const client of everyone) {
      for (const [clientId, user] of usersSeenBy(client)) {
        if (ids.includes(clientId)) expect(user.color).toBe(colorOf.get(user.id));
      }
    }
    expect(everyone.flatMap((c) => c.closeCodes)).toEqual([]);
  });

  it('keeps a member’s colour while others come and go', async () => {
    const s = server();
    const { workspaceId, coordinator } = await setupWorkspace(s);
    const doc = await createDocument(s, workspaceId, coordinator.cookie);
    const bea = await addMember(s, workspaceId, coordinator.cookie, 'member', 'Béa');
    const watcher = open(s.collabUrl, doc.room, { cookie: coordinator.cookie, origin: s.origin });
    watcher.provider.awareness.setLocalStateField('section', null);
    const first = open(s.collabUrl, doc.room, { cookie: bea.cookie, origin: s.origin });
    first.provider.awareness.setLocalStateField('section', 'Intro');
    const colorSeen = (client: TestClient) => usersSeenBy(watcher).get(client.doc.clientID)?.color;
    await waitFor(() => colorSeen(first) !== undefined, 'Béa’s state relayed');
    const beaColor = colorSeen(first)!;

    // Members come and go around her: her colour does not move.
    const comers: TestClient[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await addMember(s, workspaceId, coordinator.cookie, 'member', `Passant ${i}`);
      const c = open(s.collabUrl, doc.room, { cookie: m.cookie, origin: s.origin });
      c.provider.awareness.setLocalStateField('section', 'Budget');
      comers.push(c);
    }
    await waitFor(() => comers.every((c) => colorSeen(c) !== undefined), 'the newcomers relayed');
    first.provider.awareness.setLocalStateField('section', 'Conclusion');
    await waitFor(() => (watcher.provider.awareness.getStates().get(first.doc.clientID) as { section?: string } | undefined)?.section === 'Conclusion', 'Béa’s new state relayed');
    expect(colorSeen(first)).toBe(beaColor);
    expect(comers.map(colorSeen)).not.toContain(beaColor);
    expect(new Set([beaColor, ...comers.map(colorSeen)]).size).toBe(4);
  });
});

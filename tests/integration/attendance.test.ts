/**
 * Meeting attendance recorded from real provider connections: join, leave, two tabs of one member,
 * rejoin, edits counted, a graceful restart closing open intervals and keeping them, and intervals
 * left open by a crash closed at their last activity on the next start.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceResponse, PresenceInterval } from '../../shared/api';
import { ATTENDANCE_REVISION_KEY, META_MAP, metaRoom } from '../../shared/rooms';
import { typeParagraph, waitFor } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, type TestServer } from '../helpers/server';
import { restartServing, serverPerTest } from '../helpers/serverPerTest';

describe('meeting attendance', () => {
  const { server: current, open } = serverPerTest();
  let server: TestServer;
  beforeEach(() => {
    server = current();
  });

  async function meeting() {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa');
    const cyril = await addMember(server, workspaceId, claire.cookie, 'newcomer', 'Cyril');
    const doc = await createDocument(server, workspaceId, claire.cookie, 'Réunion du 3 mars', 'meeting');
    const join = (cookie: string) => open(server.collabUrl, doc.room, { cookie, origin: server.origin });
    const attendance = async (): Promise<PresenceInterval[]> => {
      const res = await api(server, 'GET', `/api/documents/${doc.id}/attendance`, { cookie: claire.cookie });
      expect(res.status).toBe(200);
      return (res.body as AttendanceResponse).intervals;
    };
    /** Intervals as "Name open|closed", in order of arrival. */
    const summary = async () => (await attendance()).map((i) => `${i.member.name} ${i.to === null ? 'open' : 'closed'}`);
    return { workspaceId, claire, bea, cyril, doc, join, attendance, summary };
  }

  it('records join, leave and rejoin, counting two tabs of one member as one presence', async () => {
    const { claire, bea, cyril, doc, join, attendance, summary } = await meeting();
    const watcher = open(server.collabUrl, metaRoom(doc.id), { cookie: claire.cookie, origin: server.origin });
    await waitFor(() => watcher.provider.synced, 'meta room synced');
    const revision = () => watcher.doc.getMap(META_MAP).get(ATTENDANCE_REVISION_KEY);

    join(claire.cookie);
    await waitFor(async () => (await summary()).join() === 'Claire Coordinatrice open', 'Claire attends');
    expect(revision()).toEqual(expect.any(Number)); // open pages were told to fetch the attendance again

    const tab1 = join(bea.cookie);
    const tab2 = join(bea.cookie);
    await waitFor(() => tab1.provider.synced && tab2.provider.synced, 'both tabs synced');
    join(cyril.cookie);
    await waitFor(async () => (await summary()).length === 3, 'Cyril attends');
    expect(await summary()).toEqual(['Claire Coordinatrice open', 'Béa open', 'Cyril open']);

    tab1.close();
    // Béa still has a tab open: nothing changes for her. A later arrival proves the close was handled.
    await waitFor(() => server.trame.rooms.get(doc.room)?.connections.size === 3, 'first tab gone');
    expect(await summary()).toEqual(['Claire Coordinatrice open', 'Béa open', 'Cyril open']);

    tab2.close();
    await waitFor(async () => (await summary())[1] === 'Béa closed', 'Béa left');
    const left = (await attendance())[1]!;
    expect(Date.parse(left.to!)).toBeGreaterThanOrEqual(Date.parse(left.from));

    join(bea.cookie);
    await waitFor(async () => (await summary()).length === 4, 'Béa back');
    expect(await summary()).toEqual(['Claire Coordinatrice open', 'Béa closed', 'Cyril open', 'Béa open']);
  });

  it('closes open intervals with their edits on a graceful shutdown and keeps them across the restart', async () => {
    const { claire, bea, doc, join, attendance, summary } = await meeting();
    const writer = join(claire.cookie);
    join(bea.cookie);
    await waitFor(async () => (await summary()).length === 2, 'both attend');
    await waitFor(() => writer.provider.synced, 'writer synced');
    for (const text of ['Ordre du jour', 'Point 1 : budget', 'Point 2 : local']) {
      const before = (await server.trame.store.loadBody(doc.id))!.updates.length;
      typeParagraph(writer.doc, text);
      await waitFor(async () => (await server.trame.store.loadBody(doc.id))!.updates.length > before, `“${text}” stored`);
    }

    const stoppedAround = Date.now();
    await restartServing(server);
    // Both providers reconnect by themselves: each gets a new interval after the closed one.
    await waitFor(async () => (await summary()).length === 4, 'both back after the restart');
    const [claireBefore, beaBefore, ...after] = await attendance();
    expect([claireBefore, beaBefore].map((i) => [i!.member.name, i!.edits])).toEqual([['Claire Coordinatrice', 3], ['Béa', 0]]);
    for (const closed of [claireBefore!, beaBefore!]) expect(Math.abs(Date.parse(closed.to!) - stoppedAround)).toBeLessThan(5_000);
    expect(after.map((i) => i.to)).toEqual([null, null]);
  });

  it('closes an interval a crash left open at its last recorded activity on the next start', async () => {
    const { claire, doc } = await meeting();
    const joinedAt = '2030-03-03T09:00:00.000Z';
    const lastSeenAt = '2030-03-03T09:40:00.000Z';
    // As a crash leaves it: written while open, never closed.
    await server.trame.store.openInterval({ id: 'crashed-interval', documentId: doc.id, sessionId: null, memberId: claire.id, joinedAt, leftAt: null, lastSeenAt, edits: 7 });
    await restartServing(server);
    const res = await api(server, 'GET', `/api/documents/${doc.id}/attendance`, { cookie: claire.cookie });
    expect(res.body.intervals).toEqual([{ member: expect.objectContaining({ id: claire.id }), from: joinedAt, to: lastSeenAt, edits: 7 }]);
  });

  it('records no attendance for documents that are not meetings, but records each member’s visit', async () => {
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, claire.cookie, 'Charte', 'charter');
    const client = open(server.collabUrl, doc.room, { cookie: claire.cookie, origin: server.origin });
    await waitFor(() => client.provider.synced, 'synced');
    await waitFor(async () => (await server.trame.store.listVisits(claire.id)).has(doc.id), 'visit recorded');
    expect((await api(server, 'GET', `/api/documents/${doc.id}/attendance`, { cookie: claire.cookie })).body).toEqual({ intervals: [] });
  });
});

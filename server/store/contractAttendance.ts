/**
 * The attendance, mentoring, visit and live-session part of the Store contract suite (see
 * contract.ts): what the tracker and the commands of issue 7 rely on, for every backend.
 */
import { describe, expect, it } from 'vitest';
import type { LiveSessionRow, PresenceIntervalRow, SessionInvitationRow } from './attendanceStore';
import type { Store } from './Store';
import { at, documentRow, memberRow, seedCollective, testId } from './contractFixtures';

/** An open interval of `memberId` in `documentId` from minute `from`. */
const interval = (documentId: string, memberId: string, from: number, overrides: Partial<PresenceIntervalRow> = {}): PresenceIntervalRow => ({
  id: testId('int'),
  documentId,
  sessionId: null,
  memberId,
  joinedAt: at(from),
  leftAt: null,
  lastSeenAt: at(from),
  edits: 0,
  ...overrides,
});

const liveSession = (documentId: string, startedBy: string, minute: number): LiveSessionRow => ({
  id: testId('ses'),
  documentId,
  startedBy,
  startedAt: at(minute),
  endedAt: null,
  endedBy: null,
});

const invitation = (sessionId: string, memberId: string, minute: number): SessionInvitationRow => ({
  id: testId('sin'),
  sessionId,
  memberId,
  createdAt: at(minute),
  readAt: null,
});

/** Registers the suite; `store` gives the store of the current test. */
export function attendanceContract(store: () => Store): void {
  /** A collective with a coordinator, a second member and one document. */
  async function world() {
    const { workspace, coordinator } = await seedCollective(store());
    const bea = memberRow({ name: 'Béa' });
    await store().createMember(bea);
    await store().setMembership(workspace.id, bea.id, 'newcomer', at(0));
    const document = documentRow(workspace.id, { kind: 'meeting' });
    await store().createDocument(document, new Uint8Array([0, 0]));
    return { workspace, coordinator, bea, document };
  }

  describe('presence intervals', () => {
    it('opens, saves and closes intervals, listed by arrival, meeting and session apart', async () => {
      const { coordinator, bea, document } = await world();
      const first = interval(document.id, bea.id, 2);
      const earlier = interval(document.id, coordinator.id, 1);
      await store().openInterval(first);
      await store().openInterval(earlier);
      expect(await store().saveInterval(first.id, { lastSeenAt: at(3), edits: 4, leftAt: at(5) })).toBe(true);
      expect(await store().saveInterval('int_missing00', { lastSeenAt: at(3), edits: 0, leftAt: null })).toBe(false);

      const session = liveSession(document.id, coordinator.id, 1);
      await store().createLiveSession(session, []);
      const during = interval(document.id, bea.id, 2, { sessionId: session.id });
      await store().openInterval(during);

      expect(await store().listIntervals(document.id, null)).toEqual([earlier, { ...first, lastSeenAt: at(3), edits: 4, leftAt: at(5) }]);
      expect(await store().listIntervals(document.id, session.id)).toEqual([during]);
    });

    it('closes intervals left open by a crash at their last activity', async () => {
      const { coordinator, bea, document } = await world();
      const open = interval(document.id, bea.id, 1, { lastSeenAt: at(7), edits: 2 });
      const closed = interval(document.id, coordinator.id, 1, { leftAt: at(3), lastSeenAt: at(3) });
      await store().openInterval(open);
      await store().openInterval(closed);
      expect(await store().closeAbandonedIntervals()).toBe(1);
      expect(await store().listIntervals(document.id, null)).toEqual([{ ...open, leftAt: at(7) }, closed]);
    });

    it('refuses an interval of an unknown member or document', async () => {
      const { document } = await world();
      await expect(store().openInterval(interval(document.id, 'mem_unknown0', 1))).rejects.toThrow();
      await expect(store().openInterval(interval('doc_unknown0', memberRow().id, 1))).rejects.toThrow();
    });
  });

  describe('mentorships and visits', () => {
    it('sets, replaces and removes a newcomer’s mentor, per collective', async () => {
      const { workspace, coordinator, bea } = await world();
      const other = await seedCollective(store());
      await store().setMentorship(workspace.id, bea.id, { mentorId: coordinator.id, assignedBy: coordinator.id, since: at(1) });
      expect(await store().listMentorships(workspace.id)).toEqual([
        { workspaceId: workspace.id, newcomerId: bea.id, mentorId: coordinator.id, assignedBy: coordinator.id, since: at(1) },
      ]);
      expect(await store().listMentorships(other.workspace.id)).toEqual([]);

      const ana = memberRow();
      await store().createMember(ana);
      await store().setMentorship(workspace.id, bea.id, { mentorId: ana.id, assignedBy: ana.id, since: at(2) });
      expect((await store().listMentorships(workspace.id)).map((m) => [m.mentorId, m.since])).toEqual([[ana.id, at(2)]]);
      await store().setMentorship(workspace.id, bea.id, null);
      expect(await store().listMentorships(workspace.id)).toEqual([]);
    });

    it('refuses a newcomer as their own mentor', async () => {
      const { workspace, bea } = await world();
      await expect(store().setMentorship(workspace.id, bea.id, { mentorId: bea.id, assignedBy: bea.id, since: at(1) })).rejects.toThrow();
    });

    it('keeps the latest visit of each document', async () => {
      const { coordinator, document } = await world();
      await store().recordVisit(document.id, coordinator.id, at(5));
      await store().recordVisit(document.id, coordinator.id, at(3));
      expect(await store().listVisits(coordinator.id)).toEqual(new Map([[document.id, at(5)]]));
      await store().recordVisit(document.id, coordinator.id, at(9));
      expect(await store().listVisits(coordinator.id)).toEqual(new Map([[document.id, at(9)]]));
    });
  });

  describe('live sessions', () => {
    it('starts one session at a time per document, with its invitations, and ends it once', async () => {
      const { coordinator, bea, document } = await world();
      const first = liveSession(document.id, coordinator.id, 1);
      const invited = invitation(first.id, bea.id, 1);
      expect(await store().createLiveSession(first, [invited])).toBe(true);
      const second = liveSession(document.id, bea.id, 2);
      expect(await store().createLiveSession(second, [invitation(second.id, coordinator.id, 2)])).toBe(false);
      expect(await store().getLiveSession(second.id)).toBeNull();
      expect(await store().listInvitations(coordinator.id, 10)).toEqual([]);

      expect(await store().endLiveSession(first.id, bea.id, at(4))).toBe(true);
      expect(await store().endLiveSession(first.id, bea.id, at(5))).toBe(false);
      const ended = { ...first, endedAt: at(4), endedBy: bea.id };
      expect(await store().getLiveSession(first.id)).toEqual({ session: ended, invitations: [invited] });

      expect(await store().createLiveSession(second, [])).toBe(true);
      expect((await store().listLiveSessions(document.id)).map((s) => s.session.id)).toEqual([second.id, first.id]);
    });

    it('lists, counts and marks read a member’s invitations', async () => {
      const { coordinator, bea, document } = await world();
      const sessions = [liveSession(document.id, coordinator.id, 1), liveSession(document.id, coordinator.id, 3)];
      const invitations = [invitation(sessions[0]!.id, bea.id, 1), invitation(sessions[1]!.id, bea.id, 3)];
      await store().createLiveSession(sessions[0]!, [invitations[0]!]);
      await store().endLiveSession(sessions[0]!.id, coordinator.id, at(2));
      await store().createLiveSession(sessions[1]!, [invitations[1]!]);

      expect((await store().listInvitations(bea.id, 10)).map((i) => [i.invitation.id, i.session.id])).toEqual([
        [invitations[1]!.id, sessions[1]!.id],
        [invitations[0]!.id, sessions[0]!.id],
      ]);
      expect(await store().listInvitations(bea.id, 1)).toHaveLength(1);
      expect(await store().countUnreadInvitations(bea.id)).toEqual(new Map([[document.id, 2]]));
      expect(await store().markInvitationsRead(coordinator.id, [invitations[0]!.id], at(4))).toBe(0);
      expect(await store().markInvitationsRead(bea.id, [invitations[0]!.id], at(4))).toBe(1);
      expect(await store().countUnreadInvitations(bea.id)).toEqual(new Map([[document.id, 1]]));
      expect(await store().markInvitationsRead(bea.id, null, at(5))).toBe(1);
      expect(await store().countUnreadInvitations(bea.id)).toEqual(new Map());
      expect((await store().listInvitations(bea.id, 10)).map((i) => i.invitation.readAt)).toEqual([at(5), at(4)]);
    });
  });
}

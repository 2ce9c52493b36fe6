/**
 * The store's presence intervals, mentorships, visits, live sessions and their invitations, written
 * once over Kysely for SQLite and PostgreSQL (see ../sql/context.ts): a port of the former
 * hand-written SQLite store's, with the same behaviour. Lists break ties between equal timestamps by insertion order (SQLite's
 * rowid, PostgreSQL's ord: `insertionOrder`).
 */
import type { Kysely } from 'kysely';
import type { AttendanceStore, LiveSessionRow, LiveSessionWithInvitations, MentorshipRow, PresenceIntervalRow, SessionInvitationRow } from '../attendanceStore';
import type { Timestamp } from '../Store';
import { changed, isUniqueViolation, lockFor, writeTransaction, type SqlContext } from '../sql/context';
import { insertionOrder } from '../sql/dialect';
import type { Tables } from '../sql/tables';

const INTERVAL = ['id', 'documentId', 'sessionId', 'memberId', 'joinedAt', 'leftAt', 'lastSeenAt', 'edits'] as const;
const SESSION = ['s.id', 's.documentId', 's.startedBy', 's.startedAt', 's.endedAt', 's.endedBy'] as const;
/** An invitation's columns next to its session's, renamed apart (null when a session has none, in a LEFT JOIN). */
const INVITATION = ['i.id as invitationId', 'i.sessionId as invitationSessionId', 'i.memberId as invitationMemberId', 'i.createdAt as invitationCreatedAt', 'i.readAt as invitationReadAt'] as const;

/** Ids per statement when marking some invitations read (far below both engines' limits on parameters). */
const IDS_PER_STATEMENT = 500;

type InvitationColumns = {
  invitationId: string | null;
  invitationSessionId: string | null;
  invitationMemberId: string | null;
  invitationCreatedAt: string | null;
  invitationReadAt: string | null;
};

const sessionOf = (row: LiveSessionRow): LiveSessionRow => ({
  id: row.id,
  documentId: row.documentId,
  startedBy: row.startedBy,
  startedAt: row.startedAt,
  endedAt: row.endedAt,
  endedBy: row.endedBy,
});

const invitationOf = (row: InvitationColumns): SessionInvitationRow | null =>
  row.invitationId === null
    ? null
    : { id: row.invitationId, sessionId: row.invitationSessionId!, memberId: row.invitationMemberId!, createdAt: row.invitationCreatedAt!, readAt: row.invitationReadAt };

/** Rows of sessions left-joined with their invitations, folded into sessions in the rows' order. */
function foldSessions(rows: (LiveSessionRow & InvitationColumns)[]): LiveSessionWithInvitations[] {
  const byId = new Map<string, LiveSessionWithInvitations>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) {
      entry = { session: sessionOf(row), invitations: [] };
      byId.set(row.id, entry);
    }
    const invitation = invitationOf(row);
    if (invitation) entry.invitations.push(invitation);
  }
  return [...byId.values()];
}

export class SqlAttendance implements AttendanceStore {
  constructor(private readonly ctx: SqlContext) {}

  async openInterval(i: PresenceIntervalRow): Promise<void> {
    await this.ctx.db
      .insertInto('presenceIntervals')
      .values({ id: i.id, documentId: i.documentId, sessionId: i.sessionId, memberId: i.memberId, joinedAt: i.joinedAt, leftAt: i.leftAt, lastSeenAt: i.lastSeenAt, edits: i.edits })
      .execute();
  }

  async saveInterval(id: string, state: { lastSeenAt: Timestamp; edits: number; leftAt: Timestamp | null }): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('presenceIntervals')
      .set({ lastSeenAt: state.lastSeenAt, edits: state.edits, leftAt: state.leftAt })
      .where('id', '=', id)
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async listIntervals(documentId: string, sessionId: string | null): Promise<PresenceIntervalRow[]> {
    const rows = await this.ctx.db
      .selectFrom('presenceIntervals')
      .select(INTERVAL)
      .where('documentId', '=', documentId)
      .where('sessionId', sessionId === null ? 'is' : '=', sessionId)
      .orderBy('joinedAt')
      .orderBy(insertionOrder(this.ctx.engine))
      .execute();
    return rows.map((row) => ({ ...row, edits: Number(row.edits) }));
  }

  async closeAbandonedIntervals(): Promise<number> {
    const result = await this.ctx.db
      .updateTable('presenceIntervals')
      .set((eb) => ({ leftAt: eb.ref('lastSeenAt') }))
      .where('leftAt', 'is', null)
      .executeTakeFirst();
    return changed(result);
  }

  async setMentorship(workspaceId: string, newcomerId: string, mentor: { mentorId: string; assignedBy: string; since: Timestamp } | null): Promise<void> {
    if (mentor === null) {
      await this.ctx.db.deleteFrom('mentorships').where('workspaceId', '=', workspaceId).where('newcomerId', '=', newcomerId).execute();
      return;
    }
    await this.ctx.db
      .insertInto('mentorships')
      .values({ workspaceId, newcomerId, mentorId: mentor.mentorId, assignedBy: mentor.assignedBy, since: mentor.since })
      .onConflict((oc) =>
        oc.columns(['workspaceId', 'newcomerId']).doUpdateSet((eb) => ({
          mentorId: eb.ref('excluded.mentorId'),
          assignedBy: eb.ref('excluded.assignedBy'),
          since: eb.ref('excluded.since'),
        })),
      )
      .execute();
  }

  async listMentorships(workspaceId: string): Promise<MentorshipRow[]> {
    return this.ctx.db
      .selectFrom('mentorships')
      .select(['workspaceId', 'newcomerId', 'mentorId', 'assignedBy', 'since'])
      .where('workspaceId', '=', workspaceId)
      .orderBy(insertionOrder(this.ctx.engine))
      .execute();
  }

  async recordVisit(documentId: string, memberId: string, at: Timestamp): Promise<void> {
    // An earlier time never replaces a later one: the update only happens when the new time is later
    // (ISO timestamps compare as text on both engines).
    await this.ctx.db
      .insertInto('documentVisits')
      .values({ documentId, memberId, lastSeenAt: at })
      .onConflict((oc) =>
        oc
          .columns(['memberId', 'documentId'])
          .doUpdateSet((eb) => ({ lastSeenAt: eb.ref('excluded.lastSeenAt') }))
          .where((eb) => eb('documentVisits.lastSeenAt', '<', eb.ref('excluded.lastSeenAt'))),
      )
      .execute();
  }

  async listVisits(memberId: string): Promise<Map<string, Timestamp>> {
    const rows = await this.ctx.db.selectFrom('documentVisits').select(['documentId', 'lastSeenAt']).where('memberId', '=', memberId).execute();
    return new Map(rows.map((row) => [row.documentId, row.lastSeenAt]));
  }

  async createLiveSession(s: LiveSessionRow, invitations: readonly SessionInvitationRow[]): Promise<boolean> {
    try {
      return await writeTransaction(this.ctx, async (trx) => {
        // Check then write: IMMEDIATE on SQLite, an advisory lock per document on PostgreSQL, so that a
        // refusal never comes from a failed statement (which would abort a PostgreSQL transaction).
        if (s.endedAt === null) {
          await lockFor(trx, this.ctx.engine, `live_session:${s.documentId}`);
          const active = await trx.selectFrom('liveSessions').select('id').where('documentId', '=', s.documentId).where('endedAt', 'is', null).limit(1).executeTakeFirst();
          if (active) return false;
        }
        await trx
          .insertInto('liveSessions')
          .values({ id: s.id, documentId: s.documentId, startedBy: s.startedBy, startedAt: s.startedAt, endedAt: s.endedAt, endedBy: s.endedBy })
          .execute();
        if (invitations.length > 0) {
          await trx
            .insertInto('sessionInvitations')
            .values(invitations.map((i) => ({ id: i.id, sessionId: i.sessionId, memberId: i.memberId, createdAt: i.createdAt, readAt: i.readAt })))
            .execute();
        }
        return true;
      });
    } catch (err) {
      // The partial unique index (one session under way per document) backs the check; the
      // transaction has been rolled back, so nothing was written.
      if (isUniqueViolation(err, 'live_sessions.document_id')) return false;
      throw err;
    }
  }

  async getLiveSession(id: string): Promise<LiveSessionWithInvitations | null> {
    const rows = await this.sessionsWithInvitations(this.ctx.db)
      .where('s.id', '=', id)
      .orderBy(insertionOrder(this.ctx.engine, 'i'))
      .execute();
    return foldSessions(rows)[0] ?? null;
  }

  async listLiveSessions(documentId: string): Promise<LiveSessionWithInvitations[]> {
    // One statement, so the sessions and their invitations come from the same snapshot.
    const rows = await this.sessionsWithInvitations(this.ctx.db)
      .where('s.documentId', '=', documentId)
      .orderBy('s.startedAt', 'desc')
      .orderBy(insertionOrder(this.ctx.engine, 's'), 'desc')
      .orderBy(insertionOrder(this.ctx.engine, 'i'))
      .execute();
    return foldSessions(rows);
  }

  async endLiveSession(id: string, by: string, at: Timestamp): Promise<boolean> {
    const result = await this.ctx.db.updateTable('liveSessions').set({ endedAt: at, endedBy: by }).where('id', '=', id).where('endedAt', 'is', null).executeTakeFirst();
    return changed(result) > 0;
  }

  async listInvitations(memberId: string, limit: number): Promise<{ invitation: SessionInvitationRow; session: LiveSessionRow }[]> {
    const rows = await this.ctx.db
      .selectFrom('sessionInvitations as i')
      .innerJoin('liveSessions as s', 's.id', 'i.sessionId')
      .select(SESSION)
      .select(INVITATION)
      .where('i.memberId', '=', memberId)
      .orderBy('i.createdAt', 'desc')
      .orderBy(insertionOrder(this.ctx.engine, 'i'), 'desc')
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map((row) => ({ invitation: invitationOf(row)!, session: sessionOf(row) }));
  }

  async countUnreadInvitations(memberId: string): Promise<Map<string, number>> {
    const rows = await this.ctx.db
      .selectFrom('sessionInvitations as i')
      .innerJoin('liveSessions as s', 's.id', 'i.sessionId')
      .select((eb) => ['s.documentId', eb.fn.countAll<number | string>().as('n')])
      .where('i.memberId', '=', memberId)
      .where('i.readAt', 'is', null)
      .groupBy('s.documentId')
      .execute();
    return new Map(rows.map((row) => [row.documentId, Number(row.n)]));
  }

  async markInvitationsRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    const unread = (q: Kysely<Tables>) => q.updateTable('sessionInvitations').set({ readAt: at }).where('memberId', '=', memberId).where('readAt', 'is', null);
    if (ids === null) return changed(await unread(this.ctx.db).executeTakeFirst());
    const unique = [...new Set(ids)];
    if (unique.length === 0) return 0;
    if (unique.length <= IDS_PER_STATEMENT) return changed(await unread(this.ctx.db).where('id', 'in', unique).executeTakeFirst());
    return writeTransaction(this.ctx, async (trx) => {
      let count = 0;
      for (let from = 0; from < unique.length; from += IDS_PER_STATEMENT) {
        count += changed(await unread(trx).where('id', 'in', unique.slice(from, from + IDS_PER_STATEMENT)).executeTakeFirst());
      }
      return count;
    });
  }

  /** Sessions left-joined with their invitations (a session without any gives one row of nulls). */
  private sessionsWithInvitations(q: Kysely<Tables>) {
    return q.selectFrom('liveSessions as s').leftJoin('sessionInvitations as i', 'i.sessionId', 's.id').select(SESSION).select(INVITATION);
  }
}

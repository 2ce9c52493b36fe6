/**
 * The Store: one SQLite file (better-sqlite3), or the same in memory (`openMemory`). better-sqlite3 is synchronous, so every
 * method runs to completion inside its promise; multi-row writes use IMMEDIATE transactions so that
 * a check-then-write (setup, invites) also holds against another process on the same file.
 */
import Database from 'better-sqlite3';
import type { Access, Role } from '../../shared/permissions';
import { EmailTakenError } from './Store';
import type { AcceptInviteResult, DocumentRow, GrantRow, InviteRow, MemberRow, MembershipRow } from './Store';
import type { SessionRow, Store, StoredBody, Timestamp, UpdateEntry, WorkspaceRow } from './Store';
import type { CommentRow, NotificationRow, PageStart, ThreadRow, ThreadWithComments } from './Store';
import { GroupCommit } from './groupCommit';
import { WalSync } from './walSync';
import { appendTransaction, asBlob, withoutFlush, type AppendCall } from './sqliteAppend';
import { WorkerAppender } from './sqliteAppender';
import { SqliteComments } from './sqliteComments';
import type { LiveSessionRow, LiveSessionWithInvitations, MentorshipRow, PresenceIntervalRow, SessionInvitationRow } from './attendanceStore';
import { SqliteAttendance } from './sqliteAttendance';
import { SqliteVersions } from './sqliteVersions';
import type { ActivityRow, DocumentReviewState, NewVersion, ReviewDecisionRow, ReviewRequestRow, ReviewState, StatusRow, VersionRow } from './versionTypes';
import type { DocumentStatus } from '../../shared/review';
import { openDatabase, openMemoryDatabase } from './sqliteSchema';
import { prepareStatements, toDocumentRow, toMembershipRow, type Statements } from './sqliteStatements';

export { StoreOpenError } from './sqliteSchema';

/** Emails are unique regardless of case; the store normalises so a careless caller cannot split one. */
const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Who accepts an invite (the second parameter of `Store.acceptInvite`). */
type InviteAcceptor = Parameters<Store['acceptInvite']>[1];

/** The changes `Store.updateDocument` accepts. */
type DocumentPatch = Parameters<Store['updateDocument']>[1];

/** Options of `SqliteStore.open`. */
export interface SqliteStoreOptions {
  /**
   * Append document updates from a worker thread with its own connection, so that commits and
   * their fsync do not block the event loop. Off by default: on this machine the benefit was not
   * shown (tests/bench/PERFORMANCE.md) and it costs ~40 MB. A worker that dies is replaced (its
   * batch in flight is refused, and clients send those updates again); see sqliteAppender.ts.
   */
  appendInWorker?: boolean;
}

/** Store backed by one SQLite file in WAL mode. */
export class SqliteStore implements Store {
  private readonly q: Statements;
  private readonly tx: ReturnType<SqliteStore['transactions']>;
  // Appends requested during one event-loop turn share one transaction, hence one fsync.
  private readonly appends: GroupCommit<AppendCall, number[]> | WorkerAppender;
  // Flushes the appends' WAL frames to disk off the main thread (not with the append worker).
  private readonly walSync: WalSync | null = null;
  private readonly unflushed: <T>(write: () => T) => T;
  private readonly comments: SqliteComments;
  private readonly attendance: SqliteAttendance;
  private readonly versions: SqliteVersions;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions,
  ) {
    this.q = prepareStatements(db);
    this.tx = this.transactions();
    this.unflushed = withoutFlush(db);
    if (db.memory) {
      // Nothing to flush: appends commit in groups and settle at once.
      this.appends = new GroupCommit(appendTransaction(db));
    } else if (options.appendInWorker === true) {
      this.appends = new WorkerAppender(db.name);
    } else {
      this.walSync = new WalSync(`${db.name}-wal`);
      const sync = this.walSync;
      this.appends = new GroupCommit(appendTransaction(db, { flushLater: true }), () => sync.afterCommit());
    }
    this.comments = new SqliteComments(db);
    this.attendance = new SqliteAttendance(db);
    this.versions = new SqliteVersions(db);
  }

  /** The append worker, when appends run in one (diagnostics and tests). */
  get appendWorker(): WorkerAppender | null {
    return this.appends instanceof WorkerAppender ? this.appends : null;
  }

  /** Each multi-row write wrapped once in a transaction function (created here, reused per call). */
  private transactions() {
    const db = this.db;
    return {
      setup: db.transaction((w: WorkspaceRow, c: MemberRow) => this.setupRows(w, c)),
      removeMembership: db.transaction((ws: string, m: string) => this.removeMembershipRows(ws, m)),
      acceptInvite: db.transaction((t: string, who: InviteAcceptor, at: Timestamp) => this.acceptInviteRows(t, who, at)),
      createDocument: db.transaction((d: DocumentRow, state: Uint8Array) => this.createDocumentRows(d, state)),
      updateDocument: db.transaction((id: string, patch: DocumentPatch) => this.updateDocumentRow(id, patch)),
      compactBody: db.transaction((id: string, state: Uint8Array, through: number) => this.compactBodyRows(id, state, through)),
    };
  }

  /**
   * Opens (or creates) the database at `filePath`, creating its directory, and migrates it.
   * Throws StoreOpenError if the file exists but is not a Trame database, rather than replacing it.
   */
  static open(filePath: string, options: SqliteStoreOptions = {}): SqliteStore {
    return new SqliteStore(openDatabase(filePath), options);
  }

  /**
   * The same store in memory (`STORE=memory`, tests, the benchmark's "trame-memory" twin): the
   * same code and schema without the disk. Everything is gone once it is closed.
   */
  static openMemory(): SqliteStore {
    return new SqliteStore(openMemoryDatabase(), {});
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (this.appends instanceof GroupCommit) this.appends.flush();
    else await this.appends.close();
    await this.walSync?.close();
    if (this.db.open) this.db.close();
  }

  // ---- members and collectives ----

  async countMembers(): Promise<number> {
    return this.q.countMembers.get()!.n;
  }

  async setup(workspace: WorkspaceRow, coordinator: MemberRow): Promise<boolean> {
    return this.tx.setup.immediate(workspace, coordinator);
  }

  private setupRows(workspace: WorkspaceRow, coordinator: MemberRow): boolean {
    // Checked inside the transaction: two first visitors racing must not both become coordinator.
    if (this.q.countMembers.get()!.n > 0) return false;
    this.q.insertWorkspace.run(workspace.id, workspace.name, workspace.createdAt);
    this.insertMember(coordinator);
    this.q.upsertMembership.run(workspace.id, coordinator.id, 'coordinator', workspace.createdAt);
    return true;
  }

  async createMember(member: MemberRow): Promise<void> {
    this.insertMember(member);
  }

  private insertMember(m: MemberRow): void {
    const email = normaliseEmail(m.email);
    try {
      this.q.insertMember.run(m.id, email, m.name, m.passwordHash, m.createdAt);
    } catch (err) {
      if (isUniqueViolation(err, 'members.email')) throw new EmailTakenError(email);
      throw err;
    }
  }

  async getMember(id: string): Promise<MemberRow | null> {
    return this.q.getMember.get(id) ?? null;
  }

  async getMemberByEmail(email: string): Promise<MemberRow | null> {
    return this.q.getMemberByEmail.get(normaliseEmail(email)) ?? null;
  }

  async listMembers(): Promise<MemberRow[]> {
    return this.q.listMembers.all();
  }

  async createWorkspace(workspace: WorkspaceRow): Promise<void> {
    this.q.insertWorkspace.run(workspace.id, workspace.name, workspace.createdAt);
  }

  async getWorkspace(id: string): Promise<WorkspaceRow | null> {
    return this.q.getWorkspace.get(id) ?? null;
  }

  async getWorkspaceByName(name: string): Promise<WorkspaceRow | null> {
    return this.q.getWorkspaceByName.get(name) ?? null;
  }

  async listWorkspaces(): Promise<WorkspaceRow[]> {
    return this.q.listWorkspaces.all();
  }

  async listWorkspacesOf(memberId: string): Promise<{ workspace: WorkspaceRow; role: Role }[]> {
    return this.q.listWorkspacesOf
      .all(memberId)
      .map(({ role, ...workspace }) => ({ workspace, role }));
  }

  async setMembership(workspaceId: string, memberId: string, role: Role, at: Timestamp): Promise<void> {
    this.q.upsertMembership.run(workspaceId, memberId, role, at);
  }

  async getRole(workspaceId: string, memberId: string): Promise<Role | null> {
    return this.q.getRole.get(workspaceId, memberId)?.role ?? null;
  }

  async listMemberships(workspaceId: string): Promise<MembershipRow[]> {
    return this.q.listMemberships.all(workspaceId).map(toMembershipRow);
  }

  async removeMembership(workspaceId: string, memberId: string): Promise<boolean> {
    return this.tx.removeMembership.immediate(workspaceId, memberId);
  }

  private removeMembershipRows(workspaceId: string, memberId: string): boolean {
    // Grants would otherwise come back to life if the member were invited again later.
    this.q.deleteGrantsInWorkspace.run(memberId, workspaceId);
    return this.q.deleteMembership.run(workspaceId, memberId).changes > 0;
  }

  // ---- sessions ----

  async createSession(session: SessionRow): Promise<void> {
    this.q.insertSession.run(session.tokenHash, session.memberId, session.createdAt, session.expiresAt);
  }

  async getSession(tokenHash: string, now: Timestamp): Promise<SessionRow | null> {
    return this.q.getSession.get(tokenHash, now) ?? null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.q.deleteSession.run(tokenHash);
  }

  async deleteSessionsOf(memberId: string): Promise<void> {
    this.q.deleteSessionsOf.run(memberId);
  }

  async deleteExpiredSessions(now: Timestamp): Promise<number> {
    return this.q.deleteExpiredSessions.run(now).changes;
  }

  // ---- invites ----

  async createInvite(invite: InviteRow): Promise<void> {
    this.q.insertInvite.run(invite);
  }

  async getInvite(tokenHash: string): Promise<InviteRow | null> {
    return this.q.getInvite.get(tokenHash) ?? null;
  }

  async listPendingInvites(workspaceId: string, now: Timestamp): Promise<InviteRow[]> {
    return this.q.listPendingInvites.all({ workspaceId, now });
  }

  async revokeInvite(workspaceId: string, inviteId: string, by: string, at: Timestamp): Promise<boolean> {
    return this.q.revokeInvite.run({ workspaceId, id: inviteId, by, now: at }).changes > 0;
  }

  async acceptInvite(tokenHash: string, who: InviteAcceptor, at: Timestamp): Promise<AcceptInviteResult> {
    return this.tx.acceptInvite.immediate(tokenHash, who, at);
  }

  private acceptInviteRows(tokenHash: string, who: InviteAcceptor, at: Timestamp): AcceptInviteResult {
    const invite = this.q.getInvite.get(tokenHash);
    if (!invite || invite.usedAt !== null || invite.revokedAt !== null || invite.expiresAt <= at) return { ok: false, reason: 'invalid' };
    let memberId: string;
    if ('newMember' in who) {
      if (this.q.getMemberByEmail.get(normaliseEmail(who.newMember.email))) return { ok: false, reason: 'email_taken' };
      this.insertMember(who.newMember);
      memberId = who.newMember.id;
    } else {
      memberId = who.existingMemberId;
      if (!this.q.getMember.get(memberId)) throw new Error(`acceptInvite: unknown member ${memberId}`);
      if (this.q.getRole.get(invite.workspaceId, memberId)) return { ok: false, reason: 'already_member' };
    }
    this.q.upsertMembership.run(invite.workspaceId, memberId, invite.role, at);
    this.q.markInviteUsed.run(at, memberId, tokenHash);
    return { ok: true, memberId, workspaceId: invite.workspaceId, role: invite.role };
  }

  // ---- documents ----

  async createDocument(d: DocumentRow, initialState: Uint8Array): Promise<void> {
    this.tx.createDocument.immediate(d, initialState);
  }

  private createDocumentRows(d: DocumentRow, initialState: Uint8Array): void {
    this.q.insertDocument.run(
      d.id, d.workspaceId, d.title, d.kind, d.archived ? 1 : 0, d.createdAt, d.createdBy, d.updatedAt, d.updatedBy, d.language, d.typography ? 1 : 0,
    );
    this.q.insertUpdate.run(d.id, 1, asBlob(initialState));
  }

  async getDocument(id: string): Promise<DocumentRow | null> {
    const row = this.q.getDocument.get(id);
    return row ? toDocumentRow(row) : null;
  }

  async listDocuments(workspaceId: string): Promise<DocumentRow[]> {
    return this.q.listDocuments.all(workspaceId).map(toDocumentRow);
  }

  async updateDocument(id: string, patch: DocumentPatch): Promise<DocumentRow | null> {
    return this.tx.updateDocument.immediate(id, patch);
  }

  private updateDocumentRow(id: string, patch: DocumentPatch): DocumentRow | null {
    const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
    this.q.patchDocument.run(patch.title ?? null, flag(patch.archived), patch.language ?? null, flag(patch.typography), id);
    const row = this.q.getDocument.get(id);
    return row ? toDocumentRow(row) : null;
  }

  async setGrant(documentId: string, memberId: string, access: Access | null): Promise<void> {
    if (access === null) this.q.deleteGrant.run(documentId, memberId);
    else this.q.upsertGrant.run(documentId, memberId, access);
  }

  async getGrant(documentId: string, memberId: string): Promise<Access | null> {
    return this.q.getGrant.get(documentId, memberId)?.access ?? null;
  }

  async listGrants(documentId: string): Promise<GrantRow[]> {
    return this.q.listGrants.all(documentId);
  }

  // ---- document bodies ----

  async loadBody(documentId: string): Promise<StoredBody | null> {
    const rows = this.q.loadBody.all(documentId);
    if (rows.length === 0) return null;
    // Plain Uint8Array copies: callers get no Buffer-specific behaviour and share no memory.
    return { updates: rows.map((r) => new Uint8Array(r.data)), lastSeq: rows[rows.length - 1]!.seq };
  }

  async appendUpdate(documentId: string, update: Uint8Array, memberId: string | null, at: Timestamp): Promise<number> {
    return (await this.appendUpdates(documentId, [{ update, memberId, at }]))[0]!;
  }

  appendUpdates(documentId: string, entries: readonly UpdateEntry[]): Promise<number[]> {
    if (!this.db.open) return Promise.reject(new TypeError('The database connection is not open'));
    return this.appends.submit({ documentId, entries });
  }

  appendUpdatesStaged(documentId: string, entries: readonly UpdateEntry[]): { written: Promise<number[]>; durable: Promise<number[]> } {
    if (this.db.open && this.appends instanceof GroupCommit) return this.appends.submitStaged({ documentId, entries });
    const done = this.appendUpdates(documentId, entries);
    return { written: done, durable: done };
  }

  async compactBody(documentId: string, mergedState: Uint8Array, throughSeq: number): Promise<void> {
    // Not flushed to disk here: compaction replaces entries with their equivalent, so a compaction
    // lost to a power cut leaves the log as it was, whole; the next append's flush covers it.
    this.unflushed(() => this.tx.compactBody.immediate(documentId, mergedState, throughSeq));
  }

  private compactBodyRows(documentId: string, mergedState: Uint8Array, throughSeq: number): void {
    const last = this.q.lastSeq.get(documentId)!.seq;
    // A merged state claiming entries the log never held would hide a bug that loses updates.
    if (!Number.isInteger(throughSeq) || throughSeq < 1 || throughSeq > last) {
      throw new Error(`compactBody: seq ${throughSeq} is outside the log of ${documentId} (last ${last})`);
    }
    this.q.deleteUpdatesThrough.run(documentId, throughSeq);
    this.q.insertUpdate.run(documentId, throughSeq, asBlob(mergedState));
  }

  // ---- comments and notifications (sqliteComments.ts) ----

  async createThread(thread: ThreadRow, first: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    return this.comments.createThread(thread, first, notifications);
  }

  async addComment(comment: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    return this.comments.addComment(comment, notifications);
  }

  async getThread(id: string): Promise<ThreadRow | null> {
    return this.comments.getThread(id);
  }

  async getComment(id: string): Promise<CommentRow | null> {
    return this.comments.getComment(id);
  }

  async listThreads(documentId: string): Promise<ThreadWithComments[]> {
    return this.comments.listThreads(documentId);
  }

  async listThreadPage(documentId: string, after: PageStart | null, limit: number, commentsPerThread: number): Promise<ThreadWithComments[]> {
    return this.comments.listThreadPage(documentId, after, limit, commentsPerThread);
  }

  async listComments(threadId: string, after: PageStart | null, limit: number): Promise<CommentRow[]> {
    return this.comments.listComments(threadId, after, limit);
  }

  async updateComment(id: string, body: string, mentions: readonly string[], editedAt: Timestamp): Promise<boolean> {
    return this.comments.updateComment(id, body, mentions, editedAt);
  }

  async deleteComment(id: string): Promise<{ deleted: boolean; threadDeleted: boolean }> {
    return this.comments.deleteComment(id);
  }

  async setThreadResolved(id: string, resolved: { by: string; at: Timestamp } | null): Promise<boolean> {
    return this.comments.setThreadResolved(id, resolved);
  }

  async countOpenThreads(workspaceId: string): Promise<Map<string, number>> {
    return this.comments.countOpenThreads(workspaceId);
  }

  async listNotifications(memberId: string, limit: number): Promise<NotificationRow[]> {
    return this.comments.listNotifications(memberId, limit);
  }

  async countUnread(memberId: string): Promise<Map<string, number>> {
    return this.comments.countUnread(memberId);
  }

  async markRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    return this.comments.markRead(memberId, ids, at);
  }

  // ---- attendance, mentoring, visits and live sessions (sqliteAttendance.ts) ----

  async openInterval(interval: PresenceIntervalRow): Promise<void> {
    return this.attendance.openInterval(interval);
  }

  async saveInterval(id: string, state: { lastSeenAt: Timestamp; edits: number; leftAt: Timestamp | null }): Promise<boolean> {
    return this.attendance.saveInterval(id, state);
  }

  async listIntervals(documentId: string, sessionId: string | null): Promise<PresenceIntervalRow[]> {
    return this.attendance.listIntervals(documentId, sessionId);
  }

  async closeAbandonedIntervals(): Promise<number> {
    return this.attendance.closeAbandonedIntervals();
  }

  async setMentorship(workspaceId: string, newcomerId: string, mentor: { mentorId: string; assignedBy: string; since: Timestamp } | null): Promise<void> {
    return this.attendance.setMentorship(workspaceId, newcomerId, mentor);
  }

  async listMentorships(workspaceId: string): Promise<MentorshipRow[]> {
    return this.attendance.listMentorships(workspaceId);
  }

  async recordVisit(documentId: string, memberId: string, at: Timestamp): Promise<void> {
    return this.attendance.recordVisit(documentId, memberId, at);
  }

  async listVisits(memberId: string): Promise<Map<string, Timestamp>> {
    return this.attendance.listVisits(memberId);
  }

  async createLiveSession(session: LiveSessionRow, invitations: readonly SessionInvitationRow[]): Promise<boolean> {
    return this.attendance.createLiveSession(session, invitations);
  }

  async getLiveSession(id: string): Promise<LiveSessionWithInvitations | null> {
    return this.attendance.getLiveSession(id);
  }

  async listLiveSessions(documentId: string): Promise<LiveSessionWithInvitations[]> {
    return this.attendance.listLiveSessions(documentId);
  }

  async endLiveSession(id: string, by: string, at: Timestamp): Promise<boolean> {
    return this.attendance.endLiveSession(id, by, at);
  }

  async listInvitations(memberId: string, limit: number): Promise<{ invitation: SessionInvitationRow; session: LiveSessionRow }[]> {
    return this.attendance.listInvitations(memberId, limit);
  }

  async countUnreadInvitations(memberId: string): Promise<Map<string, number>> {
    return this.attendance.countUnreadInvitations(memberId);
  }

  async markInvitationsRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    return this.attendance.markInvitationsRead(memberId, ids, at);
  }

  // ---- versions, statuses, reviews and activity (sqliteVersions.ts) ----

  async createVersion(version: NewVersion, activity: readonly ActivityRow[]): Promise<void> {
    return this.versions.createVersion(version, activity);
  }

  async listVersions(documentId: string): Promise<VersionRow[]> {
    return this.versions.listVersions(documentId);
  }

  async nameVersion(id: string, name: string, activity: readonly ActivityRow[]): Promise<boolean> {
    return this.versions.nameVersion(id, name, activity);
  }

  async getVersion(id: string): Promise<VersionRow | null> {
    return this.versions.getVersion(id);
  }

  async loadVersionChain(documentId: string, seq: number): Promise<Uint8Array[]> {
    return this.versions.loadVersionChain(documentId, seq);
  }

  async getReviewState(documentId: string): Promise<ReviewState> {
    return this.versions.getReviewState(documentId);
  }

  async changeStatus(status: StatusRow, expected: DocumentStatus | null, version: NewVersion | null, activity: ActivityRow): Promise<boolean> {
    return this.versions.changeStatus(status, expected, version, activity);
  }

  async addReviewRequests(requests: readonly ReviewRequestRow[], activity: readonly ActivityRow[]): Promise<void> {
    return this.versions.addReviewRequests(requests, activity);
  }

  async addReviewDecision(decision: ReviewDecisionRow, version: NewVersion | null, activity: ActivityRow): Promise<void> {
    return this.versions.addReviewDecision(decision, version, activity);
  }

  async listActivity(documentId: string, limit: number): Promise<ActivityRow[]> {
    return this.versions.listActivity(documentId, limit);
  }

  async setArchived(documentId: string, archived: boolean, activity: ActivityRow): Promise<boolean> {
    return this.versions.setArchived(documentId, archived, activity);
  }

  async getApprovalsRequired(workspaceId: string): Promise<number | null> {
    return this.versions.getApprovalsRequired(workspaceId);
  }

  async setApprovalsRequired(workspaceId: string, count: number): Promise<void> {
    return this.versions.setApprovalsRequired(workspaceId, count);
  }

  async listWorkspaceReviews(workspaceId: string): Promise<DocumentReviewState[]> {
    return this.versions.listWorkspaceReviews(workspaceId);
  }
}

/** Whether `err` is SQLite's UNIQUE violation on the given `table.column`. */
function isUniqueViolation(err: unknown, column: string): boolean {
  if (!(err instanceof Database.SqliteError)) return false;
  return err.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes(column);
}

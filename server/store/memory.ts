/**
 * A Store in plain Maps, for tests and benchmarks. It behaves like SqliteStore (the contract suite
 * runs against both), including refusing rows that reference missing ones, so that a test passing
 * here does not hide a write that SQLite's foreign keys would reject. Rows and bytes are copied on
 * the way in and out: a caller mutating what it passed or received cannot change stored state.
 */
import type { Access, Role } from '../../shared/permissions';
import { EmailTakenError } from './Store';
import type { AcceptInviteResult, DocumentPatch, DocumentRow, GrantRow, InviteRow, MemberRow, MembershipRow } from './Store';
import type { SessionRow, Store, StoredBody, Timestamp, UpdateEntry, WorkspaceRow } from './Store';
import type { CommentRow, NotificationRow, PageStart, ThreadRow, ThreadWithComments } from './Store';
import { MemoryComments } from './memoryComments';
import type { LiveSessionRow, LiveSessionWithInvitations, MentorshipRow, PresenceIntervalRow, SessionInvitationRow } from './attendanceStore';
import { MemoryAttendance } from './memoryAttendance';
import { MemoryVersions } from './memoryVersions';
import type { ActivityRow, DocumentReviewState, NewVersion, ReviewDecisionRow, ReviewRequestRow, ReviewState, StatusRow, VersionRow } from './versionTypes';
import type { DocumentStatus } from '../../shared/review';

interface Membership {
  role: Role;
  joinedAt: Timestamp;
}

interface LogEntry {
  seq: number;
  data: Uint8Array;
}

interface MemoryData {
  members: Map<string, MemberRow>;
  memberIdByEmail: Map<string, string>;
  workspaces: Map<string, WorkspaceRow>;
  /** workspaceId → memberId → membership */
  memberships: Map<string, Map<string, Membership>>;
  sessions: Map<string, SessionRow>;
  invites: Map<string, InviteRow>;
  documents: Map<string, DocumentRow>;
  /** documentId → memberId → access */
  grants: Map<string, Map<string, Access>>;
  bodies: Map<string, LogEntry[]>;
  /** Threads, comments and notifications (memoryComments.ts). */
  comments: MemoryComments;
  /** Attendance, mentoring, visits and live sessions (memoryAttendance.ts). */
  attendance: MemoryAttendance;
  /** Versions, statuses, reviews and activity (memoryVersions.ts). */
  versions: MemoryVersions;
}

type InviteAcceptor = Parameters<Store['acceptInvite']>[1];

/**
 * A plain copy. Not `bytes.slice()`: on a Node Buffer (what ws hands over) that is a view sharing
 * memory with the caller, which would let them change the stored log afterwards.
 */
const copyBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Same order as SQLite's `name COLLATE NOCASE, id`: ASCII letters folded, then code units. */
const foldAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  compareText(foldAscii(a.name), foldAscii(b.name)) || compareText(a.id, b.id);

/** An invitation that can still be used at `now`: not used, not revoked, not expired. */
const isPending = (invite: InviteRow, now: Timestamp): boolean => invite.usedAt === null && invite.revokedAt === null && invite.expiresAt > now;

/** Stands in for a foreign-key or primary-key violation. */
function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`MemoryStore: ${message}`);
}

/** Store held in memory; lost when the process ends. */
export class MemoryStore implements Store {
  private data: MemoryData | null = {
    members: new Map(),
    memberIdByEmail: new Map(),
    workspaces: new Map(),
    memberships: new Map(),
    sessions: new Map(),
    invites: new Map(),
    documents: new Map(),
    grants: new Map(),
    bodies: new Map(),
    comments: new MemoryComments({
      hasMember: (id) => this.d.members.has(id),
      hasDocument: (id) => this.d.documents.has(id),
      workspaceOf: (documentId) => this.d.documents.get(documentId)?.workspaceId,
    }),
    attendance: new MemoryAttendance({
      hasMember: (id) => this.d.members.has(id),
      hasDocument: (id) => this.d.documents.has(id),
      hasWorkspace: (id) => this.d.workspaces.has(id),
    }),
    versions: new MemoryVersions({
      hasMember: (id) => this.d.members.has(id),
      hasDocument: (id) => this.d.documents.has(id),
      hasWorkspace: (id) => this.d.workspaces.has(id),
      workspaceOf: (documentId) => this.d.documents.get(documentId)?.workspaceId,
      archivedOf: (documentId) => this.d.documents.get(documentId)?.archived,
      setArchivedFlag: (documentId, archived) => {
        const document = this.d.documents.get(documentId);
        if (document) document.archived = archived;
      },
    }),
  };

  /** The data, or an error once closed: like SQLite, a closed store refuses every call. */
  private get d(): MemoryData {
    if (this.data === null) throw new Error('MemoryStore is closed');
    return this.data;
  }

  async close(): Promise<void> {
    this.data = null;
  }

  // ---- members and collectives ----

  async countMembers(): Promise<number> {
    return this.d.members.size;
  }

  async setup(workspace: WorkspaceRow, coordinator: MemberRow): Promise<boolean> {
    if (this.d.members.size > 0) return false;
    this.insertWorkspace(workspace);
    this.insertMember(coordinator);
    this.membershipsOf(workspace.id).set(coordinator.id, { role: 'coordinator', joinedAt: workspace.createdAt });
    return true;
  }

  async createMember(member: MemberRow): Promise<void> {
    this.insertMember(member);
  }

  private insertMember(member: MemberRow): void {
    const email = normaliseEmail(member.email);
    if (this.d.memberIdByEmail.has(email)) throw new EmailTakenError(email);
    ensure(!this.d.members.has(member.id), `member ${member.id} exists`);
    this.d.members.set(member.id, { ...member, email });
    this.d.memberIdByEmail.set(email, member.id);
  }

  async getMember(id: string): Promise<MemberRow | null> {
    const member = this.d.members.get(id);
    return member ? { ...member } : null;
  }

  async getMemberByEmail(email: string): Promise<MemberRow | null> {
    const id = this.d.memberIdByEmail.get(normaliseEmail(email));
    return id === undefined ? null : this.getMember(id);
  }

  async listMembers(): Promise<MemberRow[]> {
    return [...this.d.members.values()].sort(byName).map((m) => ({ ...m }));
  }

  async createWorkspace(workspace: WorkspaceRow): Promise<void> {
    this.insertWorkspace(workspace);
  }

  private insertWorkspace(workspace: WorkspaceRow): void {
    ensure(!this.d.workspaces.has(workspace.id), `workspace ${workspace.id} exists`);
    this.d.workspaces.set(workspace.id, { ...workspace });
  }

  async getWorkspace(id: string): Promise<WorkspaceRow | null> {
    const workspace = this.d.workspaces.get(id);
    return workspace ? { ...workspace } : null;
  }

  async getWorkspaceByName(name: string): Promise<WorkspaceRow | null> {
    const oldestFirst = [...this.d.workspaces.values()]
      .filter((w) => w.name === name)
      .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
    return oldestFirst[0] ? { ...oldestFirst[0] } : null;
  }

  async listWorkspaces(): Promise<WorkspaceRow[]> {
    return [...this.d.workspaces.values()].sort(byName).map((w) => ({ ...w }));
  }

  async listWorkspacesOf(memberId: string): Promise<{ workspace: WorkspaceRow; role: Role }[]> {
    const result: { workspace: WorkspaceRow; role: Role }[] = [];
    for (const [workspaceId, members] of this.d.memberships) {
      const membership = members.get(memberId);
      if (membership) result.push({ workspace: { ...this.d.workspaces.get(workspaceId)! }, role: membership.role });
    }
    return result.sort((a, b) => byName(a.workspace, b.workspace));
  }

  async setMembership(workspaceId: string, memberId: string, role: Role, at: Timestamp): Promise<void> {
    ensure(this.d.workspaces.has(workspaceId), `unknown workspace ${workspaceId}`);
    ensure(this.d.members.has(memberId), `unknown member ${memberId}`);
    const members = this.membershipsOf(workspaceId);
    // A role change keeps the original joinedAt, as in SQLite.
    members.set(memberId, { role, joinedAt: members.get(memberId)?.joinedAt ?? at });
  }

  private membershipsOf(workspaceId: string): Map<string, Membership> {
    let members = this.d.memberships.get(workspaceId);
    if (!members) this.d.memberships.set(workspaceId, (members = new Map()));
    return members;
  }

  async getRole(workspaceId: string, memberId: string): Promise<Role | null> {
    return this.d.memberships.get(workspaceId)?.get(memberId)?.role ?? null;
  }

  async listMemberships(workspaceId: string): Promise<MembershipRow[]> {
    const rows = [...(this.d.memberships.get(workspaceId) ?? new Map<string, Membership>())].map(
      ([memberId, { role, joinedAt }]) => ({ workspaceId, role, joinedAt, member: { ...this.d.members.get(memberId)! } }),
    );
    return rows.sort((a, b) => byName(a.member, b.member));
  }

  async removeMembership(workspaceId: string, memberId: string): Promise<boolean> {
    if (!this.d.memberships.get(workspaceId)?.delete(memberId)) return false;
    for (const document of this.d.documents.values()) {
      if (document.workspaceId === workspaceId) this.d.grants.get(document.id)?.delete(memberId);
    }
    return true;
  }

  // ---- sessions ----

  async createSession(session: SessionRow): Promise<void> {
    ensure(this.d.members.has(session.memberId), `unknown member ${session.memberId}`);
    ensure(!this.d.sessions.has(session.tokenHash), 'session exists');
    this.d.sessions.set(session.tokenHash, { ...session });
  }

  async getSession(tokenHash: string, now: Timestamp): Promise<SessionRow | null> {
    const session = this.d.sessions.get(tokenHash);
    return session && session.expiresAt > now ? { ...session } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.d.sessions.delete(tokenHash);
  }

  async deleteSessionsOf(memberId: string): Promise<void> {
    for (const [tokenHash, session] of this.d.sessions) {
      if (session.memberId === memberId) this.d.sessions.delete(tokenHash);
    }
  }

  async deleteExpiredSessions(now: Timestamp): Promise<number> {
    let deleted = 0;
    for (const [tokenHash, session] of this.d.sessions) {
      if (session.expiresAt <= now && this.d.sessions.delete(tokenHash)) deleted++;
    }
    return deleted;
  }

  // ---- invites ----

  async createInvite(invite: InviteRow): Promise<void> {
    ensure(this.d.workspaces.has(invite.workspaceId), `unknown workspace ${invite.workspaceId}`);
    ensure(this.d.members.has(invite.createdBy), `unknown member ${invite.createdBy}`);
    ensure(!this.d.invites.has(invite.tokenHash), 'invite exists');
    ensure(![...this.d.invites.values()].some((i) => i.id === invite.id), 'invite id exists');
    this.d.invites.set(invite.tokenHash, { ...invite });
  }

  async getInvite(tokenHash: string): Promise<InviteRow | null> {
    const invite = this.d.invites.get(tokenHash);
    return invite ? { ...invite } : null;
  }

  async listPendingInvites(workspaceId: string, now: Timestamp): Promise<InviteRow[]> {
    return [...this.d.invites.values()]
      .filter((i) => i.workspaceId === workspaceId && isPending(i, now))
      .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
      .map((i) => ({ ...i }));
  }

  async revokeInvite(workspaceId: string, inviteId: string, by: string, at: Timestamp): Promise<boolean> {
    const invite = [...this.d.invites.values()].find((i) => i.id === inviteId && i.workspaceId === workspaceId);
    if (!invite || !isPending(invite, at)) return false;
    ensure(this.d.members.has(by), `unknown member ${by}`);
    invite.revokedAt = at;
    invite.revokedBy = by;
    return true;
  }

  async acceptInvite(tokenHash: string, who: InviteAcceptor, at: Timestamp): Promise<AcceptInviteResult> {
    const invite = this.d.invites.get(tokenHash);
    if (!invite || !isPending(invite, at)) return { ok: false, reason: 'invalid' };
    let memberId: string;
    // Every check happens before the first write, so a refusal leaves the invite unused.
    if ('newMember' in who) {
      if (this.d.memberIdByEmail.has(normaliseEmail(who.newMember.email))) return { ok: false, reason: 'email_taken' };
      this.insertMember(who.newMember);
      memberId = who.newMember.id;
    } else {
      memberId = who.existingMemberId;
      ensure(this.d.members.has(memberId), `acceptInvite: unknown member ${memberId}`);
      if (this.d.memberships.get(invite.workspaceId)?.has(memberId)) return { ok: false, reason: 'already_member' };
    }
    this.membershipsOf(invite.workspaceId).set(memberId, { role: invite.role, joinedAt: at });
    invite.usedAt = at;
    invite.usedBy = memberId;
    return { ok: true, memberId, workspaceId: invite.workspaceId, role: invite.role };
  }

  // ---- documents ----

  async createDocument(document: DocumentRow, initialState: Uint8Array): Promise<void> {
    ensure(this.d.workspaces.has(document.workspaceId), `unknown workspace ${document.workspaceId}`);
    for (const by of [document.createdBy, document.updatedBy]) {
      ensure(by === null || this.d.members.has(by), `unknown member ${by}`);
    }
    ensure(!this.d.documents.has(document.id), `document ${document.id} exists`);
    this.d.documents.set(document.id, { ...document });
    this.d.bodies.set(document.id, [{ seq: 1, data: copyBytes(initialState) }]);
  }

  async getDocument(id: string): Promise<DocumentRow | null> {
    const document = this.d.documents.get(id);
    return document ? { ...document } : null;
  }

  async listDocuments(workspaceId: string): Promise<DocumentRow[]> {
    return [...this.d.documents.values()]
      .filter((d) => d.workspaceId === workspaceId)
      .sort((a, b) => compareText(b.updatedAt, a.updatedAt) || compareText(b.createdAt, a.createdAt) || compareText(a.id, b.id))
      .map((d) => ({ ...d }));
  }

  async updateDocument(id: string, patch: DocumentPatch): Promise<DocumentRow | null> {
    const document = this.d.documents.get(id);
    if (!document) return null;
    if (patch.title !== undefined) document.title = patch.title;
    if (patch.archived !== undefined) document.archived = patch.archived;
    if (patch.language !== undefined) document.language = patch.language;
    if (patch.typography !== undefined) document.typography = patch.typography;
    return { ...document };
  }

  async setGrant(documentId: string, memberId: string, access: Access | null): Promise<void> {
    if (access === null) {
      this.d.grants.get(documentId)?.delete(memberId);
      return;
    }
    ensure(this.d.documents.has(documentId), `unknown document ${documentId}`);
    ensure(this.d.members.has(memberId), `unknown member ${memberId}`);
    let grants = this.d.grants.get(documentId);
    if (!grants) this.d.grants.set(documentId, (grants = new Map()));
    grants.set(memberId, access);
  }

  async getGrant(documentId: string, memberId: string): Promise<Access | null> {
    return this.d.grants.get(documentId)?.get(memberId) ?? null;
  }

  async listGrants(documentId: string): Promise<GrantRow[]> {
    return [...(this.d.grants.get(documentId) ?? new Map<string, Access>())]
      .map(([memberId, access]) => ({ documentId, memberId, access }))
      .sort((a, b) => compareText(a.memberId, b.memberId));
  }

  // ---- document bodies ----

  async loadBody(documentId: string): Promise<StoredBody | null> {
    const log = this.d.bodies.get(documentId);
    if (!log || log.length === 0) return null;
    return { updates: log.map((e) => copyBytes(e.data)), lastSeq: log[log.length - 1]!.seq };
  }

  async appendUpdate(documentId: string, update: Uint8Array, memberId: string | null, at: Timestamp): Promise<number> {
    return (await this.appendUpdates(documentId, [{ update, memberId, at }]))[0]!;
  }

  async appendUpdates(documentId: string, entries: readonly UpdateEntry[]): Promise<number[]> {
    const document = this.d.documents.get(documentId);
    if (!document) throw new Error(`appendUpdate: unknown document ${documentId}`);
    // Every check before any change: like SQLite's transaction, a refused batch leaves nothing behind.
    for (const { memberId } of entries) ensure(memberId === null || this.d.members.has(memberId), `unknown member ${memberId}`);
    const log = this.d.bodies.get(documentId) ?? [];
    const seqs = entries.map(({ update }) => {
      const seq = (log[log.length - 1]?.seq ?? 0) + 1;
      log.push({ seq, data: copyBytes(update) });
      return seq;
    });
    this.d.bodies.set(documentId, log);
    const last = entries[entries.length - 1];
    if (last) Object.assign(document, { updatedAt: last.at, updatedBy: last.memberId });
    return seqs;
  }

  async compactBody(documentId: string, mergedState: Uint8Array, throughSeq: number): Promise<void> {
    const log = this.d.bodies.get(documentId) ?? [];
    const last = log[log.length - 1]?.seq ?? 0;
    // A merged state claiming entries the log never held would hide a bug that loses updates.
    if (!Number.isInteger(throughSeq) || throughSeq < 1 || throughSeq > last) {
      throw new Error(`compactBody: seq ${throughSeq} is outside the log of ${documentId} (last ${last})`);
    }
    const kept = log.filter((e) => e.seq > throughSeq);
    this.d.bodies.set(documentId, [{ seq: throughSeq, data: copyBytes(mergedState) }, ...kept]);
  }

  // ---- comments and notifications (memoryComments.ts) ----

  async createThread(thread: ThreadRow, first: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    return this.d.comments.createThread(thread, first, notifications);
  }

  async addComment(comment: CommentRow, notifications: readonly NotificationRow[]): Promise<void> {
    return this.d.comments.addComment(comment, notifications);
  }

  async getThread(id: string): Promise<ThreadRow | null> {
    return this.d.comments.getThread(id);
  }

  async getComment(id: string): Promise<CommentRow | null> {
    return this.d.comments.getComment(id);
  }

  async listThreads(documentId: string): Promise<ThreadWithComments[]> {
    return this.d.comments.listThreads(documentId);
  }

  async listThreadPage(documentId: string, after: PageStart | null, limit: number, commentsPerThread: number): Promise<ThreadWithComments[]> {
    return this.d.comments.listThreadPage(documentId, after, limit, commentsPerThread);
  }

  async listComments(threadId: string, after: PageStart | null, limit: number): Promise<CommentRow[]> {
    return this.d.comments.listComments(threadId, after, limit);
  }

  async updateComment(id: string, body: string, mentions: readonly string[], editedAt: Timestamp): Promise<boolean> {
    return this.d.comments.updateComment(id, body, mentions, editedAt);
  }

  async deleteComment(id: string): Promise<{ deleted: boolean; threadDeleted: boolean }> {
    return this.d.comments.deleteComment(id);
  }

  async setThreadResolved(id: string, resolved: { by: string; at: Timestamp } | null): Promise<boolean> {
    return this.d.comments.setThreadResolved(id, resolved);
  }

  async countOpenThreads(workspaceId: string): Promise<Map<string, number>> {
    return this.d.comments.countOpenThreads(workspaceId);
  }

  async listNotifications(memberId: string, limit: number): Promise<NotificationRow[]> {
    return this.d.comments.listNotifications(memberId, limit);
  }

  async countUnread(memberId: string): Promise<Map<string, number>> {
    return this.d.comments.countUnread(memberId);
  }

  async markRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    return this.d.comments.markRead(memberId, ids, at);
  }

  // ---- attendance, mentoring, visits and live sessions (memoryAttendance.ts) ----

  async openInterval(interval: PresenceIntervalRow): Promise<void> {
    return this.d.attendance.openInterval(interval);
  }

  async saveInterval(id: string, state: { lastSeenAt: Timestamp; edits: number; leftAt: Timestamp | null }): Promise<boolean> {
    return this.d.attendance.saveInterval(id, state);
  }

  async listIntervals(documentId: string, sessionId: string | null): Promise<PresenceIntervalRow[]> {
    return this.d.attendance.listIntervals(documentId, sessionId);
  }

  async closeAbandonedIntervals(): Promise<number> {
    return this.d.attendance.closeAbandonedIntervals();
  }

  async setMentorship(workspaceId: string, newcomerId: string, mentor: { mentorId: string; assignedBy: string; since: Timestamp } | null): Promise<void> {
    return this.d.attendance.setMentorship(workspaceId, newcomerId, mentor);
  }

  async listMentorships(workspaceId: string): Promise<MentorshipRow[]> {
    return this.d.attendance.listMentorships(workspaceId);
  }

  async recordVisit(documentId: string, memberId: string, at: Timestamp): Promise<void> {
    return this.d.attendance.recordVisit(documentId, memberId, at);
  }

  async listVisits(memberId: string): Promise<Map<string, Timestamp>> {
    return this.d.attendance.listVisits(memberId);
  }

  async createLiveSession(session: LiveSessionRow, invitations: readonly SessionInvitationRow[]): Promise<boolean> {
    return this.d.attendance.createLiveSession(session, invitations);
  }

  async getLiveSession(id: string): Promise<LiveSessionWithInvitations | null> {
    return this.d.attendance.getLiveSession(id);
  }

  async listLiveSessions(documentId: string): Promise<LiveSessionWithInvitations[]> {
    return this.d.attendance.listLiveSessions(documentId);
  }

  async endLiveSession(id: string, by: string, at: Timestamp): Promise<boolean> {
    return this.d.attendance.endLiveSession(id, by, at);
  }

  async listInvitations(memberId: string, limit: number): Promise<{ invitation: SessionInvitationRow; session: LiveSessionRow }[]> {
    return this.d.attendance.listInvitations(memberId, limit);
  }

  async countUnreadInvitations(memberId: string): Promise<Map<string, number>> {
    return this.d.attendance.countUnreadInvitations(memberId);
  }

  async markInvitationsRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    return this.d.attendance.markInvitationsRead(memberId, ids, at);
  }

  // ---- versions, statuses, reviews and activity (memoryVersions.ts) ----

  async createVersion(version: NewVersion, activity: readonly ActivityRow[]): Promise<void> {
    return this.d.versions.createVersion(version, activity);
  }

  async listVersions(documentId: string): Promise<VersionRow[]> {
    return this.d.versions.listVersions(documentId);
  }

  async nameVersion(id: string, name: string, activity: readonly ActivityRow[]): Promise<boolean> {
    return this.d.versions.nameVersion(id, name, activity);
  }

  async getVersion(id: string): Promise<VersionRow | null> {
    return this.d.versions.getVersion(id);
  }

  async loadVersionChain(documentId: string, seq: number): Promise<Uint8Array[]> {
    return this.d.versions.loadVersionChain(documentId, seq);
  }

  async getReviewState(documentId: string): Promise<ReviewState> {
    return this.d.versions.getReviewState(documentId);
  }

  async changeStatus(status: StatusRow, expected: DocumentStatus | null, version: NewVersion | null, activity: ActivityRow): Promise<boolean> {
    return this.d.versions.changeStatus(status, expected, version, activity);
  }

  async addReviewRequests(requests: readonly ReviewRequestRow[], activity: readonly ActivityRow[]): Promise<void> {
    return this.d.versions.addReviewRequests(requests, activity);
  }

  async addReviewDecision(decision: ReviewDecisionRow, version: NewVersion | null, activity: ActivityRow): Promise<void> {
    return this.d.versions.addReviewDecision(decision, version, activity);
  }

  async listActivity(documentId: string, limit: number): Promise<ActivityRow[]> {
    return this.d.versions.listActivity(documentId, limit);
  }

  async setArchived(documentId: string, archived: boolean, activity: ActivityRow): Promise<boolean> {
    return this.d.versions.setArchived(documentId, archived, activity);
  }

  async getApprovalsRequired(workspaceId: string): Promise<number | null> {
    return this.d.versions.getApprovalsRequired(workspaceId);
  }

  async setApprovalsRequired(workspaceId: string, count: number): Promise<void> {
    return this.d.versions.setApprovalsRequired(workspaceId, count);
  }

  async listWorkspaceReviews(workspaceId: string): Promise<DocumentReviewState[]> {
    return this.d.versions.listWorkspaceReviews(workspaceId);
  }
}

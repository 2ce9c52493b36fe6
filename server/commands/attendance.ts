/** Reading who was in a document and when (written by the presence tracker, server/collab/attendance.ts). */
import type { AttendanceResponse, PresenceInterval } from '../../shared/api';
import type { PresenceIntervalRow } from '../store/attendanceStore';
import type { MemberRow } from '../store/Store';
import { memberLookup, requireDocument, type CommandContext, type MemberLookup } from './context';

/** Intervals as the API shows them, members resolved. */
export function presenceIntervals(rows: readonly PresenceIntervalRow[], lookup: MemberLookup): Promise<PresenceInterval[]> {
  return Promise.all(rows.map(async (row) => ({ member: await lookup(row.memberId), from: row.joinedAt, to: row.leftAt, edits: row.edits })));
}

/** A document's meeting attendance, by arrival (empty for documents that are not meetings). */
export async function getAttendance(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<AttendanceResponse> {
  const { document } = await requireDocument(ctx, actor, documentId);
  const rows = await ctx.store.listIntervals(document.id, null);
  return { intervals: await presenceIntervals(rows, await memberLookup(ctx, document.workspaceId)) };
}

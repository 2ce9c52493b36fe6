/** Attendance and live-session routes under /api: thin adapters from HTTP to commands. */
import { Router, type Request } from 'express';
import type { AttendanceResponse, SessionListResponse, SessionView } from '../../shared/api';
import { getAttendance } from '../commands/attendance';
import type { CommandContext } from '../commands/context';
import * as sessions from '../commands/sessions';
import type { MemberRow } from '../store/Store';
import { handle, param, requireMember } from './middleware';

/** Routes for a document's attendance and its live sessions. */
export function sessionRouter(ctx: CommandContext): Router {
  const router = Router();
  const actor = (req: Request): Promise<MemberRow> => requireMember(ctx.store, req);

  router.get('/documents/:documentId/attendance', handle(async (req, res) => {
    const body: AttendanceResponse = await getAttendance(ctx, await actor(req), param(req, 'documentId'));
    res.json(body);
  }));
  router.get('/documents/:documentId/sessions', handle(async (req, res) => {
    const body: SessionListResponse = await sessions.listSessions(ctx, await actor(req), param(req, 'documentId'));
    res.json(body);
  }));
  router.post('/documents/:documentId/sessions', handle(async (req, res) => {
    const body: SessionView = await sessions.startSession(ctx, await actor(req), param(req, 'documentId'), req.body ?? {});
    res.status(201).json(body);
  }));
  router.post('/sessions/:sessionId/end', handle(async (req, res) => {
    const body: SessionView = await sessions.endSession(ctx, await actor(req), param(req, 'sessionId'));
    res.json(body);
  }));
  return router;
}

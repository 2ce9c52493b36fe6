/** Mentoring routes under /api: thin adapters from HTTP to commands. */
import { Router, type Request } from 'express';
import type { DocumentMentorResponse, MentoringHomeResponse, MentorshipListResponse } from '../../shared/api';
import type { CommandContext } from '../commands/context';
import * as mentoring from '../commands/mentoring';
import type { MemberRow } from '../store/Store';
import { handle, param, requireMember } from './middleware';

/** Routes for mentorships, a document's mentor and a mentor's home. */
export function mentoringRouter(ctx: CommandContext): Router {
  const router = Router();
  const actor = (req: Request): Promise<MemberRow> => requireMember(ctx.store, req);

  router.get('/workspaces/:workspaceId/mentorships', handle(async (req, res) => {
    const body: MentorshipListResponse = { mentorships: await mentoring.listMentorships(ctx, await actor(req), param(req, 'workspaceId')) };
    res.json(body);
  }));
  router.put('/workspaces/:workspaceId/mentorships/:newcomerId', handle(async (req, res) => {
    await mentoring.setMentor(ctx, await actor(req), param(req, 'workspaceId'), param(req, 'newcomerId'), req.body);
    res.status(204).end();
  }));
  router.get('/workspaces/:workspaceId/mentoring', handle(async (req, res) => {
    const body: MentoringHomeResponse = await mentoring.mentoringHome(ctx, await actor(req), param(req, 'workspaceId'));
    res.json(body);
  }));
  router.get('/documents/:documentId/mentor', handle(async (req, res) => {
    const body: DocumentMentorResponse = await mentoring.documentMentor(ctx, await actor(req), param(req, 'documentId'));
    res.json(body);
  }));
  return router;
}

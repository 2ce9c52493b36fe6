/** The comment and inbox routes under /api: thin adapters from HTTP to commands. */
import { Router, type Request } from 'express';
import type { CommentListResponse, CommentView, InboxResponse, MentionableResponse, ThreadListResponse, ThreadView } from '../../shared/api';
import * as comments from '../commands/comments';
import type { CommandContext } from '../commands/context';
import { getInbox, markRead } from '../commands/inbox';
import type { MemberRow } from '../store/Store';
import { handle, param, requireMember } from './middleware';

/** Routes for threads, comments, mentions and the inbox. */
export function commentRouter(ctx: CommandContext): Router {
  const router = Router();
  const actor = (req: Request): Promise<MemberRow> => requireMember(ctx.store, req);

  router.get('/documents/:documentId/threads', handle(async (req, res) => {
    const body: ThreadListResponse = await comments.listThreads(ctx, await actor(req), param(req, 'documentId'), req.query);
    res.json(body);
  }));
  router.post('/documents/:documentId/threads', handle(async (req, res) => {
    const body: ThreadView = await comments.createThread(ctx, await actor(req), param(req, 'documentId'), req.body);
    res.status(201).json(body);
  }));
  router.get('/documents/:documentId/mentionable', handle(async (req, res) => {
    const body: MentionableResponse = await comments.mentionable(ctx, await actor(req), param(req, 'documentId'));
    res.json(body);
  }));

  router.get('/threads/:threadId/comments', handle(async (req, res) => {
    const body: CommentListResponse = await comments.listComments(ctx, await actor(req), param(req, 'threadId'), req.query);
    res.json(body);
  }));
  router.post('/threads/:threadId/comments', handle(async (req, res) => {
    const body: CommentView = await comments.reply(ctx, await actor(req), param(req, 'threadId'), req.body);
    res.status(201).json(body);
  }));
  router.post('/threads/:threadId/resolve', handle(async (req, res) => {
    res.json(await comments.setResolved(ctx, await actor(req), param(req, 'threadId'), true));
  }));
  router.post('/threads/:threadId/reopen', handle(async (req, res) => {
    res.json(await comments.setResolved(ctx, await actor(req), param(req, 'threadId'), false));
  }));
  router.patch('/comments/:commentId', handle(async (req, res) => {
    const body: CommentView = await comments.editComment(ctx, await actor(req), param(req, 'commentId'), req.body);
    res.json(body);
  }));
  router.delete('/comments/:commentId', handle(async (req, res) => {
    await comments.deleteComment(ctx, await actor(req), param(req, 'commentId'));
    res.status(204).end();
  }));

  router.get('/inbox', handle(async (req, res) => {
    const body: InboxResponse = await getInbox(ctx, await actor(req));
    res.json(body);
  }));
  router.post('/inbox/read', handle(async (req, res) => {
    await markRead(ctx, await actor(req), req.body ?? {});
    res.status(204).end();
  }));
  return router;
}

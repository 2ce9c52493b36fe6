/** The JSON API routes: thin adapters from HTTP to commands. */
import { Router, type Response } from 'express';
import { ErrorId, type AcceptInviteResponse, type CreateDocumentResponse, type DocumentListResponse, type MemberListResponse, type SetupStatusResponse } from '../../shared/api';
import { LoginLimiter } from '../auth/loginLimiter';
import { clearSessionCookie, endSession, startSession } from '../auth/sessions';
import { AppError } from '../errors';
import { profile, runSetup, setupNeeded, signIn } from '../commands/accounts';
import type { CommandContext } from '../commands/context';
import * as documents from '../commands/documents';
import * as members from '../commands/members';
import { handle, optionalMember, param, requireMember } from './middleware';

/** Routes under /api. */
export function apiRouter(ctx: CommandContext): Router {
  const router = Router();
  const { store } = ctx;
  const signInAs = async (res: Response, memberId: string) => res.setHeader('Set-Cookie', await startSession(store, ctx.config, memberId));

  router.get('/setup', handle(async (_req, res) => {
    const body: SetupStatusResponse = { needed: await setupNeeded(ctx) };
    res.json(body);
  }));
  router.post('/setup', handle(async (req, res) => {
    const result = await runSetup(ctx, req.body);
    await signInAs(res, result.memberId);
    res.status(201).json(result);
  }));

  const limiter = new LoginLimiter(ctx.config.loginLimits);
  router.post('/session', handle(async (req, res) => {
    const account = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 254) : '';
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = await limiter.retryAfter(account, address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new AppError(429, ErrorId.TOO_MANY_REQUESTS, 'Too many failed sign-ins: try again later.');
    }
    let member;
    try {
      member = await signIn(ctx, req.body);
    } catch (error) {
      if (error instanceof AppError && error.id === ErrorId.INVALID_CREDENTIALS) await limiter.failed(account, address);
      throw error;
    }
    await limiter.succeeded(account);
    await signInAs(res, member.id);
    res.json(await profile(ctx, member));
  }));
  router.delete('/session', handle(async (req, res) => {
    const tokenHash = await endSession(store, req.headers.cookie);
    // This browser's other tabs still hold sockets opened with the session: they end with it.
    if (tokenHash) ctx.events.publish('signin.ended', { tokenHash });
    res.setHeader('Set-Cookie', clearSessionCookie(ctx.config)).status(204).end();
  }));
  router.delete('/sessions', handle(async (req, res) => {
    // Sign out everywhere: every session of this member ends and their open sockets close.
    const member = await requireMember(store, req);
    await store.deleteSessionsOf(member.id);
    ctx.events.publish('sessions.revoked', { memberId: member.id });
    res.setHeader('Set-Cookie', clearSessionCookie(ctx.config)).status(204).end();
  }));
  router.get('/me', handle(async (req, res) => {
    res.json(await profile(ctx, await requireMember(store, req)));
  }));

  router.get('/workspaces/:workspaceId/documents', handle(async (req, res) => {
    const actor = await requireMember(store, req);
    const list: DocumentListResponse = { documents: await documents.listDocuments(ctx, actor, param(req, 'workspaceId'), { archived: req.query.archived === 'true' }) };
    res.json(list);
  }));
  router.post('/workspaces/:workspaceId/documents', handle(async (req, res) => {
    const created: CreateDocumentResponse = await documents.createDocument(ctx, await requireMember(store, req), param(req, 'workspaceId'), req.body);
    res.status(201).json(created);
  }));
  router.get('/workspaces/:workspaceId/members', handle(async (req, res) => {
    const list: MemberListResponse = { members: await members.listMembers(ctx, await requireMember(store, req), param(req, 'workspaceId')) };
    res.json(list);
  }));
  router.patch('/workspaces/:workspaceId/members/:memberId', handle(async (req, res) => {
    await members.changeRole(ctx, await requireMember(store, req), param(req, 'workspaceId'), param(req, 'memberId'), req.body);
    res.status(204).end();
  }));
  router.delete('/workspaces/:workspaceId/members/:memberId', handle(async (req, res) => {
    await members.removeMember(ctx, await requireMember(store, req), param(req, 'workspaceId'), param(req, 'memberId'));
    res.status(204).end();
  }));
  router.post('/workspaces/:workspaceId/invites', handle(async (req, res) => {
    res.status(201).json(await members.createInvite(ctx, await requireMember(store, req), param(req, 'workspaceId'), req.body));
  }));

  router.get('/invites/:token', handle(async (req, res) => {
    res.json(await members.inviteInfo(ctx, param(req, 'token')));
  }));
  router.post('/invites/:token/accept', handle(async (req, res) => {
    const signedIn = await optionalMember(store, req);
    const { memberId, workspaceId } = await members.acceptInvite(ctx, param(req, 'token'), signedIn, req.body);
    if (!signedIn) await signInAs(res, memberId);
    const member = (await store.getMember(memberId))!;
    const body: AcceptInviteResponse = { ...(await profile(ctx, member)), joinedWorkspaceId: workspaceId };
    res.status(201).json(body);
  }));

  router.get('/documents/:documentId', handle(async (req, res) => {
    res.json(await documents.getDocument(ctx, await requireMember(store, req), param(req, 'documentId')));
  }));
  router.patch('/documents/:documentId', handle(async (req, res) => {
    res.json(await documents.renameDocument(ctx, await requireMember(store, req), param(req, 'documentId'), req.body));
  }));
  router.post('/documents/:documentId/archive', handle(async (req, res) => {
    res.json(await documents.setArchived(ctx, await requireMember(store, req), param(req, 'documentId'), true));
  }));
  router.post('/documents/:documentId/restore', handle(async (req, res) => {
    res.json(await documents.setArchived(ctx, await requireMember(store, req), param(req, 'documentId'), false));
  }));
  router.get('/documents/:documentId/access', handle(async (req, res) => {
    res.json(await documents.listAccess(ctx, await requireMember(store, req), param(req, 'documentId')));
  }));
  router.put('/documents/:documentId/access/:memberId', handle(async (req, res) => {
    await documents.grantAccess(ctx, await requireMember(store, req), param(req, 'documentId'), param(req, 'memberId'), req.body);
    res.status(204).end();
  }));
  return router;
}

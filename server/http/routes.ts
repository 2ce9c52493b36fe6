/** The JSON API routes: thin adapters from HTTP to commands. */
import { Router, type Request, type Response } from 'express';
import { ErrorId, SignInRequest, type AcceptInviteResponse, type CreateDocumentResponse, type DocumentListResponse, type InviteListResponse, type MemberListResponse, type SetupStatusResponse } from '../../shared/api';
import { JoinLimiter } from '../auth/joinLimiter';
import { LoginLimiter } from '../auth/loginLimiter';
import { clearSessionCookie, endSession, startSession } from '../auth/sessions';
import { AppError } from '../errors';
import { profile, runSetup, setupNeeded, signIn, signOutEverywhere } from '../commands/accounts';
import { parse, type CommandContext } from '../commands/context';
import * as documents from '../commands/documents';
import * as members from '../commands/members';
import { handle, optionalMember, param, requireMember } from './middleware';

/** The client's address, as limits count it (trust proxy is off: the socket's peer). */
const clientAddress = (req: Request): string => req.socket.remoteAddress ?? 'unknown';

/** 429 with Retry-After when a limiter asked to wait `seconds` (0: go ahead). */
function refuseWhileLimited(res: Response, seconds: number, message: string): void {
  if (seconds === 0) return;
  res.setHeader('Retry-After', String(seconds));
  throw new AppError(429, ErrorId.TOO_MANY_REQUESTS, message);
}

/** Routes under /api. */
export function apiRouter(ctx: CommandContext): Router {
  const router = Router();
  const { store } = ctx;
  const signInAs = async (res: Response, memberId: string) => res.setHeader('Set-Cookie', await startSession(store, ctx.config, memberId));

  router.get('/setup', handle(async (_req, res) => {
    const body: SetupStatusResponse = { needed: await setupNeeded(ctx) };
    res.json(body);
  }));
  // Setup and invitation acceptance may hash a password for anyone who asks: counted per address
  // before any work, given back when they succeed.
  const joins = new JoinLimiter(ctx.config.joinLimits);
  const asJoinAttempt = async <T>(req: Request, res: Response, attempt: () => Promise<T>): Promise<T> => {
    const address = clientAddress(req);
    refuseWhileLimited(res, await joins.begin(address), 'Too many failed attempts to join: try again later.');
    const result = await attempt();
    await joins.succeeded(address);
    return result;
  };

  router.post('/setup', handle(async (req, res) => {
    const result = await asJoinAttempt(req, res, () => runSetup(ctx, req.body));
    await signInAs(res, result.memberId);
    res.status(201).json(result);
  }));

  const logins = new LoginLimiter(ctx.config.loginLimits);
  router.post('/session', handle(async (req, res) => {
    // A malformed request checks no password, so it is answered before anything is counted.
    const { email: account } = parse(SignInRequest, req.body);
    const address = clientAddress(req);
    refuseWhileLimited(res, await logins.begin(account, address), 'Too many failed sign-ins: try again later.');
    let member;
    try {
      member = await signIn(ctx, req.body);
    } catch (error) {
      if (!(error instanceof AppError && error.id === ErrorId.INVALID_CREDENTIALS)) await logins.abandoned(account, address);
      throw error;
    }
    await logins.succeeded(account, address);
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
    await signOutEverywhere(ctx, await requireMember(store, req));
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
  router.get('/workspaces/:workspaceId/invites', handle(async (req, res) => {
    const list: InviteListResponse = { invites: await members.listInvites(ctx, await requireMember(store, req), param(req, 'workspaceId')) };
    res.json(list);
  }));
  router.delete('/workspaces/:workspaceId/invites/:inviteId', handle(async (req, res) => {
    await members.revokeInvite(ctx, await requireMember(store, req), param(req, 'workspaceId'), param(req, 'inviteId'));
    res.status(204).end();
  }));

  router.get('/invites/:token', handle(async (req, res) => {
    res.json(await members.inviteInfo(ctx, param(req, 'token')));
  }));
  router.post('/invites/:token/accept', handle(async (req, res) => {
    const signedIn = await optionalMember(store, req);
    const { memberId, workspaceId } = await asJoinAttempt(req, res, () => members.acceptInvite(ctx, param(req, 'token'), signedIn, req.body));
    if (!signedIn) await signInAs(res, memberId);
    const member = (await store.getMember(memberId))!;
    const body: AcceptInviteResponse = { ...(await profile(ctx, member)), joinedWorkspaceId: workspaceId };
    res.status(201).json(body);
  }));

  router.get('/documents/:documentId', handle(async (req, res) => {
    res.json(await documents.getDocument(ctx, await requireMember(store, req), param(req, 'documentId')));
  }));
  router.patch('/documents/:documentId', handle(async (req, res) => {
    res.json(await documents.updateDocument(ctx, await requireMember(store, req), param(req, 'documentId'), req.body));
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

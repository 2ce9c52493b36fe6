/** Express plumbing shared by the routers: async handlers, the signed-in member, errors. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorId, type ApiErrorBody } from '../../shared/api';
import { memberFromCookie } from '../auth/sessions';
import { AppError, unauthenticated } from '../errors';
import type { Logger } from '../log';
import type { MemberRow, Store } from '../store/Store';
import { originAllowed, type OriginPolicy } from './origin';

/** Wraps an async handler so that its errors reach the error middleware. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    fn(req, res).catch(next);
  };

/** The signed-in member, or throws 401. */
export async function requireMember(store: Store, req: Request): Promise<MemberRow> {
  const member = await memberFromCookie(store, req.headers.cookie);
  if (!member) throw unauthenticated();
  return member;
}

/** The signed-in member, or null. */
export const optionalMember = (store: Store, req: Request): Promise<MemberRow | null> => memberFromCookie(store, req.headers.cookie);

/** A route parameter as a string (express 5 types them loosely). */
export const param = (req: Request, name: string): string => String(req.params[name] ?? '');

/**
 * Refuses state-changing requests from other sites. Requests without Origin (curl, scripts) pass:
 * browsers always send it on cross-site writes, and the SameSite cookie is the second fence.
 */
export function sameOriginWrites(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const safe = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
    const origin = req.headers.origin;
    if (safe || origin === undefined || originAllowed(origin, req.headers.host, policy)) return next();
    sendError(res, new AppError(403, ErrorId.BAD_ORIGIN, 'Cross-site request refused.'));
  };
}

/** Writes an AppError as the JSON error body. */
export function sendError(res: Response, error: AppError): void {
  const body: ApiErrorBody = { error: { id: error.id, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  res.status(error.status).json(body);
}

/** Final error middleware: known errors keep their status and id; the rest become 500 internal. */
export function errorMiddleware(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof AppError) return sendError(res, error);
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') return sendError(res, new AppError(413, ErrorId.PAYLOAD_TOO_LARGE, 'The request body is too large.'));
    if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return sendError(res, new AppError(400, ErrorId.INVALID_INPUT, 'The request body is not valid JSON.'));
    }
    log.error('request failed', error, { method: req.method, path: req.path });
    sendError(res, new AppError(500, ErrorId.INTERNAL, 'Something went wrong on the server.'));
  };
}

/**
 * Abuse limits on every state-changing API request (issue #12): budgets per member and per client
 * address for all writes, and tighter ones for what is costly to store, documents created by a
 * member and named versions or restores by a member on one document. Past a budget the request is
 * answered `429 too_many_requests` with Retry-After before its body is even read, so it changes
 * nothing. Sign-in, setup and invitation acceptance are counted by their own limiters (server/auth/).
 * In memory, like the sign-in limiter: a scaled-out deployment moves them to Redis (same library).
 */
import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { ErrorId } from '../../shared/api';
import { takePoint } from '../auth/rateLimits';
import { AppError } from '../errors';
import type { Store } from '../store/Store';
import { optionalMember, sendError } from './middleware';

/** Limits, from configuration. */
export interface WriteLimits {
  perMemberPerMinute: number;
  perAddressPerMinute: number;
  documentsPerMinute: number;
  versionsPerHourPerDocument: number;
}

/** What the budgets look at: the request's path under /api, who sends it (if signed in) and from where. */
interface Write {
  path: string;
  memberId: string | null;
  address: string;
}

/** One budget: its counter, and the key a write is counted under (null: the budget does not count it). */
interface Budget {
  limiter: RateLimiterMemory;
  key(write: Write): string | null;
}

// Sign-in and sign-out, setup and accepting an invitation: limited by server/auth/ (signing out must always work).
const OWN_LIMITERS = [/^\/setup\/?$/i, /^\/session\/?$/i, /^\/invites\/[^/]+\/accept\/?$/i];
const CREATE_DOCUMENT = /^\/workspaces\/[^/]+\/documents\/?$/i;
// Naming a version and restoring one each store a version of the document: a copy of its content.
const TAKE_VERSION = /^\/documents\/([^/]+)\/versions(?:\/[^/]+\/restore)?\/?$/i;

const MINUTE = 60;
const HOUR = 3600;

/**
 * The budgets, most specific first: a write refused by one is not counted by the next, so a member
 * hammering the API uses up their own budgets and never more than their share of their address's
 * (which members behind one proxy share).
 */
function writeBudgets(limits: WriteLimits): Budget[] {
  const budget = (keyPrefix: string, points: number, duration: number, key: Budget['key']): Budget => ({ limiter: new RateLimiterMemory({ keyPrefix, points, duration }), key });
  return [
    budget('write-document', limits.documentsPerMinute, MINUTE, ({ path, memberId }) => (memberId && CREATE_DOCUMENT.test(path) ? memberId : null)),
    budget('write-version', limits.versionsPerHourPerDocument, HOUR, ({ path, memberId }) => {
      const documentId = TAKE_VERSION.exec(path)?.[1];
      return memberId && documentId ? `${memberId}:${documentId}` : null;
    }),
    budget('write-member', limits.perMemberPerMinute, MINUTE, ({ memberId }) => memberId),
    budget('write-address', limits.perAddressPerMinute, MINUTE, ({ address }) => address),
  ];
}

const isWrite = (req: Request): boolean => req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';

/** Seconds to wait before this write may be made, or 0 when every budget admits it (and counts it). */
async function retryAfter(budgets: readonly Budget[], write: Write): Promise<number> {
  for (const { limiter, key } of budgets) {
    const counted = key(write);
    const wait = counted === null ? 0 : await takePoint(limiter, counted);
    if (wait > 0) return wait;
  }
  return 0;
}

/** Middleware for /api: counts each write against its budgets and refuses it with 429 past one. */
export function writeLimits(store: Store, limits: WriteLimits): RequestHandler {
  const budgets = writeBudgets(limits);
  return (req, res, next) => {
    if (!isWrite(req) || OWN_LIMITERS.some((route) => route.test(req.path))) return next();
    const admit = async () => {
      const member = await optionalMember(store, req);
      const wait = await retryAfter(budgets, { path: req.path, memberId: member?.id ?? null, address: req.socket.remoteAddress ?? 'unknown' });
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(wait));
      sendError(res, new AppError(429, ErrorId.TOO_MANY_REQUESTS, `Too many changes in a short time: try again in ${wait} s.`));
    };
    admit().catch(next);
  };
}

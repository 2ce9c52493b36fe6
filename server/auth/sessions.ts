/**
 * Server-side sessions behind an httpOnly cookie. The cookie holds a random token; the store
 * keeps only its hash, so sessions can be listed and revoked and a leaked database opens nothing.
 */
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Config } from '../config';
import { hashToken, newToken } from '../ids';
import type { MemberRow, SessionRow, Store } from '../store/Store';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'trame_session';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts a session for a member; returns the Set-Cookie header value. */
export async function startSession(store: Store, config: Pick<Config, 'sessionDays' | 'cookieSecure'>, memberId: string, now = new Date()): Promise<string> {
  const token = newToken();
  const expires = new Date(now.getTime() + config.sessionDays * DAY_MS);
  await store.createSession({ tokenHash: hashToken(token), memberId, createdAt: now.toISOString(), expiresAt: expires.toISOString() });
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    expires,
  });
}

/** A Set-Cookie value that clears the session cookie. */
export function clearSessionCookie(config: Pick<Config, 'cookieSecure'>): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/', maxAge: 0 });
}

/** The session token from a Cookie header, if any. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const token = parseCookie(cookieHeader)[SESSION_COOKIE];
  return token && token.length <= 128 ? token : null;
}

/** The member signed in with this Cookie header, or null (no cookie, unknown, expired or revoked). */
export async function memberFromCookie(store: Store, cookieHeader: string | undefined, now = new Date()): Promise<MemberRow | null> {
  return (await signedInFromCookie(store, cookieHeader, now))?.member ?? null;
}

/** The session named by this Cookie header and its member, or null (no cookie, unknown, expired or revoked). */
export async function signedInFromCookie(store: Store, cookieHeader: string | undefined, now = new Date()): Promise<{ member: MemberRow; session: SessionRow } | null> {
  const token = sessionTokenFrom(cookieHeader);
  if (!token) return null;
  const session = await store.getSession(hashToken(token), now.toISOString());
  const member = session ? await store.getMember(session.memberId) : null;
  return session && member ? { member, session } : null;
}

/** Ends the session named by this Cookie header (sign-out); returns its token hash, if there was one. */
export async function endSession(store: Store, cookieHeader: string | undefined): Promise<string | null> {
  const token = sessionTokenFrom(cookieHeader);
  if (!token) return null;
  const tokenHash = hashToken(token);
  await store.deleteSession(tokenHash);
  return tokenHash;
}

/**
 * Requests sent as soon as the script starts, before translations, React and the rest of the app
 * are even evaluated: the session check every page waits for and, when the app is opened on a
 * document's link (`/d/<id>`), the body's WebSocket (collab/socketAhead.ts), the editor's code,
 * the document's metadata and its local copy (collab/sessionsAhead.ts), side by side instead of
 * one after the other (session → editor code → metadata → local copy → WebSocket → sync). The
 * pages take over what was started here, once; the server still decides who may see what.
 * Imported first by main.tsx.
 */
import type { DocumentResponse, MeResponse, SetupStatusResponse } from '../../shared/api';
import { docRoom, parseRoom } from '../../shared/rooms';
import { authApi, documentsApi } from '../api/trame';
import { openSocketAhead } from '../collab/socketAhead';

/** A request started ahead; `value` once it answered. */
export interface Ahead<T> {
  pending: Promise<T>;
  value?: T;
}

function ahead<T>(pending: Promise<T>): Ahead<T> {
  const entry: Ahead<T> = { pending };
  // Also marks a failure as handled: the page that takes the request over decides what it means.
  pending.then((value) => (entry.value = value), () => undefined);
  return entry;
}

/** A document's metadata is used only by a page shown within this time (not after a sign-in, say). */
const DOCUMENT_FRESH_MS = 10_000;

let session: { setup: Ahead<SetupStatusResponse>; me: Ahead<MeResponse> } | null = { setup: ahead(authApi.setupStatus()), me: ahead(authApi.me()) };
let opening: { id: string; at: number; info: Ahead<DocumentResponse> } | null = null;

/** The document id of a `/d/<id>` path, or null. */
function documentIdOf(pathname: string): string | null {
  // Document ids are URL-safe as they are (shared/rooms.ts checks their form).
  const id = /^\/d\/([^/]+)\/?$/.exec(pathname)?.[1];
  return id !== undefined && parseRoom(docRoom(id)) ? id : null;
}

const openingId = documentIdOf(window.location.pathname);
if (openingId !== null) {
  openSocketAhead(docRoom(openingId));
  void import('../editor/EditorPage');
  opening = { id: openingId, at: Date.now(), info: ahead(documentsApi.get(openingId)) };
  void import('../collab/sessionsAhead').then(({ openAhead }) => openAhead(docRoom(openingId)));
}

/** The session check started with the page, once (a retry asks the server again). */
export function takeSessionAhead(): { setup: Ahead<SetupStatusResponse>; me: Ahead<MeResponse> } | null {
  const taken = session;
  session = null;
  return taken;
}

/**
 * The metadata request started ahead for document `id`, until a page has used it (then later pages
 * ask the server themselves). Only reads: a render may be thrown away and run again.
 */
export function documentAhead(id: string): Ahead<DocumentResponse> | null {
  const entry = opening;
  return entry && entry.id === id && Date.now() - entry.at <= DOCUMENT_FRESH_MS ? entry.info : null;
}

/** The page has used the metadata request started ahead (from an effect, i.e. once it is on screen). */
export function documentAheadUsed(): void {
  opening = null;
}

/**
 * A document body opened before its page is on screen: when the app starts on a document's link,
 * its CollabSession (IndexedDB copy, WebSocket, first sync) starts while the editor's code is still
 * downloading, and the page's `useCollabDocument` takes it over instead of starting from nothing.
 * Loaded on demand (dynamic import), like the rest of the Yjs side.
 */
import { CollabSession } from './CollabSession';

/** A session nobody took within this time (the page never came: signed out, error) is closed. */
const UNCLAIMED_MS = 15_000;

const ahead = new Map<string, { session: CollabSession; timer: ReturnType<typeof setTimeout> }>();

/** Starts opening `room` now, for a page that will ask for it soon. */
export function openAhead(room: string): void {
  if (ahead.has(room)) return;
  const session = new CollabSession(room);
  const timer = setTimeout(() => {
    ahead.delete(room);
    session.destroy();
  }, UNCLAIMED_MS);
  ahead.set(room, { session, timer });
}

/** The session opened ahead for `room` if it is still usable, without taking it (a render may be thrown away). */
export function sessionAhead(room: string): CollabSession | null {
  const session = ahead.get(room)?.session;
  return session && !session.getSnapshot().closeInfo?.terminal ? session : null;
}

/** The session opened ahead for `room`, or a new one; the caller owns it (and destroys it). */
export function takeSession(room: string): CollabSession {
  const entry = ahead.get(room);
  ahead.delete(room);
  if (entry) {
    clearTimeout(entry.timer);
    // Refused for good (e.g. opened before signing in): the page starts over with its own.
    if (!entry.session.getSnapshot().closeInfo?.terminal) return entry.session;
    entry.session.destroy();
  }
  return new CollabSession(room);
}

/**
 * Other clients' presence states as this page accepts them. A state comes from another client,
 * through a server that may be old, another implementation or wrong: the caret plugin throws while
 * drawing a malformed position (and with it the whole page), and writes the colour into style
 * attributes. So every peer state is cleaned here, before any plugin or component reads it.
 */
import * as Y from 'yjs';
import { cleanPresence, type PresenceState } from '../../shared/presence';

/** A peer's state once cleaned: only fields that follow shared/presence.ts, and always a member. */
export type PeerState = { -readonly [K in keyof PresenceState]: PresenceState[K] } & { user: NonNullable<PresenceState['user']> };

/** Says whether a relative position (JSON, already well-formed) may be handed to the editor. */
export type PositionCheck = (position: Record<string, unknown>) => boolean;

/**
 * The check for positions in the body fragment `bodyName` of `doc`: resolving it must not throw
 * and must land in the body. A position naming an item not received yet resolves to nothing and
 * is kept: presence can arrive before the change it points into (on joining, others' states come
 * before the sync reply), and the caret then shows once the change is there.
 */
export function positionsIn(doc: Y.Doc, bodyName: string): PositionCheck {
  return (position) => {
    // Another root name would make `doc.get` create that type in this document.
    if (position['tname'] !== undefined && position['tname'] !== bodyName) return false;
    if (position['tname'] === undefined && position['type'] === undefined && position['item'] === undefined) return false;
    try {
      const resolved = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), doc);
      if (resolved === null) return true;
      const body = doc.getXmlFragment(bodyName);
      return resolved.type === body || (resolved.type._item !== null && Y.isParentOf(body, resolved.type._item));
    } catch {
      return false;
    }
  };
}

/**
 * The state of a peer as this page will use it, or null when it cannot be used at all (not an
 * object, or no valid member: the server stamps every real connection's member, so a state without
 * one is not someone to show). A malformed field is dropped; a position that fails `check` too.
 */
export function cleanPeerState(state: unknown, check: PositionCheck): PeerState | null {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
  const raw = state as Record<string, unknown>;
  const clean = cleanPresence({ ...raw, cursor: rangeJSON(raw['cursor']), spotlight: rangeJSON(raw['spotlight']), viewport: positionJSON(raw['viewport']) });
  if (!clean.user) return null;
  const usable: PeerState = { ...clean, user: clean.user };
  if (clean.cursor) usable.cursor = check(clean.cursor.anchor) && check(clean.cursor.head) ? clean.cursor : null;
  if (clean.spotlight) usable.spotlight = check(clean.spotlight.anchor) && check(clean.spotlight.head) ? clean.spotlight : null;
  if (clean.viewport) usable.viewport = check(clean.viewport) ? clean.viewport : null;
  return usable;
}

/**
 * A relative position as `Y.relativePositionToJSON` writes it: the caret plugin publishes
 * `Y.RelativePosition` objects, whose JSON carries `null` for absent parts; absent is what the
 * schema expects.
 */
function positionJSON(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, part]) => part !== null));
}

function rangeJSON(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const range = value as Record<string, unknown>;
  return { ...range, anchor: positionJSON(range['anchor']), head: positionJSON(range['head']) };
}

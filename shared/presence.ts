/**
 * What a member's awareness (presence) state may hold: one schema, used by the server to clean
 * every state before relaying it, and by clients to ignore a peer's state they could not use.
 * A state from another client is input like any other: a caret plugin fed a malformed position
 * throws while drawing, and with it the page of everyone in the document.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';

/** Largest awareness state accepted, as JSON text (ours are a few hundred bytes). */
export const MAX_PRESENCE_STATE_BYTES = 4096;

const ID = z.object({ client: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict();

/**
 * A Yjs relative position as JSON: `Y.relativePositionToJSON` leaves absent parts out, while the
 * caret plugin serialises the RelativePosition object itself, absent parts as null.
 */
export const RelativePositionJSON = z
  .object({
    type: ID.nullish(),
    tname: z.string().max(64).nullish(),
    item: ID.nullish(),
    assoc: z.number().int().min(-(2 ** 31)).max(2 ** 31).nullish(),
  })
  .strict();

/** A selection or highlighted passage, as two relative positions. */
export const RelativeRange = z.object({ anchor: RelativePositionJSON, head: RelativePositionJSON }).strict();

/** Who a state belongs to; the server stamps it from the session, never from what the client says. */
export const PresenceUser = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(200),
    // Used in style attributes by the caret plugin: only a plain hex colour may get there.
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  })
  .strict();

/**
 * Every field a Trame client publishes. `cursor` is the caret plugin's selection; `viewport` the
 * position at the top of the screen (followers scroll there); `following` the client id followed;
 * `gather` a request that everyone follow; `spotlight` a passage highlighted for all; `section`
 * the heading the caret is under.
 */
export const PRESENCE_FIELDS = {
  user: PresenceUser,
  cursor: RelativeRange.nullable(),
  spotlight: RelativeRange.nullable(),
  viewport: RelativePositionJSON.nullable(),
  following: z.number().int().min(0).max(2 ** 32 - 1).nullable(),
  gather: z.string().min(1).max(100).nullable(),
  section: z.string().max(300).nullable(),
} as const;

/** A cleaned presence state. */
export type PresenceState = { [K in keyof typeof PRESENCE_FIELDS]?: z.infer<(typeof PRESENCE_FIELDS)[K]> };

/**
 * Keeps the fields of a state that follow the schema and drops the rest (unknown fields and
 * malformed values alike): one bad field costs its sender that field, not the whole presence.
 */
export function cleanPresence(state: Record<string, unknown>): PresenceState {
  const clean: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(PRESENCE_FIELDS)) {
    if (!(field in state)) continue;
    const parsed = schema.safeParse(state[field]);
    if (parsed.success) clean[field] = parsed.data;
  }
  return clean as PresenceState;
}

/** One client's entry in an awareness update (y-protocols/awareness encoding). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text ("null" when the client left). */
  state: string;
}

/** Reads an awareness update's entries; throws on a truncated update or more than `maxEntries`. */
export function readAwarenessEntries(decoder: decoding.Decoder, maxEntries = Infinity): AwarenessEntry[] {
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new Error(`awareness update with ${count} entries (at most ${maxEntries})`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  return entries;
}

/** Writes entries as an awareness update. */
export function writeAwarenessEntries(encoder: encoding.Encoder, entries: readonly AwarenessEntry[]): void {
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
}

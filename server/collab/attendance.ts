/**
 * Records who is in which document, from the rooms' presence: each member's visit of every
 * document (for "changed since you last looked"), and intervals with their edit counts for meeting
 * documents (attendance) and for documents with a live session under way (its participants).
 *
 * A member is present from their first connection to a `doc.<id>` room until their last one
 * closes: two tabs are one presence, and leaving then coming back opens a new interval. Writes run
 * one after another in the background, in the order the room reported them, so the update path
 * never waits for them; a failed write is logged, never thrown into socket handling.
 */
import type { DocumentKind } from '../../shared/api';
import type { DomainEvents } from '../events';
import { newId } from '../ids';
import type { Logger } from '../log';
import type { Store } from '../store/Store';

/** How often, at most, an open interval's edit count and last activity are written while editing. */
const PROGRESS_EVERY_MS = 15_000;

/** An open interval of one member, in the meeting (`sessionId` null) or in a live session. */
interface Stay {
  id: string;
  sessionId: string | null;
  edits: number;
  /** When the progress was last written (ms since epoch). */
  savedAt: number;
}

/** What the tracker knows about a document while someone is in it. */
interface DocumentPresence {
  kind: DocumentKind;
  /** The live session under way, if any. */
  sessionId: string | null;
  /** memberId → open stays (one per scope: the meeting and/or the session). */
  present: Map<string, Stay[]>;
}

/** Options of the tracker. */
export interface AttendanceTrackerOptions {
  store: Store;
  events: DomainEvents;
  log: Logger;
  now: () => Date;
}

/** Turns room presence and edits into stored visits and presence intervals. */
export class AttendanceTracker {
  private readonly documents = new Map<string, DocumentPresence>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly options: AttendanceTrackerOptions) {
    const { events } = options;
    this.unsubscribe = [
      events.subscribe('session.started', ({ documentId, sessionId, at }) => this.enqueue(() => this.sessionStarted(documentId, sessionId, at), documentId)),
      events.subscribe('session.ended', ({ documentId, sessionId, at }) => this.enqueue(() => this.sessionEnded(documentId, sessionId, at), documentId)),
    ];
  }

  /** Room activity: `memberIds` are the members present now; `editor` the member who just edited. */
  onActivity(documentId: string, kind: 'presence' | 'edit', memberIds: () => string[], editor?: string): void {
    if (this.closed) return; // shutting down: close() ends every interval at the same time
    const at = this.options.now().toISOString();
    if (kind === 'presence') {
      const ids = memberIds();
      this.enqueue(() => this.presenceChanged(documentId, ids, at), documentId);
    } else if (editor !== undefined) {
      this.enqueue(() => this.edited(documentId, editor, at), documentId);
    }
  }

  /** Shutdown: ends every open interval now and waits for every write. */
  async close(): Promise<void> {
    if (this.closed) return this.chain;
    this.closed = true;
    this.unsubscribe.forEach((off) => off());
    const at = this.options.now().toISOString();
    // Run after the writes already queued, so that it also ends the intervals they open.
    this.enqueue(async () => {
      for (const documentId of [...this.documents.keys()]) {
        await this.presenceChanged(documentId, [], at).catch((error: unknown) => this.options.log.error('closing presence failed', error, { documentId }));
      }
    }, '');
    await this.chain;
  }

  /** Resolves once every write reported so far is done (tests). */
  settled(): Promise<void> {
    return this.chain;
  }

  private enqueue(task: () => Promise<void>, documentId: string): void {
    this.chain = this.chain.then(task).catch((error: unknown) => this.options.log.error('recording presence failed', error, { documentId }));
  }

  private async load(documentId: string): Promise<DocumentPresence | null> {
    const known = this.documents.get(documentId);
    if (known) return known;
    const row = await this.options.store.getDocument(documentId);
    if (!row) return null;
    const active = (await this.options.store.listLiveSessions(documentId)).find((s) => s.session.endedAt === null);
    const state: DocumentPresence = { kind: row.kind, sessionId: active?.session.id ?? null, present: new Map() };
    this.documents.set(documentId, state);
    return state;
  }

  private async presenceChanged(documentId: string, memberIds: string[], at: string): Promise<void> {
    const state = await this.load(documentId);
    if (!state) return;
    const now = new Set(memberIds);
    let changed = false;
    for (const [memberId, stays] of [...state.present]) {
      if (now.has(memberId)) continue;
      state.present.delete(memberId);
      for (const stay of stays) await this.end(stay, at);
      changed ||= stays.length > 0;
      await this.options.store.recordVisit(documentId, memberId, at);
    }
    for (const memberId of now) {
      if (state.present.has(memberId)) continue;
      const stays: Stay[] = [];
      state.present.set(memberId, stays);
      await this.options.store.recordVisit(documentId, memberId, at);
      if (state.kind === 'meeting') stays.push(await this.begin(documentId, memberId, null, at));
      if (state.sessionId !== null) stays.push(await this.begin(documentId, memberId, state.sessionId, at));
      changed ||= stays.length > 0;
    }
    // Forgotten once empty: the next arrival reads the document's kind and session again.
    if (state.present.size === 0) this.documents.delete(documentId);
    if (changed) this.options.events.publish('attendance.changed', { documentId });
  }

  private async edited(documentId: string, memberId: string, at: string): Promise<void> {
    const stays = this.documents.get(documentId)?.present.get(memberId) ?? [];
    for (const stay of stays) {
      stay.edits++;
      // Written now and then, so that a crash loses little: the next start closes the interval here.
      if (Date.parse(at) - stay.savedAt >= PROGRESS_EVERY_MS) {
        stay.savedAt = Date.parse(at);
        await this.options.store.saveInterval(stay.id, { lastSeenAt: at, edits: stay.edits, leftAt: null });
      }
    }
  }

  private async sessionStarted(documentId: string, sessionId: string, at: string): Promise<void> {
    const state = this.documents.get(documentId);
    if (!state) return; // nobody is in the document: the first to arrive finds the session when loading
    state.sessionId = sessionId;
    for (const [memberId, stays] of state.present) {
      if (!stays.some((s) => s.sessionId === sessionId)) stays.push(await this.begin(documentId, memberId, sessionId, at));
    }
    if (state.present.size > 0) this.options.events.publish('attendance.changed', { documentId });
  }

  private async sessionEnded(documentId: string, sessionId: string, at: string): Promise<void> {
    const state = this.documents.get(documentId);
    if (!state || state.sessionId !== sessionId) return;
    state.sessionId = null;
    for (const stays of state.present.values()) {
      for (const stay of stays.filter((s) => s.sessionId === sessionId)) {
        stays.splice(stays.indexOf(stay), 1);
        await this.end(stay, at);
      }
    }
    this.options.events.publish('attendance.changed', { documentId });
  }

  private async begin(documentId: string, memberId: string, sessionId: string | null, at: string): Promise<Stay> {
    const stay: Stay = { id: newId(), sessionId, edits: 0, savedAt: Date.parse(at) };
    await this.options.store.openInterval({ id: stay.id, documentId, sessionId, memberId, joinedAt: at, leftAt: null, lastSeenAt: at, edits: 0 });
    return stay;
  }

  private async end(stay: Stay, at: string): Promise<void> {
    await this.options.store.saveInterval(stay.id, { lastSeenAt: at, edits: stay.edits, leftAt: at });
  }
}

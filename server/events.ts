/**
 * In-process domain events: commands publish what changed, the collaboration layer reacts
 * (live metadata, closing revoked connections). A Redis relay can subscribe here when scaled out.
 */
import { EventEmitter } from 'node:events';

/** Every event and its payload. */
export interface DomainEventMap {
  /** Title, kind, archived flag, language or typography setting of a document changed, or a document was created. */
  'document.changed': [{ documentId: string; workspaceId: string }];
  /** A member's access to one document changed (grant set or removed). */
  'access.changed': [{ documentId: string; memberId: string }];
  /** A member's role in a collective changed. */
  'role.changed': [{ workspaceId: string; memberId: string }];
  /** A member was removed from a collective. */
  'member.removed': [{ workspaceId: string; memberId: string }];
  /** A member signed out everywhere or their sessions were revoked. */
  'sessions.revoked': [{ memberId: string }];
  /** One sign-in session ended (signed out): the sockets opened with it close. */
  'signin.ended': [{ tokenHash: string }];
  /** A comment thread of a document was opened, answered, edited, resolved, reopened or deleted. */
  'comments.changed': [{ documentId: string; workspaceId: string }];
  /** A member's notifications changed (a new one, some read, one deleted with its comment). */
  'inbox.changed': [{ memberId: string }];
  /** A version of a document was taken (named, automatic, at a status change or a review) or restored. */
  'versions.changed': [{ documentId: string; workspaceId: string }];
  /** A document's status, review requests or review decisions changed. */
  'review.changed': [{ documentId: string; workspaceId: string }];
  /** Who was in a document and when changed: meeting attendance or a live session's participants. */
  'attendance.changed': [{ documentId: string }];
  /** A live session started on a document (its row and invitations are stored). */
  'session.started': [{ documentId: string; sessionId: string; at: string }];
  /** A live session ended. */
  'session.ended': [{ documentId: string; sessionId: string; at: string }];
  /** A newcomer's mentor was set or removed. */
  'mentorship.changed': [{ workspaceId: string; newcomerId: string }];
}

/** Typed publish/subscribe for domain events. */
export class DomainEvents {
  private readonly emitter = new EventEmitter();

  /** Publishes an event to every subscriber, synchronously. */
  publish<K extends keyof DomainEventMap>(name: K, ...payload: DomainEventMap[K]): void {
    this.emitter.emit(name, ...payload);
  }

  /** Subscribes; returns a function that unsubscribes. */
  subscribe<K extends keyof DomainEventMap>(name: K, listener: (...payload: DomainEventMap[K]) => void): () => void {
    this.emitter.on(name, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(name, listener as (...args: unknown[]) => void);
  }
}

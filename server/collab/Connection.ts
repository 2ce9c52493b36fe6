/**
 * One client connected to one room. Knows no transport: it talks to a `PeerSocket`, which the
 * WebSocket layer implements over `ws` and tests can implement in memory.
 */
import type { MemberSummary } from '../../shared/api';
import type { Access } from '../../shared/permissions';

/** The little a connection needs from its transport. */
export interface PeerSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** A member's connection to a room, with the rights checked at the door. */
export class Connection {
  /**
   * The one awareness client id this connection speaks for (a provider has one for its life),
   * claimed by its first presence update; its state is removed from the room when it leaves.
   */
  awarenessClient: number | null = null;
  private closed = false;
  // Messages of one connection are handled one after the other, so that a save check is
  // answered only after every update received before it has been stored.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: PeerSocket,
    readonly member: MemberSummary,
    /** Access to the room's document; rooms that are read-only by nature use 'view'. */
    public access: Access,
    /** Trame clients (joined with ?protocol=) get save acknowledgements. */
    readonly wantsAcks: boolean,
    /** The sign-in session the connection was opened with: it closes when that session ends. */
    readonly session: { tokenHash: string; expiresAt: string },
  ) {}

  /** Whether the connection has been closed by either side. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends a message unless closed. */
  send(data: Uint8Array): void {
    if (!this.closed) this.socket.send(data);
  }

  /** The code this side closed the connection with, if it did. */
  closeCode: number | null = null;

  /** Closes with an application close code; idempotent. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeCode = code;
    this.socket.close(code, reason);
  }

  /** Marks the connection closed when the transport closed by itself. */
  markClosed(): void {
    this.closed = true;
  }

  /** Runs `task` after every task queued before it on this connection. */
  enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(() => (this.closed ? undefined : task()));
    return this.queue;
  }
}

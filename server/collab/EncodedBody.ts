/**
 * A document body kept as its encoded state (one merged Yjs update) instead of a Y.Doc: how a room
 * holds a body that nobody is editing. A 20-page body takes ~65 KB this way against ~280 KB as a
 * Y.Doc, and a first sync can be answered from the bytes without parsing them at all.
 */
import * as Y from 'yjs';
import { syncStep2FromUpdate } from './protocol';

/** A body's encoded state and, once known, its state vector. */
export class EncodedBody {
  constructor(
    /** A merged update holding the whole body (what `Y.encodeStateAsUpdate` returns). */
    readonly state: Uint8Array,
    private vector: Uint8Array | null = null,
  ) {}

  /** Whether the state vector is known without reading the whole state. */
  get hasStateVector(): boolean {
    return this.vector !== null;
  }

  /** The body's state vector; the first call reads every struct of the state (throws if damaged). */
  stateVector(): Uint8Array {
    this.vector ??= Y.encodeStateVectorFromUpdate(this.state);
    return this.vector;
  }

  /** What a client with `clientStateVector` lacks. A new client (empty vector) gets the bytes as they are. */
  diff(clientStateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(clientStateVector).size === 0) return this.state;
    return Y.diffUpdate(this.state, clientStateVector);
  }

  /** A Y.Doc holding the body (throws if the state is damaged). */
  toDoc(): Y.Doc {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, this.state);
    } catch (error) {
      doc.destroy();
      throw error;
    }
    return doc;
  }
}

/**
 * A room's document: a Y.Doc while in use, its encoded state while idle. `onLoaded` is called
 * with each Y.Doc made from the state (the room listens to its updates).
 */
export class HeldDoc {
  private current: Y.Doc | null;
  private encoded: EncodedBody | null;

  constructor(
    content: Y.Doc | EncodedBody,
    private readonly onLoaded: (doc: Y.Doc) => void,
  ) {
    this.current = content instanceof Y.Doc ? content : null;
    this.encoded = content instanceof EncodedBody ? content : null;
    if (this.current) onLoaded(this.current);
  }

  /** The Y.Doc, made from the encoded state first if needed (throws if that state is damaged). */
  get doc(): Y.Doc {
    if (!this.current) {
      this.current = this.encoded!.toDoc();
      this.encoded = null;
      this.onLoaded(this.current);
    }
    return this.current;
  }

  /** The encoded state while no Y.Doc is held, else null. */
  get idle(): EncodedBody | null {
    return this.encoded;
  }

  /** Sync step 2 for a client, from whichever form is held. */
  syncStep2(clientStateVector: Uint8Array): Uint8Array {
    return this.current ? syncStep2FromUpdate(Y.encodeStateAsUpdate(this.current, clientStateVector)) : syncStep2FromUpdate(this.encoded!.diff(clientStateVector));
  }

  /** Drops the Y.Doc, keeping `state` (which must be its encoded state) and its state vector. */
  release(state: Uint8Array): void {
    if (!this.current) return;
    this.encoded = new EncodedBody(state, Y.encodeStateVector(this.current));
    this.current.destroy();
    this.current = null;
  }

  /** Frees the Y.Doc if one is held. */
  destroy(): void {
    this.current?.destroy();
    this.current = null;
    this.encoded = null;
  }
}

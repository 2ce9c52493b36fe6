import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../shared/rooms';
import { decodeAwareness, decodeClientMessage, encodeAwareness, inspectUpdate, ProtocolError, updateMessage } from './protocol';

const bytes = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

describe('decodeClientMessage', () => {
  it('reads an update message as sent by y-websocket', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'bonjour');
    const update = Y.encodeStateAsUpdate(doc);
    const message = decodeClientMessage(updateMessage(update));
    expect(message).toEqual({ type: 'update', update, step: 'update' });
  });

  it('reads a save check', () => {
    expect(decodeClientMessage(bytes((e) => (encoding.writeVarUint(e, MessageType.SAVE_CHECK), encoding.writeVarUint(e, 42))))).toEqual({ type: 'saveCheck', n: 42 });
  });

  it.each([
    ['empty', new Uint8Array([])],
    ['unknown type', new Uint8Array([77])],
    ['unknown sync step', new Uint8Array([0, 9, 0])],
    ['truncated payload', new Uint8Array([0, 2, 50, 1, 2])],
    ['trailing bytes', new Uint8Array([3, 0])],
  ])('rejects %s', (_label, data) => {
    expect(() => decodeClientMessage(data)).toThrow(ProtocolError);
  });
});

describe('inspectUpdate', () => {
  it('tells empty updates from real ones and rejects garbage', () => {
    expect(inspectUpdate(new Uint8Array([0, 0])).empty).toBe(true);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    expect(inspectUpdate(Y.encodeStateAsUpdate(doc)).empty).toBe(false);
    expect(() => inspectUpdate(new Uint8Array([5, 200, 1, 7]))).toThrow(ProtocolError);
  });
});

describe('awareness entries', () => {
  it('round-trip', () => {
    const entries = [{ clientId: 7, clock: 3, state: '{"cursor":null}' }, { clientId: 9, clock: 1, state: 'null' }];
    expect(decodeAwareness(encodeAwareness(entries))).toEqual(entries);
  });
});

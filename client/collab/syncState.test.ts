import { describe, expect, it } from 'vitest';
import { deriveSyncState, type ConnectionFacts } from './syncState';

const base: ConnectionFacts = { refused: false, storeError: false, synced: false, connected: false, connectionLost: false, pending: 0 };

describe('deriveSyncState', () => {
  it.each<[Partial<ConnectionFacts>, string]>([
    [{}, 'connecting'],
    [{ connected: true }, 'syncing'],
    [{ connected: true, synced: true }, 'saved'],
    [{ connected: true, synced: true, pending: 2 }, 'unsaved'],
    [{ connectionLost: true, pending: 3 }, 'offline'],
    [{ connectionLost: true, connected: true }, 'syncing'],
    [{ storeError: true, connected: true, synced: true, pending: 1 }, 'storeError'],
    [{ refused: true, storeError: true }, 'refused'],
  ])('%o → %s', (facts, expected) => {
    expect(deriveSyncState({ ...base, ...facts })).toBe(expected);
  });
});

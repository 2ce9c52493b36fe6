/**
 * Broken WebSocket, frame by frame, against the real server in a child process: reserved bits,
 * reserved opcodes, unmasked frames, fragmented or oversized control frames, invalid UTF-8, bad
 * close codes, stray continuations, lying length headers, random bytes after the handshake, upgrade
 * requests reset mid-answer and malformed HTTP — without a cookie and signed in, on every kind of
 * room. The process must stay up, answer every later client, and every stored document stay whole.
 * `FRAME_FUZZ_RUNS` raises the random part for `npm run reliability`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/rooms';
import { httpTarget, startChildServer, type ChildServer } from '../helpers/childServer';
import { bodyText, connect, typeParagraph, waitFor } from '../helpers/providers';
import { closePayload, frame, rawExchange, upgradeRequest, type RawOutcome } from '../helpers/rawWebSocket';
import { createDocument, setupWorkspace } from '../helpers/server';

const RUNS = Number(process.env.FRAME_FUZZ_RUNS ?? 150);
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Codes ws closes with on a broken frame (protocol error, invalid UTF-8, too big) and ours. */
const KNOWN_CODES = new Set<number>([...Object.values(CloseCode), 1000, 1002, 1007, 1009, 1011]);

const OPCODE = { CONTINUATION: 0, TEXT: 1, BINARY: 2, CLOSE: 8, PING: 9, PONG: 10 } as const;
const bytes = (...values: number[]) => new Uint8Array(values);

/** The broken frames named in issue #12, each alone after a valid upgrade. */
const NAMED_FRAMES: ReadonlyArray<[string, Uint8Array[]]> = [
  ['reserved bit set (c1 80 00 00 00 00)', [bytes(0xc1, 0x80, 0, 0, 0, 0)]],
  ['every reserved bit on a binary frame', [frame({ opcode: OPCODE.BINARY, rsv: 7, payload: bytes(0, 0, 1, 0) })]],
  ['reserved data opcode 3', [frame({ opcode: 3, payload: bytes(1, 2) })]],
  ['reserved control opcode 11', [frame({ opcode: 11 })]],
  ['unmasked client frame', [frame({ opcode: OPCODE.BINARY, mask: false, payload: bytes(0, 0, 1, 0) })]],
  ['fragmented ping (control frame without FIN)', [frame({ opcode: OPCODE.PING, fin: false })]],
  ['oversized ping (126 bytes)', [frame({ opcode: OPCODE.PING, payload: new Uint8Array(126) })]],
  ['invalid UTF-8 in a text frame', [frame({ opcode: OPCODE.TEXT, payload: bytes(0xff, 0xfe, 0xc3) })]],
  ['invalid UTF-8 in a close reason', [frame({ opcode: OPCODE.CLOSE, payload: closePayload(1000, bytes(0xc3, 0x28)) })]],
  ['invalid close code 999', [frame({ opcode: OPCODE.CLOSE, payload: closePayload(999) })]],
  ['reserved close code 1005', [frame({ opcode: OPCODE.CLOSE, payload: closePayload(1005) })]],
  ['one-byte close payload', [frame({ opcode: OPCODE.CLOSE, payload: bytes(3) })]],
  ['stray continuation frame', [frame({ opcode: OPCODE.CONTINUATION, payload: bytes(0, 0) })]],
  ['new data frame inside a fragmented message', [frame({ opcode: OPCODE.BINARY, fin: false, payload: bytes(0) }), frame({ opcode: OPCODE.BINARY, payload: bytes(0) })]],
  ['length header above maxPayload, no body', [frame({ opcode: OPCODE.BINARY, declaredLength: 4 * MAX_MESSAGE_BYTES }).subarray(0, 14)]],
  ['64-bit length above 2^53', [frame({ opcode: OPCODE.BINARY, declaredLength: 2n ** 63n }).subarray(0, 14)]],
  ['fragments adding up past maxPayload', Array.from({ length: 3 }, (_, i) => frame({ opcode: i === 0 ? OPCODE.BINARY : OPCODE.CONTINUATION, fin: i === 2, payload: new Uint8Array(MAX_MESSAGE_BYTES) }))],
  ['message between the configured limit and the ceiling', [frame({ opcode: OPCODE.BINARY, payload: new Uint8Array(MAX_MESSAGE_BYTES + 100).fill(7) })]],
  ['valid text frame (the protocol is binary)', [frame({ opcode: OPCODE.TEXT, payload: new TextEncoder().encode('bonjour') })]],
  ['truncated frame header then end of stream', [bytes(0x82)]],
];

/** HTTP-level abuse: not WebSocket frames but what reaches the same port. */
const NAMED_REQUESTS: ReadonlyArray<[string, string | Uint8Array]> = [
  ['garbage instead of a request line', '\x00\x01\x02 not http at all\r\n\r\n'],
  ['header block above the parser limit', `GET / HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`],
  ['upgrade without a key', 'GET /collab/doc.abcdefgh HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n'],
  ['upgrade with an unknown version', 'GET /collab/doc.abcdefgh HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n'],
  ['upgrade with an unparseable URL', 'GET http://[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'],
  ['conflicting Content-Length headers', 'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\nabc'],
];

/** A random client frame: any opcode, bits, mask and length, honest or lying. */
const randomFrame = fc
  .record({
    opcode: fc.integer({ min: 0, max: 15 }),
    fin: fc.boolean(),
    rsv: fc.constantFrom(0, 0, 0, 1, 2, 4, 7),
    mask: fc.boolean(),
    payload: fc.uint8Array({ maxLength: 300 }),
    lie: fc.option(fc.oneof(fc.nat({ max: 70_000 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })), { freq: 4 }),
  })
  .map(({ lie, ...options }) => frame({ ...options, declaredLength: lie ?? undefined }));
const randomStream = fc.oneof(fc.array(randomFrame, { minLength: 1, maxLength: 4 }), fc.uint8Array({ minLength: 1, maxLength: 512 }).map((b) => [b]));

describe('broken WebSocket frames and HTTP requests', () => {
  let server: ChildServer;
  let cookie = '';
  let origin = '';
  let original = '';
  let documentRoom = '';
  const targets: string[] = [];

  beforeAll(async () => {
    server = await startChildServer({
      env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), DOCUMENT_OPENS_PER_MINUTE: '1000000', MAX_CONNECTIONS_PER_MEMBER: '1000', LOG_LEVEL: 'silent' },
    });
    const http = httpTarget(server.url);
    const { workspaceId, coordinator } = await setupWorkspace(http);
    const document = await createDocument(http, workspaceId, coordinator.cookie);
    cookie = coordinator.cookie;
    origin = server.url;
    documentRoom = document.room;
    const writer = connect(`${server.url.replace('http', 'ws')}/collab`, document.room, { cookie, origin });
    try {
      await waitFor(() => writer.provider.synced, 'writer synced');
      typeParagraph(writer.doc, 'Texte qui doit survivre au fuzzer de trames');
      await waitFor(async () => bodyText(await reread()) === bodyText(writer.doc), 'the paragraph stored');
      original = bodyText(writer.doc);
    } finally {
      writer.close();
    }
    const documentId = document.id;
    targets.push(`/collab/${document.room}`, `/collab/meta.${documentId}`, `/collab/ws.${workspaceId}`, `/collab/me.${coordinator.id}`, '/collab/not-a-room', '/elsewhere');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  // Each case on its own: one that stopped the server must not fail the next ones in its place.
  beforeEach(async () => {
    if (!server.running) await server.start();
  });

  /** What a fresh signed-in client is served of the document now. */
  async function reread() {
    const reader = connect(`${server.url.replace('http', 'ws')}/collab`, documentRoom, { cookie, origin });
    try {
      await waitFor(() => reader.provider.synced, 'reader synced');
      return reader.doc;
    } finally {
      reader.close();
    }
  }

  /** One exchange; fails with what was sent if the server died or closed with an unknown code. */
  async function exchange(label: string, path: string, signedIn: boolean, frames: Uint8Array[], eager = false): Promise<RawOutcome> {
    const outcome = await rawExchange(server.port, upgradeRequest(server.port, path, signedIn ? { cookie, origin } : {}), frames, { eager });
    expect(server.running, `server stopped after: ${label} on ${path}`).toBe(true);
    expect(outcome.upgraded || outcome.httpStatus !== null, `no answer to the upgrade: ${label} on ${path}`).toBe(true);
    if (outcome.closeCode !== null) expect(KNOWN_CODES.has(outcome.closeCode), `unknown close code ${outcome.closeCode}: ${label}`).toBe(true);
    return outcome;
  }

  it('survives every named broken frame, on every room, with and without a session, in the upgrade packet or after it', async () => {
    const codes = new Map<string, Set<number | null>>();
    for (const [label, frames] of NAMED_FRAMES) {
      for (const path of targets) {
        for (const signedIn of [false, true]) {
          for (const eager of [false, true]) {
            const outcome = await exchange(label, path, signedIn, frames, eager);
            if (signedIn && path === `/collab/${documentRoom}`) codes.set(label, (codes.get(label) ?? new Set()).add(outcome.closeCode));
          }
        }
      }
    }
    // The frames reached ws's parser, which refused them with its own codes, and the door's code
    // (4413) answered the message above the configured limit.
    expect(codes.get('reserved bit set (c1 80 00 00 00 00)')).toContain(1002);
    expect(codes.get('invalid UTF-8 in a text frame')).toContain(1007);
    expect(codes.get('length header above maxPayload, no body')).toContain(1009);
    expect(codes.get('message between the configured limit and the ceiling')).toContain(CloseCode.TOO_LARGE);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('answers malformed HTTP and upgrade requests on their own connection only', async () => {
    for (const [label, request] of NAMED_REQUESTS) {
      const outcome = await rawExchange(server.port, request, [], { eager: true });
      expect(server.running, `server stopped after: ${label}`).toBe(true);
      expect(outcome.httpStatus, label).toBeGreaterThanOrEqual(400);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('survives upgrade requests reset by the client while the server answers them', async () => {
    for (let i = 0; i < 40; i++) {
      for (const path of ['/elsewhere', `/collab/${documentRoom}`, '/collab/not-a-room']) {
        await rawExchange(server.port, upgradeRequest(server.port, path, i % 2 ? { cookie, origin } : {}), [], { reset: true });
      }
    }
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).ok, 'the server still answers');
    expect(server.running).toBe(true);
  });

  it(`survives random frames and bytes after the handshake (${RUNS} inputs), and the document is intact`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.boolean(), randomStream, async (path, signedIn, frames) => {
        await exchange('random frames', path, signedIn, frames);
      }),
      { numRuns: RUNS },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(bodyText(await reread())).toBe(original);
  }, 300_000);
});

/**
 * WebSocket spoken badly on purpose: a raw TCP client that completes (or botches) the HTTP upgrade
 * and then writes arbitrary bytes, for the frame-level fuzzer. A library's client refuses to send
 * a reserved bit, a bad opcode or a lying length, which is exactly what an attacker sends.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** How a raw exchange ended, as the client saw it. */
export interface RawOutcome {
  /** Whether the server answered the upgrade with 101 Switching Protocols. */
  upgraded: boolean;
  /** The HTTP status line's code when the upgrade was refused (404, 400...), else null. */
  httpStatus: number | null;
  /** Close code of the server's close frame, if it sent one. */
  closeCode: number | null;
  /** Opcodes of the data frames the server sent before closing (2 = binary, 8 = close...). */
  opcodes: number[];
}

/** Options of a WebSocket frame built by hand; every field may be made invalid. */
export interface FrameOptions {
  opcode: number;
  payload?: Uint8Array;
  fin?: boolean;
  /** The three reserved bits, 0-7 (nonzero is invalid without an extension). */
  rsv?: number;
  /** Clients must mask; false makes an invalid client frame. */
  mask?: boolean;
  /** Length written in the header, whatever the payload's real size (for lying headers). */
  declaredLength?: number | bigint;
}

/** Encodes one client frame as the options say. */
export function frame(options: FrameOptions): Uint8Array {
  const payload = options.payload ?? new Uint8Array();
  const length = BigInt(options.declaredLength ?? payload.length);
  const masked = options.mask ?? true;
  const head: number[] = [((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | (options.opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) head.push(maskBit | 126, Number(length >> 8n) & 0xff, Number(length) & 0xff);
  else {
    head.push(maskBit | 127);
    for (let shift = 56n; shift >= 0n; shift -= 8n) head.push(Number((length >> shift) & 0xffn));
  }
  const key = masked ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (masked) for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), key, body]);
}

/** A close frame's payload: a code and a reason given as raw bytes (to carry invalid UTF-8). */
export function closePayload(code: number, reason: Uint8Array = new Uint8Array()): Uint8Array {
  return Buffer.concat([Buffer.from([(code >> 8) & 0xff, code & 0xff]), Buffer.from(reason)]);
}

/** The HTTP upgrade request for a path, with optional cookie and origin. */
export function upgradeRequest(port: number, path: string, headers: { cookie?: string; origin?: string } = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...(headers.origin ? [`Origin: ${headers.origin}`] : []),
    ...(headers.cookie ? [`Cookie: ${headers.cookie}`] : []),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Reads the server's (unmasked) frames out of the bytes after the 101 response. */
function readServerFrames(bytes: Buffer, outcome: RawOutcome): void {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (offset + 2 > bytes.length) return;
      length = bytes.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (offset + 8 > bytes.length) return;
      length = Number(bytes.readBigUInt64BE(offset));
      offset += 8;
    }
    if (offset + length > bytes.length) return;
    outcome.opcodes.push(opcode);
    if (opcode === 8 && length >= 2) outcome.closeCode = bytes.readUInt16BE(offset);
    at = offset + length;
  }
}

/**
 * Connects, sends `request` (an upgrade or any bytes), then `afterUpgrade` once the server has
 * answered 101, half-closes, and resolves when the server has closed the connection. `eager`
 * writes the frames right behind the request, in the same packet as the upgrade (ws then reads
 * them from the upgrade's head); `reset` ends with a TCP reset right after writing the request.
 */
export function rawExchange(
  port: number,
  request: string | Uint8Array,
  afterUpgrade: readonly Uint8Array[] = [],
  options: { reset?: boolean; eager?: boolean; timeoutMs?: number } = {},
): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const outcome: RawOutcome = { upgraded: false, httpStatus: null, closeCode: null, opcodes: [] };
    let received = Buffer.alloc(0);
    let headerEnd = -1;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server neither answered nor closed within ${options.timeoutMs ?? 10_000} ms`));
    }, options.timeoutMs ?? 10_000);
    const sendFrames = () => {
      for (const bytes of afterUpgrade) socket.write(bytes);
      socket.end(); // half-close: the server must notice and close its side
    };
    socket.on('connect', () => {
      socket.write(request);
      if (options.reset) socket.resetAndDestroy();
      else if (options.eager) sendFrames();
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (headerEnd >= 0) return;
      headerEnd = received.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received.subarray(0, headerEnd).toString('latin1'))?.[1] ?? 0);
      outcome.upgraded = status === 101;
      outcome.httpStatus = status === 101 ? null : status;
      if (outcome.upgraded && !options.eager) sendFrames();
    });
    // A reset from the server after it refused a frame is one of the expected endings.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      if (headerEnd >= 0) readServerFrames(received.subarray(headerEnd + 4), outcome);
      resolve(outcome);
    });
  });
}

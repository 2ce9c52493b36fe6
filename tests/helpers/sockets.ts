/** Raw WebSockets (the ws library, no provider) for tests of the door: who is admitted, and how refusals close. */
import { WebSocket } from 'ws';

/** Opens a raw socket and resolves with the close code the server sends. */
export function closeCodeOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

/** Opens a raw socket: 'admitted' once the server speaks (then closes it), or the close code. */
export function admittedOrCode(url: string, headers: Record<string, string>): Promise<number | 'admitted'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('message', () => {
      resolve('admitted');
      ws.close();
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

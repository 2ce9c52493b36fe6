/**
 * A TCP relay between providers and the server that a test can shut. While a server restarts,
 * the gate keeps providers out so that a fresh client sees only what the server loaded from its
 * store: a provider reconnecting first would hand the server back anything it had lost, and hide
 * the loss. Providers still reconnect by themselves once the gate opens again.
 */
import net from 'node:net';

/** A relay on its own port in front of a server port. */
export interface Gate {
  readonly port: number;
  /** http://127.0.0.1:<gate port>: the Origin that matches the Host providers send through it. */
  readonly origin: string;
  /** ws://127.0.0.1:<gate port>/collab */
  readonly collabUrl: string;
  /** Relays new connections again. */
  open(): void;
  /** Refuses new connections; connections already relayed go on until either side closes. */
  shut(): void;
  /** Drops every relayed connection at once, as a network failure would. */
  cut(): void;
  /** Closes the gate and every connection. */
  stop(): Promise<void>;
}

/** Starts a gate relaying to `targetPort()` on 127.0.0.1 (read at each connection). */
export async function startGate(targetPort: () => number): Promise<Gate> {
  let isOpen = true;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const relay = net.createServer((client) => {
    if (!isOpen) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort(), '127.0.0.1');
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // A normal end is passed on by pipe() so that a close frame written just before it still
    // arrives; an error on one side destroys the other, like a reset connection.
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.end());
    upstream.once('close', () => client.end());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as net.AddressInfo).port;
  const cut = () => sockets.forEach((socket) => socket.destroy());
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    collabUrl: `ws://127.0.0.1:${port}/collab`,
    open: () => void (isOpen = true),
    shut: () => void (isOpen = false),
    cut,
    async stop() {
      isOpen = false;
      cut();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

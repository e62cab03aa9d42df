import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to Temporal that can hold every byte (Temporal silent: calls get no answer) or cut
 * every connection and refuse new ones (Temporal down). Held bytes are delivered, in order, on release.
 */
export function temporalRelay(target: string) {
  const [host, port] = target.split(':') as [string, string];
  const sockets = new Set<Socket>();
  let held: (() => void)[] | null = null;
  let heldChunks = 0;
  const relay = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      if (held) {
        heldChunks += 1;
        held.push(() => to.write(chunk));
      } else to.write(chunk);
    });
  const server: Server = createServer((downstream) => {
    const upstream = connect(Number(port), host);
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        downstream.destroy();
        upstream.destroy();
      });
    }
    relay(downstream, upstream);
    relay(upstream, downstream);
  });
  return {
    listen: (listenPort: number) => new Promise<void>((done) => server.listen(listenPort, '127.0.0.1', done)),
    hold: () => {
      held = [];
      heldChunks = 0;
    },
    /** Chunks held since hold(): some call is waiting on Temporal. */
    heldChunks: () => heldChunks,
    release: () => {
      const pending = held ?? [];
      held = null;
      for (const deliver of pending) deliver();
    },
    cut: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

// A TCP proxy that a test can cut and restore, to play a network partition between services and
// their database. Cutting destroys every open connection; while cut, new connections are either
// reset at once ('refuse', like a stopped server) or accepted and left unanswered ('stall', like a
// dead host or a dropped route, which only a client's own timeout ends). Restoring lets new
// connections through again (stalled ones are dropped, so their clients retry promptly).
import net from 'node:net';

export type CutMode = 'refuse' | 'stall';

export interface TcpProxy {
  /** Where clients connect: 127.0.0.1:port. */
  readonly port: number;
  readonly cut: CutMode | undefined;
  /** Connections accepted so far, forwarded or not. */
  readonly connections: number;
  cutOff(mode: CutMode): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: CutMode | undefined;
  let connections = 0;
  const open = new Set<net.Socket>();
  const stalled = new Set<net.Socket>();

  const server = net.createServer((client) => {
    connections++;
    client.on('error', () => undefined);
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'stall') {
      stalled.add(client);
      client.once('close', () => stalled.delete(client));
      return;
    }
    const upstream = net.connect(target);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    get cut() {
      return mode;
    },
    get connections() {
      return connections;
    },
    cutOff(cutMode) {
      mode = cutMode;
      for (const socket of open) socket.destroy();
    },
    restore() {
      mode = undefined;
      for (const socket of stalled) socket.destroy();
    },
    async close() {
      mode = 'refuse';
      for (const socket of [...open, ...stalled]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

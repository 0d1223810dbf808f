// Syslog over TCP (RFC 6587: octet-counting or newline framing, detected per frame) and over TLS
// (RFC 5425, same framing inside TLS). One FrameSplitter per connection; while the batcher is full the
// connection is paused, so the sender is slowed down by TCP flow control instead of memory growing.
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Logger } from '../../../platform/index.ts';
import { FrameSplitter, type FrameItem } from '../parse/framing.ts';
import type { Intake } from './intake.ts';
import { sourceOf, type Listener } from './listener.ts';

export interface StreamOptions {
  readonly host: string;
  readonly port: number;
  /** PEM certificate and key: TLS when given, plain TCP otherwise. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly maxFrameSize?: number;
  readonly maxConnections?: number;
}

export async function listenStream(intake: Intake, opts: StreamOptions, log: Logger): Promise<Listener> {
  const transport = opts.tls ? 'tls' : 'tcp';
  const source = sourceOf(transport);
  const stats = intake.statsOf(source);
  const sockets = new Set<Socket>();
  let stopped = false;

  const onConnection = (socket: Socket) => {
    if (stopped) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    stats.connections += 1;
    const splitter = new FrameSplitter(opts.maxFrameSize === undefined ? {} : { maxFrameSize: opts.maxFrameSize });
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const feed = (items: FrameItem[]) => {
      const now = new Date();
      for (const it of items) {
        if (it.ok) intake.message(source, it.frame.toString('utf8'), now, peer);
        else intake.reject(source, `framing: ${it.error}`, peer);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      feed(splitter.push(chunk));
      if (intake.batcher.full && !stopped && !socket.isPaused()) {
        stats.pauses += 1;
        socket.pause();
        void intake.batcher.room().then(() => {
          if (!stopped && !socket.destroyed) socket.resume();
        });
      }
    });
    socket.on('end', () => feed(splitter.end()));
    socket.on('error', (err) => log.debug({ err, source, peer }, 'syslog connection error'));
    socket.on('close', () => sockets.delete(socket));
  };

  const server: Server = opts.tls
    ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, onConnection)
    : createTcpServer(onConnection);
  server.maxConnections = opts.maxConnections ?? 1024;
  server.on('tlsClientError', (err: Error) => log.debug({ err, source }, 'syslog TLS handshake failed'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.warn({ err, source }, 'syslog server error'));

  let closed: Promise<void> | undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    closed = new Promise((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.pause();
  };
  return {
    transport,
    source,
    port: (server.address() as AddressInfo).port,
    stop,
    async close() {
      stop();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

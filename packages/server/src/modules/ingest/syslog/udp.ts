// Syslog over UDP (RFC 5426): one datagram is one message, or several separated by newlines. UDP has no
// flow control, so while the batcher is full whole datagrams are dropped and counted.
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Logger } from '../../../platform/index.ts';
import type { Intake } from './intake.ts';
import { sourceOf, type Listener } from './listener.ts';

/**
 * The messages in one datagram. A newline splits only where the next line starts a new message
 * (`<PRI>`), so a multi-line message (a stack trace) stays whole; trailing CR, LF and NUL are trimmed.
 */
export function splitDatagram(text: string): string[] {
  return text.split(/\r?\n(?=<\d{1,3}>)/).map((m) => m.replace(/[\r\n\0]+$/, '')).filter((m) => m.length > 0);
}

export async function listenUdp(intake: Intake, host: string, port: number, log: Logger): Promise<Listener> {
  const source = sourceOf('udp');
  const stats = intake.statsOf(source);
  const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
  let stopped = false;
  let closed: Promise<void> | undefined;
  socket.on('message', (msg, rinfo) => {
    if (stopped) return;
    if (intake.batcher.full) {
      stats.dropped += 1;
      return;
    }
    const now = new Date();
    const peer = `${rinfo.address}:${rinfo.port}`;
    for (const text of splitDatagram(msg.toString('utf8'))) intake.message(source, text, now, peer);
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      try {
        socket.close();
      } catch {
        // not running: nothing to close
      }
      reject(err);
    };
    socket.once('error', fail);
    socket.bind(port, host, () => {
      socket.off('error', fail);
      resolve();
    });
  });
  socket.on('error', (err) => log.warn({ err, source }, 'syslog UDP socket error'));
  const stop = () => {
    if (stopped) return;
    stopped = true;
    closed = new Promise((resolve) => socket.close(() => resolve()));
  };
  return {
    transport: 'udp',
    source,
    port: socket.address().port,
    stop,
    async close() {
      stop();
      await closed;
    },
  };
}

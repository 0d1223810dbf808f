// The syslog inputs of an ingest process: the configured listeners sharing one batcher (one memory
// bound), committing through the ingest pipeline. close() stops accepting and reading, commits what
// was received, then closes the sockets.
import type { Logger } from '../../../platform/index.ts';
import type { IngestPipeline } from '../pipeline.ts';
import { Batcher, type BatcherOptions } from './batcher.ts';
import { Intake } from './intake.ts';
import type { Listener } from './listener.ts';
import { listenStream } from './stream.ts';
import { listenUdp } from './udp.ts';

export interface SyslogPorts {
  readonly udp?: number;
  readonly tcp?: number;
  readonly tls?: number;
}

export interface SyslogInputOptions {
  readonly host: string;
  /** Unset: that listener is off. 0 picks a free port. */
  readonly udpPort?: number;
  readonly tcpPort?: number;
  readonly tlsPort?: number;
  /** PEM certificate and key, required with tlsPort. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly maxFrameSize?: number;
  readonly batch?: Omit<BatcherOptions, 'commit' | 'onRetry'>;
}

export interface SyslogInputs {
  readonly ports: SyslogPorts;
  readonly intake: Intake;
  close(): Promise<void>;
}

export async function startSyslogInputs(pipeline: IngestPipeline, orgId: string, opts: SyslogInputOptions, log: Logger): Promise<SyslogInputs> {
  const batcher = new Batcher({
    ...opts.batch,
    commit: async (source, lines, receivedAt) => {
      await pipeline.ingest(orgId, source, lines, receivedAt);
    },
    onRetry: (err, attempt, delayMs) => log.warn({ err, attempt, retryInMs: delayMs }, 'syslog batch commit failed; retrying'),
  });
  const intake = new Intake(batcher, log);
  const listeners: Listener[] = [];
  try {
    if (opts.udpPort !== undefined) listeners.push(await listenUdp(intake, opts.host, opts.udpPort, log));
    const frame = opts.maxFrameSize === undefined ? {} : { maxFrameSize: opts.maxFrameSize };
    if (opts.tcpPort !== undefined) listeners.push(await listenStream(intake, { host: opts.host, port: opts.tcpPort, ...frame }, log));
    if (opts.tlsPort !== undefined) {
      if (!opts.tls) throw new Error('syslog over TLS needs a certificate and key');
      listeners.push(await listenStream(intake, { host: opts.host, port: opts.tlsPort, tls: opts.tls, ...frame }, log));
    }
  } catch (err) {
    await Promise.all(listeners.map((l) => l.close()));
    throw err;
  }
  const ports: { udp?: number; tcp?: number; tls?: number } = {};
  for (const l of listeners) ports[l.transport] = l.port;
  let closing: Promise<void> | undefined;
  return {
    ports,
    intake,
    close() {
      closing ??= (async () => {
        for (const l of listeners) l.stop();
        await batcher.close();
        await Promise.all(listeners.map((l) => l.close()));
      })();
      return closing;
    },
  };
}

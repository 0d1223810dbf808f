// What every syslog listener (UDP, TCP, TLS) offers the inputs that own it.
export type Transport = 'udp' | 'tcp' | 'tls';

export interface Listener {
  readonly transport: Transport;
  /** `syslog-udp`, `syslog-tcp` or `syslog-tls`: the events' source. */
  readonly source: string;
  /** The bound port (the one picked when configured as 0). */
  readonly port: number;
  /** Stops accepting and reading; what was already read stays in the batcher. */
  stop(): void;
  /** Closes the sockets and the server; call once the batcher has drained. */
  close(): Promise<void>;
}

export const sourceOf = (t: Transport): string => `syslog-${t}`;

// Reads framed replies from a socket as a request/response conversation: the caller says how to cut
// one unit out of the bytes received so far, and waits for it under a timeout and an abort signal.
import type { Socket } from 'node:net';
import { ActionError } from '../playbooks/index.ts';

/** Cuts one unit from the front of `buf`: the value and how many bytes it used, or undefined when more are needed. */
export type Framer<T> = (buf: Buffer) => { value: T; used: number } | undefined;

const ignore = (): void => undefined;

export class SocketReader {
  private buf: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer): void => {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    if (this.buf.length > this.maxBuffered) this.fail(new ActionError(`${this.peer} sent more than ${this.maxBuffered} bytes without a complete reply`, { code: 'protocol_error' }));
    this.wake?.();
  };
  private readonly onEnd = (): void => this.fail(new ActionError(`${this.peer} closed the connection`, { code: 'connection_closed' }));
  private readonly onError = (err: Error): void => this.fail(new ActionError(`${this.peer}: ${err.message}`, { code: 'connection_failed', cause: err }));

  readonly socket: Socket;
  private readonly peer: string;
  private readonly timeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  private readonly maxBuffered: number;

  constructor(socket: Socket, peer: string, timeoutMs: number, signal: AbortSignal | undefined, maxBuffered = 64 * 1024) {
    this.socket = socket;
    this.peer = peer;
    this.timeoutMs = timeoutMs;
    this.signal = signal;
    this.maxBuffered = maxBuffered;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }

  /** Bytes received but not yet read (STARTTLS must find none: they would be unauthenticated). */
  get pending(): number {
    return this.buf.length;
  }

  async read<T>(framer: Framer<T>, what: string): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const cut = framer(this.buf);
      if (cut) {
        this.buf = this.buf.subarray(cut.used);
        return cut.value;
      }
      if (this.failure) throw this.failure;
      if (this.signal?.aborted) throw new ActionError(`${what}: aborted`, { code: 'aborted' });
      const left = deadline - Date.now();
      if (left <= 0) throw new ActionError(`${what}: no answer from ${this.peer} within ${this.timeoutMs} ms`, { code: 'timeout' });
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.signal?.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, left);
        this.signal?.addEventListener('abort', done, { once: true });
        this.wake = done;
      });
    }
  }

  /** Writes and waits until the data is handed to the system, under the same timeout and signal as reads. */
  async write(data: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      const finish = (err?: Error): void => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        if (err) {
          this.socket.destroy();
          reject(err);
        } else resolve();
      };
      const onAbort = (): void => finish(new ActionError(`writing to ${this.peer}: aborted`, { code: 'aborted' }));
      // A peer that stops reading would otherwise hold a large DATA write forever.
      const timer = setTimeout(() => finish(new ActionError(`writing to ${this.peer}: not accepted within ${this.timeoutMs} ms`, { code: 'timeout' })), this.timeoutMs);
      if (this.signal?.aborted) return onAbort();
      this.signal?.addEventListener('abort', onAbort, { once: true });
      this.socket.write(data, (err) => finish(err ? new ActionError(`writing to ${this.peer}: ${err.message}`, { code: 'connection_failed', cause: err }) : undefined));
    });
  }

  /** Stops reading this socket (before it is wrapped in TLS, whose socket gets a reader of its own). */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    // Errors of a socket wrapped in TLS surface on the TLS socket; one left without any listener would
    // be thrown as an uncaught exception.
    this.socket.on('error', ignore);
  }
}

// Raw TCP and TLS connections for actions, under the same rule as egressFetch: the name is resolved
// once, every address it resolves to is checked by the egress guard, and the connection goes to a
// checked address, never to the name again (a DNS answer that changes between check and connect
// cannot redirect it). The name is kept for TLS: SNI and the certificate check use it.
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type BlockList, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { refusal } from '../../../platform/index.ts';
import { ActionError } from '../playbooks/index.ts';

export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export interface GuardedTarget {
  host: string;
  port: number;
  /** Private or loopback destinations allowed anyway (the instance's `egress_allow`). */
  allow?: BlockList;
  /** Name resolution; tests map names to chosen addresses. Default: the system resolver. */
  resolve?: Resolver;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TlsTrust {
  /** PEM certificates trusted instead of Node's bundled roots (an internal CA, a self-signed relay). */
  ca?: string;
}

const systemResolve: Resolver = (host) => lookup(host, { all: true });

/** Resolves `host` and checks every address; the first one is where to connect. */
export async function checkedAddress(host: string, allow: BlockList | undefined, resolve: Resolver = systemResolve): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  let found: Array<{ address: string; family: number }>;
  if (isIP(bare)) found = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      found = await resolve(bare);
    } catch (err) {
      throw new ActionError(`cannot resolve ${bare}: ${(err as Error).message}`, { code: 'resolve_failed', cause: err });
    }
  }
  if (found.length === 0) throw new ActionError(`${bare} has no address`, { code: 'resolve_failed' });
  for (const a of found) {
    const why = refusal(a.address, allow);
    // One refused address refuses the name: otherwise a name with a public and a private address
    // would reach the private one whenever the resolver happens to list it first.
    if (why) throw new ActionError(`connection to ${bare} refused by the egress guard: ${why}`, { retryable: false, code: 'egress_refused' });
  }
  return found[0]!;
}

/** Settles when `socket` emits `event`, or fails on error, close, timeout or abort. */
function settle<T extends Socket>(socket: T, event: string, what: string, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      clearTimeout(timer);
      socket.off(event, onOk);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve(socket);
    };
    const onOk = (): void => done();
    const onError = (err: Error): void => done(connectionError(what, err));
    const onClose = (): void => done(new ActionError(`${what}: connection closed`, { code: 'connection_closed' }));
    const onAbort = (): void => done(new ActionError(`${what}: aborted`, { code: 'aborted' }));
    const timer = setTimeout(() => done(new ActionError(`${what}: no answer within ${timeoutMs} ms`, { code: 'timeout' })), timeoutMs);
    socket.once(event, onOk);
    socket.once('error', onError);
    socket.once('close', onClose);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Certificate problems are configuration problems: another try would meet the same certificate. */
function connectionError(what: string, err: Error): ActionError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME/.test(code) || /certificate/i.test(err.message);
  return new ActionError(`${what}: ${err.message}`, { retryable: !tls, code: tls ? 'tls_failed' : 'connection_failed', cause: err });
}

/** A plain TCP connection to a checked address of `target.host`. */
export async function connectGuarded(target: GuardedTarget): Promise<Socket> {
  if (target.signal?.aborted) throw new ActionError(`connection to ${target.host} aborted`, { code: 'aborted' });
  const { address } = await checkedAddress(target.host, target.allow, target.resolve);
  const socket = netConnect({ host: address, port: target.port });
  return settle(socket, 'connect', `connection to ${target.host}:${target.port} (${address})`, target.timeoutMs, target.signal);
}

/** TLS over an open connection (implicit TLS, or after STARTTLS), verifying the certificate against `host`. */
export function upgradeTls(socket: Socket, host: string, trust: TlsTrust, timeoutMs: number, signal?: AbortSignal): Promise<TLSSocket> {
  const bare = host.replace(/^\[|\]$/g, '');
  const secure = tlsConnect({
    socket,
    host: bare,
    servername: isIP(bare) ? undefined : bare, // SNI carries names only (RFC 6066)
    ...(trust.ca ? { ca: trust.ca } : {}),
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  });
  return settle(secure, 'secureConnect', `TLS with ${bare}`, timeoutMs, signal);
}

// A sending-only SMTP client (RFC 5321) for one message per connection: EHLO, STARTTLS (RFC 3207),
// AUTH PLAIN or LOGIN (RFC 4954) over TLS only, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT.
// Every connection goes through the egress guard (guarded-socket.ts). Replies 4xx become retryable
// errors and 5xx final ones; a recipient refused before DATA stops the send, so a message is either
// sent to every recipient or to none.
import type { BlockList } from 'node:net';
import { ActionError } from '../playbooks/index.ts';
import { connectGuarded, upgradeTls, type Resolver } from './guarded-socket.ts';
import { SocketReader, type Framer } from './socket-reader.ts';

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: SmtpSecurity;
  username?: string;
  password?: string;
  /** PEM trust for the relay's certificate; default Node's bundled roots. */
  ca?: string;
  /** Name this client gives in EHLO. */
  clientName: string;
  allow?: BlockList;
  resolve?: Resolver;
  /** Per connection step and per reply. */
  timeoutMs: number;
}

export interface Envelope {
  from: string;
  recipients: readonly string[];
  /** The message with CRLF line endings, not yet dot-stuffed. */
  message: Buffer;
}

export interface SmtpResult {
  /** The relay's reply to the end of DATA, e.g. `250 2.0.0 Ok: queued as 4F2A1`. */
  response: string;
}

export interface Reply {
  code: number;
  lines: string[];
}

const MAX_REPLY_LINES = 100;
const MAX_LINE = 2048; // RFC 5321 allows 512; some relays send longer texts

/** One complete (possibly multi-line) reply: `250-first`, …, `250 last`. */
export const replyFramer: Framer<Reply> = (buf) => {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const end = buf.indexOf('\r\n', start);
    if (end < 0) {
      if (buf.length - start > MAX_LINE) throw new ActionError(`SMTP reply line longer than ${MAX_LINE} bytes`, { code: 'protocol_error' });
      return undefined;
    }
    const line = buf.subarray(start, end).toString('latin1');
    start = end + 2;
    const m = /^([2-5][0-9][0-9])([ -]|$)(.*)$/.exec(line);
    if (!m) throw new ActionError(`SMTP reply line ${lines.length + 1} is malformed: ${JSON.stringify(line.slice(0, 80))}`, { code: 'protocol_error' });
    const code = Number(m[1]);
    if (lines.length > 0 && code !== Number(lines[0]!.slice(0, 3))) throw new ActionError(`SMTP multi-line reply mixes codes ${lines[0]!.slice(0, 3)} and ${code}`, { code: 'protocol_error' });
    lines.push(line);
    if (lines.length > MAX_REPLY_LINES) throw new ActionError(`SMTP reply longer than ${MAX_REPLY_LINES} lines`, { code: 'protocol_error' });
    if (m[2] !== '-') return { value: { code, lines: lines.map((l) => l.slice(4)) }, used: start };
  }
};

/** Printable, one-line, bounded text of a reply, for errors and outputs. */
export const replyText = (r: Reply): string => `${r.code} ${r.lines.join(' / ')}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 300);

/** Doubles every dot that starts a line (RFC 5321 section 4.5.2) and adds the end-of-data line. */
export function dotStuff(message: Buffer): Buffer {
  let text = message.toString('latin1');
  if (!text.endsWith('\r\n')) text += '\r\n';
  return Buffer.from(`${text.replace(/(^|\r\n)\./g, '$1..')}.\r\n`, 'latin1');
}

function failure(stage: string, r: Reply): ActionError {
  const transient = r.code >= 400 && r.code < 500;
  return new ActionError(`SMTP ${stage} refused: ${replyText(r)}`, { retryable: transient, code: transient ? 'smtp_transient' : 'smtp_refused' });
}

class Session {
  reader: SocketReader;
  extensions = new Map<string, string>();
  tls: boolean;
  private readonly opts: SmtpOptions;
  private readonly signal: AbortSignal | undefined;

  constructor(reader: SocketReader, tls: boolean, opts: SmtpOptions, signal: AbortSignal | undefined) {
    this.reader = reader;
    this.tls = tls;
    this.opts = opts;
    this.signal = signal;
  }

  async expect(stage: string, ok: (code: number) => boolean): Promise<Reply> {
    const r = await this.reader.read(replyFramer, `SMTP ${stage}`);
    if (!ok(r.code)) throw failure(stage, r);
    return r;
  }

  async command(line: string, stage: string, ok: (code: number) => boolean = (c) => c >= 200 && c < 300): Promise<Reply> {
    await this.reader.write(`${line}\r\n`);
    return this.expect(stage, ok);
  }

  async ehlo(): Promise<void> {
    const r = await this.command(`EHLO ${this.opts.clientName}`, 'EHLO');
    this.extensions.clear();
    for (const l of r.lines.slice(1)) {
      const [kw, ...rest] = l.trim().split(/\s+/);
      if (kw) this.extensions.set(kw.toUpperCase(), rest.join(' ').toUpperCase());
    }
  }

  async startTls(): Promise<void> {
    if (!this.extensions.has('STARTTLS')) throw new ActionError(`SMTP server ${this.opts.host} does not offer STARTTLS, and the settings require it`, { retryable: false, code: 'smtp_no_starttls' });
    await this.command('STARTTLS', 'STARTTLS', (c) => c === 220);
    // Anything already received was sent before TLS and could be injected (CVE-2011-0411 kind).
    if (this.reader.pending > 0) throw new ActionError('SMTP server sent data after agreeing to STARTTLS', { retryable: false, code: 'protocol_error' });
    this.reader.detach();
    const secure = await upgradeTls(this.reader.socket, this.opts.host, { ca: this.opts.ca }, this.opts.timeoutMs, this.signal);
    this.reader = new SocketReader(secure, this.opts.host, this.opts.timeoutMs, this.signal);
    this.tls = true;
    await this.ehlo(); // RFC 3207: forget what was learnt before TLS
  }

  async auth(username: string, password: string): Promise<void> {
    if (!this.tls) throw new ActionError('SMTP authentication is only sent over TLS', { retryable: false, code: 'smtp_auth_without_tls' });
    const offered = (this.extensions.get('AUTH') ?? '').split(' ');
    const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
    const authOk = (c: number): boolean => c === 235;
    if (offered.includes('PLAIN')) {
      await this.command(`AUTH PLAIN ${b64(`\0${username}\0${password}`)}`, 'AUTH', authOk);
    } else if (offered.includes('LOGIN')) {
      await this.command('AUTH LOGIN', 'AUTH', (c) => c === 334);
      await this.command(b64(username), 'AUTH', (c) => c === 334);
      await this.command(b64(password), 'AUTH', authOk);
    } else {
      throw new ActionError(`SMTP server ${this.opts.host} offers neither AUTH PLAIN nor AUTH LOGIN (offers: ${offered.join(' ') || 'none'})`, { retryable: false, code: 'smtp_no_auth' });
    }
  }

  async quit(): Promise<void> {
    try {
      await this.command('QUIT', 'QUIT');
    } catch {
      // the message is already accepted; a relay that hangs up without 221 changes nothing
    }
    this.reader.socket.destroy();
  }
}

/** Sends one message; resolves with the relay's final reply, or throws an ActionError. */
export async function sendMail(opts: SmtpOptions, envelope: Envelope, signal?: AbortSignal): Promise<SmtpResult> {
  let socket = await connectGuarded({ host: opts.host, port: opts.port, allow: opts.allow, resolve: opts.resolve, timeoutMs: opts.timeoutMs, signal });
  if (opts.secure === 'tls') socket = await upgradeTls(socket, opts.host, { ca: opts.ca }, opts.timeoutMs, signal);
  const session = new Session(new SocketReader(socket, opts.host, opts.timeoutMs, signal), opts.secure === 'tls', opts, signal);
  try {
    await session.expect('greeting', (c) => c === 220);
    await session.ehlo();
    if (opts.secure === 'starttls') await session.startTls();
    if (opts.username !== undefined) await session.auth(opts.username, opts.password ?? '');
    const data = dotStuff(envelope.message);
    const size = Number(session.extensions.get('SIZE') ?? 0);
    if (size > 0 && data.length > size) throw new ActionError(`message of ${data.length} bytes exceeds the relay's limit of ${size}`, { retryable: false, code: 'smtp_too_large' });
    await session.command(`MAIL FROM:<${envelope.from}>`, 'MAIL FROM');
    for (const rcpt of envelope.recipients) await session.command(`RCPT TO:<${rcpt}>`, `RCPT TO <${rcpt}>`);
    await session.command('DATA', 'DATA', (c) => c === 354);
    await session.reader.write(data);
    const done = await session.expect('end of DATA', (c) => c >= 200 && c < 300);
    await session.quit();
    return { response: replyText(done) };
  } finally {
    session.reader.socket.destroy();
  }
}

// A small SMTP server for the tests of notify.email: it speaks enough RFC 5321 (EHLO, STARTTLS,
// AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, RSET, QUIT) to receive a message and record exactly what
// arrived, and can be told to answer any stage with a chosen reply.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';

export interface ReceivedMail {
  ehlo: string;
  tls: boolean;
  user: string | undefined;
  from: string;
  recipients: string[];
  /** DATA as it came over the wire, before un-stuffing, without the final `.` line. */
  raw: string;
  /** The message after removing dot-stuffing. */
  message: string;
}

export interface SmtpTestServerOptions {
  /** PEM key and certificate: STARTTLS is offered when given. */
  tls?: { key: string; cert: string };
  /** Accepted credentials; AUTH is offered (after TLS only) when given. */
  credentials?: { username: string; password: string };
  /** Fixed replies for a stage instead of the normal one, e.g. `{ rcpt: '452 4.2.2 Mailbox full' }`. */
  replies?: Partial<Record<'greeting' | 'mail' | 'rcpt' | 'data' | 'dataEnd', string>>;
  /** AUTH mechanisms offered; default `LOGIN PLAIN`. */
  authMechanisms?: string;
  /** Bytes sent right after `220 Ready to start TLS`, in the same packet (an injection attempt). */
  injectAfterStartTls?: string;
}

export interface SmtpTestServer {
  port: number;
  received: ReceivedMail[];
  /** Every command line received, in order, across sessions. */
  commands: string[];
  close(): Promise<void>;
}

export async function startSmtpTestServer(opts: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const context = opts.tls ? createSecureContext(opts.tls) : undefined;

  const session = (plain: Socket): void => {
    sockets.add(plain);
    plain.on('close', () => sockets.delete(plain));
    plain.on('error', () => plain.destroy());
    let socket: Socket = plain;
    let buf = '';
    let inData = false;
    let authStep: 'user' | 'pass' | undefined;
    let loginUser = '';
    const mail: ReceivedMail = { ehlo: '', tls: false, user: undefined, from: '', recipients: [], raw: '', message: '' };
    const send = (line: string): void => void socket.write(`${line}\r\n`);

    const onLine = (line: string): void => {
      commands.push(line);
      if (authStep === 'user') {
        loginUser = Buffer.from(line, 'base64').toString();
        authStep = 'pass';
        return send('334 UGFzc3dvcmQ6');
      }
      if (authStep === 'pass') {
        authStep = undefined;
        const ok = opts.credentials && loginUser === opts.credentials.username && Buffer.from(line, 'base64').toString() === opts.credentials.password;
        if (ok) mail.user = loginUser;
        return send(ok ? '235 2.7.0 Authenticated' : '535 5.7.8 Bad credentials');
      }
      const [verb = '', ...args] = line.split(' ');
      const arg = args.join(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO': {
          mail.ehlo = arg;
          const ext = ['SIZE 10485760', '8BITMIME'];
          if (context && !mail.tls) ext.push('STARTTLS');
          if (opts.credentials && mail.tls) ext.push(`AUTH ${opts.authMechanisms ?? 'LOGIN PLAIN'}`);
          return send(['250-test.local greets you', ...ext.slice(0, -1).map((e) => `250-${e}`), `250 ${ext[ext.length - 1]}`].join('\r\n'));
        }
        case 'STARTTLS': {
          if (!context || mail.tls) return send('503 5.5.1 TLS not available');
          socket.write(`220 2.0.0 Ready to start TLS\r\n${opts.injectAfterStartTls ?? ''}`);
          plain.removeAllListeners('data');
          const secure = new TLSSocket(plain, { isServer: true, secureContext: context });
          secure.on('error', () => plain.destroy());
          secure.on('data', onData);
          socket = secure;
          mail.tls = true;
          return;
        }
        case 'AUTH': {
          if (!opts.credentials || !mail.tls) return send('503 5.5.1 AUTH not available');
          const [mech = '', initial] = args;
          if (!(opts.authMechanisms ?? 'LOGIN PLAIN').split(' ').includes(mech.toUpperCase())) return send('504 5.5.4 Mechanism not supported');
          if (mech.toUpperCase() === 'PLAIN' && initial) {
            const [, user, pass] = Buffer.from(initial, 'base64').toString().split('\0');
            const ok = user === opts.credentials.username && pass === opts.credentials.password;
            if (ok) mail.user = user;
            return send(ok ? '235 2.7.0 Authenticated' : '535 5.7.8 Bad credentials');
          }
          if (mech.toUpperCase() === 'LOGIN') {
            authStep = 'user';
            return send('334 VXNlcm5hbWU6');
          }
          return send('504 5.5.4 Mechanism not supported');
        }
        case 'MAIL':
          if (opts.replies?.mail) return send(opts.replies.mail);
          mail.from = /<(.*)>/.exec(arg)?.[1] ?? '';
          return send('250 2.1.0 Ok');
        case 'RCPT':
          if (opts.replies?.rcpt) return send(opts.replies.rcpt);
          mail.recipients.push(/<(.*)>/.exec(arg)?.[1] ?? '');
          return send('250 2.1.5 Ok');
        case 'DATA':
          if (opts.replies?.data) return send(opts.replies.data);
          inData = true;
          return send('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          return send('250 2.0.0 Ok');
        case 'QUIT':
          send('221 2.0.0 Bye');
          socket.end();
          return;
        default:
          return send('502 5.5.2 Command not recognised');
      }
    };

    const onData = (chunk: Buffer): void => {
      buf += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buf.startsWith('.\r\n') ? 0 : buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.raw = end === 0 ? '' : `${buf.slice(0, end)}\r\n`;
          buf = buf.slice(end === 0 ? 3 : end + 5);
          mail.message = mail.raw.replace(/(^|\r\n)\./g, '$1');
          inData = false;
          received.push({ ...mail, recipients: [...mail.recipients] });
          send(opts.replies?.dataEnd ?? '250 2.0.0 Ok: queued as TEST1');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        onLine(line);
      }
    };

    plain.on('data', onData);
    send(opts.replies?.greeting ?? '220 test.local ESMTP ready');
  };

  const server: Server = createServer(session);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

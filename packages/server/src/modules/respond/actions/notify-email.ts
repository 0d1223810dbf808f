// `notify.email`: sends a plain-text e-mail through the configured SMTP relay.
import { hostname } from 'node:os';
import type { BlockList } from 'node:net';
import { ActionError, hasTemplate, type ActionDefinition, type ParamProblem, type ValidationStage } from '../playbooks/index.ts';
import type { Resolver } from './guarded-socket.ts';
import { buildMessage, messageIdFor } from './mail-message.ts';
import { domainOf, domainProblem, mailboxProblem } from './mailbox.ts';
import { SentLog } from './sent-log.ts';
import { sendMail, type SmtpSecurity } from './smtp-client.ts';

export interface EmailConfig {
  host: string;
  port: number;
  /** `starttls` (submission, port 587), `tls` (implicit TLS, port 465) or `none` (a relay on a trusted network, no credentials). */
  secure: SmtpSecurity;
  username?: string;
  password?: string;
  /** Envelope sender and From header: a bare mailbox. */
  from: string;
  /** Private destinations allowed by the instance (`egress_allow`). */
  allow?: BlockList;
  timeoutMs: number;
  /** PEM certificates trusted for the relay instead of the bundled roots. */
  ca?: string;
  /** EHLO name; default this machine's host name when it is a valid domain, else the sender's domain. */
  clientName?: string;
  /** Name resolution (tests). */
  resolve?: Resolver;
  /** Clock for the Date header (tests). */
  now?: () => Date;
}

export const EMAIL_LIMITS = { recipients: 50, subjectChars: 998, bodyBytes: 1024 * 1024 } as const;

const PARAMS = new Set(['to', 'cc', 'subject', 'body']);

function addressList(value: unknown, path: string, stage: ValidationStage, required: boolean, problems: ParamProblem[]): string[] {
  if (value === undefined || value === null) {
    if (required) problems.push({ path, message: 'required' });
    return [];
  }
  if (stage === 'document' && hasTemplate(value)) return [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list) {
    problems.push({ path, message: 'must be an address or a list of addresses' });
    return [];
  }
  if (required && list.length === 0) problems.push({ path, message: 'at least one address is required' });
  const out: string[] = [];
  list.forEach((item: unknown, i) => {
    const at = typeof value === 'string' ? path : `${path}[${i}]`;
    if (stage === 'document' && hasTemplate(item)) return;
    if (typeof item !== 'string') return problems.push({ path: at, message: 'must be a text' });
    const why = mailboxProblem(item);
    if (why) problems.push({ path: at, message: why });
    else out.push(item);
  });
  return out;
}

/** C0 controls other than tab, and DEL. */
const hasControl = (text: string): boolean => [...text].some((c) => (c < ' ' && c !== '\t') || c === '\x7f');

/** Checks `with` of a notify.email step; at `document` stage templated values are accepted. */
export function validateEmailParams(p: Readonly<Record<string, unknown>>, stage: ValidationStage): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const key of Object.keys(p)) if (!PARAMS.has(key)) problems.push({ path: key, message: `unknown parameter (expected ${[...PARAMS].join(', ')})` });
  const to = addressList(p.to, 'to', stage, true, problems);
  const cc = addressList(p.cc, 'cc', stage, false, problems);
  if (to.length + cc.length > EMAIL_LIMITS.recipients) problems.push({ path: 'to', message: `${to.length + cc.length} recipients; at most ${EMAIL_LIMITS.recipients} (to and cc together)` });
  const { subject, body } = p;
  if (subject === undefined) problems.push({ path: 'subject', message: 'required' });
  else if (!(stage === 'document' && hasTemplate(subject))) {
    if (typeof subject !== 'string') problems.push({ path: 'subject', message: 'must be a text' });
    else if (subject.trim() === '') problems.push({ path: 'subject', message: 'must not be empty' });
    // CR and LF would end the header and start another (header injection); other controls have no place there either.
    else if (/[\r\n]/.test(subject)) problems.push({ path: 'subject', message: 'must be one line (no CR or LF)' });
    else if (!subject.isWellFormed()) problems.push({ path: 'subject', message: 'is not valid Unicode (lone surrogate)' });
    else if (hasControl(subject)) problems.push({ path: 'subject', message: 'contains a control character' });
    else if ([...subject].length > EMAIL_LIMITS.subjectChars) problems.push({ path: 'subject', message: `longer than ${EMAIL_LIMITS.subjectChars} characters` });
  }
  if (body === undefined) problems.push({ path: 'body', message: 'required' });
  else if (!(stage === 'document' && hasTemplate(body))) {
    if (typeof body !== 'string') problems.push({ path: 'body', message: 'must be a text' });
    else if (Buffer.byteLength(body) > EMAIL_LIMITS.bodyBytes) problems.push({ path: 'body', message: `larger than ${EMAIL_LIMITS.bodyBytes} bytes` });
    else if (!body.isWellFormed()) problems.push({ path: 'body', message: 'is not valid Unicode (lone surrogate)' });
  }
  return problems;
}

/** The addresses of a validated parameter; in dry runs (parameters not validated), whatever texts are there. */
const asList = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function defaultClientName(from: string): string {
  const own = hostname();
  return own.includes('.') && !domainProblem(own) ? own : domainOf(from);
}

function checkConfig(cfg: EmailConfig): void {
  const why = mailboxProblem(cfg.from);
  if (why) throw new Error(`notify.email: the sender address "${cfg.from}" is not valid: ${why}`);
  if (!Number.isInteger(cfg.port) || cfg.port < 1 || cfg.port > 65535) throw new Error(`notify.email: port ${cfg.port} is not between 1 and 65535`);
  if (cfg.username !== undefined && cfg.secure === 'none') throw new Error('notify.email: credentials are only sent over TLS; set secure to starttls or tls');
  if (!(cfg.timeoutMs > 0)) throw new Error('notify.email: timeoutMs must be positive');
  if (cfg.clientName !== undefined && domainProblem(cfg.clientName) && !/^\[[0-9A-Fa-f.:]+\]$/.test(cfg.clientName)) throw new Error(`notify.email: the EHLO name "${cfg.clientName}" is neither a domain nor an address literal`);
}

/** The `notify.email` action for one relay configuration. Throws when the configuration is unusable. */
export function emailAction(cfg: EmailConfig): ActionDefinition {
  checkConfig(cfg);
  const clientName = cfg.clientName ?? defaultClientName(cfg.from);
  const sent = new SentLog<unknown>();
  return {
    idempotent: true,
    validate: validateEmailParams,
    describe(p) {
      const to = asList(p.to);
      const cc = asList(p.cc);
      const subject = typeof p.subject === 'string' ? p.subject : '';
      const size = typeof p.body === 'string' ? Buffer.byteLength(p.body) : 0;
      return `e-mail ${JSON.stringify(subject.length > 120 ? `${subject.slice(0, 120)}…` : subject)} (${size} bytes) to ${to.join(', ')}${cc.length ? `, cc ${cc.join(', ')}` : ''} via ${cfg.host}:${cfg.port}`;
    },
    async run(p, ctx) {
      const problems = validateEmailParams(p, 'run');
      if (problems.length > 0) throw new ActionError(problems.map((x) => `${x.path}: ${x.message}`).join('; '), { retryable: false, code: 'bad_params' });
      const to = asList(p.to);
      const cc = asList(p.cc);
      const messageId = messageIdFor(ctx.idempotencyKey, domainOf(cfg.from));
      return sent.once(ctx.idempotencyKey, async () => {
        const message = buildMessage({ from: cfg.from, to, cc, subject: p.subject as string, body: p.body as string, date: (cfg.now ?? (() => new Date()))(), messageId });
        const seen = new Set<string>();
        const recipients = [...to, ...cc].filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
        const { response } = await sendMail(
          { host: cfg.host, port: cfg.port, secure: cfg.secure, username: cfg.username, password: cfg.password, ca: cfg.ca, clientName, allow: cfg.allow, resolve: cfg.resolve, timeoutMs: cfg.timeoutMs },
          { from: cfg.from, recipients, message },
          ctx.signal,
        );
        return { messageId, recipients, response };
      });
    },
  };
}

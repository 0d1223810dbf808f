// KEY=value pairs inside a log message, read as fields: sudo's `TTY=pts/0 ; PWD=/root ; USER=root ;
// COMMAND=/usr/bin/id -u`, auditd's `type=EXECVE msg=audit(1700000000.123:42): argc=2 a0="id" a1="-u"`
// and the pairs inside auditd's quoted `msg='op=PAM:session_open acct="root" res=success'`. Sigma rules
// for these services name such fields (`USER`, `type`, `a0`), which a syslog record keeps in its text.
import type { EventAccessor } from './values.ts';

const MAX_PAIRS = 256;

/** The pairs of a message, first occurrence of a key wins; unquoted values run to the next ` KEY=`. */
export function messagePairs(text: string): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  collect(text, out, true);
  return out;
}

function collect(text: string, out: Record<string, string>, outer: boolean): void {
  const key = /(?:^|[\s;])([A-Za-z_][\w-]{0,63})=/g;
  const nested: string[] = [];
  let count = 0;
  let m = key.exec(text);
  while (m && count < MAX_PAIRS) {
    const name = m[1] as string;
    const start = key.lastIndex;
    const quote = text[start];
    let value: string;
    let next: RegExpExecArray | null;
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, start + 1);
      value = text.slice(start + 1, end < 0 ? text.length : end);
      if (quote === "'" && outer) nested.push(value);
      key.lastIndex = end < 0 ? text.length : end + 1;
      next = key.exec(text);
    } else {
      next = key.exec(text);
      value = text.slice(start, next ? next.index : text.length).replace(/[\s;]+$/, '');
    }
    if (!(name in out)) out[name] = value;
    count++;
    m = next;
  }
  for (const inner of nested) collect(inner, out, false);
}

/**
 * An accessor that answers fields the event lacks from the KEY=value pairs of its first message field
 * present (parsed once, on first need). Fields the event has, even null, are never replaced.
 */
export function withMessageFields(get: EventAccessor, messageFields: readonly string[]): EventAccessor {
  let pairs: Record<string, string> | undefined;
  const wrapped = ((field: string) => {
    const v = get(field);
    if (v !== undefined) return v;
    if (!pairs) {
      pairs = Object.create(null) as Record<string, string>;
      for (const f of messageFields) {
        const text = get(f);
        if (typeof text === 'string') {
          pairs = messagePairs(text);
          break;
        }
      }
    }
    return field in pairs ? pairs[field] : undefined;
  }) as EventAccessor;
  if (get.values) wrapped.values = get.values;
  return wrapped;
}

// Reading the few native fields the OCSF core projection does not carry (DNS queries, e-mail,
// transport protocol). Looks at the event itself (flat dotted keys first, then nested), then at the
// Windows event data sections that EVTX/NXLog/winlogbeat JSON use.

type Obj = Record<string, unknown>;

/** A field name, split once. */
export interface FieldName {
  readonly name: string;
  readonly parts: readonly string[];
}

const names = (...list: string[]): readonly FieldName[] => list.map((name) => ({ name, parts: name.split('.') }));

/** ECS, Zeek and Sysmon (event 22) DNS query names. */
export const DNS_QUERY = names('dns.question.name', 'QueryName', 'query', 'dns_query');
export const EMAIL_FROM = names('email.from.address', 'email.sender.address', 'SenderAddress', 'sender', 'from');
export const EMAIL_TO = names('email.to.address', 'RecipientAddress', 'recipient', 'recipients', 'to');
export const EMAIL_SUBJECT = names('email.subject', 'Subject', 'subject');
export const NETWORK_PROTOCOL = names('network.transport', 'Protocol', 'proto', 'protocol');

const asObj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

export class NativeFields {
  private readonly scopes: Obj[];

  constructor(native: Obj) {
    this.scopes = [native];
    const ev = asObj(native['Event']);
    const more = [asObj(ev?.['EventData']), asObj(native['EventData']), asObj(asObj(native['winlog'])?.['event_data'])];
    for (const s of more) if (s) this.scopes.push(s);
  }

  /** Strings under the first of `fields` present (an array gives up to 32 strings); `topOnly`: not in Windows event data. */
  strings(fields: readonly FieldName[], topOnly = false): string[] {
    const scopes = topOnly ? 1 : this.scopes.length;
    for (const f of fields) {
      for (let i = 0; i < scopes; i++) {
        const scope = this.scopes[i] as Obj;
        const v = valueAt(scope, f);
        if (v === undefined || v === null) continue;
        const list = Array.isArray(v) ? v.slice(0, 32) : [v];
        const out = list.filter((x): x is string => typeof x === 'string' && x.trim() !== '' && x !== '-');
        if (out.length) return out;
      }
    }
    return [];
  }
}

function valueAt(scope: Obj, f: FieldName): unknown {
  const flat = scope[f.name];
  if (flat !== undefined && Object.hasOwn(scope, f.name)) return flat;
  if (f.parts.length === 1) return undefined;
  let cur: unknown = scope;
  for (const part of f.parts) {
    const x = asObj(cur);
    if (!x || !Object.hasOwn(x, part)) return undefined;
    cur = x[part];
  }
  return cur;
}

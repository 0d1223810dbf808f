// MISP attribute types → STIX. Written from the MISP core format's type list and STIX 2.1's SCO and
// patterning sections. Types not listed here are reported and kept as notes (see convert-attribute.ts).
import type { Observable, ScoNode, Term } from './observable.ts';
import { absoluteUri, type Built, cpe23, domainValue, HASH_KEYS, hashTerm, hashValue, ipNode, ipObservable, looksLikeEmail, macValue, pathKey, port, registryKey, scoHash, split2, strictEmail } from './observable-values.ts';

export type AttributeMapping =
  /** An observable: an indicator with a STIX pattern when to_ids, observed-data with SCOs otherwise. */
  | { kind: 'observable'; build: (value: string) => Built }
  /** A detection rule in another language: an indicator with that pattern_type. */
  | { kind: 'rule'; patternType: 'snort' | 'yara' | 'sigma' | 'stix' }
  /** A domain object of its own, whatever to_ids says. */
  | { kind: 'sdo'; sdo: 'vulnerability' | 'threat-actor' | 'campaign' | 'identity' }
  /** Free text: a note. */
  | { kind: 'note' }
  /** A link: an external reference of the report. */
  | { kind: 'link' };

const err = (e: { error: string } | unknown): e is { error: string } => typeof e === 'object' && e !== null && 'error' in e;

function single(root: string, path: string, value: string | number, sco?: ScoNode): Observable {
  return sco ? { observation: { root, terms: [{ path, op: '=', value }] }, sco } : { observation: { root, terms: [{ path, op: '=', value }] } };
}

function domain(value: string): Built {
  const d = domainValue(value);
  if (err(d)) return d;
  return single('domain-name', 'value', d, { type: 'domain-name', props: { value: d } });
}

/** A URL or URI; only an absolute one also has an SCO form (the url SCO requires a scheme). */
function url(value: string): Built {
  const v = value.trim();
  if (v === '') return { error: 'empty URL' };
  return single('url', 'value', v, absoluteUri(v) ? { type: 'url', props: { value: v } } : undefined);
}

function email(value: string): Built {
  const v = value.trim();
  if (!looksLikeEmail(v)) return { error: `not an e-mail address: ${JSON.stringify(v.slice(0, 80))}` };
  return single('email-addr', 'value', v, strictEmail(v) ? { type: 'email-addr', props: { value: v } } : undefined);
}

function hash(key: string): (value: string) => Built {
  return (value) => {
    const h = hashValue(key, value);
    if (err(h)) return h;
    return { observation: { root: 'file', terms: [hashTerm(key, h)] }, sco: { type: 'file', props: { hashes: { [key]: scoHash(key, h) } } } };
  };
}

function filenameHash(key: string): (value: string) => Built {
  return (value) => {
    const parts = split2(value);
    if (err(parts)) return parts;
    const name = parts[0].trim();
    const h = hashValue(key, parts[1]);
    if (err(h)) return h;
    const terms: Term[] = [hashTerm(key, h)];
    if (name !== '') terms.unshift({ path: 'name', op: '=', value: name });
    const props: Record<string, unknown> = { hashes: { [key]: scoHash(key, h) } };
    if (name !== '') props.name = name;
    return { observation: { root: 'file', terms }, sco: { type: 'file', props } };
  };
}

function ipPort(side: 'src' | 'dst'): (value: string) => Built {
  return (value) => {
    const parts = split2(value);
    if (err(parts)) return parts;
    const ip = ipNode(parts[0]);
    if (err(ip)) return ip;
    const p = port(parts[1]);
    if (err(p)) return p;
    return {
      observation: { root: 'network-traffic', terms: [{ path: `${side}_ref.value`, ...ip.term }, { path: `${side}_port`, op: '=', value: p }] },
      sco: { type: 'network-traffic', props: { [`${side}_port`]: p, protocols: [`ipv${ip.version}`] }, refs: { [`${side}_ref`]: ip.node } },
    };
  };
}

function domainIp(value: string): Built {
  const parts = split2(value);
  if (err(parts)) return parts;
  const d = domainValue(parts[0]);
  if (err(d)) return d;
  const ip = ipNode(parts[1]);
  if (err(ip)) return ip;
  return {
    observation: { root: 'domain-name', terms: [{ path: 'value', op: '=', value: d }, { path: 'resolves_to_refs[*].value', ...ip.term }] },
    sco: { type: 'domain-name', props: { value: d }, refs: { resolves_to_refs: [ip.node] } },
  };
}

function hostnamePort(value: string): Built {
  const parts = split2(value);
  if (err(parts)) return parts;
  const d = domainValue(parts[0]);
  if (err(d)) return d;
  const p = port(parts[1]);
  if (err(p)) return p;
  // No SCO: network-traffic needs the protocol stack, which a host name and a port do not tell.
  return { observation: { root: 'network-traffic', terms: [{ path: 'dst_ref.value', op: '=', value: d }, { path: 'dst_port', op: '=', value: p }] } };
}

function emailMessage(path: string, prop?: (v: string) => Record<string, unknown>): (value: string) => Built {
  return (value) => {
    // Subjects and bodies keep their exact text; only an all-blank value is refused.
    const v = value;
    if (v.trim() === '') return { error: 'empty value' };
    const o: Observable = { observation: { root: 'email-message', terms: [{ path, op: '=', value: v }] } };
    if (prop) o.sco = { type: 'email-message', props: { is_multipart: false, ...prop(v) } };
    return o;
  };
}

function httpRequest(path: string): (value: string) => Built {
  return (value) => (value === '' ? { error: 'empty value' } : { observation: { root: 'network-traffic', terms: [{ path: `extensions.'http-request-ext'.${path}`, op: '=', value }] } });
}

function autonomousSystem(value: string): Built {
  const m = /^\s*(?:AS)?\s*(\d{1,10})\s*$/i.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(n) || n > 4294967295) return { error: `not an AS number: ${JSON.stringify(value.slice(0, 40))}` };
  return single('autonomous-system', 'number', n, { type: 'autonomous-system', props: { number: n } });
}

function regkey(value: string): Built {
  const k = registryKey(value);
  if (k === '') return { error: 'empty registry key' };
  return single('windows-registry-key', 'key', k, { type: 'windows-registry-key', props: { key: k } });
}

function regkeyValue(value: string): Built {
  const parts = split2(value);
  if (err(parts)) return parts;
  const k = registryKey(parts[0]);
  if (k === '') return { error: 'empty registry key' };
  return {
    observation: { root: 'windows-registry-key', terms: [{ path: 'key', op: '=', value: k }, { path: 'values[*].data', op: '=', value: parts[1] }] },
    sco: { type: 'windows-registry-key', props: { key: k, values: [{ data: parts[1] }] } },
  };
}

function x509(key: string): (value: string) => Built {
  return (value) => {
    const h = hashValue(key, value.replace(/:/g, ''));
    if (err(h)) return h;
    return { observation: { root: 'x509-certificate', terms: [hashTerm(key, h)] }, sco: { type: 'x509-certificate', props: { hashes: { [key]: h } } } };
  };
}

function plain(root: string, path: string, prop: string, sco: boolean, normalise: (v: string) => string = (v) => v.trim()): (value: string) => Built {
  return (value) => {
    const v = normalise(value);
    if (v === '') return { error: 'empty value' };
    return single(root, path, v, sco ? { type: root, props: { [prop]: v } } : undefined);
  };
}

const observable = (build: (value: string) => Built): AttributeMapping => ({ kind: 'observable', build });

const table: Record<string, AttributeMapping> = {
  'ip-src': observable(ipObservable),
  'ip-dst': observable(ipObservable),
  'ip-src|port': observable(ipPort('src')),
  'ip-dst|port': observable(ipPort('dst')),
  domain: observable(domain),
  hostname: observable(domain),
  'domain|ip': observable(domainIp),
  'hostname|port': observable(hostnamePort),
  url: observable(url),
  uri: observable(url),
  filename: observable(plain('file', 'name', 'name', true)),
  'malware-sample': observable(filenameHash('MD5')),
  email: observable(email),
  'email-src': observable(email),
  'email-dst': observable(email),
  'target-email': observable(email),
  'whois-registrant-email': observable(email),
  'email-subject': observable(emailMessage('subject', (v) => ({ subject: v }))),
  'email-message-id': observable(emailMessage('message_id', (v) => ({ message_id: v }))),
  'email-body': observable(emailMessage('body', (v) => ({ body: v }))),
  'email-x-mailer': observable(emailMessage(`additional_header_fields.${pathKey('X-Mailer')}`, (v) => ({ additional_header_fields: { 'X-Mailer': v } }))),
  'email-reply-to': observable(emailMessage(`additional_header_fields.${pathKey('Reply-To')}`, (v) => ({ additional_header_fields: { 'Reply-To': v } }))),
  'email-src-display-name': observable(emailMessage('from_ref.display_name')),
  'email-dst-display-name': observable(emailMessage('to_refs[*].display_name')),
  'email-attachment': observable((v) => (v.trim() === '' ? { error: 'empty value' } : { observation: { root: 'email-message', terms: [{ path: 'body_multipart[*].body_raw_ref.name', op: '=', value: v.trim() }] }, sco: { type: 'file', props: { name: v.trim() } } })),
  'user-agent': observable(httpRequest(`request_header.${pathKey('User-Agent')}`)),
  'http-method': observable(httpRequest('request_method')),
  AS: observable(autonomousSystem),
  mutex: observable(plain('mutex', 'name', 'name', true, (v) => v)),
  regkey: observable(regkey),
  'regkey|value': observable(regkeyValue),
  'mac-address': observable((v) => {
    const mac = macValue(v);
    return mac ? single('mac-addr', 'value', mac, { type: 'mac-addr', props: { value: mac } }) : { error: `not a MAC-48 address: ${JSON.stringify(v.slice(0, 40))}` };
  }),
  // STIX's mac-addr holds MAC-48 only: an EUI-64 has a pattern form but no SCO.
  'mac-eui-64': observable(plain('mac-addr', 'value', 'value', false, (v) => v.trim().toLowerCase())),
  port: observable((v) => {
    const p = port(v);
    return err(p) ? p : { observation: { root: 'network-traffic', terms: [{ path: 'dst_port', op: '=', value: p }] } };
  }),
  imphash: observable((v) => {
    const h = v.trim().toLowerCase();
    return /^[0-9a-f]{32}$/.test(h) ? { observation: { root: 'file', terms: [{ path: `extensions.${pathKey('windows-pebinary-ext')}.imphash`, op: '=', value: h }] } } : { error: `not an imphash: ${JSON.stringify(v.slice(0, 80))}` };
  }),
  'x509-fingerprint-md5': observable(x509('MD5')),
  'x509-fingerprint-sha1': observable(x509('SHA-1')),
  'x509-fingerprint-sha256': observable(x509('SHA-256')),
  cpe: observable((v) => (v.trim() === '' ? { error: 'empty value' } : single('software', 'cpe', v.trim(), { type: 'software', props: cpe23(v.trim()) ? { name: v.trim(), cpe: v.trim() } : { name: v.trim() } }))),
  snort: { kind: 'rule', patternType: 'snort' },
  yara: { kind: 'rule', patternType: 'yara' },
  sigma: { kind: 'rule', patternType: 'sigma' },
  'stix2-pattern': { kind: 'rule', patternType: 'stix' },
  vulnerability: { kind: 'sdo', sdo: 'vulnerability' },
  'threat-actor': { kind: 'sdo', sdo: 'threat-actor' },
  'campaign-name': { kind: 'sdo', sdo: 'campaign' },
  'target-org': { kind: 'sdo', sdo: 'identity' },
  text: { kind: 'note' },
  comment: { kind: 'note' },
  other: { kind: 'note' },
  link: { kind: 'link' },
};

for (const [type, key] of Object.entries(HASH_KEYS)) {
  table[type] = observable(hash(key));
  table[`filename|${type}`] = observable(filenameHash(key));
}

/** The mapping for a MISP attribute type, or undefined when it has none. */
export function attributeMapping(type: string): AttributeMapping | undefined {
  return Object.prototype.hasOwnProperty.call(table, type) ? table[type] : undefined;
}

/** Every MISP attribute type this library maps, sorted. */
export function mappedAttributeTypes(): string[] {
  return Object.keys(table).sort();
}

// MISP object templates → one combined observable: the template's attributes (by object_relation)
// become terms on one SCO type (pattern) and one SCO graph (observed-data). Terms for the same
// property are alternatives (OR); different properties must all hold (AND), as they describe one thing.
import type { ScoNode, Term } from './observable.ts';
import { HASH_KEYS, hashTerm, hashValue, registryKey, scoHash } from './observable-values.ts';
import { isErr, result, type Template } from './object-template-kit.ts';
import { connection, domainIp, email, url } from './object-templates-network.ts';

export type { TemplateAttribute, TemplateResult } from './object-template-kit.ts';

const file: Template = (attrs) => {
  const r = result();
  const terms: Term[] = [];
  const props: Record<string, unknown> = {};
  const hashes: Record<string, string> = {};
  let dir: ScoNode | undefined;
  attrs.forEach((a, i) => {
    const key = HASH_KEYS[a.relation];
    if (key) {
      const h = hashValue(key, a.value);
      if (isErr(h)) return r.errors.push({ index: i, message: h.error });
      hashes[key] = scoHash(key, h);
      terms.push(hashTerm(key, h));
    } else if (a.relation === 'filename') {
      props.name = a.value;
      terms.push({ path: 'name', op: '=', value: a.value });
    } else if (a.relation === 'size-in-bytes') {
      if (!/^\d{1,15}$/.test(a.value.trim())) return r.errors.push({ index: i, message: `not a size: ${JSON.stringify(a.value.slice(0, 40))}` });
      props.size = Number(a.value.trim());
      terms.push({ path: 'size', op: '=', value: props.size as number });
    } else if (a.relation === 'mimetype') {
      props.mime_type = a.value;
      terms.push({ path: 'mime_type', op: '=', value: a.value });
    } else if (a.relation === 'path') {
      dir = { type: 'directory', props: { path: a.value } };
      terms.push({ path: 'parent_directory_ref.path', op: '=', value: a.value });
    } else return;
    r.used.add(i);
  });
  if (Object.keys(hashes).length > 0) props.hashes = hashes;
  if (terms.length > 0) r.observations.push({ root: 'file', terms });
  // A file SCO needs a name or hashes.
  if (props.name !== undefined || props.hashes !== undefined) r.scos.push(dir ? { type: 'file', props, refs: { parent_directory_ref: dir } } : { type: 'file', props });
  return r;
};

const registry: Template = (attrs) => {
  const r = result();
  const terms: Term[] = [];
  const props: Record<string, unknown> = {};
  const value: Record<string, string> = {};
  attrs.forEach((a, i) => {
    if (a.relation === 'key') {
      props.key = registryKey(a.value);
      terms.push({ path: 'key', op: '=', value: props.key as string });
    } else if (a.relation === 'data' || a.relation === 'name' || a.relation === 'data-type') {
      const prop = a.relation === 'data-type' ? 'data_type' : a.relation;
      value[prop] = a.value;
      terms.push({ path: `values[*].${prop}`, op: '=', value: a.value });
    } else return;
    r.used.add(i);
  });
  if (Object.keys(value).length > 0) props.values = [value];
  if (terms.length > 0) r.observations.push({ root: 'windows-registry-key', terms });
  if (props.key !== undefined) r.scos.push({ type: 'windows-registry-key', props });
  return r;
};

const X509_HASHES: Readonly<Record<string, string>> = { 'x509-fingerprint-md5': 'MD5', 'x509-fingerprint-sha1': 'SHA-1', 'x509-fingerprint-sha256': 'SHA-256' };

const x509: Template = (attrs) => {
  const r = result();
  const terms: Term[] = [];
  const props: Record<string, unknown> = {};
  const hashes: Record<string, string> = {};
  attrs.forEach((a, i) => {
    const key = X509_HASHES[a.relation];
    if (key) {
      const h = hashValue(key, a.value.replace(/:/g, ''));
      if (isErr(h)) return r.errors.push({ index: i, message: h.error });
      hashes[key] = h;
      terms.push(hashTerm(key, h));
    } else if (a.relation === 'serial-number' || a.relation === 'issuer' || a.relation === 'subject') {
      const prop = a.relation === 'serial-number' ? 'serial_number' : a.relation;
      props[prop] = a.value;
      terms.push({ path: prop, op: '=', value: a.value });
    } else return;
    r.used.add(i);
  });
  if (Object.keys(hashes).length > 0) props.hashes = hashes;
  if (terms.length > 0) r.observations.push({ root: 'x509-certificate', terms });
  if (Object.keys(props).length > 0) r.scos.push({ type: 'x509-certificate', props });
  return r;
};

const TEMPLATES: Readonly<Record<string, Template>> = {
  file,
  'domain-ip': domainIp,
  'ip-port': connection({ ip: 'dst', 'ip-dst': 'dst', 'ip-src': 'src', 'dst-port': 'dst-port', 'src-port': 'src-port' }),
  'network-connection': connection({
    'ip-src': 'src',
    'ip-dst': 'dst',
    'hostname-src': 'src-host',
    'hostname-dst': 'dst-host',
    'src-port': 'src-port',
    'dst-port': 'dst-port',
    'layer3-protocol': 'protocol',
    'layer4-protocol': 'protocol',
    'layer7-protocol': 'protocol',
  }),
  url,
  email,
  'registry-key': registry,
  x509,
};

export function objectTemplate(name: string): Template | undefined {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, name) ? TEMPLATES[name] : undefined;
}

export function mappedObjectTemplates(): string[] {
  return Object.keys(TEMPLATES).sort();
}

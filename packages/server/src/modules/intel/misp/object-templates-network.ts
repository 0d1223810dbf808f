// Network object templates: domain-ip, ip-port and network-connection, url, email.
import type { ScoNode, Term } from './observable.ts';
import { absoluteUri, domainValue, ipNode, looksLikeEmail, pathKey, port, strictEmail } from './observable-values.ts';
import { isErr, result, type Template, type TemplateResult } from './object-template-kit.ts';

function ipsAlone(r: TemplateResult, ips: { node: ScoNode; term: Omit<Term, 'path'> }[]): void {
  for (const ip of ips) {
    r.observations.push({ root: ip.node.type, terms: [{ path: 'value', ...ip.term }] });
    r.scos.push(ip.node);
  }
}

export const domainIp: Template = (attrs) => {
  const r = result();
  const names: string[] = [];
  const ips: { node: ScoNode; term: Omit<Term, 'path'> }[] = [];
  attrs.forEach((a, i) => {
    if (a.relation === 'domain' || a.relation === 'hostname') {
      const d = domainValue(a.value);
      if (isErr(d)) return r.errors.push({ index: i, message: d.error });
      names.push(d);
    } else if (a.relation === 'ip') {
      const ip = ipNode(a.value);
      if (isErr(ip)) return r.errors.push({ index: i, message: ip.error });
      ips.push(ip);
    } else return;
    r.used.add(i);
  });
  if (names.length === 0) {
    ipsAlone(r, ips);
    return r;
  }
  const terms: Term[] = names.map((d) => ({ path: 'value', op: '=', value: d }));
  for (const ip of ips) terms.push({ path: 'resolves_to_refs[*].value', ...ip.term });
  r.observations.push({ root: 'domain-name', terms });
  for (const d of names) r.scos.push(ips.length > 0 ? { type: 'domain-name', props: { value: d }, refs: { resolves_to_refs: ips.map((x) => x.node) } } : { type: 'domain-name', props: { value: d } });
  return r;
};

/** ip-port and network-connection: endpoints, ports and protocols of one connection. */
export function connection(relations: Readonly<Record<string, 'src' | 'dst' | 'src-host' | 'dst-host' | 'src-port' | 'dst-port' | 'protocol'>>): Template {
  return (attrs) => {
    const r = result();
    const terms: Term[] = [];
    const props: Record<string, unknown> = {};
    const refs: Record<string, ScoNode> = {};
    const protocols: string[] = [];
    let version: 4 | 6 | undefined;
    const endpoints: { node: ScoNode; term: Omit<Term, 'path'> }[] = [];
    attrs.forEach((a, i) => {
      const role = relations[a.relation];
      if (!role) return;
      if (role === 'src' || role === 'dst') {
        const ip = ipNode(a.value);
        if (isErr(ip)) return r.errors.push({ index: i, message: ip.error });
        version ??= ip.version;
        terms.push({ path: `${role}_ref.value`, ...ip.term });
        refs[`${role}_ref`] ??= ip.node;
        endpoints.push(ip);
      } else if (role === 'src-host' || role === 'dst-host') {
        const d = domainValue(a.value);
        if (isErr(d)) return r.errors.push({ index: i, message: d.error });
        const side = role === 'src-host' ? 'src' : 'dst';
        terms.push({ path: `${side}_ref.value`, op: '=', value: d });
        refs[`${side}_ref`] ??= { type: 'domain-name', props: { value: d } };
      } else if (role === 'src-port' || role === 'dst-port') {
        const p = port(a.value);
        if (isErr(p)) return r.errors.push({ index: i, message: p.error });
        const key = role === 'src-port' ? 'src_port' : 'dst_port';
        props[key] ??= p;
        terms.push({ path: key, op: '=', value: p });
      } else {
        const proto = a.value.trim().toLowerCase();
        if (proto === '') return;
        protocols.push(proto);
        terms.push({ path: 'protocols[*]', op: '=', value: proto });
      }
      r.used.add(i);
    });
    const onlyAddresses = terms.every((t) => t.path === 'src_ref.value' || t.path === 'dst_ref.value') && endpoints.length === terms.length;
    if (onlyAddresses) {
      // Addresses without ports or protocols are plain address observables.
      ipsAlone(r, endpoints);
      return r;
    }
    if (terms.length > 0) r.observations.push({ root: 'network-traffic', terms });
    const stack = protocols.length > 0 ? protocols : version ? [`ipv${version}`] : [];
    if (stack.length > 0 && Object.keys(refs).length > 0) r.scos.push({ type: 'network-traffic', props: { ...props, protocols: stack }, refs });
    return r;
  };
}

export const url: Template = (attrs) => {
  const r = result();
  attrs.forEach((a, i) => {
    const v = a.value.trim();
    if (a.relation !== 'url' || v === '') return;
    r.observations.push({ root: 'url', terms: [{ path: 'value', op: '=', value: v }] });
    if (absoluteUri(v)) r.scos.push({ type: 'url', props: { value: v } });
    r.used.add(i);
  });
  return r;
};

export const email: Template = (attrs) => {
  const r = result();
  const terms: Term[] = [];
  const props: Record<string, unknown> = { is_multipart: false };
  const headers: Record<string, string> = {};
  const refs: Record<string, ScoNode | ScoNode[]> = {};
  // Addresses enter the SCO graph only when their format is one the email-addr SCO accepts.
  const addr = (key: 'to_refs' | 'cc_refs' | 'bcc_refs', value: string): void => {
    if (!strictEmail(value)) return;
    const list = (refs[key] as ScoNode[] | undefined) ?? [];
    list.push({ type: 'email-addr', props: { value } });
    refs[key] = list;
  };
  attrs.forEach((a, i) => {
    const v = a.value;
    switch (a.relation) {
      case 'from':
      case 'to':
      case 'cc':
      case 'bcc':
        if (!looksLikeEmail(v.trim())) return r.errors.push({ index: i, message: `not an e-mail address: ${JSON.stringify(v.slice(0, 80))}` });
        if (a.relation === 'from') {
          terms.push({ path: 'from_ref.value', op: '=', value: v.trim() });
          if (strictEmail(v.trim())) refs.from_ref = { type: 'email-addr', props: { value: v.trim() } };
        } else {
          terms.push({ path: `${a.relation}_refs[*].value`, op: '=', value: v.trim() });
          addr(`${a.relation}_refs`, v.trim());
        }
        break;
      case 'subject':
        terms.push({ path: 'subject', op: '=', value: v });
        props.subject = v;
        break;
      case 'message-id':
        terms.push({ path: 'message_id', op: '=', value: v.trim() });
        props.message_id = v.trim();
        break;
      case 'email-body':
        terms.push({ path: 'body', op: '=', value: v });
        props.body = v;
        break;
      case 'reply-to':
      case 'x-mailer': {
        const name = a.relation === 'reply-to' ? 'Reply-To' : 'X-Mailer';
        terms.push({ path: `additional_header_fields.${pathKey(name)}`, op: '=', value: v.trim() });
        headers[name] = v.trim();
        break;
      }
      case 'attachment':
        terms.push({ path: 'body_multipart[*].body_raw_ref.name', op: '=', value: v.trim() });
        break;
      case 'from-display-name':
        terms.push({ path: 'from_ref.display_name', op: '=', value: v.trim() });
        break;
      default:
        return;
    }
    r.used.add(i);
  });
  if (Object.keys(headers).length > 0) props.additional_header_fields = headers;
  if (terms.length > 0) r.observations.push({ root: 'email-message', terms });
  if (Object.keys(props).length > 1 || Object.keys(refs).length > 0) r.scos.push({ type: 'email-message', props, refs });
  return r;
};

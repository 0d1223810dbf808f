// MISP warninglists: which known-benign lists hold a value. All lists of one type share one index
// (hash sets for strings and host names, prefix maps and a bit trie for networks, one Aho–Corasick
// automaton for substrings, linear-time regexes), so a lookup costs the same with 1 list or 500.
import { type IpNetwork, mappedV4, parseNetwork } from './ip.ts';
import type { Ids, IpPrefixIndex, PrefixHit } from './ip-prefix-index.ts';
import type { SubstringIndex } from './substring-index.ts';
import { hostOf, normaliseText } from './warninglist-normalize.ts';

export type WarningListType = 'string' | 'substring' | 'hostname' | 'cidr' | 'regex';

export interface WarningListInfo {
  /** The list's folder name, e.g. `public-dns-v4`. */
  id: string;
  name: string;
  description: string;
  type: WarningListType;
  version: number;
  /** MISP attribute types the list applies to; empty means every type. */
  matchingAttributes: string[];
  /** Entries accepted from the file. */
  entries: number;
}

export interface WarningListHit {
  id: string;
  name: string;
  type: WarningListType;
  /** The entry that matched (normalised), e.g. `8.8.8.0/24`, `example.com`, a substring or a regex. */
  matched: string;
}

/** STIX SCO types (and a few plain words) accepted as kinds besides MISP attribute types. */
const KIND_ALIASES: Readonly<Record<string, string>> = {
  'ipv4-addr': 'ip-dst',
  'ipv6-addr': 'ip-dst',
  ip: 'ip-dst',
  'domain-name': 'domain',
  'email-addr': 'email-dst',
};

/** Kinds whose values are (or contain) host names: string lists are also matched against the host part. */
const HOST_KINDS = new Set(['url', 'uri', 'link', 'domain', 'hostname', 'domain|ip', 'hostname|port']);

interface Applicable {
  mask: Uint8Array;
  types: Readonly<Record<WarningListType, boolean>>;
}

export interface CompiledRegex {
  id: number;
  source: string;
  test: (s: string) => boolean;
}

/** The indexes; filled by the loader (warninglist-load.ts). */
export interface WarningListIndexes {
  strings: Map<string | number, Ids>;
  hostnames: Map<string | number, Ids>;
  networks: IpPrefixIndex;
  substrings: SubstringIndex;
  substringIds: Ids[];
  regexes: CompiledRegex[];
}

export class WarningLists {
  readonly lists: readonly WarningListInfo[];
  private readonly ix: WarningListIndexes;
  private readonly applicable = new Map<string, Applicable>();

  constructor(lists: readonly WarningListInfo[], indexes: WarningListIndexes) {
    this.lists = lists;
    this.ix = indexes;
  }

  /** Total entries accepted over all lists. */
  get entryCount(): number {
    return this.lists.reduce((n, l) => n + l.entries, 0);
  }

  /** Which lists apply to a kind, and whether any list of each type does. */
  private applicableTo(kind: string | undefined): Applicable {
    const key = kind ?? '*';
    let a = this.applicable.get(key);
    if (!a) {
      const mask = new Uint8Array(this.lists.length);
      const types: Record<WarningListType, boolean> = { string: false, substring: false, hostname: false, cidr: false, regex: false };
      this.lists.forEach((l, i) => {
        if (kind === undefined || l.matchingAttributes.length === 0 || l.matchingAttributes.includes(kind)) {
          mask[i] = 1;
          types[l.type] = true;
        }
      });
      a = { mask, types };
      this.applicable.set(key, a);
    }
    return a;
  }

  /**
   * The lists holding `value`, for a MISP attribute type `kind` (lists whose matching_attributes do not
   * name it are not consulted; without a kind every list is). Composite types (`domain|ip`,
   * `ip-dst|port`, `filename|md5`, ...) are checked part by part, as MISP does.
   */
  check(value: string, kind?: string): WarningListHit[] {
    const k = kind === undefined ? undefined : (KIND_ALIASES[kind] ?? kind);
    const { mask, types } = this.applicableTo(k);
    const parts = k !== undefined && (k.includes('|') || k === 'malware-sample') ? value.split('|', 2) : [value];
    const found = new Map<number, string>();
    const hit = (id: number, matched: string): void => {
      if (mask[id] && !found.has(id)) found.set(id, matched);
    };
    const hostKind = k === undefined || HOST_KINDS.has(k);
    for (const part of parts) {
      if (part.trim() === '') continue;
      if (types.cidr) this.checkCidr(part, hit);
      const text = types.string || types.substring ? normaliseText(part) : '';
      const host = types.hostname || (types.string && hostKind) ? hostOf(part) : undefined;
      if (types.string) {
        each(this.ix.strings.get(text), (id) => hit(id, text));
        if (hostKind && host && host !== text) each(this.ix.strings.get(host), (id) => hit(id, host));
      }
      if (types.hostname && host) this.checkHostname(host, hit);
      if (types.substring) for (const lit of this.ix.substrings.search(text)) each(this.ix.substringIds[lit], (id) => hit(id, this.ix.substrings.literal(lit)));
      if (types.regex) for (const r of this.ix.regexes) if (mask[r.id] && !found.has(r.id) && r.test(part)) hit(r.id, r.source);
    }
    return [...found].map(([id, matched]) => {
      const l = this.lists[id] as WarningListInfo;
      return { id: l.id, name: l.name, type: l.type, matched };
    });
  }

  private checkCidr(part: string, hit: (id: number, matched: string) => void): void {
    let net: IpNetwork | undefined = parseNetwork(part);
    if (!net) return;
    const out: PrefixHit[] = [];
    this.ix.networks.lookup(net, out);
    const v4 = net.prefix === 128 ? mappedV4(net) : undefined;
    if (v4) {
      net = { ...v4, prefix: 32, hostBits: false };
      this.ix.networks.lookup(net, out);
    }
    for (const h of out) hit(h.id, h.network);
  }

  private checkHostname(host: string, hit: (id: number, matched: string) => void): void {
    // The host itself, then each parent domain: a listed domain covers its subdomains.
    for (let i = -1; ; ) {
      const suffix = host.slice(i + 1);
      each(this.ix.hostnames.get(suffix), (id) => hit(id, suffix));
      i = host.indexOf('.', i + 1);
      if (i < 0) break;
    }
  }
}

function each(ids: Ids | undefined, f: (id: number) => void): void {
  if (ids === undefined) return;
  if (typeof ids === 'number') f(ids);
  else for (const id of ids) f(id);
}


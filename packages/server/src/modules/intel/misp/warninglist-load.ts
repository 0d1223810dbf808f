// Loading MISP warninglists (`lists/<name>/list.json`, the misp-warninglists layout) into one WarningLists.
// Entries are normalised (see warninglist-normalize.ts); what cannot be used is reported per list, never thrown.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RE2JS } from 're2js';
import { directoryFeedSource } from './feed-source.ts';
import { parseNetwork } from './ip.ts';
import { addId, type Ids, IpPrefixIndex } from './ip-prefix-index.ts';
import { isObj, own, readInt, readString } from './json-read.ts';
import { parseJson } from './json-parse.ts';
import { type MispProblem, ProblemLog } from './problems.ts';
import { SubstringIndex } from './substring-index.ts';
import { cleanEntry, normaliseHostname, normaliseText, splitRegex } from './warninglist-normalize.ts';
import { type CompiledRegex, type WarningListIndexes, type WarningListInfo, WarningLists, type WarningListType } from './warninglists.ts';

const TYPES: readonly WarningListType[] = ['string', 'substring', 'hostname', 'cidr', 'regex'];

export interface WarningListDocument {
  /** The list's id (its folder name). */
  id: string;
  json: unknown;
  /** For problems: where the document came from. */
  file?: string;
}

export interface WarningListLoadOptions {
  /** Only these list ids. */
  include?: readonly string[];
  /** Not these list ids. */
  exclude?: readonly string[];
  /** Largest list.json accepted (default 256 MiB). */
  maxFileBytes?: number;
}

export interface WarningListLoadResult {
  lists: WarningLists;
  problems: MispProblem[];
  /** Entries that could not be used (empty, unparsable network, regex the linear-time engine refuses), per list id. */
  skipped: Record<string, number>;
  /** Entries that normalise to one already in the same list (e.g. `Example.com` and `example.com`), per list id. */
  duplicates: Record<string, number>;
}

/** At most this many bad entries of one list are reported one by one. */
const MAX_ENTRY_REPORTS = 5;

function compileRegex(entry: string): ((s: string) => boolean) | string {
  const { pattern, flags } = splitRegex(entry);
  let bits = 0;
  for (const f of flags) {
    if (f === 'i') bits |= RE2JS.CASE_INSENSITIVE;
    else if (f === 'm') bits |= RE2JS.MULTILINE;
    else if (f === 's') bits |= RE2JS.DOTALL;
    else if (f !== 'g' && f !== 'u' && f !== 'D') return `unsupported regex flag ${f}`;
  }
  try {
    const re = RE2JS.compile(pattern, bits);
    return (s: string) => re.matcher(s).find();
  } catch (err) {
    return `regex not accepted by the linear-time engine: ${(err as Error).message}`;
  }
}

/** Builds WarningLists from parsed list.json documents. */
export function buildWarningLists(documents: readonly WarningListDocument[]): WarningListLoadResult {
  const problems: MispProblem[] = [];
  const skipped: Record<string, number> = {};
  const duplicates: Record<string, number> = {};
  const infos: WarningListInfo[] = [];
  const ix: WarningListIndexes = { strings: new Map(), hostnames: new Map(), networks: new IpPrefixIndex(), substrings: new SubstringIndex(), substringIds: [], regexes: [] };
  const literalIndex = new Map<string, number>();
  const regexes: CompiledRegex[] = [];
  for (const doc of [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const log = new ProblemLog(doc.file ?? doc.id);
    const json = doc.json;
    if (!isObj(json)) {
      log.error('schema', '', 'a warninglist is an object with name, type and list');
      problems.push(...log.problems);
      continue;
    }
    const list = own(json, 'list');
    const typeText = readString(own(json, 'type')) ?? 'string';
    if (!Array.isArray(list)) log.error('schema', 'list', 'list is missing or not an array');
    if (!(TYPES as readonly string[]).includes(typeText)) log.error('schema', 'type', `unknown warninglist type ${JSON.stringify(typeText).slice(0, 40)}`);
    if (!Array.isArray(list) || !(TYPES as readonly string[]).includes(typeText)) {
      problems.push(...log.problems);
      continue;
    }
    const type = typeText as WarningListType;
    const id = infos.length;
    const matching = own(json, 'matching_attributes');
    const info: WarningListInfo = {
      id: doc.id,
      name: readString(own(json, 'name')) ?? doc.id,
      description: readString(own(json, 'description')) ?? '',
      type,
      version: readInt(own(json, 'version')) ?? 0,
      matchingAttributes: Array.isArray(matching) ? matching.filter((m): m is string => typeof m === 'string') : [],
      entries: 0,
    };
    let bad = 0;
    let dup = 0;
    const reject = (i: number, why: string): void => {
      if (++bad <= MAX_ENTRY_REPORTS) log.warn('schema', `list[${i}]`, why);
    };
    list.forEach((raw, i) => {
      if (typeof raw !== 'string') return reject(i, 'entry is not a string');
      let added: boolean;
      switch (type) {
        case 'string': {
          const key = normaliseText(raw);
          if (key === '') return reject(i, 'empty entry');
          added = addId(ix.strings, key, id);
          break;
        }
        case 'hostname': {
          const key = normaliseHostname(raw);
          if (key === '') return reject(i, `empty host name ${JSON.stringify(raw)}`);
          added = addId(ix.hostnames, key, id);
          break;
        }
        case 'cidr': {
          const net = parseNetwork(cleanEntry(raw));
          if (!net) return reject(i, `not an IP address or network: ${JSON.stringify(raw.slice(0, 60))}`);
          added = ix.networks.add(net, id);
          break;
        }
        case 'substring': {
          const key = normaliseText(raw);
          if (key === '') return reject(i, 'empty entry');
          let lit = literalIndex.get(key);
          if (lit === undefined) {
            lit = ix.substrings.add(key);
            literalIndex.set(key, lit);
          }
          const cur: Ids | undefined = ix.substringIds[lit];
          added = cur === undefined || (typeof cur === 'number' ? cur !== id : !cur.includes(id));
          if (cur === undefined) ix.substringIds[lit] = id;
          else if (added) ix.substringIds[lit] = typeof cur === 'number' ? [cur, id] : [...cur, id];
          break;
        }
        case 'regex': {
          const source = raw.trim();
          const test = compileRegex(source);
          if (typeof test === 'string') return reject(i, test);
          regexes.push({ id, source, test });
          added = true;
          break;
        }
      }
      info.entries++;
      if (!added) dup++;
    });
    if (bad > MAX_ENTRY_REPORTS) log.warn('schema', 'list', `${bad - MAX_ENTRY_REPORTS} more unusable entries not listed`);
    if (bad > 0) skipped[doc.id] = bad;
    if (dup > 0) duplicates[doc.id] = dup;
    infos.push(info);
    problems.push(...log.problems);
  }
  ix.substrings.build();
  ix.regexes = regexes;
  return { lists: new WarningLists(infos, ix), problems, skipped, duplicates };
}

/**
 * Loads every `<dir>/lists/<id>/list.json` (or `<dir>/<id>/list.json` when `dir` is the lists folder).
 * The directory is operator-provided reference data; nothing is copied.
 */
export async function loadWarningLists(dir: string, options: WarningListLoadOptions = {}): Promise<WarningListLoadResult> {
  const problems: MispProblem[] = [];
  let root = dir;
  let names: string[];
  try {
    const top = await readdir(dir, { withFileTypes: true });
    if (top.some((d) => d.isDirectory() && d.name === 'lists') && !top.some((d) => d.name === 'list.json')) {
      root = join(dir, 'lists');
      names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } else names = top.filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (err) {
    problems.push({ code: 'io', level: 'error', file: dir, message: `cannot list the warninglists directory: ${(err as Error).message}` });
    return { ...buildWarningLists([]), problems };
  }
  const include = options.include ? new Set(options.include) : undefined;
  const exclude = new Set(options.exclude ?? []);
  const docs: WarningListDocument[] = [];
  for (const name of names.sort()) {
    if ((include && !include.has(name)) || exclude.has(name)) continue;
    const source = directoryFeedSource(join(root, name));
    const file = source.describe('list.json');
    const read = await source.read('list.json', options.maxFileBytes ?? 256 << 20);
    const log = new ProblemLog(file);
    if (!read.ok) {
      if (read.code !== 'missing') log.error(read.code, undefined, read.message);
    } else {
      const json = parseJson(read.text, log);
      if (json.ok) docs.push({ id: name, json: json.value, file });
    }
    problems.push(...log.problems);
  }
  const built = buildWarningLists(docs);
  return { ...built, problems: [...problems, ...built.problems] };
}

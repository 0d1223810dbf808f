// Test helper: validates STIX objects with ajv against the OASIS STIX 2.1 JSON schemas of the shared
// corpus (draft 2020-12), each object against the schema of its own type. Not for production code (ajv
// is a development dependency) and not exported from index.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as formats from 'ajv-formats';
import { typeDef } from './catalogue.ts';
import { stixCorpusDir } from './testing/corpora.ts';

export type OasisValidate = ((obj: unknown) => string[]) & {
  /** The schema file (relative to the schema folder) an object of this type is checked against. */
  schemaFor(type: string): string;
};

const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const cache = new Map<string, OasisValidate>();

/** Schema file for a type: its own, or core (SDO-like) / cyber-observable-core (SCO-like) for custom types. */
function schemaFile(type: string, obj: unknown): string {
  const def = typeDef(type);
  if (def?.kind === 'sdo') return `sdos/${type}.json`;
  if (def?.kind === 'sro') return `sros/${type}.json`;
  if (def?.kind === 'sco') return `observables/${type}.json`;
  if (def) return `common/${type}.json`;
  const created = typeof obj === 'object' && obj !== null && 'created' in obj;
  return created ? 'common/core.json' : 'common/cyber-observable-core.json';
}

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;

export function oasisValidator(schemasDir: string = join(stixCorpusDir(), 'schemas')): OasisValidate {
  const cached = cache.get(schemasDir);
  if (cached) return cached;
  // The schemas use `\-` outside character classes, which a `u`-flag RegExp rejects: unicodeRegExp off.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  const plugin = ((formats as unknown as { default: FormatsPlugin }).default ?? formats) as FormatsPlugin;
  plugin(ajv);
  ajv.addFormat('idn-hostname', true);
  for (const folder of ['common', 'sdos', 'sros', 'observables']) {
    for (const file of readdirSync(join(schemasDir, folder)).filter((f) => f.endsWith('.json'))) {
      ajv.addSchema(JSON.parse(readFileSync(join(schemasDir, folder, file), 'utf8')) as object);
    }
  }
  const compiled = new Map<string, ValidateFunction>();
  const validate = ((obj: unknown): string[] => {
    const type = typeof obj === 'object' && obj !== null && typeof (obj as { type?: unknown }).type === 'string' ? (obj as { type: string }).type : '';
    const file = schemaFile(type, obj);
    let fn = compiled.get(file);
    if (!fn) {
      fn = ajv.getSchema(BASE + file);
      if (!fn) return [`no OASIS schema ${file}`];
      compiled.set(file, fn);
    }
    if (fn(obj)) return [];
    return (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'} (${e.schemaPath})`);
  }) as OasisValidate;
  validate.schemaFor = (type: string) => schemaFile(type, undefined);
  cache.set(schemasDir, validate);
  return validate;
}

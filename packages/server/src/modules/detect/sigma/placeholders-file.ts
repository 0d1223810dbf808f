// Placeholder values for the `expand` modifier, from YAML: `name: [value, …]` (or one value).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Placeholders } from './placeholders.ts';

export function parsePlaceholders(text: string, file = 'placeholders'): Placeholders {
  const doc: unknown = parse(text, { maxAliasCount: 10 });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file}: expected a mapping of placeholder names to value lists`);
  const out: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(doc as Record<string, unknown>)) {
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((x) => typeof x === 'string' || typeof x === 'number')) throw new Error(`${file}: ${name}: values must be strings or numbers`);
    out[name.replace(/^%|%$/g, '')] = list.map(String);
  }
  return out;
}

export function loadPlaceholdersFile(file: string): Placeholders {
  return parsePlaceholders(readFileSync(file, 'utf8'), file);
}

// Dictionaries (2.3) and hashes (2.7): non-empty, keys within the key rules, values of their kind;
// hash values in the form of their algorithm.
import type { Ctx } from './context.ts';
import { childPath } from './defects.ts';
import { hashValueProblem, isLanguageTag } from './formats.ts';
import type { Prop } from './props.ts';
import { isPlainObject } from './types.ts';
import { OPEN_VOCABULARIES } from './vocab.ts';

const DICTIONARY_KEY = /^[A-Za-z0-9_-]{1,250}$/;
const HASH_KEY = /^[A-Za-z0-9_-]{3,250}$/;
const HASH_ALGORITHMS: ReadonlySet<string> = new Set(OPEN_VOCABULARIES['hash-algorithm-ov']);

/** The value checker, passed in to keep this file free of an import cycle. */
export type CheckValue = (value: unknown, prop: Prop, path: string, ctx: Ctx) => void;

export function checkDictionary(value: unknown, prop: Extract<Prop, { k: 'dictionary' }>, path: string, ctx: Ctx, checkValue: CheckValue): void {
  if (!isPlainObject(value)) return ctx.sink.error(path, 'wrong-kind', 'expected a dictionary (JSON object)');
  const keys = Object.keys(value);
  if (keys.length === 0) ctx.sink.error(path, 'empty-dictionary', 'dictionaries must not be empty; omit the property instead');
  for (const key of keys) {
    const at = childPath(path, key);
    if (prop.keys === 'lang' ? !isLanguageTag(key) : !DICTIONARY_KEY.test(key)) {
      ctx.sink.error(at, prop.keys === 'lang' ? 'invalid-lang' : 'invalid-dictionary-key', prop.keys === 'lang' ? `"${key}" is not an RFC 5646 language tag` : `dictionary key "${key}" must be 1-250 characters of A-Z, a-z, 0-9, - and _`);
    }
    if (prop.values) checkValue(value[key], prop.values, at, ctx);
  }
}

export function checkHashes(value: unknown, path: string, ctx: Ctx): void {
  if (!isPlainObject(value)) return ctx.sink.error(path, 'wrong-kind', 'expected hashes (a JSON object)');
  const keys = Object.keys(value);
  if (keys.length === 0) ctx.sink.error(path, 'empty-dictionary', 'hashes must hold at least one hash');
  for (const key of keys) {
    const at = childPath(path, key);
    const hash = value[key];
    if (!HASH_KEY.test(key)) ctx.sink.error(at, 'invalid-hash', `hash name "${key}" must be 3-250 characters of A-Z, a-z, 0-9, - and _`);
    if (typeof hash !== 'string') {
      ctx.sink.error(at, 'wrong-kind', 'hash values are strings');
    } else if (HASH_ALGORITHMS.has(key)) {
      const problem = hashValueProblem(key, hash);
      if (problem) ctx.sink.error(at, 'invalid-hash', problem);
    } else if (!key.startsWith('x_')) {
      ctx.sink.warn(at, 'hash-algorithm', `"${key}" is not from hash-algorithm-ov (${[...HASH_ALGORITHMS].join(', ')})`);
    }
  }
}

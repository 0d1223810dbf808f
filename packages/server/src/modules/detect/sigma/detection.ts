// Search identifiers (rules spec "Detection"): a map is the AND of its field items, a list of maps is
// their OR, a list of plain values is a keyword search (OR, or AND with `'|all'`).
import { RuleProblem } from './errors.ts';
import { parseModifiers, splitKey } from './modifiers.ts';
import { compileFieldItem, compileKeywords, type Predicate, type ValueOptions } from './values.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A problem inside one identifier, with the YAML path below `detection.<identifier>`. */
export class ItemProblem extends RuleProblem {
  readonly path: (string | number)[];
  constructor(problem: RuleProblem, path: (string | number)[]) {
    super(problem.code, problem.message);
    this.path = path;
  }
}

function within<T>(path: (string | number)[], f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ItemProblem) throw e;
    if (e instanceof RuleProblem) throw new ItemProblem(e, path);
    throw e;
  }
}

import { allOf, anyOf } from './logic.ts';

const and = allOf;
const or = anyOf;

function compileMap(map: Obj, path: (string | number)[], opts: ValueOptions): Predicate {
  const items = Object.entries(map);
  if (!items.length) throw new ItemProblem(new RuleProblem('schema', 'empty map'), path);
  return and(
    items.map(([key, value]) =>
      within([...path, key], () => {
        const { field, mods } = splitKey(key);
        const chain = parseModifiers(mods);
        if (field === '') return compileKeywords(chain, value, opts);
        if (Array.isArray(value) && value.some((v) => v === null) && value.length > 1) {
          throw new RuleProblem('value', 'null cannot be part of a list of values; use a separate selection');
        }
        return compileFieldItem(field, chain, value, opts);
      }),
    ),
  );
}

/** Compiles one search identifier's definition; problems carry the path `<root>.<name>…`. */
export function compileIdentifier(name: string, def: unknown, opts: ValueOptions, root: 'detection' | 'filter' = 'detection'): Predicate {
  const path = [root, name];
  if (isObj(def)) return compileMap(def, path, opts);
  if (Array.isArray(def)) {
    if (!def.length) throw new ItemProblem(new RuleProblem('schema', 'empty list'), path);
    const maps: Predicate[] = [];
    const keywords: unknown[] = [];
    def.forEach((item, i) => {
      if (isObj(item)) maps.push(compileMap(item, [...path, i], opts));
      else if (Array.isArray(item)) throw new ItemProblem(new RuleProblem('schema', 'nested lists are not allowed'), [...path, i]);
      else keywords.push(item);
    });
    if (keywords.length) maps.push(within(path, () => compileKeywords(parseModifiers([]), keywords, opts)));
    return or(maps);
  }
  if (typeof def === 'string' || typeof def === 'number') return within(path, () => compileKeywords(parseModifiers([]), [def], opts));
  throw new ItemProblem(new RuleProblem('schema', 'a search identifier must be a map, a list or a keyword'), path);
}

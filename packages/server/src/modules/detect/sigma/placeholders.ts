// The `expand` modifier: `%name%` placeholders replaced by configured value lists (rules spec,
// "Placeholders"). `\%` is a plain percent sign. A placeholder without a list rejects the rule.
import { RuleProblem } from './errors.ts';

export type Placeholders = Readonly<Record<string, readonly string[]>>;

const MAX_EXPANSIONS = 10_000;

function lookup(values: Placeholders, name: string): readonly string[] | undefined {
  if (Object.hasOwn(values, name)) return values[name];
  const lower = name.toLowerCase();
  const key = Object.keys(values).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : values[key];
}

/** Expands every placeholder of a raw Sigma string into the cartesian product of its values. */
export function expandPlaceholders(raw: string, values: Placeholders): string[] {
  let results = [''];
  let i = 0;
  let plain = '';
  const addPlain = () => {
    results = results.map((r) => r + plain);
    plain = '';
  };
  while (i < raw.length) {
    const c = raw[i] as string;
    if (c === '\\' && raw[i + 1] === '%') {
      plain += '%';
      i += 2;
    } else if (c === '%') {
      const end = raw.indexOf('%', i + 1);
      if (end < 0) {
        plain += raw.slice(i);
        break;
      }
      const name = raw.slice(i + 1, end);
      const list = lookup(values, name);
      if (!list) throw new RuleProblem('placeholder', `placeholder %${name}% has no configured value list`);
      addPlain();
      const next: string[] = [];
      for (const r of results) for (const v of list) next.push(r + v);
      if (next.length > MAX_EXPANSIONS) throw new RuleProblem('limit', `placeholder expansion exceeds ${MAX_EXPANSIONS} values`);
      results = next;
      i = end + 1;
    } else {
      plain += c;
      i++;
    }
  }
  addPlain();
  return results;
}

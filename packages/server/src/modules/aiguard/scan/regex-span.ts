// The longest text a regular expression can match, read from its source: the scanner runs a rule only
// near the key words every match of it contains, and this bound says how near. Lookarounds count as if
// they consumed their text (they read it), so the bound covers what the expression looks at after its
// start. Infinity for anything unbounded (`*`, `+`, `{n,}`, back-references).

/** Upper bound of the length (UTF-16 code units) of any match of `source`, or Infinity. */
export function maxMatchLength(source: string): number {
  let i = 0;

  const alternatives = (): number => {
    let best = sequence();
    while (source[i] === '|') {
      i++;
      best = Math.max(best, sequence());
    }
    return best;
  };

  const sequence = (): number => {
    let total = 0;
    while (i < source.length && source[i] !== '|' && source[i] !== ')') total += quantified(atom());
    return total;
  };

  const quantified = (len: number): number => {
    const c = source[i];
    let max: number;
    if (c === '?') {
      i++;
      max = len;
    } else if (c === '*' || c === '+') {
      i++;
      max = len === 0 ? 0 : Infinity;
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i))) {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i))!;
      i += m[0].length;
      const upper = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      max = len === 0 ? 0 : len * upper;
    } else {
      return len;
    }
    if (source[i] === '?') i++; // lazy
    return max;
  };

  const atom = (): number => {
    const c = source[i]!;
    if (c === '(') {
      i++;
      if (source.startsWith('?:', i) || source.startsWith('?=', i) || source.startsWith('?!', i)) i += 2;
      else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) i += 3;
      else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1;
      const len = alternatives();
      if (source[i] !== ')') throw new Error(`unbalanced group at ${i} in /${source}/`);
      i++;
      return len;
    }
    if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      if (source[i] !== ']') throw new Error(`unterminated class in /${source}/`);
      i++;
      return 1;
    }
    if (c === '\\') {
      const e = source[i + 1];
      i += 2;
      if (e === 'b' || e === 'B') return 0;
      if (e !== undefined && /[1-9k]/.test(e)) return Infinity; // back-reference
      if (e === 'u' && source[i] === '{') i = source.indexOf('}', i) + 1;
      else if (e === 'u') i += 4;
      else if (e === 'x') i += 2;
      else if (e === 'c') i += 1;
      return 1;
    }
    i++;
    if (c === '^' || c === '$') return 0;
    return 1;
  };

  const len = alternatives();
  if (i !== source.length) throw new Error(`unexpected ${source[i]} at ${i} in /${source}/`);
  return len;
}

// Where a JSON text stops being JSON: offset, line, column and the JSON path of the value being read.
// Used only after JSON.parse failed, whose message does not always say where.

export interface SyntaxLocation {
  offset: number;
  line: number;
  column: number;
  path: string;
  expected: string;
}

class Stop extends Error {
  readonly at: number;
  readonly path: string;
  readonly expected: string;
  constructor(at: number, path: string, expected: string) {
    super(expected);
    this.at = at;
    this.path = path;
    this.expected = expected;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Raw characters from U+0020 up, except `"` and `\`; control characters must be escaped.
const STRING = /"(?:[\x20\x21\x23-\x5b\x5d-\uffff]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

/** Locates the first syntax error; `undefined` when the text is valid JSON. Nesting is assumed bounded (scanLimits ran first). */
export function locateSyntaxError(text: string): SyntaxLocation | undefined {
  let i = 0;
  const skip = (): void => {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
  };
  const token = (re: RegExp, path: string, expected: string): string => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Stop(i, path, expected);
    i = re.lastIndex;
    return m[0];
  };
  const value = (path: string): void => {
    skip();
    const c = text[i];
    if (c === '{') {
      i += 1;
      skip();
      if (text[i] === '}') { i += 1; return; }
      for (;;) {
        skip();
        const key = JSON.parse(token(STRING, path, 'a property name in double quotes')) as string;
        skip();
        if (text[i] !== ':') throw new Stop(i, path, `':' after property name "${key}"`);
        i += 1;
        const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
        value(child);
        skip();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === '}') { i += 1; return; }
        throw new Stop(i, child, `',' or '}' after the value of "${key}"`);
      }
    }
    if (c === '[') {
      i += 1;
      skip();
      if (text[i] === ']') { i += 1; return; }
      for (let n = 0; ; n += 1) {
        value(`${path}[${n}]`);
        skip();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return; }
        throw new Stop(i, `${path}[${n}]`, "',' or ']' after a list item");
      }
    }
    if (c === '"') { token(STRING, path, 'a valid string (escapes, no control characters)'); return; }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) { i += literal.length; return; }
    }
    token(NUMBER, path, 'a value (object, list, string, number, true, false or null)');
  };
  try {
    value('$');
    skip();
    if (i < text.length) throw new Stop(i, '$', 'the end of the input after the top-level value');
    return undefined;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const before = text.slice(0, err.at);
    const line = before.split('\n').length;
    return { offset: err.at, line, column: err.at - before.lastIndexOf('\n'), path: err.path, expected: err.expected };
  }
}

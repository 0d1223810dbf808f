export type HeaderFields = {
  fields: string[];
  /** Offset after the '|' that closed the last field (or the string's length if it ran out). */
  end: number;
  /** True when the input ended before the last field's closing '|'. */
  unterminated: boolean;
};

/**
 * Read up to `count` '|'-terminated header fields of CEF or LEEF starting at `pos`.
 * `\|` gives '|' and `\\` gives '\'; any other backslash is kept as written.
 * Stops early at the end of input; the caller checks how many fields it got.
 */
export function readHeaderFields(s: string, pos: number, count: number): HeaderFields {
  const fields: string[] = [];
  let value = '';
  let chunk = pos;
  let i = pos;
  while (i < s.length && fields.length < count) {
    const c = s[i];
    if (c === '\\' && (s[i + 1] === '|' || s[i + 1] === '\\')) {
      value += s.slice(chunk, i) + s[i + 1];
      i += 2;
      chunk = i;
    } else if (c === '|') {
      fields.push(value + s.slice(chunk, i));
      value = '';
      i++;
      chunk = i;
    } else i++;
  }
  if (fields.length < count && (chunk < s.length || value !== '')) {
    fields.push(value + s.slice(chunk));
    return { fields, end: s.length, unterminated: true };
  }
  return { fields, end: i, unterminated: false };
}

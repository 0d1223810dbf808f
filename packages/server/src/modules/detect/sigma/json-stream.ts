// Reads concatenated JSON values (evtx_dump style: pretty-printed objects one after another, no commas).

/** Splits text into top-level JSON values; a broken value is reported, the rest still read. */
export function* concatenatedJson(text: string, maxValueChars = 16 << 20): Generator<{ value?: unknown; error?: string; offset: number }> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i] as string)) i++;
    if (i >= n) return;
    const start = i;
    const open = text[i];
    if (open !== '{' && open !== '[') {
      // A bare scalar: read up to the next whitespace.
      while (i < n && !/\s/.test(text[i] as string)) i++;
      const slice = text.slice(start, i);
      try {
        yield { value: JSON.parse(slice) as unknown, offset: start };
      } catch (e) {
        yield { error: (e as Error).message, offset: start };
      }
      continue;
    }
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (--depth === 0) {
          i++;
          break;
        }
      }
      if (i - start > maxValueChars) break;
    }
    const slice = text.slice(start, i);
    if (depth !== 0) {
      yield { error: depth > 0 && i - start > maxValueChars ? `JSON value larger than ${maxValueChars} characters` : 'unterminated JSON value', offset: start };
      return;
    }
    try {
      yield { value: JSON.parse(slice) as unknown, offset: start };
    } catch (e) {
      yield { error: (e as Error).message, offset: start };
    }
  }
}

// Input limits of the scanners: how much of a text is read. A longer text is scanned on its first
// SCAN_HEAD_CHARS and last SCAN_TAIL_CHARS code units (instructions hide at both ends of a document), and
// the result carries a `scan_limit` finding naming the part that was skipped.

/** Code units scanned from the start of a text (32 Ki: about 8,000 tokens of English). */
export const SCAN_HEAD_CHARS = 32 * 1024;
/** Code units scanned from the end of a text that is longer than SCAN_HEAD_CHARS + SCAN_TAIL_CHARS. */
export const SCAN_TAIL_CHARS = 16 * 1024;
/** Messages read by scanMessages; later messages are skipped with a `scan_limit` finding. */
export const SCAN_MAX_MESSAGES = 256;

export interface Clip {
  /** The scanned text: the whole input, or head + '\n' + tail. */
  readonly text: string;
  /** Offset in the original text of the tail part (= head length when nothing was skipped). */
  readonly tailStart: number;
  /** Length of the head part inside `text`. */
  readonly headLen: number;
  readonly truncated: boolean;
}

export function clip(text: string): Clip {
  if (text.length <= SCAN_HEAD_CHARS + SCAN_TAIL_CHARS) return { text, tailStart: text.length, headLen: text.length, truncated: false };
  let head = SCAN_HEAD_CHARS;
  let tail = text.length - SCAN_TAIL_CHARS;
  // Never split a surrogate pair.
  const h = text.charCodeAt(head - 1);
  if (h >= 0xd800 && h <= 0xdbff) head--;
  const t = text.charCodeAt(tail);
  if (t >= 0xdc00 && t <= 0xdfff) tail++;
  return { text: `${text.slice(0, head)}\n${text.slice(tail)}`, tailStart: tail, headLen: head, truncated: true };
}

/** Maps an offset inside clip(text).text back to the original text. */
export function unclip(c: Clip, offset: number): number {
  if (offset <= c.headLen) return offset;
  return c.tailStart + (offset - c.headLen - 1);
}

// MISP `tlp:*` tags → TLP 2.0 levels. The levels, their order and the OASIS TLP 2.0 marking-definition
// ids and objects come from the access model (../access), so import and access agree on them.
import type { TlpLevel } from '../access/index.ts';

export { mostRestrictive as strictestTlp, tlpMarkingId, tlpMarkingObject, TLP_LEVELS, type TlpLevel } from '../access/index.ts';

const TAG_LEVELS: Readonly<Record<string, TlpLevel>> = {
  clear: 'CLEAR',
  // TLP 1.0's WHITE is TLP 2.0's CLEAR.
  white: 'CLEAR',
  green: 'GREEN',
  amber: 'AMBER',
  'amber+strict': 'AMBER+STRICT',
  red: 'RED',
};

/**
 * The TLP level of a MISP tag: `tlp:clear`, `tlp:white`, `tlp:green`, `tlp:amber`, `tlp:amber+strict`,
 * `tlp:red`; case-insensitive, also `TLP:` with spaces. Undefined for any other tag, including MISP's
 * `tlp:ex:chr` and `tlp:unclear` (not TLP levels) and a bare `white` or `clear` (a free tag).
 */
export function tlpOfTag(tag: string): TlpLevel | undefined {
  const m = /^\s*tlp\s*:\s*([a-z+]+)\s*$/i.exec(tag);
  if (!m) return undefined;
  const v = (m[1] as string).toLowerCase();
  return Object.prototype.hasOwnProperty.call(TAG_LEVELS, v) ? TAG_LEVELS[v] : undefined;
}

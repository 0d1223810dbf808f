/** Offsets in minutes of unambiguous zone abbreviations seen in log timestamps. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, west: 60, bst: 60, cet: 60, cest: 120, met: 60, mest: 120,
  eet: 120, eest: 180, msk: 180, est: -300, edt: -240, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

/**
 * Offset in minutes for `Z`, a known abbreviation, `+hh`, `+hhmm`, `+hh:mm` (also after `UTC`/`GMT`,
 * e.g. `GMT+02:00`), or undefined when the text is not a zone we can trust.
 */
export function zoneOffset(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t.length > 12) return undefined;
  if (t in ZONES) return ZONES[t];
  const numeric = t.startsWith('utc') || t.startsWith('gmt') ? t.slice(3) : t;
  const sign = numeric[0] === '+' ? 1 : numeric[0] === '-' ? -1 : 0;
  if (sign === 0) return undefined;
  const digits = numeric.slice(1).replace(':', '');
  if (!/^\d{2}(\d{2})?$/.test(digits)) return undefined;
  const h = Number(digits.slice(0, 2));
  const m = digits.length === 4 ? Number(digits.slice(2)) : 0;
  return h > 23 || m > 59 ? undefined : sign * (h * 60 + m);
}

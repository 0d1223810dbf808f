// EU member states by ISO 3166-1 alpha-2 code. The EU's own "EL" for Greece is accepted and read as GR.
export const EU_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
];

/** The ISO code of a member state, or null when the text is not one. */
export function memberStateCode(text: string | null | undefined): string | null {
  if (!text) return null;
  const code = text.trim().toUpperCase();
  const iso = code === 'EL' ? 'GR' : code;
  return EU_MEMBER_STATES.includes(iso) ? iso : null;
}

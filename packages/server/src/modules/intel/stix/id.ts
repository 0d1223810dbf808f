// STIX identifiers (specification 2.9): `<object-type>--<UUID>`, the type part equal to the object's
// `type`, the UUID an RFC 4122 UUID (variant bits 10xx).

/** Type names (3.1, 11.2.1): a-z, 0-9 and single hyphens, starting with a letter, 3 to 250 characters. */
const TYPE_NAME = /^[a-z](?:[a-z0-9]|-(?!-)){1,248}[a-z0-9]$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-([0-9a-fA-F])[0-9a-fA-F]{3}-([0-9a-fA-F])[0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

export function isTypeName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 250 && TYPE_NAME.test(value);
}

export interface ParsedId {
  type: string;
  uuid: string;
  /** The UUID version digit (1–8). */
  version: number;
}

/** Splits and checks an identifier; `undefined` when it is not a well-formed STIX identifier. */
export function parseId(value: unknown): ParsedId | undefined {
  if (typeof value !== 'string' || value.length > 290) return undefined;
  const at = value.lastIndexOf('--');
  if (at < 0) return undefined;
  const type = value.slice(0, at);
  const uuid = value.slice(at + 2);
  if (!isTypeName(type)) return undefined;
  const m = UUID.exec(uuid);
  if (!m) return undefined;
  const version = Number.parseInt(m[1] ?? '0', 16);
  const variant = Number.parseInt(m[2] ?? '0', 16);
  // RFC 4122 variant (10xx) and a defined version (1–5 in RFC 4122; 6–8 added by RFC 9562).
  if (variant < 8 || variant > 11 || version < 1 || version > 8) return undefined;
  return { type, uuid, version };
}

/** True for a well-formed STIX identifier (`indicator--<uuid>`). */
export function isStixId(value: unknown): value is string {
  return parseId(value) !== undefined;
}

/** The object type named by an identifier, or `undefined` when the value is not an identifier. */
export function typeOfId(value: unknown): string | undefined {
  return parseId(value)?.type;
}

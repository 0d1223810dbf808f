/** Result of every parser in this folder: parsers never throw on bad input. */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; offset?: number };

/** Size limits shared by the line parsers (syslog, CEF, LEEF). */
export type ParseLimits = {
  /** Longest accepted input, in UTF-16 code units. */
  maxLength?: number;
  /** Most key/value fields (CEF extensions, LEEF attributes, SD-PARAMs). */
  maxFields?: number;
};

export const DEFAULT_MAX_LENGTH = 256 * 1024;
export const DEFAULT_MAX_FIELDS = 1024;

/** ArcSight Common Event Format event (spec rev 25). */
export type CefEvent = {
  version: number;
  deviceVendor: string;
  deviceProduct: string;
  deviceVersion: string;
  signatureId: string;
  name: string;
  /** Severity as sent (header field 7, trimmed). */
  severity: string;
  /** 0-10 when the severity was numeric, or derived from a label (Low 3, Medium 6, High 8, Very-High 10). */
  severityScore?: number;
  /** Extension key/value pairs, unescaped. Null-prototype object. */
  extensions: Record<string, string>;
  /** Custom fields keyed by their label: `cs1Label=Policy cs1=x` gives `{ Policy: 'x' }`. */
  labels: Record<string, string>;
};

/** IBM QRadar Log Event Extended Format event (LEEF 1.0 / 2.0). */
export type LeefEvent = {
  version: string;
  vendor: string;
  product: string;
  productVersion: string;
  eventId: string;
  /** Attribute delimiter actually used (tab unless LEEF 2.0 declared another). */
  delimiter: string;
  /** Null-prototype object. */
  attributes: Record<string, string>;
};

export type SyslogMessage = {
  /** 0-23 */
  facility: number;
  /** 0 (emergency) - 7 (debug) */
  severity: number;
  /** RFC 5424 VERSION; absent for RFC 3164. */
  version?: number;
  timestamp?: Date;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  /** SD-ID -> PARAM-NAME -> value (null-prototype objects). */
  structuredData: Record<string, Record<string, string>>;
  message: string;
  rfc: '5424' | '3164';
  cef?: CefEvent;
  leef?: LeefEvent;
  /** Why a CEF/LEEF-looking message could not be parsed as such (the syslog part still parsed). */
  payloadError?: string;
};

/** Object without a prototype, so keys such as `__proto__` from untrusted input are plain data. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

export function fail(error: string, offset?: number): { ok: false; error: string; offset?: number } {
  return offset === undefined ? { ok: false, error } : { ok: false, error: `${error} (at offset ${offset})`, offset };
}

// Deterministic identifiers for the STIX export of an incident: UUIDv5 names under a namespace, so that
// exporting the same incident again gives the same ids.
import { canonicalJson } from '../../../platform/index.ts';
import { uuidv5 } from '../../intel/index.ts';

/** The namespace STIX 2.1 (2.9) reserves for deterministic SCO ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** This project's namespace for objects that are not tied to one incident (organisations, DISARM ids missing from the catalogue). */
export const BULWARK_NAMESPACE = '6d0b7c5e-3f0a-4d1e-9a57-2b7f1c9e8a41';

export const uuidV5 = uuidv5;

/** Hash preference when one hash names a file (STIX 2.1, 2.9: MD5, SHA-1, SHA-256, SHA-512, then others). */
const PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

/** The id STIX prescribes for an SCO from its ID Contributing Properties (file: one hash; url: value). */
export function scoId(type: 'file' | 'url', props: { hashes?: Record<string, string>; value?: string }): string {
  let name: Record<string, unknown>;
  if (type === 'url') name = { value: props.value };
  else {
    const hashes = props.hashes ?? {};
    const key = PREFERENCE.find((k) => hashes[k] !== undefined) ?? Object.keys(hashes).sort()[0];
    name = key === undefined ? {} : { hashes: { [key]: hashes[key] } };
  }
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonicalJson(name))}`;
}

// Property kinds of the catalogue (the "Type" column of the specification's property tables) and the
// small builders the catalogue files use to write them down.
import type { EnumerationName, OpenVocabularyName } from './vocab.ts';

/** Formats a string property must have. */
export type StringFormat = 'lang' | 'url' | 'ipv4' | 'ipv6' | 'mac' | 'email' | 'relationship-type';

/**
 * Allowed targets of a reference: type names (`identity`), families (`sdo`, `sro`, `sco`, `meta`,
 * `custom`) or `*` for any STIX object (never a bundle).
 */
export type RefTarget = string;

export type Prop =
  | { readonly k: 'string'; readonly format?: StringFormat }
  | { readonly k: 'boolean' }
  | { readonly k: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly k: 'float'; readonly min?: number; readonly max?: number }
  | { readonly k: 'timestamp' }
  | { readonly k: 'ref'; readonly to: readonly RefTarget[] }
  | { readonly k: 'list'; readonly of: Prop }
  | { readonly k: 'open-vocab'; readonly vocab: OpenVocabularyName }
  | { readonly k: 'enum'; readonly vocab: EnumerationName }
  | { readonly k: 'dictionary'; readonly values?: Prop; readonly keys?: 'lang' }
  | { readonly k: 'hashes' }
  | { readonly k: 'hex' }
  | { readonly k: 'binary' }
  | { readonly k: 'struct'; readonly shape: string }
  | { readonly k: 'extensions' }
  | { readonly k: 'either'; readonly options: readonly Prop[] }
  | { readonly k: 'any' };

export type PropKind = Prop['k'];

export const str: Prop = { k: 'string' };
export const bool: Prop = { k: 'boolean' };
export const ts: Prop = { k: 'timestamp' };
export const hashes: Prop = { k: 'hashes' };
export const hex: Prop = { k: 'hex' };
export const bin: Prop = { k: 'binary' };
export const any: Prop = { k: 'any' };
export const strs: Prop = { k: 'list', of: str };
export const int = (min?: number, max?: number): Prop => ({ k: 'integer', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) });
export const float = (min?: number, max?: number): Prop => ({ k: 'float', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) });
export const fmt = (format: StringFormat): Prop => ({ k: 'string', format });
export const ref = (...to: RefTarget[]): Prop => ({ k: 'ref', to });
export const refs = (...to: RefTarget[]): Prop => ({ k: 'list', of: ref(...to) });
export const list = (of: Prop): Prop => ({ k: 'list', of });
export const ov = (vocab: OpenVocabularyName): Prop => ({ k: 'open-vocab', vocab });
export const ovs = (vocab: OpenVocabularyName): Prop => ({ k: 'list', of: ov(vocab) });
export const en = (vocab: EnumerationName): Prop => ({ k: 'enum', vocab });
export const dict = (values?: Prop): Prop => (values ? { k: 'dictionary', values } : { k: 'dictionary' });
export const struct = (shape: string): Prop => ({ k: 'struct', shape });
export const structs = (shape: string): Prop => ({ k: 'list', of: struct(shape) });
export const either = (...options: Prop[]): Prop => ({ k: 'either', options });

/** A nested type (external-reference, kill-chain-phase, an SCO extension, ...). */
export interface ShapeDef {
  readonly props: Readonly<Record<string, Prop>>;
  readonly required?: readonly string[];
  /** At least one of its properties must be present (predefined SCO extensions and several SCOs). */
  readonly atLeastOne?: boolean;
}

/** Which common properties (specification 3.2) apply to a type. */
export type CommonFamily = 'sdo' | 'sro' | 'sco' | 'marking-definition' | 'language-content' | 'extension-definition' | 'bundle';

export interface TypeDef extends ShapeDef {
  readonly type: string;
  readonly kind: 'sdo' | 'sro' | 'sco' | 'meta' | 'bundle';
  readonly common: CommonFamily;
  /** Predefined extensions (SCOs): extension name → shape name. */
  readonly extensions?: Readonly<Record<string, string>>;
  /** SCO "ID Contributing Properties" (specification 3.4), for deterministic ids. */
  readonly idContributing?: readonly string[];
}

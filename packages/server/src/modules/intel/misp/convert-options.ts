// Options and results of the MISP → STIX conversion.
import type { MispProblem } from './problems.ts';

export type StixObject = Record<string, unknown> & { type: string; id: string };

/** Anything that can say which warninglists hold a value (WarningLists does). */
export interface WarningListChecker {
  check(value: string, kind: string): readonly { id: string }[];
}

export interface ConvertOptions {
  /** How an event becomes STIX: always a report (default), always a grouping, or a report once published. */
  eventAs?: 'report' | 'grouping' | 'auto';
  /** Distribution assumed when an event has none (default 0, your organisation only). */
  defaultDistribution?: 0 | 1 | 2 | 3;
  /** The widest distribution any converted object may have (a feed's own setting), e.g. 1 for "this community". */
  maxDistribution?: 0 | 1 | 2 | 3;
  /** Tags added to every event (a feed's default tag, e.g. `tlp:green`). */
  defaultTags?: readonly string[];
  /** Flags indicators whose values are on a warninglist (`x_bulwark_warninglists`). */
  warninglists?: WarningListChecker;
  /** Include the OASIS TLP 2.0 marking-definition objects that the output references (default true). */
  includeMarkingDefinitions?: boolean;
}

export type UnmappedReason =
  | 'unknown-type' // no mapping for the attribute type
  | 'invalid-value' // the type is mapped but the value does not parse
  | 'no-observable' // not for detection (to_ids false) and the type has no SCO form
  | 'object-relation' // an object attribute outside its template's mapping
  | 'unknown-template' // an object template without a combined mapping (its attributes were converted one by one)
  | 'payload'; // a base64 payload (malware-sample, attachment) that is not imported

export interface UnmappedItem {
  /** The MISP attribute (or object) UUID. */
  uuid: string;
  /** Attribute type (or object template name for `unknown-template`). */
  type: string;
  reason: UnmappedReason;
  /** How it was kept: a note, a custom property on another object, or its attributes converted one by one. */
  keptAs: 'note' | 'property' | 'attributes' | 'dropped';
  /** The STIX object holding it. */
  stixId?: string;
  path: string;
}

export interface ConvertResult {
  /** The report (or grouping) first, then everything it refers to. */
  objects: StixObject[];
  /** Id of the report or grouping that stands for the event. */
  eventObjectId: string;
  problems: MispProblem[];
  unmapped: UnmappedItem[];
}

// All the valid examples, by type, for the tests of this folder and of other folders.
import { IDS, META_EXAMPLES, SDO_EXAMPLES as SDO_BASE, SRO_EXAMPLES } from './examples-sdo.ts';
import { SCO_EXAMPLES } from './examples-sco.ts';

const scoId = (type: string): string => String(SCO_EXAMPLES[type]?.id);

const SDO_EXAMPLES: Record<string, Record<string, unknown>> = {
  ...SDO_BASE,
  'observed-data': {
    type: 'observed-data', id: IDS.observedData, spec_version: '2.1', created: '2025-03-04T08:15:00.000Z', modified: '2025-03-04T08:15:00.000Z',
    created_by_ref: IDS.csirt, first_observed: '2025-03-04T07:02:00Z', last_observed: '2025-03-04T07:02:05Z', number_observed: 1,
    object_refs: [scoId('ipv4-addr'), scoId('domain-name'), scoId('network-traffic')],
  },
};

export { CUSTOM_EXAMPLE, IDS, TLP1_GREEN } from './examples-sdo.ts';
export { MORE_SCOS } from './examples-sco.ts';
export { META_EXAMPLES, SCO_EXAMPLES, SDO_EXAMPLES, SRO_EXAMPLES };

export const EXAMPLES: Readonly<Record<string, Record<string, unknown>>> = { ...SDO_EXAMPLES, ...SRO_EXAMPLES, ...SCO_EXAMPLES, ...META_EXAMPLES };

/** A deep copy of the example of a type, to mutate in a test. */
export function example(type: string): Record<string, unknown> {
  const found = EXAMPLES[type];
  if (!found) throw new Error(`no example for ${type}`);
  return structuredClone(found);
}

// Which sector each `nis2` subsector belongs to. The taxonomy lists sectors and subsectors as separate
// predicates without linking them; this follows Annexes I and II of Directive (EU) 2022/2555.
const IMPACTED = 'nis2:impact-sectors-impacted';
const IMPORTANT = 'nis2:important-entities';

const SUBSECTOR_SECTORS: Record<string, readonly string[]> = {
  'nis2:impact-subsectors-impacted="electricity"': [`${IMPACTED}="energy"`],
  'nis2:impact-subsectors-impacted="district-heating-and-cooling"': [`${IMPACTED}="energy"`],
  'nis2:impact-subsectors-impacted="oil"': [`${IMPACTED}="energy"`],
  'nis2:impact-subsectors-impacted="gas"': [`${IMPACTED}="energy"`],
  'nis2:impact-subsectors-impacted="hydrogen"': [`${IMPACTED}="energy"`],
  'nis2:impact-subsectors-impacted="air"': [`${IMPACTED}="transport"`],
  'nis2:impact-subsectors-impacted="rail"': [`${IMPACTED}="transport"`],
  'nis2:impact-subsectors-impacted="water"': [`${IMPACTED}="transport"`],
  'nis2:impact-subsectors-impacted="road"': [`${IMPACTED}="transport"`],
  'nis2:impact-subsectors-impacted="banking-subsector"': [`${IMPACTED}="banking"`],
  'nis2:impact-subsectors-impacted="financial-subsector"': [`${IMPACTED}="financial"`],
  'nis2:impact-subsectors-impacted="health-subsector"': [`${IMPACTED}="health"`],
  'nis2:impact-subsectors-impacted="drinking-water-subsector"': [`${IMPACTED}="drinking-water"`],
  'nis2:impact-subsectors-impacted="waste-water-subsector"': [`${IMPACTED}="waste-water"`],
  'nis2:impact-subsectors-impacted="digital-infrastructure-subsector"': [`${IMPACTED}="digital-infrastructure"`],
  'nis2:impact-subsectors-impacted="ict-management-subsector"': [`${IMPACTED}="ict-services"`],
  'nis2:impact-subsectors-impacted="public-administration-subsector"': [`${IMPACTED}="public-administration"`],
  'nis2:impact-subsectors-impacted="space-subsector"': [`${IMPACTED}="space"`],
  'nis2:impact-subsectors-impacted="courier-subsector"': [`${IMPACTED}="courier"`, `${IMPORTANT}="postal"`],
  'nis2:impact-subsectors-impacted="waste-management-subsector"': [`${IMPACTED}="waste-management"`, `${IMPORTANT}="waste"`],
  'nis2:impact-subsectors-impacted="chemical-subsector"': [`${IMPACTED}="chemical"`, `${IMPORTANT}="chemicals"`],
  'nis2:impact-subsectors-impacted="food-subsector"': [`${IMPACTED}="food"`],
  'nis2:impact-subsectors-impacted="medical-devices-subsector"': [`${IMPACTED}="manufacturing"`, `${IMPORTANT}="manufacturing"`],
  'nis2:impact-subsectors-impacted="electronic-optical-subsector"': [`${IMPACTED}="manufacturing"`, `${IMPORTANT}="manufacturing"`],
  'nis2:impact-subsectors-impacted="electrical-equipment-subsector"': [`${IMPACTED}="manufacturing"`, `${IMPORTANT}="manufacturing"`],
  'nis2:impact-subsectors-impacted="machine-tool-subsector"': [`${IMPACTED}="manufacturing"`, `${IMPORTANT}="manufacturing"`],
  'nis2:impact-subsectors-impacted="vehicle-manufacturing-subsector"': [`${IMPACTED}="manufacturing"`, `${IMPORTANT}="manufacturing"`],
  'nis2:impact-subsectors-impacted="other-transport-equipment-subsector"': [`${IMPACTED}="manufacturing"`, `${IMPORTANT}="manufacturing"`],
  'nis2:impact-subsectors-impacted="digital-providers-subsector"': [`${IMPACTED}="digital-providers"`, `${IMPORTANT}="digital"`],
  'nis2:impact-subsectors-impacted="research-subsector"': [`${IMPACTED}="research"`],
  'nis2:impact-subsectors-important-entities="medical-devices-manufacturing"': [`${IMPORTANT}="manufacturing"`, `${IMPACTED}="manufacturing"`],
  'nis2:impact-subsectors-important-entities="computer-manufacturing"': [`${IMPORTANT}="manufacturing"`, `${IMPACTED}="manufacturing"`],
  'nis2:impact-subsectors-important-entities="electrical-equipment-manufacturing"': [`${IMPORTANT}="manufacturing"`, `${IMPACTED}="manufacturing"`],
  'nis2:impact-subsectors-important-entities="machinery-equipment-manufacturing"': [`${IMPORTANT}="manufacturing"`, `${IMPACTED}="manufacturing"`],
  'nis2:impact-subsectors-important-entities="vehicles-trailers-manufacturing"': [`${IMPORTANT}="manufacturing"`, `${IMPACTED}="manufacturing"`],
  'nis2:impact-subsectors-important-entities="other-transport-manufacturing"': [`${IMPORTANT}="manufacturing"`, `${IMPACTED}="manufacturing"`],
};

/** The sectors a subsector tag belongs to; undefined for a tag not listed. */
export function sectorsOfSubsector(subsectorTag: string): readonly string[] | undefined {
  return SUBSECTOR_SECTORS[subsectorTag];
}

/** Every subsector → sector pair listed (checked against the nis2 taxonomy in tests). */
export function subsectorSectorPairs(): [string, string][] {
  return Object.entries(SUBSECTOR_SECTORS).flatMap(([sub, sectors]) => sectors.map((s): [string, string] => [sub, s]));
}

// The MISP core format as this library reads it (draft-dulaunoy-misp-core-format): normalised types,
// numbers as numbers, booleans as booleans, UUIDs lower-cased. Unknown keys are ignored.

/** 0 your organisation only, 1 this community, 2 connected communities, 3 all, 4 a sharing group, 5 inherit. */
export type MispDistribution = 0 | 1 | 2 | 3 | 4 | 5;

export interface MispSharingGroup {
  uuid: string;
  name?: string;
}

export interface MispOrg {
  uuid?: string;
  name: string;
}

export interface MispTag {
  name: string;
  colour?: string;
  /** A local tag is not meant to leave the instance that set it. */
  local?: boolean;
}

export interface MispGalaxyCluster {
  uuid?: string;
  value: string;
  type?: string;
  tagName?: string;
  description?: string;
  meta: Record<string, unknown>;
}

export interface MispGalaxy {
  uuid?: string;
  name?: string;
  /** e.g. `threat-actor`, `mitre-attack-pattern`. */
  type: string;
  namespace?: string;
  clusters: MispGalaxyCluster[];
}

export interface MispAttribute {
  uuid: string;
  type: string;
  category?: string;
  value: string;
  toIds: boolean;
  comment?: string;
  /** Seconds since the epoch of the last change. */
  timestamp?: number;
  distribution?: MispDistribution;
  sharingGroup?: MispSharingGroup;
  /** `sharing_group_id` as given, for reporting when the group itself is absent. */
  sharingGroupId?: string;
  deleted: boolean;
  objectRelation?: string;
  firstSeen?: string;
  lastSeen?: string;
  /** Base64 payload (malware-sample, attachment); never converted, only reported. */
  hasData: boolean;
  tags: MispTag[];
  galaxies: MispGalaxy[];
  /** JSON path of the attribute inside its file, for problems found later. */
  path: string;
}

export interface MispObjectReference {
  uuid?: string;
  referencedUuid: string;
  relationshipType: string;
  comment?: string;
}

export interface MispObject {
  uuid: string;
  /** The object template name, e.g. `file`, `domain-ip`. */
  name: string;
  metaCategory?: string;
  templateUuid?: string;
  comment?: string;
  timestamp?: number;
  distribution?: MispDistribution;
  sharingGroup?: MispSharingGroup;
  sharingGroupId?: string;
  deleted: boolean;
  firstSeen?: string;
  lastSeen?: string;
  attributes: MispAttribute[];
  references: MispObjectReference[];
  path: string;
}

export interface MispEventReport {
  uuid: string;
  name: string;
  content: string;
  timestamp?: number;
  distribution?: MispDistribution;
  sharingGroup?: MispSharingGroup;
  sharingGroupId?: string;
  deleted: boolean;
}

export interface MispEvent {
  uuid: string;
  info: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  /** 1 high, 2 medium, 3 low, 4 undefined. */
  threatLevelId?: number;
  /** 0 initial, 1 ongoing, 2 completed. */
  analysis?: number;
  published: boolean;
  timestamp?: number;
  publishTimestamp?: number;
  distribution?: MispDistribution;
  sharingGroup?: MispSharingGroup;
  sharingGroupId?: string;
  orgc?: MispOrg;
  tags: MispTag[];
  galaxies: MispGalaxy[];
  attributes: MispAttribute[];
  objects: MispObject[];
  reports: MispEventReport[];
}

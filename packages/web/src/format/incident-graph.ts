// The related-entities graph of an incident, laid out for a plain SVG: the incident in the centre, its
// hosts, users, addresses, indicators and the rules of its alerts in sectors around it on up to three
// rings (so ~50 nodes keep their labels apart), spokes from the incident, and an edge from a rule to
// each entity its alerts name. Spokes of one sector share one visible label; every edge keeps its
// label for the tooltip. Labels are untrusted text and are only ever rendered as SVG text.
import type { Alert, Incident } from '@bulwark/contracts';

export type NodeKind = 'incident' | 'host' | 'user' | 'ip' | 'indicator' | 'rule';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  /** Where the label sits relative to the node. */
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly showLabel: boolean;
}

export interface Graph {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Entities left out per kind when there were more than fit. */
  readonly omitted: Readonly<Partial<Record<NodeKind, number>>>;
}

export const MAX_PER_KIND = 10;
const WIDTH = 1000;
const HEIGHT = 760;
const RINGS = [170, 250, 330] as const;
const MAX_LABELED_RULE_EDGES = 15;

const SECTORS: readonly Exclude<NodeKind, 'incident'>[] = ['host', 'user', 'ip', 'indicator', 'rule'];

export const NODE_KIND_LABEL: Readonly<Record<NodeKind, string>> = {
  incident: 'Incident', host: 'Host', user: 'User', ip: 'IP address', indicator: 'Indicator', rule: 'Rule',
};

const SPOKE_LABEL: Readonly<Record<Exclude<NodeKind, 'incident'>, string>> = {
  host: 'affects host', user: 'involves user', ip: 'involves address', indicator: 'matched indicator', rule: 'raised by',
};

// The alert fields detectors use for hosts, users and addresses (the server reads the same ones).
const FIELD_KINDS: ReadonlyArray<readonly [Exclude<NodeKind, 'incident' | 'rule'>, readonly string[], string]> = [
  ['host', ['Computer', 'ComputerName', 'Hostname', 'hostname', 'host', 'host.name', 'Workstation', 'WorkstationName'], 'seen on'],
  ['user', ['User', 'user', 'TargetUserName', 'SubjectUserName', 'user.name', 'AccountName'], 'by user'],
  ['ip', ['IpAddress', 'SourceIp', 'SourceAddress', 'src_ip', 'source.ip', 'ClientAddress', 'DestinationIp', 'DestAddress', 'dst_ip', 'destination.ip'], 'address'],
  ['indicator', ['indicator'], 'matched'],
];

export function ruleKey(a: Pick<Alert, 'detector' | 'ruleId'>): string {
  return `${a.detector}:${a.ruleId}`;
}

const nodeId = (kind: NodeKind, value: string) => `${kind}:${value}`;

function sectorAngles(counts: readonly number[]): Array<[number, number]> {
  const weights = counts.map((c) => (c === 0 ? 0 : Math.max(c, 2)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let start = -Math.PI / 2 - (Math.PI * weights[0]!) / total;
  return weights.map((w) => {
    const span = (2 * Math.PI * w) / total;
    const range: [number, number] = [start, start + span];
    start += span;
    return range;
  });
}

function anchorAt(angle: number): GraphNode['anchor'] {
  const c = Math.cos(angle);
  return c > 0.35 ? 'start' : c < -0.35 ? 'end' : 'middle';
}

export function buildGraph(incident: Pick<Incident, 'number' | 'title' | 'entities'>, alerts: readonly Alert[]): Graph {
  const rules = new Map<string, string>();
  for (const a of alerts) if (!rules.has(ruleKey(a))) rules.set(ruleKey(a), a.ruleId);
  const values: Record<Exclude<NodeKind, 'incident'>, string[]> = {
    host: incident.entities.hosts, user: incident.entities.users, ip: incident.entities.ips, indicator: incident.entities.indicators, rule: [...rules.keys()],
  };
  const omitted: Partial<Record<NodeKind, number>> = {};
  const kept = SECTORS.map((k) => {
    const list = [...new Set(values[k])];
    if (list.length > MAX_PER_KIND) omitted[k] = list.length - MAX_PER_KIND;
    return list.slice(0, MAX_PER_KIND);
  });
  const cx = WIDTH / 2;
  const cy = HEIGHT / 2;
  const nodes: GraphNode[] = [{ id: 'incident', kind: 'incident', label: `INC-${incident.number}`, x: cx, y: cy, anchor: 'middle' }];
  const edges: GraphEdge[] = [];
  const angles = sectorAngles(kept.map((l) => l.length));
  // Rings count on across sectors, so neighbours on either side of a sector border differ in ring too.
  let ring = 0;
  SECTORS.forEach((kind, s) => {
    const list = kept[s]!;
    const [a0, a1] = angles[s]!;
    list.forEach((value, j) => {
      const angle = a0 + ((j + 0.5) * (a1 - a0)) / list.length;
      const r = list.length > 3 ? RINGS[ring++ % RINGS.length]! : RINGS[1];
      const id = nodeId(kind, value);
      nodes.push({ id, kind, label: kind === 'rule' ? (rules.get(value) ?? value) : value, x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle), anchor: anchorAt(angle) });
      edges.push({ from: 'incident', to: id, label: SPOKE_LABEL[kind], showLabel: j === Math.floor((list.length - 1) / 2) });
    });
  });
  const present = new Set(nodes.map((n) => n.id));
  const ruleEdges = new Map<string, GraphEdge>();
  for (const a of alerts) {
    const from = nodeId('rule', ruleKey(a));
    if (!present.has(from)) continue;
    for (const [kind, names, label] of FIELD_KINDS) {
      for (const f of names) {
        const v = a.fields?.[f];
        if (typeof v !== 'string' && typeof v !== 'number') continue;
        const to = nodeId(kind, String(v).trim());
        if (present.has(to) && !ruleEdges.has(`${from}\n${to}`)) ruleEdges.set(`${from}\n${to}`, { from, to, label, showLabel: false });
      }
    }
  }
  const showRuleLabels = ruleEdges.size <= MAX_LABELED_RULE_EDGES;
  for (const e of ruleEdges.values()) edges.push({ ...e, showLabel: showRuleLabels });
  return { width: WIDTH, height: HEIGHT, nodes, edges, omitted };
}

/** A label cut to fit beside a node (the whole text goes in the node's tooltip). */
export function shortLabel(s: string, max = 22): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

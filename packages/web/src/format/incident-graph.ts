// The related-entities graph of an incident, laid out for a plain SVG: the incident in the centre, its
// hosts, users, addresses, indicators and the rules of its alerts in sectors on one ring around it
// (the ring grows with the node count so neighbours stay ~45 px apart), spokes from the incident, and an
// edge from a rule to each entity its alerts name. Labels point away from the centre: level beside
// nodes on the left and right, turned along the radius above and below, so up to ~50 labels do not
// collide. Spokes of one sector share one visible label; every edge keeps its label for the tooltip.
// Labels are untrusted text and are only ever rendered as SVG text.
import type { Alert, Incident } from '@bulwark/contracts';

export type NodeKind = 'incident' | 'host' | 'user' | 'ip' | 'indicator' | 'rule';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  /** Radians from the centre (0: right, clockwise as SVG's y points down). */
  readonly angle: number;
}

export interface LabelPlacement {
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'end';
  /** Degrees to turn the label about (x, y). */
  readonly rotate: number;
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
const SPACING = 46;
const MIN_RADIUS = 150;
const MAX_RADIUS = 340;
/** Room for a label of 22 characters beyond the ring. */
const LABEL_ROOM = 160;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A rule by its id, or by its alert's title when the id is a bare UUID (as Sigma ids are). */
export function ruleLabel(a: Pick<Alert, 'ruleId' | 'title'>): string {
  return UUID.test(a.ruleId) && a.title ? a.title : a.ruleId;
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

/** Level labels where neighbours on the ring are mostly above one another; radial ones elsewhere. */
export function labelPlacement(n: Pick<GraphNode, 'x' | 'y' | 'angle'>, gap = 14): LabelPlacement {
  const c = Math.cos(n.angle);
  const sn = Math.sin(n.angle);
  const x = n.x + gap * c;
  const y = n.y + gap * sn;
  if (Math.abs(sn) <= 0.5) return { x, y, anchor: c >= 0 ? 'start' : 'end', rotate: 0 };
  const deg = (n.angle * 180) / Math.PI;
  return c >= 0 ? { x, y, anchor: 'start', rotate: deg } : { x, y, anchor: 'end', rotate: deg + 180 };
}

export function buildGraph(incident: Pick<Incident, 'number' | 'title' | 'entities'>, alerts: readonly Alert[]): Graph {
  const rules = new Map<string, string>();
  for (const a of alerts) if (!rules.has(ruleKey(a))) rules.set(ruleKey(a), ruleLabel(a));
  const values: Record<Exclude<NodeKind, 'incident'>, string[]> = {
    host: incident.entities.hosts, user: incident.entities.users, ip: incident.entities.ips, indicator: incident.entities.indicators, rule: [...rules.keys()],
  };
  const omitted: Partial<Record<NodeKind, number>> = {};
  const kept = SECTORS.map((k) => {
    const list = [...new Set(values[k])];
    if (list.length > MAX_PER_KIND) omitted[k] = list.length - MAX_PER_KIND;
    return list.slice(0, MAX_PER_KIND);
  });
  const total = kept.reduce((a, l) => a + l.length, 0);
  const radius = Math.min(MAX_RADIUS, Math.max(MIN_RADIUS, (total * SPACING) / (2 * Math.PI)));
  const size = 2 * (radius + LABEL_ROOM);
  const cx = size / 2;
  const cy = size / 2;
  const nodes: GraphNode[] = [{ id: 'incident', kind: 'incident', label: `INC-${incident.number}`, x: cx, y: cy, angle: 0 }];
  const edges: GraphEdge[] = [];
  const angles = sectorAngles(kept.map((l) => l.length));
  SECTORS.forEach((kind, s) => {
    const list = kept[s]!;
    const [a0, a1] = angles[s]!;
    list.forEach((value, j) => {
      const angle = a0 + ((j + 0.5) * (a1 - a0)) / list.length;
      const id = nodeId(kind, value);
      nodes.push({ id, kind, label: kind === 'rule' ? (rules.get(value) ?? value) : value, x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle), angle });
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
  return { width: size, height: size, nodes, edges, omitted };
}

/** A label cut to fit beside a node (the whole text goes in the node's tooltip). */
export function shortLabel(s: string, max = 22): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// The related-entities graph drawn as SVG from the laid-out graph: the incident in the centre, entities
// and rules around it, labelled edges. Labels are SVG text (never markup); full values are in tooltips.
import { useMemo } from 'react';
import { Text } from '@mantine/core';
import type { Alert, Incident } from '@bulwark/contracts';
import { NODE_KIND_LABEL, buildGraph, labelPlacement, shortLabel, type GraphNode, type NodeKind } from '../../format/incident-graph.ts';

const NODE_COLOR: Readonly<Record<NodeKind, string>> = {
  incident: 'var(--mantine-color-red-8)', host: 'var(--mantine-color-blue-7)', user: 'var(--mantine-color-teal-8)',
  ip: 'var(--mantine-color-grape-7)', indicator: 'var(--mantine-color-orange-8)', rule: 'var(--mantine-color-gray-7)',
};

const HALO = { paintOrder: 'stroke', stroke: 'var(--mantine-color-body)', strokeWidth: 4, strokeLinejoin: 'round' } as const;

function NodeShape({ n }: { n: GraphNode }) {
  const fill = NODE_COLOR[n.kind];
  if (n.kind === 'incident') return <circle cx={n.x} cy={n.y} r={30} fill={fill} />;
  if (n.kind === 'rule') return <rect x={n.x - 9} y={n.y - 9} width={18} height={18} fill={fill} />;
  if (n.kind === 'indicator') return <polygon points={`${n.x},${n.y - 11} ${n.x + 11},${n.y} ${n.x},${n.y + 11} ${n.x - 11},${n.y}`} fill={fill} />;
  return <circle cx={n.x} cy={n.y} r={10} fill={fill} />;
}

export function EntityGraph({ incident, alerts }: { incident: Incident; alerts: readonly Alert[] }) {
  const g = useMemo(() => buildGraph(incident, alerts), [incident, alerts]);
  const at = new Map(g.nodes.map((n) => [n.id, n]));
  const omitted = Object.entries(g.omitted).map(([k, v]) => `${v} more ${NODE_KIND_LABEL[k as NodeKind].toLowerCase()}${v === 1 ? '' : 's'}`);
  const counts = (['host', 'user', 'ip', 'indicator', 'rule'] as const).map((k) => `${g.nodes.filter((n) => n.kind === k).length} ${NODE_KIND_LABEL[k].toLowerCase()}s`);
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} width={g.width} style={{ maxWidth: '100%', height: 'auto', fontFamily: 'var(--mantine-font-family)' }} role="img"
        aria-label={`Entities related to INC-${incident.number}: ${counts.join(', ')}`} data-testid="entity-graph">
        <g stroke="var(--mantine-color-gray-5)" strokeWidth={1.2}>
          {g.edges.map((e) => {
            const a = at.get(e.from)!;
            const b = at.get(e.to)!;
            return (
              <line key={`${e.from}>${e.to}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} strokeDasharray={e.from === 'incident' ? undefined : '4 3'} data-edge={e.label}>
                <title>{`${a.label} — ${e.label} — ${b.label}`}</title>
              </line>
            );
          })}
        </g>
        <g fontSize={10} fill="var(--mantine-color-dimmed)" textAnchor="middle">
          {g.edges.filter((e) => e.showLabel).map((e) => {
            const a = at.get(e.from)!;
            const b = at.get(e.to)!;
            // Spoke labels just past the middle; a rule's edge labels near the rule, where its edges fan out.
            const t = e.from === 'incident' ? 0.55 : 0.3;
            return <text key={`l:${e.from}>${e.to}`} x={a.x + (b.x - a.x) * t} y={a.y + (b.y - a.y) * t} style={HALO}>{e.label}</text>;
          })}
        </g>
        {g.nodes.map((n) => {
          const p = labelPlacement(n);
          return (
            <g key={n.id} data-node={n.kind}>
              <title>{`${NODE_KIND_LABEL[n.kind]}: ${n.label}`}</title>
              <NodeShape n={n} />
              {n.kind === 'incident'
                ? <text x={n.x} y={n.y + 4} fontSize={11} fontWeight={700} fill="white" textAnchor="middle">{n.label}</text>
                : <text x={p.x} y={p.y} fontSize={11} textAnchor={p.anchor} dominantBaseline="central" transform={p.rotate ? `rotate(${p.rotate.toFixed(1)} ${p.x.toFixed(1)} ${p.y.toFixed(1)})` : undefined}
                    fill="var(--mantine-color-text)" style={HALO}>{shortLabel(n.label)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <Text size="xs" c="dimmed">
          Circles: hosts (blue), users (green), IP addresses (purple); diamonds: indicators; squares: rules of the alerts. Dashed: a rule's alerts name that entity.
          {omitted.length > 0 && ` Not drawn: ${omitted.join(', ')} (listed below).`}
        </Text>
      </figcaption>
    </figure>
  );
}

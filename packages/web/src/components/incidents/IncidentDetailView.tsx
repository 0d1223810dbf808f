// One incident: its header (title, severity, status, owner, NIS2) and controls, then the timeline with
// a note box, the alerts, the related entities, the links, the playbook runs and (when reportable) NIS2.
import { Anchor, Group, Stack, Tabs, Text } from '@mantine/core';
import { useIncident } from '../../api/useIncidents.ts';
import type { OwnerContext } from '../../format/incident.ts';
import { formatTime } from '../../format/time.ts';
import { incidentHref } from '../../shell/incident-routes.ts';
import { usePageState } from '../../state/usePageState.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { SeverityBadge } from '../SeverityBadge.tsx';
import { EntitiesPanel } from './EntitiesPanel.tsx';
import { IncidentAlerts } from './IncidentAlerts.tsx';
import { IncidentControls } from './IncidentControls.tsx';
import { IncidentLinks } from './IncidentLinks.tsx';
import { IncidentStatusBadge } from './IncidentStatusBadge.tsx';
import { IncidentTitle } from './IncidentTitle.tsx';
import { Nis2Panel } from './Nis2Panel.tsx';
import { NoteForm } from './NoteForm.tsx';
import { PlaybookRunsList } from './PlaybookRunsList.tsx';
import { TacticChips } from './TacticChips.tsx';
import { TimelineList } from './TimelineList.tsx';

interface Props {
  readonly id: string;
  readonly owners: OwnerContext;
  readonly canWrite: boolean;
  readonly canApprove: boolean;
}

export function IncidentDetailView({ id, owners, canWrite, canApprove }: Props) {
  const q = useIncident(id);
  const [tab, setTab] = usePageState('incidents.detail.tab', 'timeline');
  if (q.isPending) return <Text c="dimmed">Loading the incident…</Text>;
  if (!q.data) return <ErrorNotice error={q.error} title="Could not load the incident" />;
  const { incident: i, alerts, timeline } = q.data;
  return (
    <Stack gap="md" data-incident-detail={i.id}>
      <Anchor href={incidentHref.queue()} size="sm">← Back to the queue</Anchor>
      <ErrorNotice error={q.error} title="Could not refresh the incident" />
      <Stack gap={4}>
        <IncidentTitle incident={i} canWrite={canWrite} />
        <Group gap="sm" wrap="wrap">
          <SeverityBadge severity={i.severity} />
          <IncidentStatusBadge status={i.status} />
          <Text size="sm">{i.alertCount} alert{i.alertCount === 1 ? '' : 's'}</Text>
          {i.firstAlertAt && <Text size="sm" c="dimmed">first <span className="mono">{formatTime(i.firstAlertAt)}</span>, last <span className="mono">{formatTime(i.lastAlertAt ?? i.firstAlertAt)}</span></Text>}
          {i.groupKey && <Text size="sm" c="dimmed" title="The grouping key the incident was opened for">grouped by <span className="mono">{i.groupKey}</span></Text>}
        </Group>
        <TacticChips tactics={i.tactics} />
        {i.status === 'merged' && i.mergedInto && (
          <Text size="sm" role="status">This incident was merged; <Anchor href={incidentHref.incident(i.mergedInto)}>open the incident it was merged into</Anchor>.</Text>
        )}
      </Stack>
      <IncidentControls incident={i} owners={owners} canWrite={canWrite} />
      <Tabs value={tab === 'nis2' && !i.reportable ? 'timeline' : tab} onChange={(t) => t && setTab(t)} keepMounted={false}>
        <Tabs.List aria-label="Incident views">
          <Tabs.Tab value="timeline">Timeline ({timeline.length})</Tabs.Tab>
          <Tabs.Tab value="alerts">Alerts ({alerts.length})</Tabs.Tab>
          <Tabs.Tab value="entities">Entities</Tabs.Tab>
          <Tabs.Tab value="links">Links ({i.links.length})</Tabs.Tab>
          <Tabs.Tab value="playbooks">Playbooks</Tabs.Tab>
          {i.reportable && <Tabs.Tab value="nis2">NIS2</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="timeline" pt="md">
          <Stack gap="md">
            <TimelineList entries={timeline} owners={owners} />
            {canWrite && <NoteForm incidentId={i.id} />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="alerts" pt="md"><IncidentAlerts key={i.id} incident={i} alerts={alerts} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="entities" pt="md"><EntitiesPanel incident={i} alerts={alerts} canBlock={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="links" pt="md"><IncidentLinks incident={i} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="playbooks" pt="md"><PlaybookRunsList incidentId={i.id} canApprove={canApprove} /></Tabs.Panel>
        {i.reportable && <Tabs.Panel value="nis2" pt="md"><Nis2Panel incidentId={i.id} canWrite={canWrite} /></Tabs.Panel>}
      </Tabs>
    </Stack>
  );
}

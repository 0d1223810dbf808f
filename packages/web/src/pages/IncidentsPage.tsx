// Incidents: the queue of alerts grouped into incidents, one incident in detail (#/incidents/<id>),
// the block list firewalls fetch, how alerts are grouped, playbooks and their runs, and the NIS2 entity
// profile. Titles, notes, entity values, links and
// block-list reasons are untrusted text, shown plain.
import { useMemo } from 'react';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { SessionInfo } from '@bulwark/contracts';
import { useOrgUsers } from '../api/useOrgUsers.ts';
import { BlocklistTab } from '../components/incidents/BlocklistTab.tsx';
import { GroupingSettingsForm } from '../components/incidents/GroupingSettingsForm.tsx';
import { IncidentDetailView } from '../components/incidents/IncidentDetailView.tsx';
import { IncidentQueue } from '../components/incidents/IncidentQueue.tsx';
import { Nis2ProfileForm } from '../components/incidents/Nis2ProfileForm.tsx';
import { PlaybookRunsList } from '../components/incidents/PlaybookRunsList.tsx';
import { PlaybooksTab } from '../components/incidents/PlaybooksTab.tsx';
import type { OwnerContext } from '../format/incident.ts';
import { incidentHref, incidentTab, incidentViewFromDetail, type IncidentTab } from '../shell/incident-routes.ts';
import { useHashDetail } from '../shell/useHashDetail.ts';

export function IncidentsPage({ session }: { session: SessionInfo }) {
  const [detail] = useHashDetail('incidents');
  const view = incidentViewFromDetail(detail);
  const perms = session.permissions;
  const canWrite = perms.includes('incidents:write');
  const canApprove = perms.includes('playbooks:approve');
  const users = useOrgUsers(perms.includes('users:read'));
  const owners: OwnerContext = useMemo(() => ({
    userId: session.user.id,
    names: new Map((users.data ?? []).map((u) => [u.id, u.displayName || u.email])),
  }), [session.user.id, users.data]);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Incidents</Title>
        <Text size="sm" c="dimmed">Alerts grouped into incidents by host, user or address; work them from new to closed, flag those reportable under NIS2, and block what attacked.</Text>
        {!canWrite && <Text size="sm" c="dimmed">Your role may read incidents but not change them.</Text>}
      </Stack>
      <Tabs value={incidentTab(view)} onChange={(t) => { if (t) window.location.hash = incidentHref.tab(t as IncidentTab); }} keepMounted={false}>
        <Tabs.List aria-label="Incident views">
          <Tabs.Tab value="queue">Queue</Tabs.Tab>
          {perms.includes('blocklist:read') && <Tabs.Tab value="blocklist">Block list</Tabs.Tab>}
          <Tabs.Tab value="grouping">Grouping</Tabs.Tab>
          <Tabs.Tab value="playbooks">Playbooks</Tabs.Tab>
          <Tabs.Tab value="runs">Playbook runs</Tabs.Tab>
          <Tabs.Tab value="nis2-profile">NIS2 profile</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          {view.view === 'queue' && <IncidentQueue owners={owners} canWrite={canWrite} />}
          {view.view === 'incident' && <IncidentDetailView key={view.incidentId} id={view.incidentId} owners={owners} canWrite={canWrite} canApprove={canApprove} />}
        </Tabs.Panel>
        <Tabs.Panel value="blocklist" pt="md"><BlocklistTab canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="grouping" pt="md"><GroupingSettingsForm canEdit={perms.includes('playbooks:write')} /></Tabs.Panel>
        <Tabs.Panel value="playbooks" pt="md"><PlaybooksTab canWrite={perms.includes('playbooks:write')} /></Tabs.Panel>
        <Tabs.Panel value="runs" pt="md"><PlaybookRunsList canApprove={canApprove} /></Tabs.Panel>
        <Tabs.Panel value="nis2-profile" pt="md"><Nis2ProfileForm canEdit={perms.includes('playbooks:write')} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

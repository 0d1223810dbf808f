// Media: check a file or URL against the hash banks (verdict, evidence, provenance; add it to a bank),
// manage the organisation's hash banks and their entries, see what others share with us, and record
// disinformation incidents (DISARM techniques named from the imported catalogue). Views are
// addressed by #/media/<view>[/<id>] so reloads and links keep them. All file names, narratives, URLs
// and provenance strings are untrusted text, shown plain.
import { useMemo } from 'react';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { MediaCheck, SessionInfo } from '@bulwark/contracts';
import { useMediaEntry } from '../api/useMediaBanks.ts';
import { useMediaCheck } from '../api/useMediaChecks.ts';
import { useDisarm } from '../api/useMediaIncidents.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { BankDetail } from '../components/media/BankDetail.tsx';
import { BanksSection } from '../components/media/BanksSection.tsx';
import { CheckDropZone } from '../components/media/CheckDropZone.tsx';
import { CheckResult } from '../components/media/CheckResult.tsx';
import { DisarmSource } from '../components/media/DisarmSource.tsx';
import { EntryDrawer } from '../components/media/EntryDrawer.tsx';
import { IncidentDetail } from '../components/media/IncidentDetail.tsx';
import { INCIDENT_DRAFT_KEY, IncidentForm } from '../components/media/IncidentForm.tsx';
import { IncidentsSection } from '../components/media/IncidentsSection.tsx';
import { RecentChecks } from '../components/media/RecentChecks.tsx';
import { SharedEntries } from '../components/media/SharedEntries.tsx';
import { mediaHref, mediaTab, mediaViewFromDetail, type MediaTab } from '../shell/media-routes.ts';
import { useHashDetail } from '../shell/useHashDetail.ts';
import { usePageState } from '../state/usePageState.ts';
import type { IncidentValues } from '../format/media-incident.ts';

interface Ctx {
  readonly canWrite: boolean;
  readonly userId: string;
  readonly disarmNames?: ReadonlyMap<string, string>;
}

function go(href: string): void {
  window.location.hash = href;
}

function CheckView({ checkId, ctx }: { checkId: string | undefined; ctx: Ctx }) {
  const check = useMediaCheck(checkId);
  const onChecked = (c: MediaCheck) => go(mediaHref.check(c.id));
  return (
    <Stack gap="xl">
      <CheckDropZone onChecked={onChecked} />
      {checkId !== undefined && (
        <>
          <ErrorNotice error={check.error} title="Could not load the check" />
          {check.isPending && <Text c="dimmed">Loading the check…</Text>}
          {check.data && <CheckResult key={check.data.id} check={check.data} canWrite={ctx.canWrite} disarmNames={ctx.disarmNames} />}
        </>
      )}
      <RecentChecks current={checkId} />
    </Stack>
  );
}

function EntryView({ entryId, ctx }: { entryId: string; ctx: Ctx }) {
  const entry = useMediaEntry(entryId);
  const bankId = entry.data?.bankId;
  return (
    <>
      {bankId ? <BankDetail bankId={bankId} canWrite={ctx.canWrite} disarmNames={ctx.disarmNames} /> : <BanksSection canWrite={ctx.canWrite} />}
      <EntryDrawer id={entryId} onClose={() => go(bankId ? mediaHref.bank(bankId) : mediaHref.banks())} canWrite={ctx.canWrite} userId={ctx.userId} disarmNames={ctx.disarmNames} />
    </>
  );
}

function NewIncident({ ctx }: { ctx: Ctx }) {
  const [draft, setDraft] = usePageState<IncidentValues | undefined>(INCIDENT_DRAFT_KEY, undefined);
  const done = (href: string) => {
    setDraft(undefined);
    go(href);
  };
  if (!ctx.canWrite) return <Text c="dimmed">Your role may read incidents but not record them.</Text>;
  return <IncidentForm initial={draft} disarmNames={ctx.disarmNames} onSaved={(i) => done(mediaHref.incident(i.id))} onCancel={() => done(mediaHref.incidents())} />;
}

function IncidentView({ incidentId, ctx }: { incidentId: string; ctx: Ctx }) {
  if (incidentId === 'new') return <NewIncident ctx={ctx} />;
  return <IncidentDetail key={incidentId} id={incidentId} canWrite={ctx.canWrite} disarmNames={ctx.disarmNames} />;
}

export function MediaPage({ session }: { session: SessionInfo }) {
  const [detail] = useHashDetail('media');
  const view = mediaViewFromDetail(detail);
  const disarm = useDisarm();
  const disarmNames = useMemo(() => new Map((disarm.data?.techniques ?? []).map((t) => [t.id, t.name])), [disarm.data]);
  const ctx: Ctx = { canWrite: session.permissions.includes('intel:write'), userId: session.user.id, disarmNames };
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Media</Title>
        <Text size="sm" c="dimmed">Known synthetic and manipulated media, recognised by perceptual hashes and content credentials. Only hashes are shared, never media.</Text>
        {!ctx.canWrite && <Text size="sm" c="dimmed">Your role may check media and read the banks but not change them.</Text>}
      </Stack>
      <Tabs value={mediaTab(view)} onChange={(t) => t && go(mediaHref.tab(t as MediaTab))} keepMounted={false}>
        <Tabs.List aria-label="Media views">
          <Tabs.Tab value="check">Check</Tabs.Tab>
          <Tabs.Tab value="banks">Hash banks</Tabs.Tab>
          <Tabs.Tab value="shared">Shared with us</Tabs.Tab>
          <Tabs.Tab value="incidents">Incidents</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="check" pt="md">
          {view.view === 'check' && <CheckView checkId={view.checkId} ctx={ctx} />}
        </Tabs.Panel>
        <Tabs.Panel value="banks" pt="md">
          {view.view === 'banks' && <BanksSection canWrite={ctx.canWrite} />}
          {view.view === 'bank' && <BankDetail key={view.bankId} bankId={view.bankId} canWrite={ctx.canWrite} disarmNames={ctx.disarmNames} />}
          {view.view === 'entry' && <EntryView entryId={view.entryId} ctx={ctx} />}
        </Tabs.Panel>
        <Tabs.Panel value="shared" pt="md">
          {view.view === 'shared' && <SharedEntries disarmNames={ctx.disarmNames} />}
        </Tabs.Panel>
        <Tabs.Panel value="incidents" pt="md">
          {view.view === 'incidents' && <IncidentsSection canWrite={ctx.canWrite} disarmNames={ctx.disarmNames} />}
          {view.view === 'incident' && <IncidentView incidentId={view.incidentId} ctx={ctx} />}
          <Stack mt="lg"><DisarmSource /></Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

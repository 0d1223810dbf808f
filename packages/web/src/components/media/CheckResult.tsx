// One check: the verdict (coloured by what it means) and its summary, the file's facts and hashes, the
// matching bank entries, the content credentials and what could not be computed; for roles that may,
// "Add to bank" with the check's hashes and "Open an incident" with the check, its entries and their
// context.
import { useEffect, useRef, useState } from 'react';
import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { MediaBankEntry, MediaCheck } from '@bulwark/contracts';
import { formatBytes } from '../../format/media.ts';
import { incidentDraftFromCheck, type IncidentValues } from '../../format/media-incident.ts';
import { plural } from '../../format/plural.ts';
import { formatTime } from '../../format/time.ts';
import { mediaHref } from '../../shell/media-routes.ts';
import { usePageState } from '../../state/usePageState.ts';
import { AddToBankForm } from './AddToBankForm.tsx';
import { RetainedMediaButton } from './RetainedMediaButton.tsx';
import { HashList } from './HashList.tsx';
import { INCIDENT_DRAFT_KEY } from './IncidentForm.tsx';
import { MatchesTable } from './MatchesTable.tsx';
import { ProvenancePanel } from './ProvenancePanel.tsx';
import { VerdictBanner } from './VerdictBadge.tsx';

interface Props {
  readonly check: MediaCheck;
  readonly canWrite: boolean;
  readonly disarmNames?: ReadonlyMap<string, string>;
}

export function CheckResult({ check, canWrite, disarmNames }: Props) {
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<MediaBankEntry | undefined>();
  const top = useRef<HTMLDivElement>(null);
  const [, setDraft] = usePageState<IncidentValues | undefined>(INCIDENT_DRAFT_KEY, undefined);
  const openIncident = () => {
    setDraft(incidentDraftFromCheck(check));
    window.location.hash = mediaHref.incident('new');
  };
  // A new result (or one opened from the list) comes into view below the drop zone.
  // (A block body: newer browsers return a promise from scrollIntoView, which must not become the cleanup.)
  useEffect(() => {
    void top.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, []);
  return (
    <Stack ref={top} gap="md" component="section" aria-label={`Check of ${check.name}`} data-check={check.id} style={{ scrollMarginTop: 70 }}>
      <VerdictBanner verdict={check.verdict} summary={check.summary} />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start">
            <div>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="check-name">{check.name || '(no name)'}</Text>
              <Text size="sm" c="dimmed">
                {check.kind} · {check.type} · {formatBytes(check.bytes)} · checked {formatTime(check.checkedAt)}
                {check.retained ? ' · the media is kept (retention on)' : ' · only the hashes are kept'}
              </Text>
            </div>
            <Group gap="xs">
              {check.retained && <RetainedMediaButton check={check} />}
              {canWrite && <Button variant="default" onClick={openIncident}>Open an incident</Button>}
              {canWrite && !adding && <Button onClick={() => { setAdded(undefined); setAdding(true); }}>Add to bank</Button>}
            </Group>
          </Group>
          {added && (
            <Text size="sm" role="status" data-testid="added-entry">
              Added as entry <Anchor href={mediaHref.entry(added.id)}>{added.title || added.id}</Anchor> (version {added.version}).
            </Text>
          )}
          <HashList hashes={check.hashes} label="Hashes of the checked media" />
        </Stack>
      </Paper>
      {adding && <AddToBankForm check={check} disarmNames={disarmNames} onDone={(entry) => { setAdding(false); setAdded(entry); }} />}
      <Stack gap="xs">
        <Title order={4}>Matches ({plural(check.matches.length, 'entry')})</Title>
        <MatchesTable matches={check.matches} disarmNames={disarmNames} />
      </Stack>
      <ProvenancePanel provenance={check.provenance} />
      {check.problems.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="problems-heading">
          <Title order={4} id="problems-heading">Problems</Title>
          <Text size="sm" c="dimmed">Parts that could not be computed; the verdict rests on the rest.</Text>
          <List size="sm" mt="xs">
            {check.problems.map((p, i) => <List.Item key={i} style={{ overflowWrap: 'anywhere' }}>{p}</List.Item>)}
          </List>
        </Paper>
      )}
    </Stack>
  );
}

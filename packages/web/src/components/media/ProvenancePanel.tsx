// A check's content credentials (C2PA): whether a manifest is present, how it validated, tampering,
// the signer and claim generator, and AI-generation markers with whether the credentials that carry
// them validated. All strings come from the file and are shown plain.
import type { ReactNode } from 'react';
import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MediaProvenance } from '@bulwark/contracts';
import { isAiSourceType, sourceTypeName } from '../../format/media.ts';

function yesNo(v: boolean | null): string {
  return v === null ? 'unknown' : v ? 'yes' : 'no';
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={190} fw={500}>{label}</Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

function SourceTypes({ types }: { types: readonly string[] }) {
  if (types.length === 0) return <Text size="sm" c="dimmed" span>none</Text>;
  return (
    <Group gap={4}>
      {types.map((t, i) => (
        <Badge key={`${t}-${i}`} variant={isAiSourceType(t) ? 'filled' : 'light'} color={isAiSourceType(t) ? 'grape' : 'gray'} radius="sm" tt="none" title={t}>
          {sourceTypeName(t)}
        </Badge>
      ))}
    </Group>
  );
}

export function ProvenancePanel({ provenance }: { provenance: MediaProvenance | null }) {
  const signer = provenance?.signer;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="provenance-heading">
      <Stack gap="xs">
        <Title order={4} id="provenance-heading">Provenance (content credentials)</Title>
        {provenance === null ? (
          <Text size="sm" c="dimmed">Provenance was not read for this media.</Text>
        ) : (
          <>
            <Text size="sm">{provenance.summary}</Text>
            <Table verticalSpacing={2} fz="sm" aria-label="Provenance" withRowBorders={false}>
              <Table.Tbody>
                <Row label="Manifest present">{yesNo(provenance.hasManifest)}</Row>
                <Row label="Status">{provenance.status}</Row>
                <Row label="Validation">{provenance.validation}</Row>
                <Row label="Tampered">
                  {provenance.tampered ? <Badge color="red" variant="filled" radius="sm">tampered</Badge> : 'no'}
                </Row>
                {provenance.credentialProblem && <Row label="Credential problem">{provenance.credentialProblem}</Row>}
                <Row label="Signer">
                  {signer && (signer.commonName !== undefined || signer.issuer !== undefined) ? (
                    <>
                      {signer.commonName ?? '(no common name)'}
                      {signer.issuer ? ` — issued by ${signer.issuer}` : ''}
                      {provenance.signerTrusted ? ' (on the trust list)' : ' (not on a trust list)'}
                    </>
                  ) : '—'}
                </Row>
                {provenance.signingTime && <Row label="Signed at">{provenance.signingTime}</Row>}
                <Row label="Claim generator">{provenance.claimGenerator ?? '—'}</Row>
                <Row label="Digital source types"><SourceTypes types={provenance.digitalSourceTypes} /></Row>
                {provenance.ingredientDigitalSourceTypes.length > 0 && (
                  <Row label="Ingredients' source types"><SourceTypes types={provenance.ingredientDigitalSourceTypes} /></Row>
                )}
                <Row label="AI-generated">
                  {provenance.aiGenerated ? (
                    <Group gap="xs">
                      <Badge color="grape" variant="filled" radius="sm">AI-generated</Badge>
                      <Text size="sm" span>{provenance.aiGeneratedValidated ? 'validated: the credentials are intact' : 'claimed only: the credentials did not validate'}</Text>
                    </Group>
                  ) : 'no marker'}
                </Row>
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}

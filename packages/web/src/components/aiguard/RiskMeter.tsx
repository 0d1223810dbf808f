// An account's risk (0–100) as a bar with its number, coloured by band (hold from 60, block from 85).
import { Group, Progress, Text } from '@mantine/core';
import { clampRisk, riskColor } from '../../format/aiguard.ts';

export function RiskMeter({ risk, label }: { risk: number | null; label: string }) {
  const v = clampRisk(risk);
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={v} color={riskColor(v)} w={90} aria-label={`Risk of ${label}: ${v} of 100`} />
      <Text size="sm" fw={600} c={riskColor(v) === 'gray' ? undefined : riskColor(v)} data-testid="risk">{v}</Text>
    </Group>
  );
}

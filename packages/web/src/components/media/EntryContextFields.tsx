// The disinformation context of a bank entry as form fields: title, narrative, actor, campaign, DISARM
// technique ids, first seen, source and TLP (for a new entry, the bank's TLP unless another is chosen).
import { Group, NativeSelect, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { parseDisarmIds, type EntryContextValues } from '../../format/media.ts';
import { TLP_LEVELS, tlpLabel } from '../../format/intel-scope.ts';
import { DisarmPreview } from './DisarmPreview.tsx';
import { MONO_INPUT } from './mono.ts';

interface Props {
  readonly value: EntryContextValues;
  readonly onChange: (next: EntryContextValues) => void;
  /** The label of the '' TLP choice (a new entry takes the bank's TLP); without it a level must be chosen. */
  readonly defaultTlpLabel?: string;
  /** DISARM technique names by id, to show beside the ids typed. */
  readonly disarmNames?: ReadonlyMap<string, string>;
}

export function disarmError(text: string): string | undefined {
  const { bad } = parseDisarmIds(text);
  return bad.length ? `Not DISARM technique ids: ${bad.join(', ')} (e.g. T0086.002)` : undefined;
}

export function EntryContextFields({ value, onChange, defaultTlpLabel, disarmNames }: Props) {
  const set = (k: keyof EntryContextValues) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [k]: e.currentTarget.value });
  const tlps = [
    ...(defaultTlpLabel ? [{ value: '', label: defaultTlpLabel }] : []),
    ...TLP_LEVELS.map((l) => ({ value: l, label: tlpLabel(l) })),
  ];
  return (
    <>
      <TextInput label="Title" value={value.title} onChange={set('title')} maxLength={300} />
      <Textarea label="Narrative" description="The disinformation narrative the media carries" value={value.narrative} onChange={set('narrative')}
        maxLength={4000} autosize minRows={2} maxRows={8} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Actor" description="The threat actor behind it, when known" value={value.actor} onChange={set('actor')} maxLength={300} />
        <TextInput label="Campaign" description="The campaign it belongs to, when known" value={value.campaign} onChange={set('campaign')} maxLength={300} />
      </SimpleGrid>
      <TextInput label="DISARM techniques" description="Technique ids separated by commas, e.g. T0086.002, T0023" value={value.disarm}
        onChange={set('disarm')} error={disarmError(value.disarm)} styles={MONO_INPUT} />
      <DisarmPreview text={value.disarm} names={disarmNames} />
      <TextInput label="Source" description="Where it was found (platform, URL, report)" value={value.source} onChange={set('source')} maxLength={1000} />
      <Group align="flex-end" grow>
        <TextInput type="datetime-local" label="First seen" description="Your local time" value={value.firstSeen} onChange={set('firstSeen')} />
        <NativeSelect label="TLP" data={tlps} value={value.tlp} onChange={set('tlp')} />
      </Group>
    </>
  );
}

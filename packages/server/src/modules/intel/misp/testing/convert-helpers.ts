// Small builders for conversion tests: one event around the attributes or objects under test.
import { convertMispEventJson } from '../convert-event.ts';
import type { ConvertOptions, ConvertResult, StixObject } from '../convert-options.ts';

export const TEST_EVENT = '11111111-2222-4333-8444-555555555555';

let n = 0;
export function testUuid(): string {
  n++;
  return `aaaaaaaa-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function attribute(type: string, value: string, toIds = true, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { uuid: testUuid(), type, value, to_ids: toIds, category: 'Network activity', timestamp: '1700000000', ...extra };
}

export function event(body: Record<string, unknown>): Record<string, unknown> {
  return { Event: { uuid: TEST_EVENT, info: 'test event', date: '2023-11-14', timestamp: '1700000000', distribution: '3', published: true, Orgc: { name: 'Test CSIRT', uuid: '99999999-2222-4333-8444-555555555555' }, ...body } };
}

export function convert(body: Record<string, unknown>, options: ConvertOptions = {}): ConvertResult {
  const r = convertMispEventJson(event(body), options);
  if (!r.result) throw new Error(`event unusable: ${JSON.stringify(r.problems)}`);
  return r.result;
}

/** The objects other than the report, the creator identity and marking definitions. */
export function content(r: ConvertResult): StixObject[] {
  return r.objects.filter((o) => o.type !== 'report' && o.type !== 'grouping' && o.type !== 'identity' && o.type !== 'marking-definition');
}

export function ofType(r: ConvertResult, type: string): StixObject[] {
  return r.objects.filter((o) => o.type === type);
}

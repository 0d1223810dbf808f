// The offline hunt: compile rule packs, read every input, route each event to the rules that can match
// it, and collect one detection per (rule, event).
import { compilePack, type PackError } from '../sigma/compile.ts';
import { RuleRouter } from '../sigma/logsources.ts';
import type { Placeholders } from '../sigma/placeholders.ts';
import { fieldResolver } from '../sigma/resolver.ts';
import { eventTime } from '../../ingest/index.ts';
import type { Detection } from './report.ts';
import { listInputs, readSource, type SourceProblem } from './sources.ts';

export interface HuntOptions {
  readonly rules: readonly string[];
  readonly placeholders?: Placeholders;
  /** Only rules at this level or above. */
  readonly minLevel?: 'informational' | 'low' | 'medium' | 'high' | 'critical';
  readonly onFile?: (file: string, index: number, total: number) => void;
  readonly onEvents?: (count: number) => void;
}

export interface HuntResult {
  readonly detections: Detection[];
  readonly problems: SourceProblem[];
  readonly ruleErrors: PackError[];
  readonly rules: number;
  readonly files: number;
  readonly events: number;
  readonly seconds: number;
}

const ORDER = ['informational', 'low', 'medium', 'high', 'critical'];

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && '#text' in (v as object)) return text((v as { '#text': unknown })['#text']);
  return typeof v === 'object' ? undefined : String(v);
}

export async function hunt(inputs: readonly string[], opts: HuntOptions): Promise<HuntResult> {
  const started = performance.now();
  const pack = await compilePack(opts.rules, opts.placeholders ? { placeholders: opts.placeholders } : {});
  const min = opts.minLevel ? ORDER.indexOf(opts.minLevel) : 0;
  const rules = pack.rules.filter((r) => ORDER.indexOf(r.rule.level ?? 'informational') >= min);
  const router = new RuleRouter(rules);
  const files = await listInputs(inputs);
  const detections: Detection[] = [];
  const problems: SourceProblem[] = [];
  let events = 0;
  for (const [i, file] of files.entries()) {
    opts.onFile?.(file, i, files.length);
    for await (const e of readSource(file, problems)) {
      events += 1;
      if (events % 1000 === 0) opts.onEvents?.(events);
      const get = fieldResolver(e.event);
      const matched = router.match(get);
      if (matched.length === 0) continue;
      const time = eventTime(e.event, 'json')?.toISOString();
      const host = text(get('Computer')) ?? text(get('Hostname')) ?? text(get('host.name'));
      for (const m of matched) {
        detections.push({
          time,
          ruleId: m.rule.id ?? m.rule.title,
          title: m.rule.title,
          level: m.rule.level ?? 'informational',
          host,
          channel: text(get('Channel')),
          eventId: text(get('EventID')),
          file: e.file,
          record: e.record,
          tags: m.rule.tags ?? [],
        });
      }
    }
  }
  opts.onEvents?.(events);
  return { detections, problems, ruleErrors: pack.errors, rules: rules.length, files: files.length, events, seconds: (performance.now() - started) / 1000 };
}

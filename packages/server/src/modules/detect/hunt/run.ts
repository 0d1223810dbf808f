// The offline hunt: compile rule packs, read every input, route each event to the rules that can match
// it, and collect one detection per (rule, event).
import { compilePack, type PackError } from '../sigma/compile.ts';
import { declaredSourceOf, type SourceHints } from '../sigma/declared-source.ts';
import { RuleRouter } from '../sigma/logsources.ts';
import type { Placeholders } from '../sigma/placeholders.ts';
import { fieldResolver, fieldText } from '../sigma/resolver.ts';
import { CorrelationEngine, type BaseMatch } from '../sigma/correlate/index.ts';
import { eventTime } from '../../ingest/index.ts';
import type { Detection } from './report.ts';
import { listInputs, readSource, type SourceProblem } from './sources.ts';

export interface HuntOptions {
  readonly rules: readonly string[];
  readonly placeholders?: Placeholders;
  /** Only rules at this level or above. */
  readonly minLevel?: 'informational' | 'low' | 'medium' | 'high' | 'critical';
  /**
   * The Sigma logsource of every event without a Windows channel (`--logsource product=linux,service=auditd`),
   * for files whose events do not say where they come from; otherwise each event's own (declared-source.ts).
   */
  readonly logsource?: SourceHints['logsource'];
  readonly onFile?: (file: string, index: number, total: number) => void;
  readonly onEvents?: (count: number) => void;
}

export interface HuntResult {
  readonly detections: Detection[];
  readonly problems: SourceProblem[];
  readonly ruleErrors: PackError[];
  readonly rules: number;
  readonly correlations: number;
  readonly files: number;
  readonly events: number;
  readonly seconds: number;
}

const ORDER = ['informational', 'low', 'medium', 'high', 'critical'];

export async function hunt(inputs: readonly string[], opts: HuntOptions): Promise<HuntResult> {
  const started = performance.now();
  const pack = await compilePack(opts.rules, opts.placeholders ? { placeholders: opts.placeholders } : {});
  const min = opts.minLevel ? ORDER.indexOf(opts.minLevel) : 0;
  const rules = pack.rules.filter((r) => ORDER.indexOf(r.rule.level ?? 'informational') >= min);
  const router = new RuleRouter(rules);
  const files = await listInputs(inputs);
  const detections: Detection[] = [];
  const problems: SourceProblem[] = [];
  // Base matches wait here for the correlation rules, which need them in time order across all files.
  const matches: Array<BaseMatch & { file: string; record: number; host: string | undefined }> = [];
  let events = 0;
  for (const [i, file] of files.entries()) {
    opts.onFile?.(file, i, files.length);
    const hints: SourceHints = { source: file, ...(opts.logsource ? { logsource: opts.logsource } : {}) };
    for await (const e of readSource(file, problems)) {
      events += 1;
      if (events % 1000 === 0) opts.onEvents?.(events);
      const get = fieldResolver(e.event);
      const matched = router.match(get, declaredSourceOf(get, hints));
      if (matched.length === 0) continue;
      const time = eventTime(e.event, 'json')?.toISOString();
      const host = fieldText(get('Computer')) ?? fieldText(get('Hostname')) ?? fieldText(get('hostname')) ?? fieldText(get('host.name'));
      for (const m of matched) {
        if (pack.correlations.length > 0 && time) {
          matches.push({ ruleRefs: [m.rule.id, m.rule.name].filter((x): x is string => typeof x === 'string'), time: Date.parse(time), event: get, eventId: `${e.file}:${e.record}`, file: e.file, record: e.record, host });
        }
        detections.push({
          time,
          ruleId: m.rule.id ?? m.rule.title,
          title: m.rule.title,
          level: m.rule.level ?? 'informational',
          host,
          channel: fieldText(get('Channel')),
          eventId: fieldText(get('EventID')),
          file: e.file,
          record: e.record,
          tags: m.rule.tags ?? [],
        });
      }
    }
  }
  opts.onEvents?.(events);
  detections.push(...correlate(pack.correlations, matches));
  return { detections, problems, ruleErrors: pack.errors, rules: rules.length, correlations: pack.correlations.length, files: files.length, events, seconds: (performance.now() - started) / 1000 };
}

/** Correlation rules over the base matches, in time order; one detection per correlation alert. */
function correlate(correlations: ConstructorParameters<typeof CorrelationEngine>[0], matches: Array<BaseMatch & { file: string; record: number; host: string | undefined }>): Detection[] {
  if (correlations.length === 0 || matches.length === 0) return [];
  const engine = new CorrelationEngine(correlations);
  const where = new Map(matches.map((m) => [m.eventId, m]));
  const out: Detection[] = [];
  for (const m of [...matches].sort((a, b) => a.time - b.time)) {
    for (const a of engine.push(m)) {
      if (!a.standalone) continue;
      const last = where.get(a.eventIds.at(-1) ?? '') ?? m;
      out.push({
        time: new Date(a.lastTime).toISOString(),
        ruleId: a.correlationId,
        title: `${a.title} (${a.type}${a.value !== undefined ? ` ${a.value}` : ''}; ${Object.entries(a.groupKey).map(([k, v]) => `${k}=${v}`).join(', ') || 'all'})`,
        level: a.level ?? 'medium',
        host: a.groupKey['Computer'] ?? last.host,
        channel: undefined,
        eventId: undefined,
        file: last.file,
        record: last.record,
        tags: ['sigma.correlation'],
      });
    }
  }
  return out;
}

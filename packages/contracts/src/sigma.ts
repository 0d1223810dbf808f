// Sigma rule packs and rules as the API shows them: packs from the instance's rule directories and
// packs an organisation uploaded, each rule with the organisation's settings and statistics.
import { Type, type Static } from 'typebox';
import { Severity } from './alerts.ts';
import { Timestamp } from './common.ts';

export const PackName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'Letters, digits, dot, dash, underscore; up to 64' });

export const SigmaPackSource = Type.Union([Type.Literal('instance'), Type.Literal('organisation')], {
  description: 'instance: loaded from the rule directories the operator configured (read-only); organisation: uploaded by your organisation',
});

export const SigmaPackError = Type.Object({
  kind: Type.Union([Type.Literal('error'), Type.Literal('warning')], { description: 'error: the rule or document cannot run; warning: it runs, but see the reason' }),
  file: Type.String(),
  ruleId: Type.Optional(Type.String()),
  filterId: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  reason: Type.String(),
  code: Type.String(),
  line: Type.Optional(Type.Integer()),
});
export type SigmaPackError = Static<typeof SigmaPackError>;

export const SigmaPackSummary = Type.Object({
  name: Type.String(),
  source: SigmaPackSource,
  description: Type.String(),
  rules: Type.Integer({ description: 'Detection rules that compiled' }),
  correlations: Type.Integer(),
  filters: Type.Integer({ description: 'Meta filters (tuning) in the pack' }),
  errors: Type.Integer({ description: 'Rules or documents that cannot run' }),
  files: Type.Integer(),
  updatedAt: Type.Union([Type.Null(), Timestamp]),
});
export type SigmaPackSummary = Static<typeof SigmaPackSummary>;

export const SigmaPackList = Type.Object({ packs: Type.Array(SigmaPackSummary) });
export type SigmaPackList = Static<typeof SigmaPackList>;

export const SigmaPack = Type.Object({ ...SigmaPackSummary.properties, problems: Type.Array(SigmaPackError) });
export type SigmaPack = Static<typeof SigmaPack>;

export const SigmaPackFile = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 300, description: 'Path of the file inside the pack, e.g. windows/proc_creation_x.yml' }),
  content: Type.String({ maxLength: 1_048_576 }),
});

export const UploadSigmaPack = Type.Object({
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  files: Type.Array(SigmaPackFile, { minItems: 1, maxItems: 10_000 }),
});
export type UploadSigmaPack = Static<typeof UploadSigmaPack>;

export const SigmaRuleSummary = Type.Object({
  key: Type.String({ description: 'The rule id, or its title when it has none' }),
  title: Type.String(),
  pack: Type.String(),
  source: SigmaPackSource,
  kind: Type.Union([Type.Literal('rule'), Type.Literal('correlation')]),
  status: Type.Union([Type.Null(), Type.String()]),
  level: Type.Union([Severity, Type.Null()], { description: 'As the rule says' }),
  effectiveLevel: Severity,
  levelOverride: Type.Union([Severity, Type.Null()], { description: 'Your organisation\'s level for this rule, if it set one' }),
  enabled: Type.Boolean(),
  logsource: Type.Record(Type.String(), Type.String()),
  tags: Type.Array(Type.String()),
  hits: Type.Integer({ description: 'Matches in your organisation' }),
  evaluations: Type.Integer({ description: 'Events the rule was evaluated on (after routing and the literal index)' }),
  costMs: Type.Number({ description: 'Estimated evaluation time in total (sampled)' }),
  lastHitAt: Type.Union([Type.Null(), Timestamp]),
});
export type SigmaRuleSummary = Static<typeof SigmaRuleSummary>;

export const SigmaRuleQuery = Type.Object({
  pack: Type.Optional(Type.String({ maxLength: 64 })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in the title, key or tags' })),
  enabled: Type.Optional(Type.Boolean()),
  level: Type.Optional(Severity),
  sort: Type.Optional(Type.Union([Type.Literal('title'), Type.Literal('hits'), Type.Literal('cost')], { default: 'title' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
export type SigmaRuleQuery = Static<typeof SigmaRuleQuery>;

export const SigmaRulePage = Type.Object({ rules: Type.Array(SigmaRuleSummary), total: Type.Integer() });
export type SigmaRulePage = Static<typeof SigmaRulePage>;

export const SigmaRuleDetail = Type.Object({
  ...SigmaRuleSummary.properties,
  description: Type.String(),
  references: Type.Array(Type.String()),
  falsepositives: Type.Array(Type.String()),
  author: Type.String(),
  file: Type.String(),
  text: Type.String({ description: 'The YAML document of the rule file' }),
  filters: Type.Array(Type.Object({ title: Type.String(), pack: Type.String() }), { description: 'Meta filters that tune this rule' }),
});
export type SigmaRuleDetail = Static<typeof SigmaRuleDetail>;

export const UpdateSigmaRule = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  level: Type.Optional(Type.Union([Severity, Type.Null()], { description: 'Override of the alert severity; null returns to the rule\'s own level' })),
});
export type UpdateSigmaRule = Static<typeof UpdateSigmaRule>;

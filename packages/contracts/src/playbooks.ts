// Playbooks: versioned YAML documents (trigger, steps with conditions, retries, timeouts and approval
// gates) and their runs with every step's result. The document format is described in the respond
// module's playbooks/README.md.
import { Type, type Static } from 'typebox';
import { Timestamp, Uuid } from './common.ts';

export const PlaybookSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  enabled: Type.Boolean(),
  triggers: Type.Array(Type.String(), { description: 'alert, or incident:<change> for each change it follows' }),
  steps: Type.Integer(),
  createdBy: Type.Union([Type.Null(), Uuid]),
  createdAt: Timestamp,
});
export type PlaybookSummary = Static<typeof PlaybookSummary>;
export const PlaybookList = Type.Object({ playbooks: Type.Array(PlaybookSummary) });
export type PlaybookList = Static<typeof PlaybookList>;

export const PlaybookDetail = Type.Object({
  playbook: PlaybookSummary,
  source: Type.String({ description: 'The YAML of the newest version' }),
  versions: Type.Array(Type.Object({ version: Type.Integer(), enabled: Type.Boolean(), createdBy: Type.Union([Type.Null(), Uuid]), createdAt: Timestamp })),
});
export type PlaybookDetail = Static<typeof PlaybookDetail>;

export const PlaybookSource = Type.Object({ source: Type.String({ minLength: 1, maxLength: 262_144, description: 'The YAML document' }) });
export type PlaybookSource = Static<typeof PlaybookSource>;

export const PlaybookTest = Type.Object({
  source: Type.String({ minLength: 1, maxLength: 262_144 }),
  alert: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'An alert as the API shows alerts' })),
  incident: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'An incident as the API shows incidents' })),
  change: Type.Optional(Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('severity_changed')], { description: 'For incident triggers (default created)' })),
});
export type PlaybookTest = Static<typeof PlaybookTest>;

export const PlaybookRun = Type.Object({
  id: Type.String(),
  playbookId: Type.String(),
  playbookVersion: Type.Integer(),
  incidentId: Type.Union([Type.Null(), Uuid]),
  alertId: Type.Union([Type.Null(), Type.String()]),
  status: Type.String({ description: 'queued (waiting for an earlier run with the same concurrency key), running, waiting_approval, succeeded, failed or stopped' }),
  dryRun: Type.Boolean(),
  state: Type.Record(Type.String(), Type.Unknown(), { description: 'The engine\'s run state: every step with status, attempts, output or error, times, approval' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PlaybookRun = Static<typeof PlaybookRun>;
export const PlaybookRunList = Type.Object({ runs: Type.Array(PlaybookRun) });
export type PlaybookRunList = Static<typeof PlaybookRunList>;

export const PlaybookTestResult = Type.Object({
  matches: Type.Boolean({ description: 'Whether the trigger (and its when) holds for the given alert or incident' }),
  run: Type.Record(Type.String(), Type.Unknown(), { description: 'The dry run: what each step would do' }),
});
export type PlaybookTestResult = Static<typeof PlaybookTestResult>;

export const PlaybookApproval = Type.Object({
  approved: Type.Boolean(),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type PlaybookApproval = Static<typeof PlaybookApproval>;

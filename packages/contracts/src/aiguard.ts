// The AI gateway's management API: upstream AI services, gateway keys, the request log with verdicts
// and findings, per-account risk, block lists and the review queue. (The gateway itself speaks the
// OpenAI API at /v1/…; those shapes are OpenAI's, not defined here.)
import { Type, type Static } from 'typebox';
import { Timestamp, Uuid } from './common.ts';

export const AiguardMode = Type.Union([Type.Literal('enforce'), Type.Literal('shadow')], { description: 'enforce: refuse what the policy refuses; shadow: log findings only' });
export const AiguardFailPolicy = Type.Union([Type.Literal('open'), Type.Literal('closed')], { description: 'When a scanner fails: open forwards the request, closed refuses it' });
export const AiguardAction = Type.Union([Type.Literal('allow'), Type.Literal('flag'), Type.Literal('block'), Type.Literal('hold')]);
export type AiguardAction = Static<typeof AiguardAction>;

export const AiguardUpstream = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.Union([Type.Literal('openai'), Type.Literal('azure')]),
  baseUrl: Type.String(),
  hasKey: Type.Boolean(),
  apiVersion: Type.Union([Type.Null(), Type.String()]),
  models: Type.Record(Type.String(), Type.String(), { description: 'Model id offered → model (or Azure deployment) at the upstream; empty: the upstream\'s own list' }),
  mode: AiguardMode,
  failPolicy: AiguardFailPolicy,
  isDefault: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AiguardUpstream = Static<typeof AiguardUpstream>;
export const AiguardUpstreamList = Type.Object({ upstreams: Type.Array(AiguardUpstream) });
export type AiguardUpstreamList = Static<typeof AiguardUpstreamList>;

const UpstreamFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Type.Union([Type.Literal('openai'), Type.Literal('azure')], { default: 'openai' }),
  baseUrl: Type.String({ format: 'uri', maxLength: 2048, description: 'OpenAI-compatible: the URL before /chat/completions (e.g. https://api.example/v1); Azure: https://<resource>.openai.azure.com' }),
  apiKey: Type.Union([Type.Null(), Type.String({ maxLength: 4096 })], { description: 'Sent as Authorization: Bearer (Azure: api-key); never returned' }),
  apiVersion: Type.Union([Type.Null(), Type.String({ maxLength: 50 })], { description: 'Azure api-version' }),
  models: Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 200 }), { maxProperties: 500 }),
  mode: AiguardMode,
  failPolicy: AiguardFailPolicy,
  isDefault: Type.Boolean(),
};
export const NewAiguardUpstream = Type.Object({
  name: UpstreamFields.name,
  baseUrl: UpstreamFields.baseUrl,
  kind: Type.Optional(UpstreamFields.kind),
  apiKey: Type.Optional(UpstreamFields.apiKey),
  apiVersion: Type.Optional(UpstreamFields.apiVersion),
  models: Type.Optional(UpstreamFields.models),
  mode: Type.Optional(UpstreamFields.mode),
  failPolicy: Type.Optional(UpstreamFields.failPolicy),
  isDefault: Type.Optional(UpstreamFields.isDefault),
}, { additionalProperties: false });
export type NewAiguardUpstream = Static<typeof NewAiguardUpstream>;
export const UpdateAiguardUpstream = Type.Partial(NewAiguardUpstream, { additionalProperties: false });
export type UpdateAiguardUpstream = Static<typeof UpdateAiguardUpstream>;

export const AiguardKey = Type.Object({
  id: Uuid,
  subject: Type.String({ description: 'The user or service the key is for' }),
  purpose: Type.String(),
  prefix: Type.String({ description: 'First characters of the key, to recognise it' }),
  account: Type.String({ description: 'The pseudonym under which its requests are logged and scored' }),
  upstreamId: Type.Union([Type.Null(), Uuid]),
  rpm: Type.Union([Type.Null(), Type.Integer()]),
  dailyTokens: Type.Union([Type.Null(), Type.Integer()]),
  createdAt: Timestamp,
  expiresAt: Type.Union([Type.Null(), Timestamp]),
  revokedAt: Type.Union([Type.Null(), Timestamp]),
  lastUsedAt: Type.Union([Type.Null(), Timestamp]),
});
export type AiguardKey = Static<typeof AiguardKey>;
export const AiguardKeyList = Type.Object({ keys: Type.Array(AiguardKey) });
export type AiguardKeyList = Static<typeof AiguardKeyList>;

export const NewAiguardKey = Type.Object({
  subject: Type.String({ minLength: 1, maxLength: 320, description: 'User e-mail or service name' }),
  purpose: Type.Optional(Type.String({ maxLength: 200 })),
  upstreamId: Type.Optional(Type.Union([Type.Null(), Uuid])),
  rpm: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 100_000 })])),
  dailyTokens: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 10_000_000_000 })])),
  expiresAt: Type.Optional(Type.Union([Type.Null(), Timestamp])),
}, { additionalProperties: false });
export type NewAiguardKey = Static<typeof NewAiguardKey>;

export const IssuedAiguardKey = Type.Object({ key: AiguardKey, token: Type.String({ description: 'Shown once' }) });
export type IssuedAiguardKey = Static<typeof IssuedAiguardKey>;

export const AiguardFinding = Type.Object({
  category: Type.String(),
  score: Type.Number(),
  source: Type.String({ description: 'rule:<id>, classifier, intel:<indicator>, block:<id>, risk, limit' }),
  atlas: Type.Array(Type.String(), { description: 'MITRE ATLAS technique ids' }),
  where: Type.String({ description: 'input, output, document, actor, account' }),
  detail: Type.Optional(Type.String()),
});
export type AiguardFinding = Static<typeof AiguardFinding>;

export const AiguardRequest = Type.Object({
  id: Uuid,
  account: Type.String(),
  keyId: Type.Union([Type.Null(), Uuid]),
  ip: Type.Union([Type.Null(), Type.String()]),
  route: Type.String(),
  model: Type.String(),
  status: Type.Integer(),
  action: AiguardAction,
  reason: Type.Union([Type.Null(), Type.String()]),
  findings: Type.Array(AiguardFinding),
  inputScore: Type.Union([Type.Null(), Type.Number()]),
  outputScore: Type.Union([Type.Null(), Type.Number()]),
  risk: Type.Union([Type.Null(), Type.Number()]),
  promptTokens: Type.Integer(),
  completionTokens: Type.Integer(),
  gatewayMs: Type.Union([Type.Null(), Type.Number()]),
  upstreamMs: Type.Union([Type.Null(), Type.Number()]),
  prompt: Type.Union([Type.Null(), Type.String()], { description: 'Only while prompt retention keeps it' }),
  review: Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('dismissed'), Type.Null()]),
  createdAt: Timestamp,
});
export type AiguardRequest = Static<typeof AiguardRequest>;
export const AiguardRequestList = Type.Object({ requests: Type.Array(AiguardRequest), next: Type.Union([Type.Null(), Type.String()]) });
export type AiguardRequestList = Static<typeof AiguardRequestList>;

export const AiguardRequestQuery = Type.Object({
  account: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(AiguardAction),
  review: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('dismissed')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  before: Type.Optional(Type.String({ maxLength: 100, description: 'Cursor from `next`' })),
});
export type AiguardRequestQuery = Static<typeof AiguardRequestQuery>;

export const AiguardReview = Type.Object({
  decision: Type.Union([Type.Literal('confirm'), Type.Literal('dismiss')], { description: 'confirm: abuse (the account is blocked); dismiss: legitimate' }),
  share: Type.Optional(Type.Boolean({ description: 'With confirm: share the actor over the federation as STIX' })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export type AiguardReview = Static<typeof AiguardReview>;

export const AiguardAccount = Type.Object({
  account: Type.String(),
  risk: Type.Number({ description: '0–100' }),
  blockedUntil: Type.Union([Type.Null(), Timestamp]),
  blockReason: Type.Union([Type.Null(), Type.String()]),
  window: Type.Record(Type.String(), Type.Number(), { description: 'Counts in the current windows (requests, flagged, refused, probing…)' }),
  updatedAt: Timestamp,
});
export type AiguardAccount = Static<typeof AiguardAccount>;
export const AiguardAccountList = Type.Object({ accounts: Type.Array(AiguardAccount) });
export type AiguardAccountList = Static<typeof AiguardAccountList>;

export const AiguardBlockKind = Type.Union([Type.Literal('account'), Type.Literal('key'), Type.Literal('ip'), Type.Literal('cidr'), Type.Literal('asn'), Type.Literal('email')]);
export const AiguardBlock = Type.Object({
  id: Uuid,
  kind: AiguardBlockKind,
  value: Type.String(),
  reason: Type.String(),
  source: Type.String({ description: 'local, or intel:<indicator id> for blocks that come from intelligence' }),
  createdAt: Timestamp,
  expiresAt: Type.Union([Type.Null(), Timestamp]),
});
export type AiguardBlock = Static<typeof AiguardBlock>;
export const AiguardBlockList = Type.Object({ blocks: Type.Array(AiguardBlock) });
export type AiguardBlockList = Static<typeof AiguardBlockList>;
export const NewAiguardBlock = Type.Object({
  kind: AiguardBlockKind,
  value: Type.String({ minLength: 1, maxLength: 320 }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
  expiresAt: Type.Optional(Type.Union([Type.Null(), Timestamp])),
}, { additionalProperties: false });
export type NewAiguardBlock = Static<typeof NewAiguardBlock>;

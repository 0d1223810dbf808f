// The playbook engine's public surface: documents, the condition language, the action port and the engine.
export { ACTION_NAME, ActionError, type ActionContext, type ActionDefinition, type ActionRegistry, type ParamProblem, type TriggerContext, type ValidationStage } from './actions.ts';
export { type Clock, systemClock } from './clock.ts';
export {
  type Approval,
  checkNewVersion,
  CONCURRENCY,
  type Concurrency,
  DEFAULTS,
  DOCUMENT_LIMITS,
  type DocumentLimits,
  type DocumentProblem,
  formatProblem,
  INCIDENT_CHANGES,
  type IncidentChange,
  type OnFailure,
  type ParseOptions,
  type ParseResult,
  parsePlaybook,
  type Playbook,
  type Step,
} from './document.ts';
export { formatDuration, parseDuration } from './duration.ts';
export { createEngine, type Engine, ENGINE_LIMITS, type EngineErrorCode, EngineError, type EngineLimits, type EngineOptions, type RunOptions } from './engine.ts';
export { compileExpression, type CompileOptions, DEFAULT_ROOTS, EXPRESSION_LIMITS, type Expression, ExpressionError, type ExpressionLimits, isTruthy, type PathRef, type Scope, SEVERITY_RANK } from './expression.ts';
export { type ApprovalDecision, idempotencyKey, RUN_STATE_FORMAT, type RunState, type RunStatus, type StepApproval, type StepRecord, type StepStatus } from './run-state.ts';
export { compileTemplate, hasTemplate, type Template } from './template.ts';
export { TRUNCATED_MARKER } from './bounded.ts';
export { concurrencyKey, matchesTrigger, triggerContext, type TriggerEvent } from './trigger.ts';
export { YAML_LIMITS, type YamlLimits } from './yaml-source.ts';

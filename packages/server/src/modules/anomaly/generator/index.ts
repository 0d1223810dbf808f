// The log generator with injected attacks, and the evaluation of the jobs against its ground truth.
export { generate, ATTACK_JOB, type AttackKind, type GenerateOptions, type Truth, type TruthItem } from './generate.ts';
export { evaluate, formatScores, type Score } from './evaluate.ts';
export { generateLogs, scoreGenerated, type GeneratedRun } from './score.ts';
export { openGeo } from '../geo/geo.ts';

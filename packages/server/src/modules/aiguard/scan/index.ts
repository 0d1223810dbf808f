// Abuse scanners of the AI gateway: the public API other parts of aiguard (and the CLI) use.
export { scanText, scanMessages, messageCacheStats, scoreText, verdictOf, contentText, roleOfMessage, FLAG_THRESHOLD, BLOCK_THRESHOLD, CLASSIFIER_BLOCK_MIN, RULE_BLOCK_MIN, CLASSIFIER_FINDING_MIN, CLASSIFIER_WEIGHT, SCAN_MAX_TOTAL_CHARS } from './scan.ts';
export type { Finding, MessageFinding, ScanResult, MessagesScanResult, ScanOptions, ChatMessage, Role, Verdict } from './scan.ts';
export { MALICIOUS_CATEGORIES, BENIGN_CATEGORIES, ATLAS, ATLAS_DIRECT_INJECTION, ATLAS_INDIRECT_INJECTION, type Category, type BenignCategory } from './categories.ts';
export { SCAN_HEAD_CHARS, SCAN_TAIL_CHARS, SCAN_MAX_MESSAGES } from './limits.ts';
export { RULES, type Rule } from './rules.ts';
export { loadModel, parseModel, ModelError } from './model.ts';
export { evaluateCorpus, evaluateFile, rocAuc, type EvalReport, type CategoryFigures } from './evaluate.ts';
export { parseCorpus, readCorpus, CorpusError, CORPUS_LIMITS, type Corpus, type CorpusRow, type CorpusProblem } from './corpus.ts';

// Evaluation of batch detectors on labelled feature tables: ROC-AUC, the CSV reader, the protocols.
export { rocAuc, AucError } from './auc.ts';
export { parseLabelledCsv, readLabelledCsv, CsvError, CSV_LIMITS, type CsvLimits, type LabelledTable } from './csv.ts';
export { evaluate, evaluateCsv, type EvalOptions, type EvalResult, type Protocol } from './evaluate.ts';

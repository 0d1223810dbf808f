// NAB benchmark: our scorer (nab/scorer.ts) and the corpus reader.
export { loadCorpus, listSeries, loadSeries, readResultScores, readWindows, parseNabTime, isNabDir, type NabSeries } from './corpus.ts';
export { scoreCorpus, scoreFile, optimiseThreshold, normalise, nullAndPerfect, probationLength, scaledSigmoid, rowWeights, PROFILES, PROFILE_NAMES, type ProfileName, type ProfileReport, type FileScore, type LabelledSeries, type CostProfile } from './scorer.ts';
export { nabBenchmark, type NabBenchmarkOptions, type NabBenchmarkResult } from './benchmark.ts';
export { runCorpus, runSeries } from './run.ts';

// Indicators that detect: the live indicator index, the observables of an event, decay scoring.
export { IndicatorIndex, type AddResult, type IndexedAs, type IndexStats, type IndicatorIndexOptions, type IndicatorMatch } from './indicator-index.ts';
export { observablesOf, type EventLike } from './observables.ts';
export { coverOf, pathKinds, type Atom, type Cover } from './atoms.ts';
export { decayScore, decayModelFor, DEFAULT_DECAY_MODELS, FALLBACK_DECAY_MODEL, type DecayModel } from './decay.ts';
export { indicatorScore, mergeSignals, patternObservable, scoreBasis, type Score, type ScoreBasis, type Signals } from './score.ts';
export { objectValues, patternValues, type ObjectValue } from './values.ts';

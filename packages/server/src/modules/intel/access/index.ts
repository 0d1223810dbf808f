// Public API of the sharing and access model (see README.md). Pure: no database, no HTTP.
export { TLP_LEVELS, TLP_AUDIENCE, isTlpLevel, tlpAllows, atLeastAsRestrictive, mostRestrictive, tlpLabel, type TlpLevel } from './tlp.ts';
export { RECIPIENT_CLASSES, type RecipientClass } from './recipient-class.ts';
export { DISTRIBUTIONS, DISTRIBUTION_AUDIENCE, isDistribution, distributionAllows, distributionAfterHop, type Distribution } from './distribution.ts';
export { sameOrg, type OrgRef, type Recipient, type SharingGroup, type Viewer, type ObjectScope } from './scope.ts';
export { recipientClasses } from './recipient-classes.ts';
export { canReceive } from './can-receive.ts';
export { mayForward, downgradeForHop } from './forward.ts';
export { receiveFilter, matchesFilter, type ReceiveFilter, type ReceiveClause, type RowCondition } from './receive-filter.ts';
export { feedActionFor, type FeedAction } from './feed-action.ts';
export { scopeProblems, type ScopeProblem, type ScopeProblemCode } from './scope-problems.ts';
export { distributionFromMisp, mispDistribution, MISP_INHERIT } from './misp-distribution.ts';
export { TLP2_EXTENSION_ID, TLP_MARKING_IDS, tlpOfMarkingId, tlpMarkingId, tlpMarkingObject, type Tlp2Marking, type Tlp2MarkingObject } from './marking-ids.ts';
export { readMarking, tlpOfMarking, tlpOfLabel, type MarkingReading, type MarkingProblem, type MarkingProblemCode, type MarkingDefinitionLike } from './marking.ts';
export { resolveTlp, tlpOfObject, type TlpResolution, type MarkingDefinitions, type MarkedObject } from './object-tlp.ts';

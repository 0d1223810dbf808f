// The disinformation-incident API (DISARM framework, FIMI incidents): schemas to be written with the feature.
export {};

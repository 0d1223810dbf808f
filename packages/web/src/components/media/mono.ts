// Inputs whose values are ids (DISARM techniques, UUIDs): the value in monospace, the label as usual.
export const MONO_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } as const;

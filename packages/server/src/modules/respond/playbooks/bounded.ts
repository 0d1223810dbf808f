// Outputs and rendered parameters are stored in the run state, so each is bounded: a large value is
// replaced by a marker that says so and keeps the beginning of its JSON text.

export const TRUNCATED_MARKER = '$truncated';

export function bounded(value: unknown, maxBytes: number): { value: unknown; truncated: boolean } {
  if (value === undefined) return { value: null, truncated: false };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    return { value: { [TRUNCATED_MARKER]: true, reason: `not JSON-serialisable: ${(err as Error).message}` }, truncated: true };
  }
  if (json === undefined) return { value: null, truncated: false };
  const bytes = Buffer.byteLength(json, 'utf8');
  // Round-tripping also turns class instances (dates, buffers) into the plain JSON later steps will see.
  if (bytes <= maxBytes) return { value: JSON.parse(json) as unknown, truncated: false };
  return { value: { [TRUNCATED_MARKER]: true, bytes, preview: json.slice(0, Math.min(1024, Math.floor(maxBytes / 2))) }, truncated: true };
}

// A chosen intelligence file: MISP event JSON (a top-level "Event") or, otherwise, a STIX bundle. The
// file's text is sent unchanged; it is parsed here only to tell which.
export type IntelFileKind = 'stix' | 'misp';

export interface IntelFile {
  readonly kind: IntelFileKind;
  readonly text: string;
}

export class IntelFileError extends Error {
  override readonly name = 'IntelFileError';
}

export function intelFileKind(text: string): IntelFileKind {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new IntelFileError(`The file is not JSON: ${(err as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new IntelFileError('The file is not a JSON object (a STIX bundle or a MISP event)');
  }
  return Object.hasOwn(json, 'Event') ? 'misp' : 'stix';
}

export async function readIntelFile(file: { text(): Promise<string> }): Promise<IntelFile> {
  const text = await file.text();
  return { kind: intelFileKind(text), text };
}

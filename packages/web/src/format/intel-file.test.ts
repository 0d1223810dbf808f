import { describe, expect, it } from 'vitest';
import { IntelFileError, intelFileKind, readIntelFile } from './intel-file.ts';

describe('intelligence files chosen in the browser', () => {
  it('sends a MISP event (top-level "Event") to the MISP import, anything else as a bundle', () => {
    expect(intelFileKind('{"Event": {"info": "x"}}')).toBe('misp');
    expect(intelFileKind('{"type": "bundle", "id": "bundle--1", "objects": []}')).toBe('stix');
    expect(intelFileKind('{"objects": [{"Event": 1}]}')).toBe('stix');
  });

  it('refuses what is not a JSON object, saying why', () => {
    expect(() => intelFileKind('{"objects": [')).toThrow(IntelFileError);
    expect(() => intelFileKind('{"objects": [')).toThrow(/not JSON/);
    expect(() => intelFileKind('[1, 2]')).toThrow(/not a JSON object/);
    expect(() => intelFileKind('null')).toThrow(/not a JSON object/);
  });

  it('keeps the file text as it is', async () => {
    const text = '{ "type": "bundle",\n "objects": [] }';
    expect(await readIntelFile({ text: () => Promise.resolve(text) })).toEqual({ kind: 'stix', text });
  });
});

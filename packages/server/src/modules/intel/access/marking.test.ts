import { describe, expect, it } from 'vitest';
import { TLP2_EXTENSION_ID, TLP_MARKING_IDS, tlpMarkingId, tlpMarkingObject, tlpOfMarkingId } from './marking-ids.ts';
import { readMarking, tlpOfLabel, tlpOfMarking } from './marking.ts';
import { resolveTlp, tlpOfObject } from './object-tlp.ts';
import { TLP_LEVELS } from './tlp.ts';

const WHITE_ID = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
const GREEN_1 = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const RED_1 = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
const OPENCTI_STRICT = 'marking-definition--826578e1-40ad-459f-bc73-ede076f81f37';
const STATEMENT = 'marking-definition--c4099854-e00c-5dbc-b0fe-4c9909920101';

describe('tlpOfLabel', () => {
  const cases: [string, string | undefined][] = [
    ['TLP:CLEAR', 'CLEAR'], ['TLP:WHITE', 'CLEAR'], ['tlp:white', 'CLEAR'], ['clear', 'CLEAR'], ['WHITE', 'CLEAR'],
    ['TLP:GREEN', 'GREEN'], ['tlp:amber', 'AMBER'], ['TLP:AMBER+STRICT', 'AMBER+STRICT'], ['amber+strict', 'AMBER+STRICT'],
    ['TLP: RED', 'RED'], [' red ', 'RED'],
    ['tlp:ex:chr', undefined], ['tlp:unclear', undefined], ['TLP:AMBER STRICT', undefined], ['TLP:PURPLE', undefined], ['', undefined], ['TLP:', undefined],
  ];
  for (const [text, level] of cases) it(`${JSON.stringify(text)} → ${level ?? 'none'}`, () => expect(tlpOfLabel(text)).toBe(level));
  it('non-strings are not labels', () => expect(tlpOfLabel(3)).toBeUndefined());
});

describe('ids', () => {
  it('ten known ids, two per level', () => {
    expect(TLP_MARKING_IDS.size).toBe(10);
    for (const level of TLP_LEVELS) expect([...TLP_MARKING_IDS.values()].filter((l) => l === level)).toHaveLength(2);
  });
  it('TLP 1.0 and OpenCTI ids map to the same levels as the 2.0 ids', () => {
    expect(tlpOfMarking(WHITE_ID)).toBe('CLEAR');
    expect(tlpOfMarking(GREEN_1)).toBe('GREEN');
    expect(tlpOfMarking(RED_1)).toBe('RED');
    expect(tlpOfMarking(OPENCTI_STRICT)).toBe('AMBER+STRICT');
    expect(tlpOfMarkingId(` ${WHITE_ID.toUpperCase().replace('MARKING-DEFINITION', 'marking-definition')} `)).toBe('CLEAR');
  });
  it('a near miss is unknown, and the report says what it resembles', () => {
    const reading = readMarking('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec');
    expect(reading.kind).toBe('unknown');
    expect(reading.level).toBeUndefined();
    expect(reading.problems[0]?.code).toBe('unknown-marking-id');
    expect(reading.problems[0]?.message).toContain('resembles the TLP:RED id');
  });
  it('emits the OASIS TLP 2.0 id and object for each level', () => {
    for (const level of TLP_LEVELS) {
      const object = tlpMarkingObject(level);
      expect(object.id).toBe(tlpMarkingId(level));
      expect(object.name).toBe(`TLP:${level}`);
      expect(tlpOfMarking(object)).toBe(level);
      expect(readMarking(object).problems).toEqual([]);
      expect(Object.isFrozen(object.extensions[TLP2_EXTENSION_ID])).toBe(true);
    }
    expect(tlpMarkingId('AMBER+STRICT')).toBe('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003');
  });
});

describe('marking-definition objects', () => {
  it('OpenCTI\'s TLP:CLEAR on the WHITE id', () => {
    const reading = readMarking({ type: 'marking-definition', id: WHITE_ID, definition_type: 'tlp', name: 'TLP:CLEAR', definition: { tlp: 'clear' } });
    expect(reading).toEqual({ kind: 'tlp', id: WHITE_ID, level: 'CLEAR', problems: [] });
  });
  it('OpenCTI\'s AMBER+STRICT object', () => {
    expect(tlpOfMarking({ type: 'marking-definition', id: OPENCTI_STRICT, definition_type: 'TLP', name: 'TLP:AMBER+STRICT', definition: 'TLP:AMBER+STRICT' })).toBe('AMBER+STRICT');
  });
  it('the STIX 2.1 TLP 1.0 form', () => {
    expect(tlpOfMarking({ type: 'marking-definition', id: GREEN_1, definition_type: 'tlp', definition: { tlp: 'green' } })).toBe('GREEN');
  });
  it('content that contradicts the id: the most restrictive wins, reported', () => {
    const forged = { ...tlpMarkingObject('RED'), extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'clear' } } };
    const reading = readMarking(forged);
    expect(reading.level).toBe('RED');
    expect(reading.problems.map((p) => p.code)).toEqual(['conflicting-definition']);
    const lowered = { ...tlpMarkingObject('CLEAR'), extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'amber' } } };
    expect(tlpOfMarking(lowered)).toBe('AMBER');
  });
  it('a TLP claim under an unknown id is taken, and reported', () => {
    const reading = readMarking({ type: 'marking-definition', id: 'marking-definition--826578e1-40a3-4b46-a8d0-ad56a0667b5a', definition_type: 'TLP', definition: 'TLP:AMBER+STRICT' });
    expect(reading.level).toBe('AMBER+STRICT');
    expect(reading.problems.map((p) => p.code)).toEqual(['nonstandard-tlp-id']);
  });
  it('a TLP marking with an unreadable value is unknown', () => {
    const reading = readMarking({ type: 'marking-definition', id: 'marking-definition--00000000-0000-4000-8000-000000000000', definition_type: 'tlp', definition: { tlp: 'purple' } });
    expect(reading.kind).toBe('unknown');
    expect(reading.problems.map((p) => p.code)).toEqual(['unknown-tlp-value']);
  });
  it('a statement marking is other, not TLP', () => {
    expect(readMarking({ type: 'marking-definition', id: STATEMENT, definition_type: 'statement', definition: { statement: 'Copyright' } })).toEqual({ kind: 'other', id: STATEMENT, problems: [] });
  });
  it('not a marking definition, or not an object', () => {
    expect(readMarking({ type: 'indicator', id: WHITE_ID }).problems[0]?.code).toBe('not-a-marking-definition');
    expect(readMarking(null as never).problems[0]?.code).toBe('malformed-marking');
  });
});

describe('resolveTlp and tlpOfObject', () => {
  it('the most restrictive of several TLP markings wins; others and unknowns are reported apart', () => {
    const r = resolveTlp([WHITE_ID, tlpMarkingId('AMBER'), STATEMENT, 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec'], {
      [STATEMENT]: { type: 'marking-definition', id: STATEMENT, definition_type: 'statement', definition: { statement: 'x' } },
    });
    expect(r.level).toBe('AMBER');
    expect(r.tlp.map((t) => t.level)).toEqual(['CLEAR', 'AMBER']);
    expect(r.other).toEqual([STATEMENT]);
    expect(r.unknown).toEqual(['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec']);
  });
  it('no TLP marking: no level', () => {
    expect(resolveTlp([]).level).toBeUndefined();
    expect(resolveTlp([STATEMENT]).level).toBeUndefined();
    expect(resolveTlp([STATEMENT]).unknown).toEqual([STATEMENT]); // not defined at hand
  });
  it('a definition at hand is read from its content (conflicts found)', () => {
    const defs = new Map([[tlpMarkingId('GREEN'), { ...tlpMarkingObject('GREEN'), extensions: { [TLP2_EXTENSION_ID]: { tlp_2_0: 'red' } } }]]);
    const r = resolveTlp([tlpMarkingId('GREEN')], defs);
    expect(r.level).toBe('RED');
    expect(r.problems.map((p) => p.code)).toEqual(['conflicting-definition']);
  });
  it('a granular RED makes the whole object RED', () => {
    const r = tlpOfObject({ object_marking_refs: [tlpMarkingId('GREEN')], granular_markings: [{ marking_ref: RED_1, selectors: ['description'] }, { lang: 'fr', selectors: ['name'] }] });
    expect(r.level).toBe('RED');
    expect(r.tlp).toEqual([
      { id: tlpMarkingId('GREEN'), level: 'GREEN', granular: false },
      { id: RED_1, level: 'RED', granular: true },
    ]);
  });
  it('malformed marking fields are reported, not thrown', () => {
    const r = tlpOfObject({ object_marking_refs: [42, tlpMarkingId('CLEAR')], granular_markings: [{ marking_ref: {} }, 'x'] });
    expect(r.level).toBe('CLEAR');
    expect(r.problems.map((p) => p.code)).toEqual(['malformed-marking', 'malformed-marking']);
    expect(tlpOfObject({}).level).toBeUndefined();
    expect(tlpOfObject({ object_marking_refs: 'x' }).level).toBeUndefined();
  });
});

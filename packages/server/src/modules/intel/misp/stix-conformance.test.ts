// What the converter emits is valid STIX 2.1: every object of the feed fixture and of random MISP-shaped
// events passes the STIX module's validator (specification rules) and the OASIS JSON schemas of the
// corpus (skipped, with one line, when the corpus is absent).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../stix/index.ts';
import { oasisValidator } from '../stix/oasis-schemas.ts';
import { stixCorpusDir } from '../stix/testing/corpora.ts';
import { convertMispEvent, convertMispEventJson } from './convert-event.ts';
import type { StixObject } from './convert-options.ts';
import { parseMispEvent } from './event-parse.ts';
import { ProblemLog } from './problems.ts';
import { fixtureEvents } from './testing/feed-fixture.ts';
import { eventArb } from './testing/misp-arbitraries.ts';

const schemas = join(stixCorpusDir(), 'schemas');
const present = existsSync(join(schemas, 'sdos'));
if (!present) console.log(`STIX schemas not found at ${schemas}: skipping the OASIS schema checks of converted MISP events`);

function fixtureObjects(): StixObject[] {
  return fixtureEvents().events.flatMap((json) => {
    const event = parseMispEvent(json, new ProblemLog());
    return event ? convertMispEvent(event).objects : [];
  });
}

function randomObjects(runs: number): StixObject[] {
  return fc.sample(eventArb, { numRuns: runs, seed: 4242 }).flatMap((e) => convertMispEventJson(e).result?.objects ?? []);
}

const errorsOf = (o: StixObject) => validateObject(o).filter((d) => d.severity === 'error').map((d) => `${o.type} ${d.path} ${d.code}: ${d.message}`);

describe('converted MISP events are valid STIX 2.1', () => {
  it('by the STIX module’s validator', () => {
    const objects = [...fixtureObjects(), ...randomObjects(300)];
    const errors = objects.flatMap(errorsOf);
    expect(errors.slice(0, 20)).toEqual([]);
    expect(objects.length).toBeGreaterThan(500);
  });

  it.skipIf(!present)('by the OASIS JSON schemas', () => {
    const validate = oasisValidator(schemas);
    const objects = [...fixtureObjects(), ...randomObjects(300)];
    const errors = objects.flatMap((o) => validate(o).map((e) => `${o.type} ${o.id}: ${e}`));
    expect(errors.slice(0, 20)).toEqual([]);
  });
});

// Reading a MISP feed written by hand from the documented layout (testing/feed-fixture.ts): manifest,
// event files and hashes.csv; limits; errors naming the file and the JSON path; incremental imports.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { feedValueHash, indexFeedHashes } from './feed-hashes.ts';
import { planFeedImport, readMispFeed } from './feed-read.ts';
import { EVENT_A, EVENT_B, EVENT_C, fixtureEvents, writeFeed } from './testing/feed-fixture.ts';

const dirs: string[] = [];
async function feed(events = fixtureEvents().events): Promise<string> {
  const dir = await writeFeed(events);
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function editJson(file: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(file, JSON.stringify(json));
}

describe('MISP feed reading', () => {
  it('reads the manifest, every event file and hashes.csv', async () => {
    const dir = await feed();
    const r = await readMispFeed(dir);
    expect(r.manifest.map((e) => e.uuid).sort()).toEqual([EVENT_A, EVENT_B, EVENT_C].sort());
    expect(r.events.map((e) => e.event.uuid)).toEqual([EVENT_A, EVENT_B, EVENT_C]); // oldest first
    expect(r.failed).toEqual([]);
    expect(r.problems.filter((p) => p.level === 'error')).toEqual([]);
    const a = r.events[0]?.event;
    expect(a?.info).toContain('Phishing campaign');
    expect(a?.published).toBe(true);
    expect(a?.distribution).toBe(3);
    expect(a?.threatLevelId).toBe(1);
    expect(a?.orgc).toEqual({ name: 'CERT-Example', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f' });
    expect(a?.attributes.length).toBe(24);
    expect(a?.objects.map((o) => o.name)).toEqual(['file', 'domain-ip', 'network-connection', 'email', 'bank-account']);
    expect(a?.objects[0]?.references.length).toBe(2);
    expect(r.manifest.find((e) => e.uuid === EVENT_A)?.tags.map((t) => t.name)).toContain('tlp:green');
    // hashes.csv: one line per value part; lookups without reading events.
    const index = indexFeedHashes(r.hashes ?? []);
    expect(index.get(feedValueHash('198.51.100.23'))).toEqual([EVENT_A]);
    expect(index.get(feedValueHash('8.8.8.8'))).toEqual([EVENT_B]);
    expect(index.get(feedValueHash('192.0.2.10'))).toEqual([EVENT_A]);
    expect(index.has(feedValueHash('203.0.113.250'))).toBe(false);
    expect(Object.keys(r.state).sort()).toEqual([EVENT_A, EVENT_B, EVENT_C].sort());
  });

  it('skips unchanged events on the next import and reads changed, new and retried ones', async () => {
    const { events } = fixtureEvents();
    const dir = await feed(events);
    const first = await readMispFeed(dir);
    const second = await readMispFeed(dir, { state: first.state });
    expect(second.events).toEqual([]);
    expect(second.skipped.sort()).toEqual([EVENT_A, EVENT_B, EVENT_C].sort());
    expect(second.state).toEqual(first.state);
    // Event B changes: new timestamp in the manifest and the event file.
    await editJson(join(dir, 'manifest.json'), (m) => ((m[EVENT_B] as Record<string, unknown>).timestamp = '1701500000'));
    await editJson(join(dir, `${EVENT_B}.json`), (e) => ((e.Event as Record<string, unknown>).timestamp = '1701500000'));
    const third = await readMispFeed(dir, { state: second.state });
    expect(third.events.map((e) => e.event.uuid)).toEqual([EVENT_B]);
    expect(third.state[EVENT_B]).toBe(1701500000);
    // Event C disappears from the manifest: reported as removed and dropped from the state.
    await editJson(join(dir, 'manifest.json'), (m) => delete m[EVENT_C]);
    const fourth = await readMispFeed(dir, { state: third.state });
    expect(fourth.removed).toEqual([EVENT_C]);
    expect(fourth.state[EVENT_C]).toBeUndefined();
  });

  it('plans from the state alone', () => {
    const plan = planFeedImport(
      [
        { uuid: 'a', info: '', tags: [], timestamp: 10 },
        { uuid: 'b', info: '', tags: [], timestamp: 20 },
        { uuid: 'c', info: '', tags: [] },
      ],
      { a: 10, b: 15, gone: 3 },
    );
    expect(plan.skipped).toEqual(['a']);
    expect(plan.due.map((e) => e.uuid)).toEqual(['c', 'b']);
    expect(plan.removed).toEqual(['gone']);
  });

  it('names the file and JSON path of a bad attribute and keeps the rest of the event', async () => {
    const { events } = fixtureEvents();
    const e = events[1]?.Event as { Attribute: Record<string, unknown>[] };
    delete e.Attribute[1]?.type;
    (e.Attribute[2] as Record<string, unknown>).uuid = 'not-a-uuid';
    const dir = await feed(events);
    const r = await readMispFeed(dir);
    const b = r.events.find((x) => x.event.uuid === EVENT_B)?.event;
    expect(b?.attributes.length).toBe(4);
    const errors = r.problems.filter((p) => p.level === 'error');
    expect(errors).toContainEqual(expect.objectContaining({ code: 'schema', file: join(dir, `${EVENT_B}.json`), path: 'Event.Attribute[1].type' }));
    expect(errors).toContainEqual(expect.objectContaining({ code: 'schema', file: join(dir, `${EVENT_B}.json`), path: 'Event.Attribute[2].uuid' }));
  });

  it('reports invalid JSON, a missing event file and an event file holding another event, and retries them later', async () => {
    const dir = await feed();
    await writeFile(join(dir, `${EVENT_A}.json`), '{"Event": {"uuid": "');
    await rm(join(dir, `${EVENT_B}.json`));
    await editJson(join(dir, `${EVENT_C}.json`), (e) => ((e.Event as Record<string, unknown>).uuid = EVENT_B));
    const r = await readMispFeed(dir);
    expect(r.events).toEqual([]);
    expect(r.failed.sort()).toEqual([EVENT_A, EVENT_B, EVENT_C].sort());
    expect(r.state).toEqual({});
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'json', level: 'error', file: join(dir, `${EVENT_A}.json`) }));
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'missing', level: 'error', file: join(dir, `${EVENT_B}.json`) }));
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'inconsistent', file: join(dir, `${EVENT_C}.json`), path: 'Event.uuid' }));
  });

  it('enforces the file size, event count and attribute count limits', async () => {
    const dir = await feed();
    const small = await readMispFeed(dir, { limits: { maxEventFileBytes: 4096 } });
    expect(small.failed).toContain(EVENT_A);
    expect(small.problems).toContainEqual(expect.objectContaining({ code: 'too-large', file: join(dir, `${EVENT_A}.json`) }));
    const few = await readMispFeed(dir, { limits: { maxEvents: 2 } });
    expect(few.manifest.length).toBe(2);
    expect(few.problems).toContainEqual(expect.objectContaining({ code: 'limit', file: join(dir, 'manifest.json') }));
    const perEvent = await readMispFeed(dir, { limits: { maxAttributesPerEvent: 10 } });
    expect(perEvent.failed).toEqual([EVENT_A]);
    expect(perEvent.problems).toContainEqual(expect.objectContaining({ code: 'limit', path: 'Event', file: join(dir, `${EVENT_A}.json`) }));
    const total = await readMispFeed(dir, { limits: { maxAttributesTotal: 40 } });
    expect(total.events.map((e) => e.event.uuid)).toEqual([]);
    expect(total.failed).toEqual([EVENT_A, EVENT_B, EVENT_C]);
    const manifest = await readMispFeed(dir, { limits: { maxManifestBytes: 100 } });
    expect(manifest.problems).toContainEqual(expect.objectContaining({ code: 'too-large', file: join(dir, 'manifest.json') }));
  });

  it('reports a missing manifest and malformed hashes.csv lines', async () => {
    const dir = await feed();
    await writeFile(join(dir, 'hashes.csv'), `${feedValueHash('x')},${EVENT_A}\nnot,a,line\n${feedValueHash('y')},aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\n`);
    const r = await readMispFeed(dir);
    expect(r.hashes?.length).toBe(2);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'schema', path: 'line 2', file: join(dir, 'hashes.csv') }));
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'inconsistent', path: 'line 3' }));
    await rm(join(dir, 'manifest.json'));
    const none = await readMispFeed(dir, { state: { [EVENT_A]: 1 } });
    expect(none.problems).toEqual([expect.objectContaining({ code: 'missing', level: 'error', file: join(dir, 'manifest.json') })]);
    expect(none.state).toEqual({ [EVENT_A]: 1 });
  });
});

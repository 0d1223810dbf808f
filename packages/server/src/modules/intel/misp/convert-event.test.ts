// A whole feed → STIX: report structure, references that resolve, deterministic ids on re-import,
// created/modified from MISP timestamps, warninglist flags, and the unmapped report.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { convertMispEvent } from './convert-event.ts';
import type { StixObject } from './convert-options.ts';
import { parseMispEvent } from './event-parse.ts';
import { importMispFeed } from './import-feed.ts';
import { ProblemLog } from './problems.ts';
import { convert, ofType } from './testing/convert-helpers.ts';
import { EVENT_A, EVENT_B, EVENT_C, fixtureEvents, writeFeed } from './testing/feed-fixture.ts';
import { buildWarningLists } from './warninglist-load.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const REF_KEYS = ['created_by_ref', 'source_ref', 'target_ref', 'src_ref', 'dst_ref', 'from_ref', 'parent_directory_ref'];
const REFS_KEYS = ['object_refs', 'object_marking_refs', 'resolves_to_refs', 'to_refs', 'cc_refs', 'bcc_refs'];

/** Every reference inside `objects` points at an object of `objects`, of the type the id names. */
function danglingRefs(objects: readonly StixObject[]): string[] {
  const ids = new Set(objects.map((o) => o.id));
  const out: string[] = [];
  for (const o of objects) {
    const refs: unknown[] = [...REF_KEYS.map((k) => o[k]), ...REFS_KEYS.flatMap((k) => (Array.isArray(o[k]) ? (o[k] as unknown[]) : []))];
    for (const r of refs) if (typeof r === 'string' && !ids.has(r)) out.push(`${o.id} → ${r}`);
  }
  return out;
}

const ID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('MISP feed → STIX', () => {
  it('converts each event into a report first, with every reference resolving inside the event’s objects', async () => {
    const { events, ids } = fixtureEvents();
    const dir = await writeFeed(events);
    dirs.push(dir);
    const r = await importMispFeed(dir);
    expect(r.events.map((e) => e.uuid)).toEqual([EVENT_A, EVENT_B, EVENT_C]);
    for (const e of r.events) {
      const objs = e.result.objects;
      expect(objs[0]?.type).toBe('report');
      expect(objs[0]?.id).toBe(e.result.eventObjectId);
      expect(danglingRefs(objs)).toEqual([]);
      expect(new Set(objs.map((o) => o.id)).size).toBe(objs.length);
      const report = objs[0] as StixObject;
      const referenced = new Set(report.object_refs as string[]);
      for (const o of objs.slice(1)) if (o.type !== 'marking-definition') expect(referenced.has(o.id)).toBe(true);
      for (const o of objs) {
        expect(o.id).toMatch(ID);
        expect(o.id.startsWith(`${o.type}--`)).toBe(true);
        expect(o.spec_version).toBe('2.1');
        for (const k of ['created', 'modified', 'valid_from', 'valid_until', 'first_observed', 'last_observed', 'published']) if (o[k] !== undefined) expect(o[k]).toMatch(TIME);
        if (o.created !== undefined && o.modified !== undefined) expect(String(o.modified) >= String(o.created)).toBe(true);
        if (o.type !== 'marking-definition') expect([0, 1, 2, 3, 4]).toContain(o.x_bulwark_distribution);
      }
    }
    const a = r.events[0]?.result as NonNullable<(typeof r.events)[0]>['result'];
    const report = a.objects[0] as StixObject;
    expect(report).toMatchObject({ name: 'Phishing campaign against energy operators delivering a loader', published: '2023-11-14T22:20:00.000Z', created: '2023-11-14T00:00:00.000Z', modified: '2023-11-14T22:18:20.000Z', x_misp_threat_level: 'high', x_misp_analysis: 'completed' });
    expect(report.labels).toEqual(['admiralty-scale:source-reliability="b"', 'nis2:impact-sectors-impacted="energy"', 'loader']);
    const byUuid = (u: string) => a.objects.find((o) => o.x_misp_uuid === u);
    expect(byUuid(ids.ipDst)).toMatchObject({ type: 'indicator', modified: '2023-11-14T22:15:00.000Z', created: '2023-11-14T00:00:00.000Z' });
    expect(byUuid(ids.deletedIp)).toMatchObject({ type: 'indicator', revoked: true });
    expect(byUuid(ids.sharingGroupAttr)).toMatchObject({ x_bulwark_distribution: 4, x_bulwark_sharing_groups: ['c4d5e6f7-0809-4a1b-8c2d-3e4f5a6b7c8d'] });
    expect(byUuid(ids.fileObject)?.type).toBe('indicator');
    expect(byUuid(ids.connectionObject)?.type).toBe('observed-data');
    expect(ofType(a, 'relationship').map((x) => x.relationship_type).sort()).toEqual(['communicates-with', 'indicates']);
    // Unmapped: reported, kept, never silently dropped.
    expect(a.unmapped.map((u) => `${u.type}:${u.reason}:${u.keptAs}`).sort()).toEqual(
      ['bank-account:unknown-template:attributes', 'btc:unknown-type:note', 'filename:object-relation:property', 'float:object-relation:property', 'iban:unknown-type:note', 'size-in-bytes:object-relation:property'].sort(),
    );
    for (const u of a.unmapped.filter((x) => x.keptAs === 'note')) expect(a.objects.find((o) => o.id === u.stixId)?.type).toBe('note');
    const c = r.events[2]?.result;
    expect(c?.objects[0]).toMatchObject({ x_bulwark_distribution: 4, object_marking_refs: ['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'] });
    expect(ofType(c as NonNullable<typeof c>, 'note')[0]).toMatchObject({ abstract: 'Timeline', x_misp_event_report: true });
  });

  it('re-importing the same feed yields the same objects; a changed event keeps its ids and moves modified', async () => {
    const { events } = fixtureEvents();
    const dir = await writeFeed(events);
    dirs.push(dir);
    const first = await importMispFeed(dir);
    const again = await importMispFeed(dir);
    expect(again.events.map((e) => e.result.objects)).toEqual(first.events.map((e) => e.result.objects));
    const file = join(dir, `${EVENT_B}.json`);
    const json = JSON.parse(await readFile(file, 'utf8')) as { Event: { timestamp: string; Attribute: { timestamp: string }[] } };
    json.Event.timestamp = '1701500000';
    (json.Event.Attribute[0] as { timestamp: string }).timestamp = '1701500000';
    await writeFile(file, JSON.stringify(json));
    const changed = await importMispFeed(dir);
    const before = first.events[1]?.result.objects ?? [];
    const after = changed.events[1]?.result.objects ?? [];
    expect(after.map((o) => o.id)).toEqual(before.map((o) => o.id));
    const ind = (objs: readonly StixObject[]) => objs.find((o) => o.type === 'indicator');
    expect(ind(after)?.created).toBe(ind(before)?.created);
    expect(ind(after)?.modified).toBe('2023-12-02T06:53:20.000Z');
    expect(after[0]?.modified).toBe('2023-12-02T06:53:20.000Z');
  });

  it('incremental import: unchanged events are not converted again', async () => {
    const dir = await writeFeed(fixtureEvents().events);
    dirs.push(dir);
    const first = await importMispFeed(dir);
    const second = await importMispFeed(dir, { state: first.state });
    expect(second.events).toEqual([]);
    expect(second.skipped.length).toBe(3);
  });

  it('flags indicators whose values are on a warninglist', () => {
    const wl = buildWarningLists([
      { id: 'public-dns-v4', json: { name: 'DNS', type: 'cidr', list: ['8.8.8.8'], matching_attributes: ['ip-dst', 'ip-src'] } },
      { id: 'empty-hashes', json: { name: 'Empty', type: 'string', list: ['d41d8cd98f00b204e9800998ecf8427e'], matching_attributes: ['md5'] } },
      { id: 'google', json: { name: 'Google', type: 'hostname', list: ['google.com'], matching_attributes: ['domain'] } },
    ]).lists;
    const { events } = fixtureEvents();
    const event = parseMispEvent(events[1], new ProblemLog());
    const r = convertMispEvent(event as NonNullable<typeof event>, { warninglists: wl });
    const flags = Object.fromEntries(ofType(r, 'indicator').map((i) => [i.name, i.x_bulwark_warninglists]));
    expect(flags).toEqual({ '8.8.8.8': ['public-dns-v4'], d41d8cd98f00b204e9800998ecf8427e: ['empty-hashes'], 'abuse@victim.example': undefined, 'mail.google.com': ['google'], '0a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9:0a:1b:2c:3d': undefined });
  });

  it('an event becomes a grouping on request, or while unpublished with eventAs "auto"', () => {
    expect(convert({}, { eventAs: 'grouping' }).objects[0]).toMatchObject({ type: 'grouping', context: 'suspicious-activity' });
    expect(convert({ published: false }, { eventAs: 'auto' }).objects[0]?.type).toBe('grouping');
    expect(convert({ published: true }, { eventAs: 'auto' }).objects[0]?.type).toBe('report');
  });

  it('an empty event still gives a valid report (object_refs is never empty)', () => {
    const r = convert({ Orgc: undefined });
    expect((r.objects[0]?.object_refs as string[]).length).toBe(1);
    expect(danglingRefs(r.objects)).toEqual([]);
  });

  it('marking definitions can be left out', () => {
    const r = convert({ Tag: [{ name: 'tlp:red' }] }, { includeMarkingDefinitions: false });
    expect(ofType(r, 'marking-definition')).toEqual([]);
  });
});

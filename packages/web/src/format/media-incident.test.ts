import { describe, expect, it } from 'vitest';
import type { MediaIncident } from '@bulwark/contracts';
import {
  ATTRIBUTIONS, ATTRIBUTION_LABEL, CHANNEL_KINDS, CHANNEL_KIND_LABEL, EMPTY_ACTOR, EMPTY_CHANNEL, EMPTY_INCIDENT, attributionLabel, channelKindLabel,
  incidentBody, incidentDraftFromCheck, incidentExportName, incidentProblems, incidentValuesOf, parseIdList,
} from './media-incident.ts';

const ID = '0b7e4a52-3c1d-4e8f-9a2b-5c6d7e8f9a0b';
const ENTRY = '1c8f5b63-4d2e-4f90-8b3c-6d7e8f9a0b1c';

const INCIDENT: MediaIncident = {
  id: ID,
  title: 'Fabricated speech <b>',
  summary: 'A fake video',
  status: 'investigating',
  firstSeen: '2026-03-01T10:15:00.000Z',
  lastSeen: null,
  tlp: 'AMBER',
  campaign: 'Doppelgänger',
  narratives: ['The election is rigged'],
  channels: [{ platform: 'Telegram', name: '@fake', kind: 'messaging-channel', attribution: 'state-linked' }],
  actors: [{ name: 'Storm-1516', confidence: 70 }],
  techniques: ['T0086.002'],
  mediaEntries: [ENTRY],
  mediaChecks: [],
  notes: '',
  techniqueDetails: [{ id: 'T0086.002', name: 'Develop AI-generated videos (deepfakes)', tacticId: 'TA06' }],
  createdAt: '2026-03-01T10:20:00.000Z',
  createdBy: null,
  updatedAt: '2026-03-01T10:20:00.000Z',
  updatedBy: null,
};

describe('incident words', () => {
  it('has a label for every channel kind and attribution', () => {
    for (const k of CHANNEL_KINDS) expect(CHANNEL_KIND_LABEL[k]).toBeTruthy();
    for (const a of ATTRIBUTIONS) expect(ATTRIBUTION_LABEL[a]).toBeTruthy();
    expect(channelKindLabel('x<y>')).toBe('x<y>');
    expect(attributionLabel(undefined)).toBe('—');
    expect(attributionLabel('state-aligned')).toBe('State-aligned');
  });
});

describe('linked ids', () => {
  it('takes UUIDs from lines or commas, once each, and reports the rest', () => {
    expect(parseIdList(`${ENTRY.toUpperCase()}\n${ENTRY}, nope`)).toEqual({ ids: [ENTRY], bad: ['nope'] });
    expect(parseIdList('')).toEqual({ ids: [], bad: [] });
  });
});

describe('incident form', () => {
  it('round-trips an incident through the form into the same body', () => {
    const body = incidentBody(incidentValuesOf(INCIDENT));
    expect(body).toEqual({
      title: INCIDENT.title, summary: INCIDENT.summary, status: 'investigating', tlp: 'AMBER', campaign: 'Doppelgänger',
      firstSeen: INCIDENT.firstSeen, lastSeen: null, narratives: INCIDENT.narratives, channels: INCIDENT.channels,
      actors: INCIDENT.actors, techniques: ['T0086.002'], mediaEntries: [ENTRY], mediaChecks: [], notes: '',
    });
  });

  it('drops empty narratives and optional channel and actor fields', () => {
    const v = {
      ...EMPTY_INCIDENT, title: ' New ', narratives: ['  ', 'one'],
      channels: [{ ...EMPTY_CHANNEL, platform: 'X', name: '@a', url: ' https://x.example/a ' }], actors: [{ ...EMPTY_ACTOR, name: 'A', confidence: '150' }],
    };
    const body = incidentBody(v);
    expect(body.title).toBe('New');
    expect(body.narratives).toEqual(['one']);
    expect(body.channels).toEqual([{ platform: 'X', name: '@a', kind: 'social-media-account', url: 'https://x.example/a' }]);
    expect(body.actors).toEqual([{ name: 'A', confidence: 100 }]);
  });

  it('says what is wrong before sending', () => {
    expect(incidentProblems({ ...EMPTY_INCIDENT, title: 't' })).toEqual([]);
    const problems = incidentProblems({
      ...EMPTY_INCIDENT,
      channels: [{ ...EMPTY_CHANNEL, platform: 'X', url: 'not a url' }],
      actors: [{ ...EMPTY_ACTOR, confidence: '1.5' }],
      techniques: 'T0086 bogus', mediaEntries: 'x', mediaChecks: ENTRY,
      firstSeen: '2026-03-02T10:00', lastSeen: '2026-03-01T10:00',
    });
    expect(problems).toEqual([
      'The incident needs a title.',
      'Channel 1 needs a platform and a name.',
      'Channel 1: the URL is not an absolute URL.',
      'Actor 1 needs a name.',
      'Actor 1: confidence is a whole number from 0 to 100.',
      'Not DISARM technique ids: bogus.',
      'Not entry ids: x.',
      'Last seen is before first seen.',
    ]);
  });

  it('names an export after the incident, safely', () => {
    expect(incidentExportName(INCIDENT)).toBe('bulwark-incident-0b7e4a52-fabricated-speech-b.stix.json');
    expect(incidentExportName({ id: ID, title: '../../<>' })).toBe('bulwark-incident-0b7e4a52.stix.json');
  });
});

describe('an incident from a check', () => {
  it('links the check and its own matching entries and gathers the context of the matches', () => {
    const match = { entryId: ENTRY, narrative: 'N1', actor: 'A', campaign: '', disarm: ['T0086.002'], firstSeen: '2026-03-02T00:00:00.000Z' };
    const draft = incidentDraftFromCheck({
      id: ID, name: 'clip.mp4',
      matches: [match, { ...match, entryId: null, narrative: ' N1 ', actor: 'B', campaign: 'C', disarm: ['T0023', 'T0086.002'], firstSeen: '2026-03-01T00:00:00.000Z' }],
    });
    expect(draft).toMatchObject({
      title: 'clip.mp4', campaign: 'C', narratives: ['N1'], actors: [{ ...EMPTY_ACTOR, name: 'A' }, { ...EMPTY_ACTOR, name: 'B' }],
      techniques: 'T0086.002, T0023', mediaEntries: ENTRY, mediaChecks: ID,
    });
    expect(incidentBody(draft).firstSeen).toBe('2026-03-01T00:00:00.000Z');
    expect(incidentProblems(draft)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  VERDICTS, VERDICT_COLOR, VERDICT_LABEL, VERDICT_MEANING, bankDeletionWarning, changeValue, contextBody, contextChanges, contextValuesOf, formatBytes,
  historyActionLabel, isAiSourceType, isoToLocalInput, matchMeasure, parseDisarmIds, safeHttpUrl, shortHash, sourceTypeName,
  retainedFileName, uploadPercent, verdictColor, verdictLabel, EMPTY_CONTEXT,
} from './media.ts';

describe('verdicts', () => {
  it('has a label, a colour and a meaning for every verdict', () => {
    for (const v of VERDICTS) {
      expect(VERDICT_LABEL[v]).toBeTruthy();
      expect(VERDICT_COLOR[v]).toBeTruthy();
      expect(VERDICT_MEANING[v]).toBeTruthy();
    }
    expect(verdictLabel('known-fake')).toBe('Known fake');
    expect(verdictColor('known-fake')).toBe('red');
    expect(verdictColor('unknown')).toBe('gray');
  });

  it('shows an unforeseen verdict as it came, in gray', () => {
    expect(verdictLabel('<b>x</b>')).toBe('<b>x</b>');
    expect(verdictColor('something-new')).toBe('gray');
  });
});

describe('match measures', () => {
  it('says how close each kind of match is', () => {
    expect(matchMeasure({ algorithm: 'sha256' })).toBe('identical bytes');
    expect(matchMeasure({ algorithm: 'pdq', distance: 12, transform: 'original' })).toBe('distance 12 of 256 bits');
    expect(matchMeasure({ algorithm: 'pdq', distance: 4, transform: 'rotate90' })).toBe('distance 4 of 256 bits (rotate90)');
    expect(matchMeasure({ algorithm: 'pdq' })).toBe('distance unknown');
    expect(matchMeasure({ algorithm: 'vpdq', queryShare: 0.8, entryShare: 0.625 })).toBe('80% of the checked frames, 62.5% of the entry\'s frames');
    expect(matchMeasure({ algorithm: 'chromaprint', ber: 0.1234, matchedSeconds: 12, offsetSeconds: 3.25 }))
      .toBe('bit error rate 0.123, 12.0 s matched, offset 3.3 s');
    expect(matchMeasure({ algorithm: 'chromaprint' })).toBe('fingerprints align');
  });
});

describe('sizes and progress', () => {
  it('formats byte counts in powers of 1024', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatBytes(-1)).toBe('-1');
  });

  it('gives whole percentages and nothing for an unknown total', () => {
    expect(uploadPercent(0, 100)).toBe(0);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(1000, 1000)).toBe(100);
    expect(uploadPercent(2000, 1000)).toBe(100);
    expect(uploadPercent(10, 0)).toBeUndefined();
  });
});

describe('provenance terms', () => {
  it('names digital source types by their IPTC term and knows the AI ones', () => {
    expect(sourceTypeName('http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia')).toBe('trainedAlgorithmicMedia');
    expect(sourceTypeName('digitalCapture')).toBe('digitalCapture');
    expect(isAiSourceType('trainedAlgorithmicMedia')).toBe(true);
    expect(isAiSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia')).toBe(true);
    expect(isAiSourceType('algorithmicMedia')).toBe(true);
    expect(isAiSourceType('digitalCapture')).toBe(false);
  });
});

describe('links from untrusted text', () => {
  it('accepts only absolute http and https URLs', () => {
    expect(safeHttpUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHttpUrl(' http://example.org ')).toBe('http://example.org/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeHttpUrl('//evil.example/x')).toBeUndefined();
    expect(safeHttpUrl('Telegram channel @x')).toBeUndefined();
    expect(safeHttpUrl('https://')).toBeUndefined();
    expect(safeHttpUrl('')).toBeUndefined();
    expect(safeHttpUrl(null)).toBeUndefined();
  });
});

describe('DISARM ids', () => {
  it('parses a typed list, upper-cases, drops repeats and reports what is not an id', () => {
    expect(parseDisarmIds('T0086.002, t0023;T0086.002  x12 T12')).toEqual({ ids: ['T0086.002', 'T0023'], bad: ['x12', 'T12'] });
    expect(parseDisarmIds('  ')).toEqual({ ids: [], bad: [] });
  });
});

describe('entry history and hashes', () => {
  it('shows history values as one line of text', () => {
    expect(changeValue(null)).toBe('—');
    expect(changeValue('')).toBe('—');
    expect(changeValue('AMBER')).toBe('AMBER');
    expect(changeValue(['T0001', 'T0002'])).toBe('T0001, T0002');
    expect(changeValue([])).toBe('—');
    expect(changeValue(3)).toBe('3');
    expect(changeValue({ a: 1 })).toBe('{"a":1}');
    expect(historyActionLabel('withdraw')).toBe('Withdrawn');
    expect(historyActionLabel('other')).toBe('other');
  });

  it('shortens long hashes only', () => {
    expect(shortHash('0123456789abcdef0123456789abcdef')).toBe('01234567…cdef');
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('entry context forms', () => {
  const entry = {
    title: 'Fake speech', narrative: 'n', actor: '', campaign: 'c', disarm: ['T0086.002'], firstSeen: null as string | null, source: 's', tlp: 'AMBER',
  };

  it('round-trips an entry through the form without changes', () => {
    expect(contextChanges(entry, contextValuesOf(entry))).toEqual({});
    const seen = { ...entry, firstSeen: '2026-03-01T10:15:00.000Z' };
    expect(contextChanges(seen, contextValuesOf(seen))).toEqual({});
  });

  it('sends only what changed, cleared fields as empty', () => {
    const v = { ...contextValuesOf(entry), narrative: '', actor: 'APT X', disarm: 't0023', tlp: 'RED' };
    expect(contextChanges(entry, v)).toEqual({ narrative: '', actor: 'APT X', disarm: ['T0023'], tlp: 'RED' });
    const local = isoToLocalInput('2026-03-01T10:15:00.000Z');
    expect(contextChanges(entry, { ...contextValuesOf(entry), firstSeen: local })).toEqual({ firstSeen: '2026-03-01T10:15:00.000Z' });
    const seen = { ...entry, firstSeen: '2026-03-01T10:15:00.000Z' };
    expect(contextChanges(seen, { ...contextValuesOf(seen), firstSeen: '' })).toEqual({ firstSeen: null });
  });

  it('leaves empty fields out of a new entry and keeps the bank\'s TLP unless one is chosen', () => {
    expect(contextBody(EMPTY_CONTEXT)).toEqual({});
    expect(contextBody({ ...EMPTY_CONTEXT, title: ' T ', disarm: 'T0001 bad', tlp: 'GREEN' })).toEqual({ title: 'T', disarm: ['T0001'], tlp: 'GREEN' });
  });

  it('has no datetime-local value for missing or invalid instants', () => {
    expect(isoToLocalInput(null)).toBe('');
    expect(isoToLocalInput('not a date')).toBe('');
  });
});

describe('retained media', () => {
  it('names the download after the hash and the detected type, never the given name', () => {
    const sha256 = 'ab'.repeat(32);
    expect(retainedFileName({ id: 'x', type: 'image/png', hashes: { sha256 } })).toBe('bulwark-media-abababababababab.png');
    expect(retainedFileName({ id: '0123456789abcdef0000', type: 'application/x-evil', hashes: {} })).toBe('bulwark-media-0123456789abcdef.bin');
  });
});

describe('deleting a bank', () => {
  it('says beforehand that the entries are withdrawn and the withdrawals shared', () => {
    const text = bankDeletionWarning({ name: 'Election fakes', entries: 3 });
    expect(text).toContain('Deleting "Election fakes" withdraws its 3 active entries');
    expect(text).toContain('withdrawals are sent to every organisation and federated instance they were shared with');
    expect(text).toContain('cannot be undone');
    expect(bankDeletionWarning({ name: 'B', entries: 1 })).toContain('its 1 active entry:');
  });
});

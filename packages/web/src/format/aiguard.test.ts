import { describe, expect, it } from 'vitest';
import {
  actionColor, actionLabel, atlasUrl, blockedText, categoryLabel, clampRisk, findingCategories, formatMs, formatScore, formatWindow, isAtlasId, modelsToText, parseModels, riskBand, riskColor,
} from './aiguard.ts';

describe('gateway actions', () => {
  it('gives each action its colour and label; anything else stays neutral', () => {
    expect(['allow', 'flag', 'hold', 'block'].map(actionColor)).toEqual(['green', 'yellow', 'orange', 'red']);
    expect(['allow', 'flag', 'hold', 'block'].map(actionLabel)).toEqual(['allowed', 'flagged', 'held', 'blocked']);
    expect(actionColor('<b>x</b>')).toBe('gray');
    expect(actionLabel('toString')).toBe('toString');
    expect(actionColor('constructor')).toBe('gray');
  });
});

describe('risk', () => {
  it('clamps and bands risk as the server escalates (hold from 60, block from 85)', () => {
    expect(clampRisk(-3)).toBe(0);
    expect(clampRisk(101.4)).toBe(100);
    expect(clampRisk(null)).toBe(0);
    expect(clampRisk(Number.NaN)).toBe(0);
    expect(clampRisk(59.6)).toBe(60);
    expect([0, 29, 30, 59, 60, 84, 85, 100].map(riskBand)).toEqual(['low', 'low', 'elevated', 'elevated', 'hold', 'hold', 'block', 'block']);
    expect([10, 40, 70, 90].map(riskColor)).toEqual(['gray', 'yellow', 'orange', 'red']);
  });

  it('says whether and until when an account is blocked', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(blockedText(null, now)).toBeUndefined();
    expect(blockedText('2025-12-31T23:00:00Z', now)).toBeUndefined();
    expect(blockedText('2026-01-01T01:00:00.000Z', now)).toBe('until 2026-01-01 01:00:00Z');
    expect(blockedText('infinity', now)).toBe('permanently');
    expect(blockedText('+275760-09-13T00:00:00.000Z', now)).toBe('permanently');
  });

  it('lists window counts in a stable order', () => {
    expect(formatWindow({ probing: 2, requests: 10, zeta: 1.25, flagged: 3 })).toBe('requests 10 · flagged 3 · probing 2 · zeta 1.3');
    expect(formatWindow({})).toBe('');
  });
});

describe('MITRE ATLAS links', () => {
  it('links techniques, sub-techniques, tactics and mitigations to their pages', () => {
    expect(atlasUrl('AML.T0051')).toBe('https://atlas.mitre.org/techniques/AML.T0051');
    expect(atlasUrl('AML.T0052.000')).toBe('https://atlas.mitre.org/techniques/AML.T0052.000');
    expect(atlasUrl('AML.TA0002')).toBe('https://atlas.mitre.org/tactics/AML.TA0002');
    expect(atlasUrl('AML.M0015')).toBe('https://atlas.mitre.org/mitigations/AML.M0015');
  });

  it('never makes a link of anything else', () => {
    for (const bad of ['javascript:alert(1)', 'AML.T0051/../../x', 'AML.T005', ' AML.T0051', 'AML.T0051.0001', 'https://evil.example', '']) {
      expect(isAtlasId(bad)).toBe(false);
      expect(atlasUrl(bad)).toBeUndefined();
    }
  });
});

describe('scores, timings and findings', () => {
  it('formats scores and milliseconds', () => {
    expect(formatScore(0.9876)).toBe('0.99');
    expect(formatScore(null)).toBe('—');
    expect(formatMs(0.423)).toBe('0.42 ms');
    expect(formatMs(12.6)).toBe('13 ms');
    expect(formatMs(1530)).toBe('1.5 s');
    expect(formatMs(null)).toBe('—');
  });

  it('groups findings by category with their ATLAS ids, highest score first', () => {
    const cats = findingCategories([
      { category: 'jailbreak', score: 0.4, source: 'rule:j1', atlas: ['AML.T0054'], where: 'input' },
      { category: 'malware', score: 0.7, source: 'rule:m1', atlas: ['AML.T0102'], where: 'input' },
      { category: 'malware', score: 0.95, source: 'classifier', atlas: ['AML.T0102', 'AML.T0048'], where: 'input' },
    ]);
    expect(cats).toEqual([
      { category: 'malware', score: 0.95, atlas: ['AML.T0048', 'AML.T0102'] },
      { category: 'jailbreak', score: 0.4, atlas: ['AML.T0054'] },
    ]);
    expect(categoryLabel('phishing_social_engineering')).toBe('phishing social engineering');
  });
});

describe('models map', () => {
  it('round-trips through text', () => {
    const models = { 'gpt-guarded': 'stand-in-small', 'gpt-4o': 'prod-deployment' };
    expect(parseModels(modelsToText(models))).toEqual({ models });
    expect(parseModels('')).toEqual({ models: {} });
    expect(parseModels('# comment\n  llama3  \n')).toEqual({ models: { llama3: 'llama3' } });
  });

  it('says which line is wrong', () => {
    expect(parseModels('a = b\n = c')).toEqual({ error: 'line 2: give "model offered = model at the upstream"' });
    expect(parseModels('a = b\na = c')).toEqual({ error: 'line 2: "a" is listed twice' });
    expect(parseModels(`x = ${'y'.repeat(201)}`)).toEqual({ error: 'line 1: a model name is at most 200 characters' });
    expect(parseModels('__proto__ = x')).toEqual({ models: JSON.parse('{"__proto__":"x"}') as Record<string, string> });
  });
});

// The scanner runs each rule only near the key words every match of it contains. These tests hold
// that to the whole-text run: same hits on every corpus prompt, on the built-in sets, and on long texts
// stitched from them (where the windows are much smaller than the text).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from './corpus.ts';
import { normalize } from './normalize.ts';
import { RULES, runRules, runRulesWhole, type RuleHit, type Where } from './rules.ts';
import { BENIGN_OUTPUTS, BENIGN_PROMPTS, HARMFUL_OUTPUTS, MALICIOUS_PROMPTS, UNTUNED_BENIGN_OUTPUTS, UNTUNED_HARMFUL_OUTPUTS } from './sanity-set.ts';

const CORPORA = process.env.BULWARK_CORPORA ?? join(import.meta.dirname, '../../../../../../../shared/corpora');
const FILES = ['train.jsonl', 'dev.jsonl'].map((f) => join(CORPORA, 'aiguard', f)).filter(existsSync);
if (FILES.length < 2) console.log(`aiguard rule-window test on the corpus skipped: ${join(CORPORA, 'aiguard')} lacks train.jsonl or dev.jsonl (built-in sets still run)`);

const WHERE: readonly Where[] = ['input', 'output', 'document'];
const key = (h: RuleHit) => `${h.rule.id}@${h.start}-${h.end}`;

function texts(): string[] {
  const list = [...BENIGN_PROMPTS, ...MALICIOUS_PROMPTS.map((m) => m.text), ...HARMFUL_OUTPUTS, ...BENIGN_OUTPUTS, ...UNTUNED_HARMFUL_OUTPUTS, ...UNTUNED_BENIGN_OUTPUTS];
  for (const f of FILES) for (const r of readCorpus(f).rows) list.push(r.text);
  return list;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mismatches(list: readonly string[]): string[] {
  const bad: string[] = [];
  for (const t of list) {
    const norm = normalize(t).text;
    for (const w of WHERE) {
      const got = runRules(norm, w).map(key).sort();
      const want = runRulesWhole(norm, w).map(key).sort();
      if (got.join() !== want.join()) bad.push(`${w}: ${JSON.stringify(norm.slice(0, 120))}… windows ${got.join(' ')} / whole ${want.join(' ')}`);
    }
  }
  return bad;
}

describe('rule windows', () => {
  it('every rule has a bounded match length and key words', () => {
    for (const r of RULES) expect(r.need.length, r.id).toBeGreaterThan(0);
  });

  it('find what the whole-text run finds, prompt by prompt', () => {
    const list = texts();
    expect(list.length).toBeGreaterThan(200);
    expect(mismatches(list)).toEqual([]);
  }, 120_000);

  it('find what the whole-text run finds in long texts stitched from the prompts', () => {
    const list = texts();
    const random = rng(11);
    const long: string[] = [];
    for (let i = 0; i < 300; i++) {
      let t = '';
      const parts = 5 + Math.floor(random() * 40);
      for (let j = 0; j < parts; j++) t += list[Math.floor(random() * list.length)]! + (random() < 0.5 ? '\n' : ' ');
      long.push(t);
    }
    expect(mismatches(long)).toEqual([]);
  }, 120_000);
});

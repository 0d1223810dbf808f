// README.md's two model tables must say exactly what the code does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_AUDIENCE, DISTRIBUTIONS } from './distribution.ts';
import { RECIPIENT_CLASSES, type RecipientClass } from './recipient-class.ts';
import { TLP_AUDIENCE, TLP_LEVELS } from './tlp.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

function table(marker: string): { header: string[]; rows: Map<string, string[]> } {
  const start = readme.indexOf(`<!-- ${marker}`);
  expect(start, marker).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(start).split('\n').slice(1);
  const body = lines.slice(0, lines.findIndex((l) => !l.startsWith('|')));
  const cells = (line: string): string[] => line.split('|').slice(1, -1).map((c) => c.trim());
  const [header, , ...rows] = body.map(cells);
  return { header: header?.slice(1) ?? [], rows: new Map(rows.map((r) => [(r[0] ?? '').replace(/`/g, ''), r.slice(1)])) };
}

function check(marker: string, columns: readonly string[], audience: (column: string) => ReadonlySet<RecipientClass>): void {
  const { header, rows } = table(marker);
  expect(header).toEqual([...columns]);
  expect([...rows.keys()]).toEqual([...RECIPIENT_CLASSES]);
  for (const cls of RECIPIENT_CLASSES) {
    expect(rows.get(cls), cls).toEqual(columns.map((c) => (audience(c).has(cls) ? '✓' : '—')));
  }
}

describe('README.md model tables', () => {
  it('TLP level × recipient class', () => check('tlp-table', TLP_LEVELS, (c) => TLP_AUDIENCE[c as (typeof TLP_LEVELS)[number]]));
  it('distribution × recipient class', () => check('distribution-table', DISTRIBUTIONS, (c) => DISTRIBUTION_AUDIENCE[c as (typeof DISTRIBUTIONS)[number]]));
});

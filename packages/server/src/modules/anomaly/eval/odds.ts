// The ODDS corpus (17 outlier-detection sets from PyOD's repository, as CSV): the data sets, PyOD's
// published ROC-AUC table and the corpus MANIFEST's sklearn IsolationForest reference column.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ODDS_SETS = ['arrhythmia', 'cardio', 'glass', 'ionosphere', 'letter', 'lympho', 'mnist', 'musk', 'optdigits', 'pendigits', 'pima', 'satellite', 'satimage-2', 'shuttle', 'vertebral', 'vowels', 'wbc'] as const;

export function oddsPresent(dir: string): boolean {
  return existsSync(join(dir, 'data')) && ODDS_SETS.every((s) => readdirSync(join(dir, 'data')).includes(`${s}.csv`));
}

/** PyOD's published ROC-AUC (pyod-results/roc.csv): data set → detector column → value (columns of zeros left out). */
export function pyodRoc(dir: string): Map<string, Map<string, number>> {
  const lines = readFileSync(join(dir, 'pyod-results', 'roc.csv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  const out = new Map<string, Map<string, number>>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const row = new Map<string, number>();
    for (let j = 4; j < header.length; j++) {
      const v = Number(f[j]);
      if (Number.isFinite(v) && v > 0) row.set(header[j]!, v);
    }
    out.set(f[0]!.trim(), row);
  }
  return out;
}

/** The MANIFEST's "sklearn IF ROC, whole set" column: data set → mean over its 5 seeds. */
export function manifestSklearnIf(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(join(dir, 'MANIFEST.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = cells[1];
    const m = /^([0-9.]+) ± [0-9.]+$/.exec(cells.at(-2) ?? '');
    if (name && m && (ODDS_SETS as readonly string[]).includes(name)) out.set(name, Number(m[1]));
  }
  return out;
}

// Reads a Numenta Anomaly Benchmark folder (upstream layout): data/<category>/<file>.csv, the windows in
// labels/combined_windows.json and, for reference detectors, results/<det>/<category>/<det>_<file>.csv[.gz].
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LabelledSeries } from './scorer.ts';

export interface NabSeries extends LabelledSeries {
  /** Milliseconds since the epoch (timestamps read as UTC). */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` as UTC milliseconds. */
export function parseNabTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a NAB timestamp: ${JSON.stringify(s.slice(0, 40))}`);
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
}

function lines(text: string): string[] {
  const out = text.split(/\r?\n/);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The series names (`category/file.csv`) of the data folder, sorted. */
export function listSeries(nabDir: string): string[] {
  const data = join(nabDir, 'data');
  const names: string[] = [];
  for (const cat of readdirSync(data, { withFileTypes: true })) {
    if (!cat.isDirectory()) continue;
    for (const f of readdirSync(join(data, cat.name))) if (f.endsWith('.csv')) names.push(`${cat.name}/${f}`);
  }
  return names.sort();
}

export function readWindows(nabDir: string, file = 'labels/combined_windows.json'): Record<string, Array<[string, string]>> {
  return JSON.parse(readFileSync(join(nabDir, file), 'utf8')) as Record<string, Array<[string, string]>>;
}

/** Loads one series with its windows mapped to row indices (first row at or after the start, last at or before the end). */
export function loadSeries(nabDir: string, name: string, windows: Record<string, Array<[string, string]>>): NabSeries {
  const rows = lines(readFileSync(join(nabDir, 'data', name), 'utf8'));
  const n = rows.length - 1;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const line = rows[i + 1]!;
    const comma = line.indexOf(',');
    timestamps[i] = parseNabTime(line.slice(0, comma));
    values[i] = Number(line.slice(comma + 1));
  }
  const ws: Array<[number, number]> = [];
  for (const [start, end] of windows[name] ?? []) {
    const s = parseNabTime(start);
    const e = parseNabTime(end);
    let a = 0;
    while (a < n && timestamps[a]! < s) a++;
    let b = n - 1;
    while (b >= 0 && timestamps[b]! > e) b--;
    if (a <= b) ws.push([a, b]);
  }
  return { name, length: n, timestamps, values, windows: ws };
}

export function loadCorpus(nabDir: string, opts: { only?: readonly string[] } = {}): NabSeries[] {
  const windows = readWindows(nabDir);
  const names = opts.only ?? listSeries(nabDir);
  return names.map((name) => loadSeries(nabDir, name, windows));
}

/** The anomaly_score column of a reference detector's per-row result file (plain or gzip-compressed). */
export function readResultScores(resultsDir: string, detector: string, name: string): Float64Array {
  const slash = name.indexOf('/');
  const base = join(resultsDir, detector, name.slice(0, slash), `${detector}_${name.slice(slash + 1)}`);
  const text = existsSync(`${base}.gz`) ? gunzipSync(readFileSync(`${base}.gz`)).toString('utf8') : readFileSync(base, 'utf8');
  const rows = lines(text);
  const col = rows[0]!.split(',').indexOf('anomaly_score');
  if (col < 0) throw new Error(`${base}: no anomaly_score column`);
  const out = new Float64Array(rows.length - 1);
  for (let i = 1; i < rows.length; i++) out[i - 1] = Number(rows[i]!.split(',')[col]);
  return out;
}

export function isNabDir(dir: string): boolean {
  return existsSync(join(dir, 'data')) && existsSync(join(dir, 'labels', 'combined_windows.json'));
}

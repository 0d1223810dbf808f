// An entity's risk from its findings: the highest score decayed by age (half-life 7 days), plus a
// little for each further finding, capped at 100; and a daily timeline (highest score per UTC day).

export function riskOf(findings: ReadonlyArray<{ score: number; ageDays: number }>): number {
  const decayed = findings.map((f) => f.score * 0.5 ** (Math.max(0, f.ageDays) / 7)).sort((a, b) => b - a);
  if (!decayed.length) return 0;
  let risk = decayed[0]!;
  for (const d of decayed.slice(1)) risk += (100 - risk) * (d / 100) * 0.2;
  return Math.max(0, Math.min(100, Math.round(risk)));
}

export function timelineOf(findings: ReadonlyArray<{ time: string; score: number }>): Array<{ day: string; risk: number; findings: number }> {
  const days = new Map<string, { risk: number; findings: number }>();
  for (const f of findings) {
    const day = f.time.slice(0, 10);
    const d = days.get(day) ?? { risk: 0, findings: 0 };
    d.risk = Math.max(d.risk, Math.round(f.score));
    d.findings++;
    days.set(day, d);
  }
  return [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([day, d]) => ({ day, ...d }));
}

// CPU time from /proc (Linux): of one process, and of the whole machine, to tell what a run was bound by.
import { readdirSync, readFileSync } from 'node:fs';

/** User+system CPU seconds a process has used so far (undefined off Linux or once it exited). */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11], [12] are utime, stime (fields 14 and 15 of proc(5), counted after the command name)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface MachineCpu {
  readonly busy: number;
  readonly total: number;
}

/** Aggregate jiffies of the whole machine (undefined off Linux). */
export function machineCpu(): MachineCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Share of all cores busy between two samples (0..1). */
export function busyShare(a: MachineCpu | undefined, b: MachineCpu | undefined): number | undefined {
  if (!a || !b || b.total === a.total) return undefined;
  return (b.busy - a.busy) / (b.total - a.total);
}

/** CPU seconds used so far by all processes named `name` (e.g. the PostgreSQL backends on this machine). */
export function cpuSecondsByName(name: string): number | undefined {
  let sum = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) continue;
      } catch {
        continue;
      }
      const s = processCpuSeconds(Number(pid));
      if (s !== undefined) {
        sum += s;
        found = true;
      }
    }
  } catch {
    return undefined;
  }
  return found ? sum : undefined;
}

// The machine a benchmark ran on: CPU, cores, memory, Node and OS, printed with every result.
import { cpus, release, totalmem, type as osType, arch, loadavg } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  readonly loadAverage: readonly number[];
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${osType()} ${release()} ${arch()}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function describeMachine(m: Machine): string {
  return [
    `CPU      ${m.cpu} (${m.cores} cores)`,
    `memory   ${m.memoryGiB} GiB`,
    `node     ${m.node}`,
    `os       ${m.os}`,
    `load     ${m.loadAverage.join(' ')} (1/5/15 min, before the run)`,
  ].join('\n');
}

// Lists the files under a directory with a given extension, sorted (used by the corpus tests and bench).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function filesWithExtension(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

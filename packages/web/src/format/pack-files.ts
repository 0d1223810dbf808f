// Files chosen in the browser as the files of a Sigma pack: only .yml/.yaml, each named by its path
// inside the chosen folder (without the folder itself) or, for single files, by its name.

export interface PackFileSource {
  readonly name: string;
  readonly webkitRelativePath?: string;
  text(): Promise<string>;
}

export function isRuleFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** "rules/windows/x.yml" → "windows/x.yml"; "" (a file, not a folder) → the file name. */
export function packPath(file: Pick<PackFileSource, 'name' | 'webkitRelativePath'>): string {
  const rel = file.webkitRelativePath ?? '';
  const parts = rel.split('/').filter(Boolean);
  return parts.length > 1 ? parts.slice(1).join('/') : file.name;
}

export async function readPackFiles(files: Iterable<PackFileSource>): Promise<{ name: string; content: string }[]> {
  const chosen = [...files].filter((f) => isRuleFile(f.name));
  const read = await Promise.all(chosen.map(async (f) => ({ name: packPath(f), content: await f.text() })));
  return read.sort((a, b) => a.name.localeCompare(b.name));
}

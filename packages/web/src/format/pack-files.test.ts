import { describe, expect, it } from 'vitest';
import { packPath, readPackFiles } from './pack-files.ts';

const file = (name: string, webkitRelativePath = '', content = `title: ${name}`) => ({ name, webkitRelativePath, text: () => Promise.resolve(content) });

describe('pack files chosen in the browser', () => {
  it('names a file by its path inside the chosen folder, or by its name', () => {
    expect(packPath(file('x.yml', 'rules/windows/x.yml'))).toBe('windows/x.yml');
    expect(packPath(file('x.yml', 'rules/x.yml'))).toBe('x.yml');
    expect(packPath(file('x.yml'))).toBe('x.yml');
    expect(packPath({ name: 'y.yaml' })).toBe('y.yaml');
  });

  it('keeps only YAML files and reads their text', async () => {
    const read = await readPackFiles([file('b.yaml', 'p/b.yaml'), file('README.md', 'p/README.md'), file('a.YML', 'p/sub/a.YML')]);
    expect(read).toEqual([{ name: 'b.yaml', content: 'title: b.yaml' }, { name: 'sub/a.YML', content: 'title: a.YML' }]);
  });
});

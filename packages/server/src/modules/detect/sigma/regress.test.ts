// The regression runner's match_count semantics, on a small synthetic case set.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRegression } from './regress.ts';

const ID = '11111111-2222-4333-8444-555555555555';
const rule = `title: whoami
id: ${ID}
logsource: {product: windows, category: process_creation}
detection:
    sel:
        Image|endswith: '\\whoami.exe'
    condition: sel
`;
const ev = (image: string, eventId = 1) =>
  JSON.stringify({ Event: { System: { EventID: eventId, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: image } } }, null, 2);

async function setup(cases: Record<string, { matchCount?: number; events: string[] }>): Promise<{ rules: string; data: string }> {
  const root = await mkdtemp(join(tmpdir(), 'sigma-regress-'));
  const rules = join(root, 'rules');
  await mkdir(rules);
  await writeFile(join(rules, 'r.yml'), rule);
  for (const [name, c] of Object.entries(cases)) {
    const dir = join(root, 'data', name);
    await mkdir(dir, { recursive: true });
    const mc = c.matchCount === undefined ? '' : `\n      match_count: ${c.matchCount}`;
    await writeFile(join(dir, 'info.yml'), `rule_metadata:\n    - id: ${ID}\nregression_tests_info:\n    - name: t\n      type: evtx${mc}\n      path: x.evtx\n`);
    await writeFile(join(dir, `${ID}.json`), c.events.join('\n'));
  }
  return { rules, data: join(root, 'data') };
}

describe('runRegression', () => {
  it('applies upstream match_count semantics', async () => {
    const { rules, data } = await setup({
      exact: { matchCount: 1, events: [ev('C:\\whoami.exe'), ev('C:\\other.exe')] },
      more: { matchCount: 1, events: [ev('C:\\whoami.exe'), ev('D:\\whoami.exe')] },
      fewer: { matchCount: 2, events: [ev('C:\\whoami.exe'), ev('C:\\other.exe')] },
      unsetHit: { events: [ev('C:\\whoami.exe')] },
      unsetMiss: { events: [ev('C:\\other.exe')] },
      routed: { matchCount: 1, events: [ev('C:\\whoami.exe', 3)] },
    });
    const r = await runRegression([rules], data);
    const by = Object.fromEntries(r.cases.map((c) => [c.dir.split(/[\\/]/).pop(), c]));
    expect(by.exact?.status).toBe('passed');
    expect(by.more).toMatchObject({ status: 'passed', warning: '2 matches, expected 1' });
    expect(by.fewer).toMatchObject({ status: 'failed', reason: '1 of 2 events matched, expected 2' });
    expect(by.unsetHit?.status).toBe('passed');
    expect(by.unsetMiss?.status).toBe('failed');
    expect(by.routed?.status).toBe('failed'); // Sysmon 3 is not process_creation
    expect([r.passed, r.failed]).toEqual([3, 3]);
  });

  it('reports a missing rule', async () => {
    const { data } = await setup({ a: { events: [ev('x')] } });
    const r = await runRegression([join(data, 'a')], data);
    expect(r.cases[0]).toMatchObject({ status: 'failed', reason: 'rule not found' });
  });
});

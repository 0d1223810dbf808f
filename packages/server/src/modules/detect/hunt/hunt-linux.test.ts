// The offline hunt over Linux JSON files: each event's declared source (auditd records, syslog records as
// our syslog input stores them) routes it to SigmaHQ's Linux rules; `logsource` forces one for files
// whose events say nothing. Reads ../shared/corpora (or BULWARK_CORPORA); skips when absent.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSyslog } from '../../ingest/parse/syslog.ts';
import { hunt } from './run.ts';

const CORPORA = process.env['BULWARK_CORPORA'] ?? fileURLToPath(new URL('../../../../../../../shared/corpora/', import.meta.url));
const SIGMA = join(CORPORA, 'sigma');
const present = existsSync(join(SIGMA, 'rules', 'linux'));
if (!present) console.log(`Linux hunt test skipped: ${SIGMA}/rules/linux is absent (set BULWARK_CORPORA).`);

const RULES = [join(SIGMA, 'rules', 'linux'), join(SIGMA, 'rules-emerging-threats', '2019', 'Exploits', 'CVE-2019-14287')];
const GETCAP = 'fe10751f-1995-40a5-aaa2-c97ccb4123fe';
const SUDO = '7fcc54cb-f27d-4684-84b7-436af096f858';
const SSHD = 'e76b413a-83d0-4b94-8e4c-85db4a5b8bdc';

const syslog = (line: string): unknown => {
  const r = parseSyslog(line, new Date('2024-03-05T12:00:00Z'));
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe.runIf(present)('hunt over Linux JSON files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-hunt-linux-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, events: unknown[]) => {
    const file = join(dir, name);
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
    return file;
  };

  it('auditd records and syslog records reach the Linux rules by what they are', async () => {
    const audit = write('audit.ndjson', [
      { type: 'SYSCALL', msg: 'audit(1709633821.123:4242)', arch: 'c000003e', syscall: '59', success: 'yes', exe: '/usr/sbin/getcap', key: 'exec' },
      { type: 'EXECVE', msg: 'audit(1709633821.123:4242)', argc: '3', a0: 'getcap', a1: '-r', a2: '/' },
      { type: 'EXECVE', msg: 'audit(1709633822.001:4243)', argc: '2', a0: 'ls', a1: '/' },
    ]);
    const logs = write('collected.json', [
      syslog('<85>Mar  5 10:16:01 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/usr/bin/id'),
      syslog('<85>Mar  5 10:16:02 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id'),
      syslog('<38>Mar  5 10:16:03 web01 sshd[2411]: Corrupted MAC on input. [preauth]'),
    ]);
    const result = await hunt([audit, logs], { rules: RULES });
    expect(result.problems).toEqual([]);
    const found = result.detections.map((d) => `${d.file === audit ? 'audit' : 'logs'}:${d.record}:${d.ruleId}`).sort();
    expect(found).toEqual([`audit:2:${GETCAP}`, `logs:1:${SUDO}`, `logs:3:${SSHD}`]);
    expect(result.detections.find((d) => d.ruleId === SUDO)?.host).toBe('web01');
  }, 60_000);

  it('a file whose events say nothing: matched only with a forced logsource', async () => {
    const bare = write('export.json', [{ message: 'Corrupted MAC on input. [preauth]', host: 'web01' }]);
    expect((await hunt([bare], { rules: RULES })).detections).toEqual([]);
    const forced = await hunt([bare], { rules: RULES, logsource: { product: 'linux', service: 'sshd' } });
    expect(forced.detections.map((d) => d.ruleId)).toEqual([SSHD]);
    const other = await hunt([bare], { rules: RULES, logsource: { product: 'linux', service: 'auditd' } });
    expect(other.detections).toEqual([]);
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir.endsWith('data')).toBe(true);
    expect(c.roles).toEqual(['api', 'ingest', 'worker']);
    expect(Object.isFrozen(c.ingest)).toBe(true);
  });

  it('names the setting when a value is bad', () => {
    expect(() => loadConfig({ BULWARK_PORT: 'eighty' })).toThrow(/BULWARK_PORT: expected an integer/);
    expect(() => loadConfig({ BULWARK_PORT: '70000' })).toThrow(/BULWARK_PORT: must be at most 65535/);
    expect(() => loadConfig({ BULWARK_ROLES: 'api,cook' })).toThrow(/BULWARK_ROLES: unknown value "cook"/);
    expect(() => loadConfig({ BULWARK_DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ BULWARK_ADMIN_PASSWORD: 'short', BULWARK_ADMIN_EMAIL: 'a@b.c' })).toThrow(/BULWARK_ADMIN_PASSWORD/);
  });

  it('reads secrets from *_FILE and refuses both forms at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-'));
    const f = join(dir, 'token');
    writeFileSync(f, 'x'.repeat(40) + '\n');
    const c = loadConfig({ BULWARK_ADMIN_EMAIL: 'a@b.c', BULWARK_ADMIN_TOKEN_FILE: f });
    expect(c.admin.token).toBe('x'.repeat(40));
    expect(() => loadConfig({ BULWARK_ADMIN_TOKEN: 'y'.repeat(40), BULWARK_ADMIN_TOKEN_FILE: f })).toThrow(/either/);
    expect(() => loadConfig({ BULWARK_ADMIN_TOKEN_FILE: join(dir, 'missing') })).toThrow(/BULWARK_ADMIN_TOKEN_FILE: cannot read/);
  });

  it('reads a YAML file, with the environment taking precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-'));
    const f = join(dir, 'bulwark.yaml');
    writeFileSync(f, 'port: 9000\nretention_days: 7\nroles: [api, worker]\n');
    const c = loadConfig({ BULWARK_CONFIG_FILE: f, BULWARK_RETENTION_DAYS: '3' });
    expect(c.port).toBe(9000);
    expect(c.retentionDays).toBe(3);
    expect(c.roles).toEqual(['api', 'worker']);
    writeFileSync(f, 'prot: 9000\n');
    expect(() => loadConfig({ BULWARK_CONFIG_FILE: f })).toThrow(/prot: unknown setting/);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';

describe('logger', () => {
  it('never writes secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info({ password: 'hunter2-secret', req: { headers: { authorization: 'Bearer bwk_abc', cookie: 's=1' } }, user: { token: 'tok123' } }, 'login');
    const out = lines.join('');
    expect(out).toContain('login');
    expect(out).not.toContain('hunter2-secret');
    expect(out).not.toContain('bwk_abc');
    expect(out).not.toContain('tok123');
  });
});

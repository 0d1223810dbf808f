import { describe, expect, it } from 'vitest';
import type { DecodedLine } from '../decode.ts';
import { Batcher, type Commit } from './batcher.ts';

const line = (n: number): DecodedLine => ({ line: n, native: { n }, format: 'syslog' });

function recorder(): { commits: Array<{ source: string; ns: number[] }>; commit: Commit } {
  const commits: Array<{ source: string; ns: number[] }> = [];
  return { commits, commit: async (source, lines) => void commits.push({ source, ns: lines.map((l) => l.line) }) };
}

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('syslog batcher', () => {
  it('commits a full batch at once and the rest on close', async () => {
    const r = recorder();
    const b = new Batcher({ commit: r.commit, maxBatch: 3, flushMs: 60_000 });
    for (let i = 1; i <= 7; i++) b.add('s', line(i));
    await until(() => r.commits.length === 2);
    expect(r.commits).toEqual([{ source: 's', ns: [1, 2, 3] }, { source: 's', ns: [4, 5, 6] }]);
    expect(b.pending).toBe(1);
    await b.close();
    expect(r.commits.at(-1)).toEqual({ source: 's', ns: [7] });
    expect(b.pending).toBe(0);
    expect(b.committed).toBe(7);
  });

  it('commits a partial batch after flushMs, one commit per source', async () => {
    const r = recorder();
    const b = new Batcher({ commit: r.commit, flushMs: 30 });
    b.add('syslog-udp', line(1));
    b.add('syslog-tcp', line(2));
    b.add('syslog-udp', line(3));
    expect(r.commits).toEqual([]);
    await until(() => b.pending === 0);
    expect(r.commits).toEqual([{ source: 'syslog-udp', ns: [1, 3] }, { source: 'syslog-tcp', ns: [2] }]);
  });

  it('retries a failed commit with back-off (fault injected), losing and reordering nothing', async () => {
    const r = recorder();
    let failuresLeft = 3;
    const retries: number[] = [];
    const b = new Batcher({
      maxBatch: 2,
      flushMs: 0,
      retryMs: 5,
      commit: async (source, lines, at) => {
        if (failuresLeft-- > 0) throw new Error('database unavailable');
        await r.commit(source, lines, at);
      },
      onRetry: (_err, _attempt, delay) => retries.push(delay),
    });
    for (let i = 1; i <= 5; i++) b.add('s', line(i));
    await b.close();
    expect(retries).toEqual([5, 10, 20]);
    expect(r.commits.flatMap((c) => c.ns)).toEqual([1, 2, 3, 4, 5]);
    expect(b.failures).toBe(3);
  });

  it('is full at maxPending and has room again at half of it, once commits finish', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher({ maxPending: 4, flushMs: 60_000, commit: () => gate });
    for (let i = 1; i <= 3; i++) b.add('s', line(i));
    expect(b.full).toBe(false);
    b.add('s', line(4));
    expect(b.full).toBe(true);
    let roomy = false;
    void b.room().then(() => (roomy = true));
    b.add('s', line(5)); // a sender may overshoot by what it already read
    await new Promise((r) => setTimeout(r, 30));
    expect(roomy).toBe(false);
    expect(b.pending).toBe(5);
    release();
    await until(() => roomy);
    await b.close();
    expect(b.committed).toBe(5);
  });
});

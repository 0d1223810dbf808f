import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FrameSplitter } from './framing.ts';
import type { FrameItem } from './framing.ts';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

function run(chunks: Array<string | Buffer>, max?: number): FrameItem[] {
  const s = new FrameSplitter(max === undefined ? {} : { maxFrameSize: max });
  const out: FrameItem[] = [];
  for (const c of chunks) out.push(...s.push(typeof c === 'string' ? b(c) : c));
  out.push(...s.end());
  return out;
}
const frames = (items: FrameItem[]): string[] => items.map((i) => (i.ok ? i.frame.toString('utf8') : `ERR ${i.error}`));

describe('FrameSplitter: octet counting (RFC 6587 3.4.1)', () => {
  it('splits counted frames, including ones that contain LF', () => {
    const m1 = '<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - hello';
    const m2 = '<13>1 - - - - - - multi\nline';
    const items = run([`${b(m1).length} ${m1}${b(m2).length} ${m2}`]);
    expect(frames(items)).toEqual([m1, m2]);
    expect(items.every((i) => i.ok && i.framing === 'octet-counting')).toBe(true);
  });

  it('counts bytes, not characters', () => {
    const m = '<13>1 - - - - - - é✓';
    expect(frames(run([`${b(m).length} ${m}`]))).toEqual([m]);
  });

  it('reassembles a length split across chunks', () => {
    expect(frames(run(['1', '0 <13>hello', 'w']))).toEqual(['<13>hellow']);
  });

  it('skips an over-long frame by its declared length, then resyncs', () => {
    const items = run([`20 <13>${'x'.repeat(16)}5 <13>a`], 10);
    expect(items[0]).toMatchObject({ ok: false, offset: 0, error: expect.stringMatching(/declares 20 bytes; limit is 10 bytes/) });
    expect(frames(items.slice(1))).toEqual(['<13>a']);
  });

  it('reports a stream cut in the middle of a frame', () => {
    const items = run(['10 <13>ab']);
    expect(items).toEqual([{ ok: false, error: 'stream ended 4 bytes short of an octet-counted frame', offset: 0 }]);
  });
});

describe('FrameSplitter: non-transparent framing (RFC 6587 3.4.2)', () => {
  it('splits on LF, CRLF and NUL and skips empty lines', () => {
    const items = run(['<13>a\n<13>b\r\n\n\r\n<13>c\0<13>d']);
    expect(frames(items)).toEqual(['<13>a', '<13>b', '<13>c', '<13>d']);
    expect(items.every((i) => i.ok && i.framing === 'non-transparent')).toBe(true);
  });

  it('a line starting with digits not followed by SP is a line', () => {
    expect(frames(run(['2023-10-11 text\n12345\n0 zero\n']))).toEqual(['2023-10-11 text', '12345', '0 zero']);
  });

  it('rejects an over-long line once, skips to its terminator and resyncs', () => {
    const items = run(['<13>', 'x'.repeat(8), 'yyyy', 'zz\n<13>ok\n'], 10);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ ok: false, offset: 0, error: expect.stringMatching(/limit is 10 bytes/) });
    expect(frames(items.slice(1))).toEqual(['<13>ok']);
  });

  it('accepts a line of exactly the limit', () => {
    expect(frames(run(['0123456789\n'], 10))).toEqual(['0123456789']);
  });

  it('auto-detects the framing per frame', () => {
    const items = run(['<13>line one\n9 <13>count<13>line two\n']);
    expect(frames(items)).toEqual(['<13>line one', '<13>count', '<13>line two']);
    expect(items.map((i) => i.ok && i.framing)).toEqual(['non-transparent', 'octet-counting', 'non-transparent']);
  });

  it('error offsets are stream offsets', () => {
    const items = run(['<13>ok\n', `<13>${'x'.repeat(20)}\n`], 10);
    expect(items[1]).toMatchObject({ ok: false, offset: 7 });
  });

  it('copies frames so callers may reuse their chunk buffers', () => {
    const chunk = b('<13>abc\n');
    const s = new FrameSplitter();
    const [item] = s.push(chunk);
    chunk.fill(0);
    expect(item?.ok && item.frame.toString()).toBe('<13>abc');
  });

  it('rejects an invalid maxFrameSize', () => {
    expect(() => new FrameSplitter({ maxFrameSize: 0 })).toThrow(RangeError);
  });

  it('stays linear with many short lines in one large chunk', () => {
    const big = Buffer.from('<13>x\n'.repeat(200_000));
    const start = performance.now();
    expect(new FrameSplitter().push(big)).toHaveLength(200_000);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

/** A frame body that cannot be confused with a frame boundary under the framing it is sent with. */
const lineBody = fc.uint8Array({ minLength: 0, maxLength: 60 })
  .map((bytes) => Buffer.concat([b('<'), Buffer.from(bytes.filter((x) => x !== 0x0a && x !== 0x00))]))
  .filter((buf) => buf[buf.length - 1] !== 0x0d);
const countedBody = fc.uint8Array({ minLength: 1, maxLength: 80 }).map((bytes) => Buffer.from(bytes));
const frame = fc.oneof(
  fc.tuple(lineBody, fc.constantFrom('\n', '\r\n', '\0')).map(([body, end]) => ({ body, wire: Buffer.concat([body, b(end)]) })),
  countedBody.map((body) => ({ body, wire: Buffer.concat([b(`${body.length} `), body]) })),
);

describe('FrameSplitter: properties', () => {
  it('any split of a stream into chunks yields the same frames', () => {
    fc.assert(fc.property(fc.array(frame, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (fs, cuts) => {
      const stream = Buffer.concat(fs.map((f) => f.wire));
      const points = [...new Set(cuts.map((c) => (stream.length ? c % (stream.length + 1) : 0)))].sort((x, y) => x - y);
      const chunks: Buffer[] = [];
      let prev = 0;
      for (const p of [...points, stream.length]) {
        chunks.push(stream.subarray(prev, p));
        prev = p;
      }
      const whole = run([stream]);
      const split = run(chunks);
      expect(split).toEqual(whole);
      expect(whole.map((i) => (i.ok ? i.frame : i))).toEqual(fs.map((f) => f.body));
    }), { numRuns: 300 });
  });

  it('arbitrary bytes in arbitrary chunks never throw and frames respect the limit', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 20 }), (chunks) => {
      const items = run(chunks.map((c) => Buffer.from(c)), 16);
      for (const i of items) if (i.ok) expect(i.frame.length).toBeLessThanOrEqual(16);
    }), { numRuns: 500 });
  });
});

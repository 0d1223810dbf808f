import { describe, expect, it } from 'vitest';
import { concatenatedJson } from './json-stream.ts';

describe('concatenatedJson', () => {
  it('reads pretty-printed objects one after another', () => {
    const text = '{\n  "a": 1\n}\n{\n  "b": "}{\\"x"\n}\n[1, 2]\n';
    expect([...concatenatedJson(text)].map((r) => r.value)).toEqual([{ a: 1 }, { b: '}{"x' }, [1, 2]]);
  });
  it('reports a broken value and keeps going', () => {
    const out = [...concatenatedJson('{"a": tru}\n{"b": 2}')];
    expect(out[0]?.error).toBeDefined();
    expect(out[1]?.value).toEqual({ b: 2 });
  });
  it('reports an unterminated value', () => {
    expect([...concatenatedJson('{"a": 1')][0]?.error).toBe('unterminated JSON value');
  });
  it('limits value size', () => {
    expect([...concatenatedJson(`{"a": "${'x'.repeat(100)}"}`, 50)][0]?.error).toContain('larger than');
  });
  it('empty input', () => expect([...concatenatedJson('  \n')]).toEqual([]));
});

import { describe, expect, it } from 'vitest';
import { ExpressionError } from './expression.ts';
import { compileParams, compileTemplate, hasTemplate, paramPaths, render, RenderError } from './template.ts';

const scope = { alert: { title: 'Brute force', fields: { src_ip: '203.0.113.7', count: 57, users: ['root', 'admin'] } }, steps: {} };

const renderWith = (value: unknown): unknown => {
  const { compiled, problems } = compileParams(value);
  expect(problems).toEqual([]);
  return render(compiled, scope);
};

describe('templates', () => {
  it('yields the raw value when a string is exactly one template', () => {
    expect(renderWith('{{ alert.fields.count }}')).toBe(57);
    expect(renderWith('{{alert.fields.users}}')).toEqual(['root', 'admin']);
    expect(renderWith('{{ alert.fields.missing }}')).toBeNull();
  });

  it('renders mixed text with values as text', () => {
    expect(renderWith('block {{ alert.fields.src_ip }} ({{ alert.fields.count }} tries) {{ alert.fields.users }}{{ alert.nope }}.')).toBe(
      'block 203.0.113.7 (57 tries) ["root","admin"].',
    );
  });

  it('recurses through objects and lists and keeps other values', () => {
    expect(renderWith({ value: '{{ alert.fields.src_ip }}', ttl: '24h', n: 3, on: true, list: ['{{ alert.title }}', { x: 'a{{ 1 }}' }] })).toEqual({
      value: '203.0.113.7',
      ttl: '24h',
      n: 3,
      on: true,
      list: ['Brute force', { x: 'a1' }],
    });
  });

  it('skips quoted closing braces inside the expression', () => {
    expect(renderWith("{{ '}}' }}!")).toBe('}}!');
  });

  it('reports compile problems with their path and the column within the string', () => {
    const { problems } = compileParams({ headers: { 'x-key': 'id {{ alert. }}' }, targets: ['ok', '{{ alert.x'], 'a b': '{{ ( }}' });
    expect(problems).toEqual([
      { path: 'headers.x-key', message: "template: expected a field name after '.' but found end of expression at column 14" },
      { path: 'targets[1]', message: "template: '{{' without a closing '}}' at column 1" },
      { path: '["a b"]', message: 'template: unexpected end of expression at column 6' },
    ]);
    expect(() => compileTemplate('{{ nope.x }}')).toThrow(ExpressionError);
  });

  it('lists the paths templates read and says whether a value is templated', () => {
    const { compiled } = compileParams({ a: '{{ steps.lookup.output.ip }}', b: ['x {{ alert.title }}'] });
    expect(paramPaths(compiled).map((p) => p.root)).toEqual(['steps', 'alert']);
    expect(hasTemplate({ a: ['x', { b: '{{ alert.title }}' }] })).toBe(true);
    expect(hasTemplate({ a: ['x', { b: 'plain' }] })).toBe(false);
  });

  it('refuses a rendered text over the size limit', () => {
    const { compiled } = compileParams({ body: 'x{{ alert.big }}' });
    expect(() => render(compiled, { alert: { big: 'y'.repeat(100) } }, 50)).toThrow(new RenderError('body', 'rendered text longer than 50 characters'));
  });
});

export type ValueLimits = { maxDepth: number; maxFields: number; maxStringLength: number };

type Node = { value: unknown; depth: number; parent: Node | undefined; key: string | number };

/**
 * Check a decoded value (e.g. JSON.parse output) against size limits, iteratively (an explicit
 * stack, so hostile nesting cannot overflow the call stack). Returns a reason naming the JSONPath
 * where a limit was hit, or undefined when the value is within limits.
 * - depth: the root object/array is depth 1, each nested object/array one more;
 * - fields: object members plus array elements, counted over the whole value (checked before a
 *   container's children are visited, so work is bounded by maxFields);
 * - string length: string values and object keys, in UTF-16 code units;
 * - no NUL character (U+0000) in strings or keys: PostgreSQL cannot store it in jsonb.
 * Shared or cyclic references are visited each time they are reached, so they count against the
 * limits instead of looping.
 */
export function checkLimits(value: unknown, limits: ValueLimits): string | undefined {
  const stack: Node[] = [{ value, depth: 0, parent: undefined, key: '$' }];
  let fields = 0;
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const v = node.value;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) {
        return `string length ${v.length} exceeds limit ${limits.maxStringLength} at ${pathOf(node)}`;
      }
      if (v.includes('\u0000')) return `NUL character (\\u0000) at ${pathOf(node)} cannot be stored`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const depth = node.depth + 1;
    if (depth > limits.maxDepth) return `depth ${depth} exceeds limit ${limits.maxDepth} at ${pathOf(node)}`;
    if (Array.isArray(v)) {
      fields += v.length;
      if (fields > limits.maxFields) return `field count ${fields} exceeds limit ${limits.maxFields} at ${pathOf(node)}`;
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, parent: node, key: i });
      continue;
    }
    const keys = Object.keys(v);
    fields += keys.length;
    if (fields > limits.maxFields) return `field count ${fields} exceeds limit ${limits.maxFields} at ${pathOf(node)}`;
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const child: Node = { value: (v as Record<string, unknown>)[key], depth, parent: node, key };
      if (key.length > limits.maxStringLength) {
        return `key length ${key.length} exceeds limit ${limits.maxStringLength} at ${pathOf(child)}`;
      }
      if (key.includes('\u0000')) return `NUL character (\\u0000) in a key at ${pathOf(child)} cannot be stored`;
      stack.push(child);
    }
  }
  return undefined;
}

/** JSONPath of a node: `$.a[0].b`, with `["…"]` for keys that are not identifiers (truncated to 64 chars). */
function pathOf(node: Node): string {
  const parts: string[] = [];
  let steps = 0;
  for (let n: Node | undefined = node; n?.parent; n = n.parent) {
    if (++steps > 64) { parts.push('…'); break; }
    const k = n.key;
    if (typeof k === 'number') parts.push(`[${k}]`);
    else if (k.length <= 64 && /^[A-Za-z_$@][\w$@]*$/.test(k)) parts.push(`.${k}`);
    else parts.push(`[${JSON.stringify(k.length > 64 ? `${k.slice(0, 64)}…` : k)}]`);
  }
  return `$${parts.reverse().join('')}`;
}

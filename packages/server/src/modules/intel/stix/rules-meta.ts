// Semantic rules of the meta objects (specification section 7): marking definitions (statement and
// the four predefined TLP 1.0 markings), extension definitions.
import { SHAPES } from './catalogue.ts';
import { checkShape } from './check-value.ts';
import type { Ctx } from './context.ts';
import { childPath } from './defects.ts';
import type { Rule } from './rules-util.ts';
import { isPlainObject } from './types.ts';

/** The only TLP marking definitions STIX 2.1 permits with definition_type "tlp" (7.2.1.4). */
export const TLP1_MARKINGS: ReadonlyMap<string, string> = new Map([
  ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', 'white'],
  ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'green'],
  ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'amber'],
  ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'red'],
]);

function tlp(obj: Readonly<Record<string, unknown>>, definition: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  const expected = typeof obj.id === 'string' ? TLP1_MARKINGS.get(obj.id) : undefined;
  const at = childPath(childPath(path, 'definition'), 'tlp');
  if (expected === undefined) {
    ctx.sink.error(path, 'tlp-marking', 'only the four predefined TLP marking definitions may use definition_type "tlp"; use the TLP 2.0 extension');
  } else if (definition.tlp !== expected) {
    // OpenCTI writes TLP:CLEAR as {"tlp": "clear"} on the TLP 1.0 WHITE id. Kept; the id says which marking it is.
    ctx.sink.warn(at, 'tlp-marking', `the predefined marking ${String(obj.id)} is TLP ${expected}, not "${String(definition.tlp)}"`);
  }
}

function markingDefinition(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  if (obj.extensions === undefined) {
    for (const name of ['definition_type', 'definition']) {
      if (obj[name] === undefined) ctx.sink.error(childPath(path, name), 'missing-property', `${name} is required when extensions is absent`);
    }
  }
  const definition = obj.definition;
  const type = obj.definition_type;
  if (definition !== undefined && !isPlainObject(definition)) {
    ctx.sink.error(childPath(path, 'definition'), 'wrong-kind', 'definition is a marking object (JSON object)');
  } else if (isPlainObject(definition) && (type === 'statement' || type === 'tlp')) {
    const shape = type === 'statement' ? 'marking-statement' : 'marking-tlp';
    const def = SHAPES[shape];
    if (def) checkShape(definition, def, shape, childPath(path, 'definition'), ctx);
    if (type === 'tlp') tlp(obj, definition, path, ctx);
  }
  // A marking definition must not mark itself (3.2, object_marking_refs and granular_markings).
  const own = obj.id;
  if (Array.isArray(obj.object_marking_refs) && obj.object_marking_refs.includes(own)) {
    ctx.sink.error(childPath(path, 'object_marking_refs'), 'marking-circular', 'a marking definition must not reference itself');
  }
  if (Array.isArray(obj.granular_markings) && obj.granular_markings.some((g) => isPlainObject(g) && g.marking_ref === own)) {
    ctx.sink.error(childPath(path, 'granular_markings'), 'marking-circular', 'a marking definition must not reference itself');
  }
}

function extensionDefinition(obj: Readonly<Record<string, unknown>>, path: string, ctx: Ctx): void {
  const types = Array.isArray(obj.extension_types) ? obj.extension_types : [];
  const toplevel = types.includes('toplevel-property-extension');
  if (obj.extension_properties !== undefined && !toplevel) {
    ctx.sink.error(childPath(path, 'extension_properties'), 'requires', 'extension_properties is only used with a toplevel-property-extension');
  }
  if (toplevel && obj.extension_properties === undefined) {
    ctx.sink.warn(childPath(path, 'extension_types'), 'requires', 'a toplevel-property-extension should list its extension_properties');
  }
}

export const META_RULES: Readonly<Record<string, Rule>> = {
  'marking-definition': markingDefinition,
  'extension-definition': extensionDefinition,
};

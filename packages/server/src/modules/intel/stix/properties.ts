// Object-level property checks driven by the catalogue: the common properties that apply to the
// object's family (required / optional / not applicable), its own properties, and everything else
// (custom properties, kept as they are).
import { COMMON_PROPS, COMMON_USE } from './catalogue-common.ts';
import { checkValue } from './check-value.ts';
import type { Ctx } from './context.ts';
import { checkCustomProperty } from './custom-props.ts';
import { childPath } from './defects.ts';
import type { ExtensionSummary } from './extensions.ts';
import type { CommonFamily, TypeDef } from './props.ts';

/** Family of a custom object: declared by a new-* extension, or 'loose' (no common property required). */
export type Family = CommonFamily | 'loose';

const ALL_COMMON = Object.keys(COMMON_PROPS);
const LOOSE = { required: ['type', 'id'], optional: ALL_COMMON };

export function checkCommonProperties(obj: Readonly<Record<string, unknown>>, family: Family, path: string, ctx: Ctx): void {
  const use = family === 'loose' ? LOOSE : COMMON_USE[family];
  for (const name of use.required) {
    if (obj[name] === undefined && name !== 'type' && name !== 'id') ctx.sink.error(childPath(path, name), 'missing-property', `${name} is required`);
  }
  for (const name of ALL_COMMON) {
    const value = obj[name];
    if (value === undefined || name === 'type' || name === 'id' || name === 'extensions') continue;
    const at = childPath(path, name);
    if (!use.required.includes(name) && !use.optional.includes(name)) {
      if (name === 'defanged') ctx.sink.error(at, 'not-applicable-property', 'defanged must not be used on objects other than SCOs');
      else ctx.sink.warn(at, 'not-applicable-property', `${name} does not apply to this object type`);
    }
    if (name === 'spec_version') {
      if (value !== '2.1') ctx.sink.error(at, 'spec-version', `spec_version must be "2.1", not ${JSON.stringify(value)}`);
    } else {
      const prop = COMMON_PROPS[name];
      if (prop) checkValue(value, prop, at, ctx);
    }
  }
}

export function checkOwnProperties(obj: Readonly<Record<string, unknown>>, def: TypeDef, path: string, ctx: Ctx): void {
  for (const name of def.required ?? []) {
    if (obj[name] === undefined) ctx.sink.error(childPath(path, name), 'missing-property', `${def.type} requires ${name}`);
  }
  let present = 0;
  for (const [name, prop] of Object.entries(def.props)) {
    const value = obj[name];
    if (value === undefined) continue;
    present += 1;
    checkValue(value, prop, childPath(path, name), ctx);
  }
  if (def.atLeastOne && present === 0 && obj.extensions === undefined) {
    ctx.sink.error(path, 'missing-one-of', `a ${def.type} object needs at least one of its properties (${Object.keys(def.props).join(', ')}) or an extension`);
  }
}

/** Properties neither common nor defined for the type: custom properties, or properties of a custom object. */
export function checkOtherProperties(obj: Readonly<Record<string, unknown>>, def: TypeDef | undefined, ext: ExtensionSummary, path: string, ctx: Ctx): void {
  for (const [name, value] of Object.entries(obj)) {
    if (Object.hasOwn(COMMON_PROPS, name) || (def && Object.hasOwn(def.props, name))) continue;
    if (def && ext.toplevelProperties.has(name)) continue;
    // Without the extension definition at hand, properties added by a top-level extension cannot be told apart.
    const expectPrefix = def !== undefined && (!ext.toplevel || ext.toplevelKnown);
    checkCustomProperty(name, value, path, ctx, { expectPrefix, nameSeverity: 'error' });
  }
}

// Properties the specification does not define: custom properties (deprecated mechanism, 11.1),
// properties of custom objects (11.2) and properties inside extensions (7.3.2). Kept as they are;
// their names are checked, and references among them must look like identifiers.
import { RESERVED_PROPERTIES } from './catalogue-common.ts';
import type { Ctx } from './context.ts';
import { childPath } from './defects.ts';
import { isStixId } from './id.ts';
import type { Severity } from './types.ts';

const NAME = /^[a-z0-9_]{3,250}$/;

export interface CustomPropertyRules {
  /** The property sits on a specification-defined object, where custom names should start with x_. */
  readonly expectPrefix: boolean;
  /** Severity of a name that breaks the naming rules (warning inside extensions, whose schema is external). */
  readonly nameSeverity: Severity;
}

export function checkCustomProperty(name: string, value: unknown, path: string, ctx: Ctx, rules: CustomPropertyRules): void {
  const at = childPath(path, name);
  if (RESERVED_PROPERTIES.has(name)) {
    ctx.sink.error(at, 'reserved-property', `"${name}" is reserved by the specification and must not be used`);
    return;
  }
  if (!NAME.test(name)) {
    ctx.sink.add(rules.nameSeverity, at, 'custom-property-name', `property name "${name}" must be 3-250 characters of a-z, 0-9 and _`);
  }
  if (rules.expectPrefix) {
    if (ctx.options.rejectCustomProperties) ctx.sink.error(at, 'custom-property', `"${name}" is not defined by the specification`);
    else if (!name.startsWith('x_')) ctx.sink.warn(at, 'custom-property-unprefixed', `"${name}" is not defined by the specification and lacks the x_ prefix`);
  }
  checkCustomRefs(name, value, at, ctx);
}

/** A custom `*_ref` / `*_refs` property should hold identifiers (warning only: the specification does not say so for custom names). */
function checkCustomRefs(name: string, value: unknown, at: string, ctx: Ctx): void {
  if (name.endsWith('_ref') && !isStixId(value)) {
    ctx.sink.warn(at, 'invalid-ref', `custom reference "${name}" does not hold a STIX identifier`);
  } else if (name.endsWith('_refs') && (!Array.isArray(value) || !value.every(isStixId))) {
    ctx.sink.warn(at, 'invalid-ref', `custom reference list "${name}" does not hold STIX identifiers only`);
  }
}

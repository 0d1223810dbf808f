// The `extensions` dictionary (specification 3.2, 3.10, 7.3, 11.3): extension-definition instances
// (property-extension, toplevel-property-extension, new-sdo/sro/sco), predefined SCO extensions, and
// the deprecated custom SCO extensions (`*-ext`). Extension contents are kept as they are.
import { PREDEFINED_EXTENSIONS, SHAPES } from './catalogue.ts';
import { checkShape } from './check-value.ts';
import type { Ctx } from './context.ts';
import { checkCustomProperty } from './custom-props.ts';
import { childPath } from './defects.ts';
import { isStixId } from './id.ts';
import type { TypeDef } from './props.ts';
import { isPlainObject, own, type ValidateOptions } from './types.ts';
import { ENUMERATIONS } from './vocab.ts';

const EXTENSION_TYPES: readonly string[] = ENUMERATIONS['extension-type-enum'];
const CUSTOM_SCO_EXTENSION = /^[a-z0-9-]{3,250}$/;

export interface ExtensionSummary {
  /** The object carries a toplevel-property-extension. */
  readonly toplevel: boolean;
  /** Top-level property names the known extension definitions add (when the caller supplied them). */
  readonly toplevelProperties: ReadonlySet<string>;
  /** Every toplevel-property-extension of the object has its definition at hand. */
  readonly toplevelKnown: boolean;
  /** For custom objects: the family a new-sdo / new-sro / new-sco extension declares. */
  readonly newKind: 'sdo' | 'sro' | 'sco' | undefined;
}

/** Reads what the extensions declare, without reporting anything. */
export function summarizeExtensions(obj: Readonly<Record<string, unknown>>, options: ValidateOptions): ExtensionSummary {
  const props = new Set<string>();
  let toplevel = false;
  let toplevelKnown = true;
  let newKind: ExtensionSummary['newKind'];
  const extensions = obj.extensions;
  if (isPlainObject(extensions)) {
    for (const [key, ext] of Object.entries(extensions)) {
      const type = isPlainObject(ext) ? ext.extension_type : undefined;
      if (type === 'toplevel-property-extension') {
        toplevel = true;
        const names = options.extensionDefinitions?.get(key)?.extension_properties;
        if (!Array.isArray(names)) toplevelKnown = false;
        else for (const n of names) if (typeof n === 'string') props.add(n);
      }
      if (type === 'new-sdo' || type === 'new-sro' || type === 'new-sco') newKind = type.slice(4) as 'sdo' | 'sro' | 'sco';
    }
  }
  return { toplevel, toplevelProperties: props, toplevelKnown, newKind };
}

export function checkExtensions(obj: Readonly<Record<string, unknown>>, def: TypeDef | undefined, scoLike: boolean, path: string, ctx: Ctx): void {
  const at = childPath(path, 'extensions');
  const extensions = obj.extensions;
  if (!isPlainObject(extensions)) return ctx.sink.error(at, 'wrong-kind', 'extensions is a dictionary');
  const keys = Object.keys(extensions);
  if (keys.length === 0) ctx.sink.error(at, 'empty-dictionary', 'extensions must not be empty; omit the property instead');
  for (const key of keys) {
    const ext = extensions[key];
    const here = childPath(at, key);
    const predefined = own(def?.extensions, key);
    if (key.startsWith('extension-definition--')) {
      checkDefinedExtension(key, ext, def, here, ctx);
    } else if (predefined) {
      const shape = own(SHAPES, predefined);
      if (shape) checkShape(ext, shape, key, here, ctx);
    } else if (scoLike) {
      const owner = PREDEFINED_EXTENSIONS.get(key);
      if (owner) {
        ctx.sink.warn(here, 'extension-key', `${key} is a predefined extension of ${owner}, not of ${String(obj.type)}`);
      } else if (!CUSTOM_SCO_EXTENSION.test(key) || !key.endsWith('-ext')) {
        ctx.sink.error(here, 'invalid-extension', `custom SCO extension names use a-z, 0-9 and hyphen and end with -ext; "${key}" does not`);
      } else if (!isPlainObject(ext) || Object.keys(ext).length === 0) {
        ctx.sink.error(here, 'invalid-extension', 'a custom extension has one or more properties');
      }
    } else {
      ctx.sink.warn(here, 'extension-key', `"${key}" is neither an extension-definition id nor a predefined extension`);
    }
  }
}

function checkDefinedExtension(key: string, ext: unknown, def: TypeDef | undefined, at: string, ctx: Ctx): void {
  if (!isStixId(key)) ctx.sink.error(at, 'invalid-extension', `"${key}" is not a valid extension-definition identifier`);
  if (!isPlainObject(ext)) return ctx.sink.error(at, 'wrong-kind', 'an extension is a JSON object');
  const type = ext.extension_type;
  if (type === undefined) {
    ctx.sink.error(childPath(at, 'extension_type'), 'missing-property', 'extensions defined by an extension-definition carry extension_type');
  } else if (typeof type !== 'string' || !EXTENSION_TYPES.includes(type)) {
    ctx.sink.error(childPath(at, 'extension_type'), 'enum', `extension_type must be one of ${EXTENSION_TYPES.join(', ')}`);
  } else if (type.startsWith('new-') && def) {
    ctx.sink.error(childPath(at, 'extension_type'), 'invalid-extension', `${type} defines a new object type; it cannot apply to ${def.type}`);
  }
  for (const [name, value] of Object.entries(ext)) {
    if (name !== 'extension_type') checkCustomProperty(name, value, at, ctx, { expectPrefix: false, nameSeverity: 'warning' });
  }
}

// Field mappings a declared source can name (logsources.json `mappings`): Sigma field names → the event's
// own (ECS `process.command_line` for `CommandLine`), per rule category where they differ (image_load's
// `OriginalFileName` is the DLL's), and message fields whose KEY=value pairs count as fields.
import data from './logsources.json' with { type: 'json' };
import { withMessageFields } from './message-fields.ts';
import type { EventAccessor } from './values.ts';

interface MappingSpec {
  fields?: Record<string, string>;
  categories?: Record<string, Record<string, string>>;
  messageFields?: string[];
}

const MAPPINGS: Record<string, MappingSpec> = data.mappings;
const merged = new Map<string, Readonly<Record<string, string>> | undefined>();

/** True when `name` is a mapping of logsources.json. */
export function isMapping(name: string | undefined): name is string {
  return name !== undefined && Object.hasOwn(MAPPINGS, name);
}

/** The Sigma → event field names of a mapping for rules of one category (undefined: names as they are). */
export function mappingFields(name: string | undefined, category: string | undefined): Readonly<Record<string, string>> | undefined {
  if (!isMapping(name)) return undefined;
  const key = `${name}\u0000${category?.toLowerCase() ?? ''}`;
  if (merged.has(key)) return merged.get(key);
  const spec = MAPPINGS[name] as MappingSpec;
  const perCategory = category ? spec.categories?.[category.toLowerCase()] : undefined;
  const fields = spec.fields || perCategory ? Object.freeze({ ...spec.fields, ...perCategory }) : undefined;
  merged.set(key, fields);
  return fields;
}

/** The event as a mapping sees it before field names are translated (message pairs added, if any). */
export function mappingAccessor(get: EventAccessor, name: string | undefined): EventAccessor {
  if (!isMapping(name)) return get;
  const message = MAPPINGS[name]?.messageFields;
  return message ? withMessageFields(get, message) : get;
}

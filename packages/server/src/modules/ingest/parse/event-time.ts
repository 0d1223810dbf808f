import type { NativeFormat } from './ocsf-types.ts';
import type { FieldView } from './ocsf-fields.ts';
import { fieldView } from './ocsf-fields.ts';
import { parseTimeValue } from './time-value.ts';
import { parseSimpleDateFormat } from './simple-date-format.ts';

/** CEF: receipt time, then end and start of the activity (names and full names). */
const CEF_TIME = ['rt', 'deviceReceiptTime', 'end', 'endTime', 'start', 'startTime'];
/** Windows, ECS, and common JSON log shapes, most specific first. */
const JSON_TIME = [
  'TimeCreated', 'SystemTime', '@timestamp', 'timestamp', 'Timestamp', 'time', 'eventTime', 'event_time',
  'EventTime', 'TimeGenerated', 'datetime', 'date', 'ts', 'UtcTime', 'created_at', 'createdAt', 'rt', 'devTime',
];

/**
 * The event's own timestamp, or undefined (the caller then uses the time it received the event).
 * cef: rt/end/start; leef: devTime read with devTimeFormat when given; syslog: the CEF/LEEF
 * payload's time, else the syslog header TIMESTAMP; json: see JSON_TIME. Value formats: see
 * parseTimeValue. `reference` (e.g. the receive time) supplies the year to `MMM dd HH:mm:ss` times.
 */
export function eventTime(native: Record<string, unknown>, format: NativeFormat, reference?: Date): Date | undefined {
  return eventTimeIn(fieldView(format, native), native, format, reference);
}

/** eventTime over an existing field view of `native` (saves building a second one). */
export function eventTimeIn(
  view: FieldView, native: Record<string, unknown>, format: NativeFormat, reference?: Date,
): Date | undefined {
  const first = (names: readonly string[]): Date | undefined => {
    for (const name of names) {
      const d = parseTimeValue(view.get([name]), reference);
      if (d) return d;
    }
    return undefined;
  };
  const leefTime = (): Date | undefined => {
    const devTime = view.str(['devTime']);
    const pattern = view.str(['devTimeFormat']);
    if (devTime && pattern) {
      const d = parseSimpleDateFormat(devTime.trim(), pattern.trim());
      if (d) return d;
    }
    return first(['devTime']);
  };
  switch (format) {
    case 'cef': return first(CEF_TIME);
    case 'leef': return leefTime();
    case 'syslog':
      return (native['cef'] ? first(CEF_TIME) : undefined) ?? (native['leef'] ? leefTime() : undefined) ??
        first(['timestamp']);
    case 'json': return first(JSON_TIME);
  }
}

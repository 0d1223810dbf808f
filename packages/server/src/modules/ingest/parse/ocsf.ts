import type { OcsfCore, OcsfInput, OcsfUser } from './ocsf-types.ts';
import { OCSF_VERSION } from './ocsf-types.ts';
import type { FieldView } from './ocsf-fields.ts';
import { basename, fieldView, toInt, toIp, toStr } from './ocsf-fields.ts';
import { DST, SRC, USERS, endpoint, fileOf, hashes, urlOf, user } from './ocsf-entities.ts';
import { CLASSES, chooseClass } from './ocsf-class.ts';
import { SEVERITY_NAMES, severityId } from './ocsf-severity.ts';
import { eventTimeIn } from './event-time.ts';

export { eventTime } from './event-time.ts';
export type { OcsfCore, OcsfInput } from './ocsf-types.ts';

const MAX_MESSAGE = 8192;

/**
 * OCSF 1.x core projection of a parsed event. `native` is, per format:
 * json — the object as received; syslog — a SyslogMessage (or its fields, `app-name`/`procid`
 * spellings accepted); cef — a CefEvent; leef — a LeefEvent. Class choice: see ocsf-class.ts;
 * field names: see ocsf-entities.ts. `time` is the event's own time (eventTime) or `receivedAt`.
 * Absent attributes are omitted; `message` is cut at 8 KiB (the native event keeps all of it).
 */
export function projectOcsf(input: OcsfInput): OcsfCore {
  const { format, native, receivedAt } = input;
  const view = fieldView(format, native);
  const time = eventTimeIn(view, native, format, receivedAt) ?? receivedAt;

  const src = endpoint(view, SRC);
  const dst = endpoint(view, DST);
  const appName = view.str(['appName', 'app-name']);
  const proc = processOf(view, appName);
  const filePath = view.str(['file.path', 'TargetFilename', 'TargetFileName', 'filePath']) ??
    (view.str(['ObjectType']) === 'File' ? view.str(['ObjectName']) : undefined);
  const fileName = view.str(['file.name', 'fname', 'fileName']);
  const file = fileOf(filePath, fileName, hashes(view, filePath ? ['Hashes', 'Hash'] : [], ['fileHash', 'file.hash']));
  const url = urlOf(view);
  const message = messageOf(format, native, view);

  const choice = chooseClass(view, {
    file: file !== undefined && (file.path !== undefined || file.name !== undefined),
    network: src?.ip !== undefined || dst?.ip !== undefined,
    process: proc?.cmd_line !== undefined || proc?.file?.path !== undefined,
    ...(message !== undefined ? { message } : {}),
    ...(appName !== undefined ? { appName } : {}),
  });
  const cls = CLASSES[choice.class_uid] ?? { name: 'Base Event', category: 0 };
  const sev = severityId(format, native, view);

  const out: OcsfCore = {
    class_uid: choice.class_uid,
    class_name: cls.name,
    category_uid: cls.category,
    activity_id: choice.activity_id,
    type_uid: choice.class_uid * 100 + choice.activity_id,
    time: time.getTime(),
    severity_id: sev,
    severity: SEVERITY_NAMES[sev] ?? 'Unknown',
    metadata: { version: OCSF_VERSION, product: productOf(format, native, view, appName) },
  };
  if (choice.status_id !== undefined) out.status_id = choice.status_id;
  if (message !== undefined) out.message = message;
  const device = deviceOf(view);
  if (device) out.device = device;

  let actor: OcsfUser | undefined;
  if (choice.class_uid === 3002) {
    const subject = user(view, USERS.target, USERS.duser, USERS.ecs, USERS.sysmon, USERS.generic, USERS.suser);
    if (subject) out.user = subject;
    actor = user(view, USERS.subject, ...(view.str(USERS.duser.name) ? [USERS.suser] : []));
  } else {
    actor = user(view, USERS.ecs, USERS.subject, USERS.sysmon, USERS.generic, USERS.suser, USERS.duser,
      USERS.target);
  }
  if (actor) out.actor = { user: actor };
  if (src) out.src_endpoint = src;
  if (dst) out.dst_endpoint = dst;
  if (proc) out.process = proc;
  if (file) out.file = file;
  if (url) out.url = url;
  return out;
}

function processOf(view: FieldView, appName: string | undefined): OcsfCore['process'] {
  const out: NonNullable<OcsfCore['process']> = {};
  let path = view.str(['process.executable', 'NewProcessName', 'Image', 'TargetImage', 'ProcessName',
    'Application']);
  let name = view.str(['process.name', 'sproc', 'sourceProcessName', 'dproc', 'deviceProcessName']);
  if (name && (name.includes('\\') || name.includes('/'))) {
    path ??= name;
    name = basename(name);
  }
  name ??= path ? basename(path) : appName;
  if (name) out.name = name;
  const pid = toInt(view.get(['process.pid', 'NewProcessId', 'ProcessId', 'TargetProcessId', 'ProcessID', 'pid', 'spid', 'sourceProcessId',
    'dpid', 'procId', 'procid']), 0xffffffff);
  if (pid !== undefined) out.pid = pid;
  const cmd = view.str(['process.command_line', 'CommandLine', 'command_line', 'cmdline']);
  if (cmd) out.cmd_line = cmd;
  const file = fileOf(path, undefined, path && !view.str(['file.path', 'TargetFilename', 'TargetFileName'])
    ? hashes(view, ['Hashes', 'Hash'], []) : undefined);
  if (file) out.file = file;
  return Object.keys(out).length ? out : undefined;
}

function productOf(
  format: OcsfInput['format'], native: Record<string, unknown>, view: FieldView, appName: string | undefined,
): OcsfCore['metadata']['product'] {
  const cef = format === 'cef' ? native : format === 'syslog' ? asObj(native['cef']) : undefined;
  const leef = format === 'leef' ? native : format === 'syslog' ? asObj(native['leef']) : undefined;
  let vendor: string | undefined;
  let name: string | undefined;
  let version: string | undefined;
  if (cef) [vendor, name, version] = [toStr(cef['deviceVendor']), toStr(cef['deviceProduct']), toStr(cef['deviceVersion'])];
  else if (leef) [vendor, name, version] = [toStr(leef['vendor']), toStr(leef['product']), toStr(leef['productVersion'])];
  else if (format === 'syslog') name = appName;
  else {
    vendor = view.str(['observer.vendor', 'vendor', 'Vendor']);
    name = view.str(['observer.product', 'product', 'SourceName', 'ProviderName', 'Provider.Name',
      'Provider.#attributes.Name', 'winlog.provider_name']);
    version = view.str(['observer.version']);
    if (!vendor && name?.startsWith('Microsoft-')) vendor = 'Microsoft';
  }
  const out: OcsfCore['metadata']['product'] = {};
  if (vendor) out.vendor_name = vendor;
  if (name) out.name = name;
  if (version) out.version = version;
  return out;
}

function deviceOf(view: FieldView): OcsfCore['device'] {
  const hostname = view.str(['host.name', 'host.hostname', 'dvchost', 'deviceHostName', 'Computer', 'Hostname', 'hostname',
    'computer_name', 'winlog.computer_name', 'ComputerName', 'agent.hostname']);
  const ip = toIp(view.get(['host.ip', 'dvc', 'deviceAddress', 'structuredData.origin.ip'])) ?? toIp(hostname);
  const out: NonNullable<OcsfCore['device']> = {};
  if (hostname) out.hostname = hostname;
  if (ip) out.ip = ip;
  return Object.keys(out).length ? out : undefined;
}

function messageOf(format: OcsfInput['format'], native: Record<string, unknown>, view: FieldView): string | undefined {
  const payload = format === 'cef' || (format === 'syslog' && native['cef']) || format === 'leef' ||
    (format === 'syslog' && native['leef']);
  const cefName = format === 'cef' ? native['name'] : asObj(native['cef'])?.['name'];
  const m = payload
    ? view.str(['msg']) ?? toStr(cefName)
    : view.str(['message', 'Message', 'msg', 'description']);
  return m === undefined ? undefined : m.length > MAX_MESSAGE ? m.slice(0, MAX_MESSAGE) : m;
}

function asObj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

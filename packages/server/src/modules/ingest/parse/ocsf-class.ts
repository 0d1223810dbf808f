import type { FieldView } from './ocsf-fields.ts';
import { toInt, toStr } from './ocsf-fields.ts';

export type ClassChoice = { class_uid: number; activity_id: number; status_id?: number };

/** Evidence already projected, for the generic rules. */
export type Evidence = { file: boolean; network: boolean; process: boolean; message?: string; appName?: string };

/**
 * OCSF class choice, first matching rule wins:
 *
 * | class_uid | class                | category      | when                                                         |
 * |-----------|----------------------|---------------|--------------------------------------------------------------|
 * | 3002      | Authentication       | 3 IAM         | Security 4624 4625 4648 (1 Logon), 4634 4647 (2 Logoff), 4768 (3 AS ticket), 4769 (4 service ticket), 4770 (5 renew), 4771 (6 preauth), 4776 (99 NTLM validation); ECS event.category authentication; CEF/LEEF `cat` naming authentication/logon/login (logoff/logout: 2) with `outcome`; sshd "Accepted …"/"Failed …" |
 * | 1007      | Process Activity     | 1 System      | Sysmon 1 (1 Launch), 5 (2 Terminate), 10 (3 Open), 8 (4 Inject); Security 4688 (1), 4689 (2); ECS process |
 * | 1005      | Module Activity      | 1 System      | Sysmon 7 (1 Load)                                            |
 * | 1001      | File System Activity | 1 System      | Sysmon 11 15 (1 Create), 2 (6 Set Attributes), 23 26 (4 Delete); Security 4663 on a File (14 Open), 4660 (4 Delete); ECS file |
 * | 4001      | Network Activity     | 4 Network     | Sysmon 3 (1 Open); Security 5156 (6 Traffic), 5157 (5 Refuse), 5158 (7 Listen); ECS network |
 * | 4003      | DNS Activity         | 4 Network     | Sysmon 22 (1 Query)                                          |
 * | 201001    | Registry Key Activity (Windows ext.) | 1 | Sysmon 12 (CreateKey 1, DeleteKey 4; DeleteValue → 201002/4), 14 (5 Rename) |
 * | 201002    | Registry Value Activity (Windows ext.) | 1 | Sysmon 13 (2 Set)                                    |
 * | 0         | Base Event           | 0             | any other Sysmon or Security event id                        |
 * | 1001/4001/1007 | (generic)       |               | a file path; else a source or destination IP (CEF `act` allow → 6 Traffic, deny → 5 Refuse); else a command line or process executable — activity 0 Unknown |
 * | 0         | Base Event           | 0             | otherwise                                                    |
 *
 * Windows rules apply when the provider or channel says Sysmon (Sysmon ids), or Security (or is
 * unknown) for the 4xxx/5xxx Security ids. Status (Authentication): 1 Success, 2 Failure.
 */
export const CLASSES: Readonly<Record<number, { name: string; category: number }>> = {
  0: { name: 'Base Event', category: 0 },
  1001: { name: 'File System Activity', category: 1 },
  1005: { name: 'Module Activity', category: 1 },
  1007: { name: 'Process Activity', category: 1 },
  3002: { name: 'Authentication', category: 3 },
  4001: { name: 'Network Activity', category: 4 },
  4003: { name: 'DNS Activity', category: 4 },
  201001: { name: 'Registry Key Activity', category: 1 },
  201002: { name: 'Registry Value Activity', category: 1 },
};

const SYSMON: Record<number, [number, number]> = {
  1: [1007, 1], 2: [1001, 6], 3: [4001, 1], 5: [1007, 2], 7: [1005, 1], 8: [1007, 4], 10: [1007, 3],
  11: [1001, 1], 12: [201001, 0], 13: [201002, 2], 14: [201001, 5], 15: [1001, 1], 22: [4003, 1], 23: [1001, 4],
  26: [1001, 4],
};
const SECURITY: Record<number, [number, number, number?]> = {
  4624: [3002, 1, 1], 4625: [3002, 1, 2], 4648: [3002, 1, 1], 4634: [3002, 2], 4647: [3002, 2],
  4768: [3002, 3], 4769: [3002, 4], 4770: [3002, 5], 4771: [3002, 6, 2], 4776: [3002, 99],
  4688: [1007, 1], 4689: [1007, 2], 4660: [1001, 4], 5156: [4001, 6], 5157: [4001, 5], 5158: [4001, 7],
};
const ECS: Record<string, [number, Record<string, number>]> = {
  authentication: [3002, { start: 1, end: 2, info: 1 }],
  process: [1007, { start: 1, end: 2 }],
  file: [1001, { creation: 1, access: 2, change: 3, deletion: 4 }],
  network: [4001, { connection: 1, start: 1, end: 2, denied: 5, allowed: 6 }],
};

export function windowsEventId(view: FieldView): number | undefined {
  let v = view.get(['EventID', 'winlog.event_id', 'event_id', 'EventCode']);
  if (v !== null && typeof v === 'object') v = (v as Record<string, unknown>)['#text'] ?? (v as Record<string, unknown>)['Value'];
  return toInt(v, 65535);
}

export function chooseClass(view: FieldView, ev: Evidence): ClassChoice {
  const id = windowsEventId(view);
  if (id !== undefined) {
    const provider = (view.str(['SourceName', 'ProviderName', 'Provider.Name', 'Provider.#attributes.Name',
      'winlog.provider_name']) ?? '').toLowerCase();
    const channel = (view.str(['Channel', 'winlog.channel', 'LogName']) ?? '').toLowerCase();
    if (provider.includes('sysmon') || channel.includes('sysmon')) {
      if (id === 12) {
        const type = view.str(['EventType']);
        if (type === 'DeleteValue') return { class_uid: 201002, activity_id: 4 };
        return { class_uid: 201001, activity_id: type === 'CreateKey' ? 1 : type === 'DeleteKey' ? 4 : 0 };
      }
      const hit = SYSMON[id];
      return hit ? { class_uid: hit[0], activity_id: hit[1] } : { class_uid: 0, activity_id: 0 };
    } else if (channel === 'security' || provider === 'microsoft-windows-security-auditing' || (!channel && !provider)) {
      const hit = SECURITY[id];
      if (hit) return hit[2] ? { class_uid: hit[0], activity_id: hit[1], status_id: hit[2] } : { class_uid: hit[0], activity_id: hit[1] };
      if ((id === 4663 || id === 4656) && view.str(['ObjectType']) === 'File') return { class_uid: 1001, activity_id: 14 };
      if (channel === 'security' || provider === 'microsoft-windows-security-auditing') return { class_uid: 0, activity_id: 0 };
    }
  }
  const category = toStr(view.get(['event.category']))?.toLowerCase();
  const ecs = category ? ECS[category] : undefined;
  if (ecs) {
    const type = toStr(view.get(['event.type']))?.toLowerCase() ?? '';
    const choice: ClassChoice = { class_uid: ecs[0], activity_id: ecs[1][type] ?? (ecs[0] === 3002 ? 1 : 0) };
    const outcome = toStr(view.get(['event.outcome']))?.toLowerCase();
    if (ecs[0] === 3002 && (outcome === 'success' || outcome === 'failure')) choice.status_id = outcome === 'success' ? 1 : 2;
    return choice;
  }
  const cat = toStr(view.get(['cat', 'deviceEventCategory', 'categoryBehavior']))?.toLowerCase() ?? '';
  if (cat.includes('authentication') || cat.includes('logon') || cat.includes('login') || cat.includes('logoff') || cat.includes('logout')) {
    const choice: ClassChoice = { class_uid: 3002, activity_id: cat.includes('logoff') || cat.includes('logout') ? 2 : 1 };
    const outcome = toStr(view.get(['outcome', 'categoryOutcome', 'event.outcome']))?.toLowerCase() ?? '';
    if (outcome.includes('success')) choice.status_id = 1;
    else if (outcome.includes('fail')) choice.status_id = 2;
    return choice;
  }
  if (ev.appName === 'sshd' && ev.message) {
    if (ev.message.startsWith('Accepted ')) return { class_uid: 3002, activity_id: 1, status_id: 1 };
    if (ev.message.startsWith('Failed ') || ev.message.startsWith('Invalid user ')) return { class_uid: 3002, activity_id: 1, status_id: 2 };
  }
  if (ev.file) return { class_uid: 1001, activity_id: 0 };
  if (ev.network) {
    const act = toStr(view.get(['act', 'deviceAction', 'action']))?.toLowerCase() ?? '';
    const deny = ['block', 'blocked', 'deny', 'denied', 'drop', 'dropped', 'reject', 'rejected'].includes(act);
    const allow = ['allow', 'allowed', 'accept', 'accepted', 'permit', 'permitted', 'pass'].includes(act);
    return { class_uid: 4001, activity_id: deny ? 5 : allow ? 6 : 0 };
  }
  if (ev.process) return { class_uid: 1007, activity_id: 0 };
  return { class_uid: 0, activity_id: 0 };
}

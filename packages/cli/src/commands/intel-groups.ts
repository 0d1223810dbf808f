// `bulwark intel groups list | show | create | add-member | remove-member | delete`: sharing groups of
// your organisation (changing them needs an administrator's key).
import type { SharingGroup, SharingGroupList, SharingGroupMemberInput } from '@bulwark/contracts';
import type { Command } from 'commander';
import { API } from '../api.ts';
import type { App } from '../context.ts';
import { printJson, printTable, println, sanitize, type Out } from '../output.ts';
import { UsageError } from '../problem.ts';

/** `org` (this instance: id or slug) or `instance/org`. */
export function parseMember(text: string): SharingGroupMemberInput {
  const slash = text.indexOf('/');
  if (slash === -1) return { org: text };
  const instance = text.slice(0, slash);
  const org = text.slice(slash + 1);
  if (!instance || !org) throw new UsageError(`member ${text}: give org (this instance) or instance/org`);
  return { instance, org };
}

function printGroup(out: Out, g: SharingGroup): void {
  println(out, `${sanitize(g.name)} (${g.id})`);
  println(out, `owner ${sanitize(g.ownerInstance)}/${sanitize(g.ownerOrg)}, updated ${g.updatedAt}`);
  if (g.description) println(out, `description: ${sanitize(g.description)}`);
  if (g.releasability) println(out, `releasability: ${sanitize(g.releasability)}`);
  printTable(out, g.members, [
    { header: 'instance', value: (m) => m.instance },
    { header: 'organisation', value: (m) => m.org },
  ], '(no members)');
}

export function registerIntelGroups(program: Command, app: App): void {
  const intel = program.commands.find((c) => c.name() === 'intel') ?? program.command('intel');
  const groups = intel.command('groups').description('sharing groups your organisation owns or belongs to');

  groups
    .command('list')
    .description('the sharing groups your organisation owns or belongs to')
    .action(async (_o, cmd: Command) => {
      const c = app.ctx(cmd);
      const r = await c.client.get<SharingGroupList>(API.intelSharingGroups);
      if (c.json) return printJson(c.out, r);
      printTable(c.out, r.groups, [
        { header: 'id', value: (g) => g.id },
        { header: 'name', value: (g) => g.name, max: 40 },
        { header: 'owner', value: (g) => `${g.ownerInstance}/${g.ownerOrg}` },
        { header: 'members', value: (g) => String(g.members.length) },
      ], '(no sharing groups)');
    });

  groups
    .command('show <id>')
    .description('one sharing group with its members')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      const g = await c.client.get<SharingGroup>(API.intelSharingGroup(id));
      if (c.json) return printJson(c.out, g);
      printGroup(c.out, g);
    });

  groups
    .command('create <name>')
    .description('create a group owned by your organisation (administrators); members as org (this instance, id or slug) or instance/org')
    .option('--description <text>', 'what the group is for')
    .option('--releasability <text>', 'who else may be told, in words')
    .option('--member <member...>', 'members besides your organisation')
    .action(async (name: string, o: { description?: string; releasability?: string; member?: string[] }, cmd: Command) => {
      const c = app.ctx(cmd);
      const g = await c.client.post<SharingGroup>(API.intelSharingGroups, {
        name, ...(o.description ? { description: o.description } : {}), ...(o.releasability ? { releasability: o.releasability } : {}),
        ...(o.member ? { members: o.member.map(parseMember) } : {}),
      });
      if (c.json) return printJson(c.out, g);
      printGroup(c.out, g);
    });

  for (const [verb, field, what] of [['add-member', 'addMembers', 'they receive what was already shared with the group'], ['remove-member', 'removeMembers', 'they lose what was shared with the group']] as const) {
    groups
      .command(`${verb} <id> <member...>`)
      .description(`${verb === 'add-member' ? 'add' : 'remove'} members (org or instance/org; administrators of the owner): ${what}`)
      .action(async (id: string, members: string[], _o, cmd: Command) => {
        const c = app.ctx(cmd);
        const g = await c.client.patch<SharingGroup>(API.intelSharingGroup(id), { [field]: members.map(parseMember) });
        if (c.json) return printJson(c.out, g);
        printGroup(c.out, g);
      });
  }

  groups
    .command('delete <id>')
    .description('delete your organisation\'s group (objects shared with it keep their members)')
    .action(async (id: string, _o, cmd: Command) => {
      const c = app.ctx(cmd);
      await c.client.delete(API.intelSharingGroup(id));
      if (c.json) return printJson(c.out, { deleted: id });
      println(c.out, `deleted sharing group ${sanitize(id)}`);
    });
}

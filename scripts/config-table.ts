// Prints the README's configuration table from the settings table (`node scripts/config-table.ts`).
import { SETTINGS, envName, type SettingSpec } from '../packages/server/src/platform/config/settings.ts';

export function configTable(): string {
  const lines = ['| variable | default | description |', '|---|---|---|'];
  for (const s of SETTINGS as readonly SettingSpec[]) {
    const name = `\`${envName(s.key)}\`${s.secret ? ` (or \`${envName(s.key)}_FILE\`)` : ''}`;
    lines.push(`| ${name} | ${s.default !== undefined ? `\`${s.default}\`` : '—'} | ${s.doc} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(configTable());

// A local ESLint rule for the import boundaries of DESIGN.md:
// - contracts imports nothing of ours; the console imports contracts only (never server or cli code);
// - platform never imports a module;
// - a module imports the platform and other modules only through their index.ts.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

function where(file) {
  const rel = relative(ROOT, file).split(sep).join('/');
  let m = /^packages\/server\/src\/modules\/([^/]+)\//.exec(rel);
  if (m) return { area: 'module', name: m[1], rel };
  if (rel.startsWith('packages/server/src/platform/')) return { area: 'platform', rel };
  if (rel.startsWith('packages/contracts/')) return { area: 'contracts', rel };
  if (rel.startsWith('packages/web/')) return { area: 'web', rel };
  return { area: 'other', rel };
}

export const boundaries = {
  meta: { type: 'problem', messages: { bad: '{{why}}' }, schema: [] },
  create(context) {
    const file = context.filename;
    const from = where(file);
    if (/\.test\.tsx?$/.test(file) || from.rel.includes('/testing/')) return {};
    function check(node) {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string') return;
      const report = (why) => context.report({ node, messageId: 'bad', data: { why } });
      if (from.area === 'contracts' && (spec.startsWith('@bulwark/') || spec.startsWith('../../'))) return report('contracts imports nothing of ours');
      if (from.area === 'web' && (spec.startsWith('@bulwark/') && spec !== '@bulwark/contracts')) return report('the console imports @bulwark/contracts only');
      if (from.area === 'web' && spec.includes('/server/')) return report('the console imports @bulwark/contracts only');
      if (!spec.startsWith('.')) return;
      const target = where(resolve(dirname(file), spec));
      if (from.area === 'platform' && target.area === 'module') return report('platform must not import a module');
      if (from.area === 'module') {
        if (target.area === 'platform' && target.rel !== 'packages/server/src/platform/index.ts') return report('import the platform through platform/index.ts');
        if (target.area === 'module' && target.name !== from.name && target.rel !== `packages/server/src/modules/${target.name}/index.ts`) return report(`import module ${target.name} through its index.ts`);
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (n) => n.source.type === 'Literal' && check({ ...n, source: n.source }) };
  },
};

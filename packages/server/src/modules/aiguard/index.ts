// Public API of the aiguard module (DESIGN.md: other modules and the CLI import only from here).
export { createAiguard, type AiguardModule } from './module.ts';
export { blockAccount } from './admin/block-account.ts';

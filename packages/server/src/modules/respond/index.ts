// Public API of the respond module (DESIGN.md: other modules and the CLI import only from here).
export { createRespond, type RespondModule } from './module.ts';

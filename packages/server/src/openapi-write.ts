// `npm run openapi`: writes docs/openapi.json (committed; a test fails when it drifts from the routes).
import { writeFileSync } from 'node:fs';
import { buildOpenApi, OPENAPI_FILE } from './openapi.ts';

writeFileSync(OPENAPI_FILE, await buildOpenApi());
console.log(`wrote ${OPENAPI_FILE.pathname}`);

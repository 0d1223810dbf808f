// Where the shared test corpora are (../shared/corpora beside the repository, or BULWARK_CORPORA).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const CORPORA = process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../shared/corpora/', import.meta.url));
export const OTRF = join(CORPORA, 'otrf', 'otrf-windows-bench.ndjson.gz');
export const HAVE_OTRF = existsSync(OTRF);
if (!HAVE_OTRF) console.log(`skipping OTRF-based tests: ${OTRF} is absent (set BULWARK_CORPORA)`);

// Where the shared test corpora are: BULWARK_CORPORA, else ../shared/corpora beside the repository.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export function corporaDir(): string {
  return process.env.BULWARK_CORPORA ?? fileURLToPath(new URL('../../../../../../../../shared/corpora', import.meta.url));
}

/** The STIX corpus folder (`<corpora>/stix`). */
export function stixCorpusDir(): string {
  return join(corporaDir(), 'stix');
}

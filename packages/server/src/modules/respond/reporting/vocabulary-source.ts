// The NIS2 vocabularies the instance codes reports with: the MISP `nis2` and `rsit` taxonomies under
// the `misp_taxonomies` directory, read once. Without that directory reports still work; their coded
// fields stay empty and validation says the vocabulary is missing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { loadNis2Vocabulary, type Nis2Vocabulary } from '../nis2/index.ts';

export interface VocabularySource {
  (): Promise<{ vocabulary: Nis2Vocabulary; configured: boolean }>;
}

const EMPTY: Nis2Vocabulary = { nis2: { namespace: 'nis2', description: '', version: 0, predicates: [] }, incidentTypes: null };

export function vocabularySource(dir: string | undefined, log: Pick<Logger, 'warn'>): VocabularySource {
  let loaded: Promise<{ vocabulary: Nis2Vocabulary; configured: boolean }> | undefined;
  return () => (loaded ??= (async () => {
    if (!dir) return { vocabulary: EMPTY, configured: false };
    const nis2 = join(dir, 'nis2', 'machinetag.json');
    const rsit = join(dir, 'rsit', 'machinetag.json');
    try {
      return { vocabulary: await loadNis2Vocabulary({ nis2, ...(existsSync(rsit) ? { rsit } : {}) }), configured: true };
    } catch (err) {
      log.warn({ err, dir }, 'the MISP nis2 taxonomy could not be read; NIS2 reports are not coded');
      return { vocabulary: EMPTY, configured: false };
    }
  })());
}

// `bulwark media …`: synthetic and manipulated media (hashing, fingerprints, provenance); each
// sub-command lives in its own file (media-<name>.ts).
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { registerMediaAudio } from './media-audio.ts';
import { registerMediaHash } from './media-hash.ts';
import { registerMediaProvenance } from './media-provenance.ts';
import { registerMediaVpdq } from './media-vpdq.ts';

export function registerMedia(program: Command, app: App): void {
  const media = program.command('media').description('media: perceptual hashes, audio fingerprints and provenance of files, computed locally');
  registerMediaHash(media, app);
  registerMediaAudio(media, app);
  registerMediaVpdq(media, app);
  registerMediaProvenance(media, app);
}

// `bulwark media …`: synthetic and manipulated media (hashing, fingerprints, provenance computed locally;
// checks and hash banks over the API); each sub-command lives in its own file (media-<name>.ts).
import type { Command } from 'commander';
import type { App } from '../context.ts';
import { registerMediaAudio } from './media-audio.ts';
import { registerMediaBank } from './media-bank.ts';
import { registerMediaCheck } from './media-check.ts';
import { registerMediaDisarm } from './media-disarm.ts';
import { registerMediaHash } from './media-hash.ts';
import { registerMediaIncident } from './media-incident.ts';
import { registerMediaProvenance } from './media-provenance.ts';
import { registerMediaVpdq } from './media-vpdq.ts';

export function registerMedia(program: Command, app: App): void {
  const media = program.command('media').description('media: perceptual hashes, audio fingerprints and provenance of files (computed locally); checks against hash banks, the banks themselves, DISARM and disinformation incidents (over the API)');
  registerMediaHash(media, app);
  registerMediaAudio(media, app);
  registerMediaVpdq(media, app);
  registerMediaProvenance(media, app);
  registerMediaCheck(media, app);
  registerMediaBank(media, app);
  registerMediaDisarm(media, app);
  registerMediaIncident(media, app);
}

// The security analytics jobs, in the order they are listed.
import { DataVolumeJob } from './data-volume.ts';
import { DormantAccountJob } from './dormant.ts';
import { FailedLoginSpikeJob } from './failed-logins.ts';
import { FirstSeenGeoJob } from './first-seen-geo.ts';
import type { Job, JobInfo } from './job.ts';
import { LoginHourJob } from './login-hour.ts';
import { PasswordSprayJob } from './password-spray.ts';
import { PeerGroupJob } from './peer-group.ts';
import { RareProcessJob } from './rare-process.ts';
import { ImpossibleTravelJob } from './travel.ts';

export type { EntityKind, Explanation, Finding, JobEnv, JobInfo, JobSnapshot } from './job.ts';
export { Job } from './job.ts';
export { viewOf, type EventView } from './event-view.ts';

/** A fresh set of every job (one set per organisation). */
export function createJobs(maxEntities?: number): Array<Job<unknown>> {
  return [
    new RareProcessJob(maxEntities), new LoginHourJob(maxEntities), new FailedLoginSpikeJob(maxEntities), new PasswordSprayJob(maxEntities),
    new ImpossibleTravelJob(maxEntities), new FirstSeenGeoJob(maxEntities), new DataVolumeJob(maxEntities), new DormantAccountJob(maxEntities),
    new PeerGroupJob(maxEntities),
  ] as Array<Job<unknown>>;
}

export const JOBS: readonly JobInfo[] = createJobs(1).map((j) => j.info);

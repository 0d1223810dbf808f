import type { Db } from '../db/db.ts';
import type { Logger } from '../log/log.ts';
import { createInprocBus } from './inproc.ts';
import { createNatsBus } from './nats.ts';
import type { Bus } from './port.ts';

export async function openBus(db: Db, log: Logger, natsUrl: string | undefined, stream?: string): Promise<Bus> {
  return natsUrl ? createNatsBus(db, log, { url: natsUrl, ...(stream ? { stream } : {}) }) : createInprocBus(db, log);
}

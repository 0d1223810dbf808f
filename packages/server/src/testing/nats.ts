// The NATS test tier runs when BULWARK_TEST_NATS_URL names a JetStream server (as .ci/run does).
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

export const natsUrl: string | undefined = process.env['BULWARK_TEST_NATS_URL'];

if (!natsUrl) console.log('NATS tier skipped: BULWARK_TEST_NATS_URL is not set (in-process bus tier runs).');

export function testStreamName(): string {
  return `BWTEST_${randomBytes(5).toString('hex').toUpperCase()}`;
}

export async function deleteStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}

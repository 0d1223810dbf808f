import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../platform/index.ts';
import { ActionError, type ActionContext } from '../playbooks/index.ts';
import { PACKET, connectPacket, encodeLength, field, packetFramer, publishPacket, type Packet } from './mqtt-packets.ts';
import { clientIdFor, mqttAction, topicProblem, validateMqttParams, type MqttConfig } from './notify-mqtt.ts';
import { SocketReader } from './socket-reader.ts';

const BROKER = { host: '127.0.0.1', port: 1883 };
const loopback = parseAllowList('127.0.0.0/8');

const ctx = (key: string = randomUUID()): ActionContext => ({
  runId: 'run-1', playbookId: 'pb', playbookVersion: 1, stepId: 'publish', attempt: 1, idempotencyKey: key, signal: new AbortController().signal, trigger: {},
});

async function failure(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

const reachable = await new Promise<boolean>((resolve) => {
  const s = connect(BROKER);
  const done = (ok: boolean): void => {
    s.destroy();
    resolve(ok);
  };
  s.setTimeout(500, () => done(false));
  s.once('connect', () => done(true));
  s.once('error', () => done(false));
});

/** A subscriber speaking raw MQTT 3.1.1: CONNECT, SUBSCRIBE at QoS 1, then collects PUBLISH packets. */
async function subscribe(topic: string): Promise<{ next(): Promise<{ topic: string; payload: string; retain: boolean; qos: number }>; close(): void }> {
  const socket = connect(BROKER);
  await new Promise((r) => socket.once('connect', r));
  const reader = new SocketReader(socket, 'broker', 3000, undefined, 1024 * 1024);
  const framer = packetFramer(1024 * 1024);
  await reader.write(connectPacket({ clientId: `sub${randomUUID().replace(/-/g, '').slice(0, 20)}`, keepAliveSeconds: 30 }));
  expect((await reader.read(framer, 'CONNACK')).body[1]).toBe(0);
  const body = Buffer.concat([Buffer.from([0, 7]), field(topic), Buffer.from([1])]);
  await reader.write(Buffer.concat([Buffer.from([(PACKET.SUBSCRIBE << 4) | 0x02]), encodeLength(body.length), body]));
  const suback: Packet = await reader.read(framer, 'SUBACK');
  expect(suback.type).toBe(PACKET.SUBACK);
  return {
    async next() {
      const p = await reader.read(framer, 'PUBLISH');
      expect(p.type).toBe(PACKET.PUBLISH);
      const qos = (p.flags >> 1) & 3;
      const len = p.body.readUInt16BE(0);
      const t = p.body.subarray(2, 2 + len).toString();
      const rest = p.body.subarray(2 + len + (qos > 0 ? 2 : 0));
      if (qos > 0) await reader.write(Buffer.from([PACKET.PUBACK << 4, 2, p.body[2 + len]!, p.body[3 + len]!]));
      return { topic: t, payload: rest.toString(), retain: (p.flags & 1) === 1, qos };
    },
    close: () => socket.destroy(),
  };
}

describe('MQTT packets', () => {
  it.each([
    [0, [0x00]], [127, [0x7f]], [128, [0x80, 0x01]], [16_383, [0xff, 0x7f]], [16_384, [0x80, 0x80, 0x01]], [268_435_455, [0xff, 0xff, 0xff, 0x7f]],
  ])('encodes remaining length %i as in section 2.2.3', (n, bytes) => expect([...encodeLength(n)]).toEqual(bytes));

  it('frames a PUBLISH it encoded, also when it arrives a byte at a time', () => {
    const wire = publishPacket({ topic: 'a/b', payload: Buffer.alloc(300, 7), qos: 1, retain: true, packetId: 9 });
    const framer = packetFramer(1000);
    for (let i = 0; i < wire.length; i++) expect(framer(wire.subarray(0, i))).toBeUndefined();
    const cut = framer(Buffer.concat([wire, Buffer.from([0xe0])]))!;
    expect(cut.used).toBe(wire.length);
    expect(cut.value).toMatchObject({ type: PACKET.PUBLISH, flags: 0b0011 });
    expect(cut.value.body.readUInt16BE(5)).toBe(9);
  });

  it('refuses a malformed or oversized length from the broker', () => {
    expect(() => packetFramer(100)(Buffer.from([0x20, 0x80, 0x80, 0x80, 0x80, 0x01]))).toThrow(/more than 4 bytes/);
    expect(() => packetFramer(100)(Buffer.from([0x30, 0x80, 0x01]))).toThrow(/128 bytes/);
  });

  it('builds CONNECT with clean session, credentials flags and keep-alive (section 3.1)', () => {
    const p = connectPacket({ clientId: 'c1', keepAliveSeconds: 60, username: 'u', password: 'p' });
    expect([...p.subarray(0, 2)]).toEqual([0x10, p.length - 2]);
    expect(p.subarray(2, 8).toString('latin1')).toBe('\0\x04MQTT');
    expect([p[8], p[9], p.readUInt16BE(10)]).toEqual([4, 0xc2, 60]);
  });
});

describe('notify.mqtt parameters', () => {
  it.each([
    ['alerts/+/x', 'wildcards'], ['alerts/#', 'wildcards'], ['', 'empty'], ['$SYS/x', '$'], ['a\u0000b', 'control'], ['a\u0085b', 'control'], ['\ud800', 'Unicode'],
  ])('refuses topic %j', (topic, why) => expect(topicProblem(topic)).toContain(why));

  it('accepts UTF-8 topics up to 65535 bytes', () => {
    expect(topicProblem('bulwark/vorfälle/übersicht')).toBeUndefined();
    expect(topicProblem('é'.repeat(32_767))).toBeUndefined(); // 65534 bytes
    expect(topicProblem('é'.repeat(32_768))).toContain('65535 bytes');
  });

  it('checks payload, qos, retain and unknown keys; templates wait until run time', () => {
    expect(validateMqttParams({ topic: '{{ incident.topic }}', payload: '{{ incident }}', qos: '{{ playbook.version }}' }, 'document')).toEqual([]);
    expect(validateMqttParams({ topic: 't', payload: 'x'.repeat(256 * 1024 + 1) }, 'run')[0]?.message).toContain('at most 262144');
    expect(validateMqttParams({ topic: 't', payload: { a: 'x'.repeat(256 * 1024) } }, 'run')[0]?.path).toBe('payload');
    expect(validateMqttParams({ topic: 't', payload: 42 }, 'run')[0]?.message).toContain('text, an object or a list');
    expect(validateMqttParams({ topic: 't', payload: 'x', qos: 2 }, 'run')).toEqual([{ path: 'qos', message: 'must be 0 or 1' }]);
    expect(validateMqttParams({ topic: 't', payload: 'x', retain: 'yes' }, 'run')[0]?.path).toBe('retain');
    expect(validateMqttParams({ topic: 't', payload: 'x', dup: true }, 'run')[0]?.path).toBe('dup');
  });

  it('keeps topics under the configured prefix', () => {
    expect(validateMqttParams({ topic: 'factory/valve/open', payload: 'x' }, 'run', 'bulwark/')[0]?.message).toContain('must start with "bulwark/"');
  });

  it('refuses credentials without TLS and bad client id prefixes', () => {
    expect(() => mqttAction({ ...BROKER, tls: false, username: 'u', password: 'p', timeoutMs: 1000 })).toThrow(/only sent over TLS/);
    expect(() => mqttAction({ ...BROKER, tls: false, clientIdPrefix: 'bad-prefix!', timeoutMs: 1000 })).toThrow(/client id prefix/);
  });

  it('derives a 23-character client id from the idempotency key', () => {
    expect(clientIdFor('bulwark', 'k')).toMatch(/^bulwark[0-9a-f]{16}$/);
    expect(clientIdFor('bulwark', 'k')).toBe(clientIdFor('bulwark', 'k'));
    expect(clientIdFor('bulwark', 'k')).not.toBe(clientIdFor('bulwark', 'l'));
  });

  it('describes what would be published', () => {
    const a = mqttAction({ ...BROKER, tls: false, timeoutMs: 1000 });
    expect(a.describe({ topic: 'bulwark/alerts', payload: { id: 7 }, retain: true })).toBe('MQTT publish of 8 bytes to "bulwark/alerts" (QoS 1, retained) on 127.0.0.1:1883');
  });
});

describe('notify.mqtt egress guard', () => {
  it('refuses a loopback broker unless egress_allow covers it, without connecting', async () => {
    let connections = 0;
    const server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const err = await failure(mqttAction({ host: '127.0.0.1', port, tls: false, timeoutMs: 1000 }).run({ topic: 't', payload: 'x' }, ctx()));
      expect(err).toMatchObject({ retryable: false, code: 'egress_refused' });
      const named = mqttAction({ host: 'broker.example.eu', port, tls: false, timeoutMs: 1000, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
      expect(await failure(named.run({ topic: 't', payload: 'x' }, ctx()))).toMatchObject({ code: 'egress_refused' });
      expect(connections).toBe(0);
      // Allowed: the connection is made (and fails here, since this listener is no broker).
      expect(await failure(mqttAction({ host: '127.0.0.1', port, tls: false, timeoutMs: 1000, allow: loopback }).run({ topic: 't', payload: 'x' }, ctx()))).toMatchObject({ retryable: true });
      expect(connections).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('notify.mqtt against a scripted broker (broker failures cannot be provoked on the real one)', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
  });
  async function scripted(reply: (packetType: number, socket: Socket) => void): Promise<MqttConfig> {
    const server = createServer((s) => {
      s.on('error', () => undefined);
      s.on('data', (d: Buffer) => reply(d[0]! >> 4, s));
      setTimeout(() => s.destroy(), 3000).unref();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { host: '127.0.0.1', port: (server.address() as { port: number }).port, tls: false, allow: loopback, timeoutMs: 300 };
  }

  it('CONNACK "not authorized" is final, "server unavailable" retryable', async () => {
    const denied = await scripted((t, s) => t === PACKET.CONNECT && s.write(Buffer.from([0x20, 2, 0, 5])));
    expect(await failure(mqttAction(denied).run({ topic: 't', payload: 'x' }, ctx()))).toMatchObject({ retryable: false, message: expect.stringContaining('not authorized') });
    const busy = await scripted((t, s) => t === PACKET.CONNECT && s.write(Buffer.from([0x20, 2, 0, 3])));
    expect(await failure(mqttAction(busy).run({ topic: 't', payload: 'x' }, ctx()))).toMatchObject({ retryable: true, message: expect.stringContaining('server unavailable') });
  });

  it('QoS 1 without PUBACK times out (retryable); QoS 0 does not wait for one', async () => {
    const mute = await scripted((t, s) => t === PACKET.CONNECT && s.write(Buffer.from([0x20, 2, 0, 0])));
    expect(await failure(mqttAction(mute).run({ topic: 't', payload: 'x', qos: 1 }, ctx()))).toMatchObject({ retryable: true, code: 'timeout' });
    await expect(mqttAction(mute).run({ topic: 't', payload: 'x', qos: 0 }, ctx())).resolves.toMatchObject({ qos: 0 });
  });
});

/** A self-signed certificate for `broker.test`, or undefined when openssl is not installed. */
function selfSigned(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-mqtt-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=broker.test', '-addext', 'subjectAltName=DNS:broker.test', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const pem = selfSigned();

describe.skipIf(!pem)('notify.mqtt over TLS against a scripted broker (Mosquitto here listens without TLS)', () => {
  it('verifies the certificate against the CA and the name, and sends credentials only inside TLS', async () => {
    const connects: Buffer[] = [];
    const server = createTlsServer({ key: pem!.key, cert: pem!.cert }, (s) => {
      s.on('error', () => undefined);
      s.on('data', (d: Buffer) => {
        const t = d[0]! >> 4;
        if (t === PACKET.CONNECT) {
          connects.push(d);
          s.write(Buffer.from([0x20, 2, 0, 0]));
        } else if (t === PACKET.PUBLISH) s.write(Buffer.from([0x40, 2, 0, 1]));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const cfg: MqttConfig = {
      host: 'broker.test', port: (server.address() as { port: number }).port, tls: true, username: 'soc', password: 's3cret', allow: loopback, timeoutMs: 2000,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    };
    try {
      await expect(mqttAction({ ...cfg, ca: pem!.cert }).run({ topic: 'bulwark/t', payload: 'x' }, ctx())).resolves.toMatchObject({ qos: 1 });
      expect(connects).toHaveLength(1);
      expect(connects[0]!.includes('s3cret')).toBe(true);
      expect(await failure(mqttAction(cfg).run({ topic: 'bulwark/t', payload: 'x' }, ctx()))).toMatchObject({ retryable: false, code: 'tls_failed' });
      expect(await failure(mqttAction({ ...cfg, host: 'other.test', ca: pem!.cert }).run({ topic: 'bulwark/t', payload: 'x' }, ctx()))).toMatchObject({ code: 'tls_failed' });
      expect(connects).toHaveLength(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe.skipIf(!reachable)('notify.mqtt against the Mosquitto broker on 127.0.0.1:1883', () => {
  const action = mqttAction({ ...BROKER, tls: false, allow: loopback, timeoutMs: 3000 });

  it('publishes at QoS 1 and QoS 0; a subscriber receives text and JSON payloads', async () => {
    const topic = `bulwark-test/${randomUUID()}`;
    const sub = await subscribe(topic);
    try {
      const out = await action.run({ topic, payload: 'Überlastung auf 203.0.113.7', qos: 1 }, ctx());
      expect(out).toEqual({ topic, bytes: Buffer.byteLength('Überlastung auf 203.0.113.7'), qos: 1, retain: false });
      expect(await sub.next()).toEqual({ topic, payload: 'Überlastung auf 203.0.113.7', retain: false, qos: 1 });
      await action.run({ topic, payload: { alert: 'a1', severity: 'high', tags: ['attack.t1110'] }, qos: 0 }, ctx());
      const got = await sub.next();
      expect(JSON.parse(got.payload)).toEqual({ alert: 'a1', severity: 'high', tags: ['attack.t1110'] });
      expect(got.qos).toBe(0);
    } finally {
      sub.close();
    }
  });

  it('publishes once per idempotency key', async () => {
    const topic = `bulwark-test/${randomUUID()}`;
    const sub = await subscribe(topic);
    try {
      const c = ctx();
      await Promise.all([action.run({ topic, payload: 'one' }, c), action.run({ topic, payload: 'one' }, c)]);
      await action.run({ topic, payload: 'one' }, c);
      await action.run({ topic, payload: 'two' }, ctx());
      expect((await sub.next()).payload).toBe('one');
      expect((await sub.next()).payload).toBe('two'); // no second 'one' in between
    } finally {
      sub.close();
    }
  });

  it('a retained message reaches a later subscriber, and an empty retained one clears it', async () => {
    const topic = `bulwark-test/${randomUUID()}`;
    await action.run({ topic, payload: 'state: contained', retain: true }, ctx());
    const sub = await subscribe(topic);
    try {
      expect(await sub.next()).toMatchObject({ payload: 'state: contained', retain: true });
    } finally {
      sub.close();
    }
    await action.run({ topic, payload: '', retain: true }, ctx());
  });
});

if (!reachable) console.log('notify.mqtt: no MQTT broker on 127.0.0.1:1883, broker tests skipped');
if (!pem) console.log('notify.mqtt: openssl is not available to make a test certificate, TLS test skipped');

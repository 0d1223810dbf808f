// Publishes one message per connection with MQTT 3.1.1: CONNECT (clean session), PUBLISH at QoS 0
// or 1 (waiting for PUBACK), DISCONNECT. The connection goes through the egress guard; TLS verifies
// the broker's certificate against its configured name.
import type { BlockList } from 'node:net';
import { ActionError } from '../playbooks/index.ts';
import { connectGuarded, upgradeTls, type Resolver } from './guarded-socket.ts';
import { CONNACK_CODES, PACKET, connectPacket, disconnectPacket, packetFramer, publishPacket } from './mqtt-packets.ts';
import { SocketReader } from './socket-reader.ts';

export interface MqttOptions {
  host: string;
  port: number;
  tls: boolean;
  ca?: string;
  username?: string;
  password?: string;
  clientId: string;
  keepAliveSeconds: number;
  allow?: BlockList;
  resolve?: Resolver;
  timeoutMs: number;
}

export interface MqttMessage {
  topic: string;
  payload: Buffer;
  qos: 0 | 1;
  retain: boolean;
}

const PACKET_ID = 1; // one publish per connection: any id will do, as long as PUBACK repeats it

/** Publishes `msg`; with QoS 1 resolves only after the broker's PUBACK. */
export async function publishOnce(opts: MqttOptions, msg: MqttMessage, signal?: AbortSignal): Promise<void> {
  let socket = await connectGuarded({ host: opts.host, port: opts.port, allow: opts.allow, resolve: opts.resolve, timeoutMs: opts.timeoutMs, signal });
  if (opts.tls) socket = await upgradeTls(socket, opts.host, { ca: opts.ca }, opts.timeoutMs, signal);
  const reader = new SocketReader(socket, opts.host, opts.timeoutMs, signal);
  const framer = packetFramer(16);
  try {
    await reader.write(connectPacket({ clientId: opts.clientId, keepAliveSeconds: opts.keepAliveSeconds, username: opts.username, password: opts.password }));
    const ack = await reader.read(framer, 'MQTT CONNECT');
    if (ack.type !== PACKET.CONNACK || ack.body.length !== 2) throw new ActionError(`MQTT broker answered CONNECT with packet type ${ack.type}, not CONNACK`, { retryable: false, code: 'protocol_error' });
    const rc = ack.body[1]!;
    if (rc !== 0) {
      const known = CONNACK_CODES[rc];
      throw new ActionError(`MQTT broker refused the connection: ${known?.text ?? `return code ${rc}`}`, { retryable: known?.retryable ?? false, code: 'mqtt_refused' });
    }
    await reader.write(publishPacket({ ...msg, packetId: PACKET_ID }));
    if (msg.qos === 1) {
      for (;;) {
        const p = await reader.read(framer, 'MQTT PUBLISH');
        if (p.type === PACKET.PINGRESP) continue;
        if (p.type !== PACKET.PUBACK || p.body.length !== 2) throw new ActionError(`MQTT broker answered PUBLISH with packet type ${p.type}, not PUBACK`, { retryable: false, code: 'protocol_error' });
        if (p.body.readUInt16BE(0) !== PACKET_ID) throw new ActionError(`MQTT PUBACK for packet ${p.body.readUInt16BE(0)}, expected ${PACKET_ID}`, { code: 'protocol_error' });
        break;
      }
    }
    await reader.write(disconnectPacket());
    // Closing our side after DISCONNECT; for QoS 0 the broker handles the PUBLISH before it (same stream, in order).
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, opts.timeoutMs);
      socket.end(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    reader.detach();
    socket.destroy();
  }
}

// MQTT 3.1.1 (OASIS standard, 2014) control packets that a publishing client sends and receives:
// CONNECT, CONNACK, PUBLISH, PUBACK, DISCONNECT. Section numbers refer to that standard.
import { ActionError } from '../playbooks/index.ts';
import type { Framer } from './socket-reader.ts';

export const PACKET = { CONNECT: 1, CONNACK: 2, PUBLISH: 3, PUBACK: 4, SUBSCRIBE: 8, SUBACK: 9, PINGRESP: 13, DISCONNECT: 14 } as const;

/** Largest Remaining Length the encoding allows (section 2.2.3). */
export const MAX_REMAINING = 268_435_455;

/** Remaining Length: 7 bits per byte, low group first, high bit set when another byte follows. */
export function encodeLength(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > MAX_REMAINING) throw new RangeError(`remaining length ${n} out of range`);
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

/** A UTF-8 string or binary field with its two-byte length (section 1.5.3). */
export function field(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (bytes.length > 0xffff) throw new RangeError(`field of ${bytes.length} bytes is longer than 65535`);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

const packet = (first: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([first]), encodeLength(body.length), body]);

export interface ConnectOptions {
  clientId: string;
  keepAliveSeconds: number;
  username?: string;
  password?: string;
}

/** CONNECT with a clean session (section 3.1): nothing is kept by the broker after we leave. */
export function connectPacket(o: ConnectOptions): Buffer {
  let flags = 0x02;
  if (o.username !== undefined) flags |= 0x80;
  if (o.password !== undefined) flags |= 0x40;
  const keepAlive = Buffer.alloc(2);
  keepAlive.writeUInt16BE(o.keepAliveSeconds);
  return packet(
    PACKET.CONNECT << 4,
    Buffer.concat([
      field('MQTT'),
      Buffer.from([4, flags]), // protocol level 4 = 3.1.1
      keepAlive,
      field(o.clientId),
      ...(o.username !== undefined ? [field(o.username)] : []),
      ...(o.password !== undefined ? [field(Buffer.from(o.password, 'utf8'))] : []),
    ]),
  );
}

export interface PublishOptions {
  topic: string;
  payload: Buffer;
  qos: 0 | 1;
  retain: boolean;
  /** Required for QoS 1, 1–65535. */
  packetId?: number;
}

/** PUBLISH (section 3.3); the payload needs no length of its own, it is the rest of the packet. */
export function publishPacket(o: PublishOptions): Buffer {
  const first = (PACKET.PUBLISH << 4) | (o.qos << 1) | (o.retain ? 1 : 0);
  const parts = [field(o.topic)];
  if (o.qos > 0) {
    const id = Buffer.alloc(2);
    id.writeUInt16BE(o.packetId ?? 1);
    parts.push(id);
  }
  parts.push(o.payload);
  return packet(first, Buffer.concat(parts));
}

export const disconnectPacket = (): Buffer => Buffer.from([PACKET.DISCONNECT << 4, 0]);

export interface Packet {
  type: number;
  flags: number;
  body: Buffer;
}

/** Cuts one packet from received bytes; refuses bodies larger than `maxBody` (a broker only sends small ones to us). */
export const packetFramer = (maxBody: number): Framer<Packet> => (buf) => {
  if (buf.length < 2) return undefined;
  let length = 0;
  let multiplier = 1;
  let i = 1;
  for (;;) {
    if (i >= buf.length) return undefined;
    const byte = buf[i]!;
    length += (byte & 0x7f) * multiplier;
    i++;
    if ((byte & 0x80) === 0) break;
    multiplier *= 128;
    if (i > 4) throw new ActionError('MQTT packet with a malformed remaining length (more than 4 bytes)', { code: 'protocol_error' });
  }
  if (length > maxBody) throw new ActionError(`MQTT packet of ${length} bytes from the broker; at most ${maxBody} expected`, { code: 'protocol_error' });
  if (buf.length < i + length) return undefined;
  return { value: { type: buf[0]! >> 4, flags: buf[0]! & 0x0f, body: buf.subarray(i, i + length) }, used: i + length };
};

/** CONNACK return codes (section 3.2.2.3) and whether another try could succeed. */
export const CONNACK_CODES: Record<number, { text: string; retryable: boolean }> = {
  1: { text: 'unacceptable protocol version', retryable: false },
  2: { text: 'client identifier rejected', retryable: false },
  3: { text: 'server unavailable', retryable: true },
  4: { text: 'bad user name or password', retryable: false },
  5: { text: 'not authorized', retryable: false },
};

// `notify.mqtt`: publishes one message to the configured MQTT broker (3.1.1).
import { createHash } from 'node:crypto';
import type { BlockList } from 'node:net';
import { ActionError, hasTemplate, type ActionDefinition, type ParamProblem, type ValidationStage } from '../playbooks/index.ts';
import type { Resolver } from './guarded-socket.ts';
import { publishOnce } from './mqtt-client.ts';
import { SentLog } from './sent-log.ts';

export interface MqttConfig {
  host: string;
  port: number;
  /** TLS from the first byte (usually port 8883), certificate checked against `host`. */
  tls: boolean;
  /** PEM certificates trusted for the broker instead of the bundled roots. */
  ca?: string;
  username?: string;
  password?: string;
  /** Letters and digits, at most 15; the rest of the client id is derived from the idempotency key. Default `bulwark`. */
  clientIdPrefix?: string;
  /** Default 60. */
  keepAliveSeconds?: number;
  /** When set, every topic must start with it (keeps playbooks away from the broker's other topics). */
  topicPrefix?: string;
  /** Private destinations allowed by the instance (`egress_allow`). */
  allow?: BlockList;
  timeoutMs: number;
  /** Name resolution (tests). */
  resolve?: Resolver;
}

export const MQTT_LIMITS = { topicBytes: 65_535, payloadBytes: 256 * 1024 } as const;

const PARAMS = new Set(['topic', 'payload', 'qos', 'retain']);

/** Why `topic` cannot be published to, or undefined (MQTT 3.1.1 sections 1.5.3 and 4.7). */
export function topicProblem(topic: string, prefix = ''): string | undefined {
  if (topic.length === 0) return 'must not be empty';
  if (!topic.isWellFormed()) return 'is not valid Unicode (lone surrogate)';
  if (Buffer.byteLength(topic) > MQTT_LIMITS.topicBytes) return `longer than ${MQTT_LIMITS.topicBytes} bytes of UTF-8`;
  if (/[+#]/.test(topic)) return 'wildcards (+ and #) are for subscriptions, not for publishing';
  if ([...topic].some((c) => c <= '\x1f' || (c >= '\x7f' && c <= '\x9f'))) return 'contains a control character (U+0000 to U+001F or U+007F to U+009F)';
  if (topic.startsWith('$')) return 'topics starting with $ belong to the broker ($SYS and the like)';
  if (prefix && !topic.startsWith(prefix)) return `must start with "${prefix}" (notify_mqtt_topic_prefix)`;
  return undefined;
}

/** The bytes to publish: a text as UTF-8, anything else as JSON. */
export function payloadBytes(payload: unknown): Buffer {
  return Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
}

export function validateMqttParams(p: Readonly<Record<string, unknown>>, stage: ValidationStage, topicPrefix = ''): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const later = (v: unknown): boolean => stage === 'document' && hasTemplate(v);
  for (const key of Object.keys(p)) if (!PARAMS.has(key)) problems.push({ path: key, message: `unknown parameter (expected ${[...PARAMS].join(', ')})` });
  const { topic, payload, qos, retain } = p;
  if (topic === undefined) problems.push({ path: 'topic', message: 'required' });
  else if (!later(topic)) {
    if (typeof topic !== 'string') problems.push({ path: 'topic', message: 'must be a text' });
    else {
      const why = topicProblem(topic, topicPrefix);
      if (why) problems.push({ path: 'topic', message: why });
    }
  }
  if (payload === undefined) problems.push({ path: 'payload', message: 'required' });
  else if (!later(payload)) {
    if (typeof payload !== 'string' && (typeof payload !== 'object' || payload === null)) problems.push({ path: 'payload', message: 'must be a text, an object or a list' });
    else if (typeof payload === 'string' && !payload.isWellFormed()) problems.push({ path: 'payload', message: 'is not valid Unicode (lone surrogate)' });
    else {
      let size = 0;
      try {
        size = payloadBytes(payload).length;
      } catch (err) {
        problems.push({ path: 'payload', message: `cannot be written as JSON: ${(err as Error).message}` });
      }
      if (size > MQTT_LIMITS.payloadBytes) problems.push({ path: 'payload', message: `${size} bytes; at most ${MQTT_LIMITS.payloadBytes}` });
    }
  }
  if (qos !== undefined && !later(qos) && qos !== 0 && qos !== 1) problems.push({ path: 'qos', message: 'must be 0 or 1' });
  if (retain !== undefined && !later(retain) && typeof retain !== 'boolean') problems.push({ path: 'retain', message: 'must be true or false' });
  return problems;
}

function checkConfig(cfg: MqttConfig): void {
  if (!Number.isInteger(cfg.port) || cfg.port < 1 || cfg.port > 65535) throw new Error(`notify.mqtt: port ${cfg.port} is not between 1 and 65535`);
  if (cfg.clientIdPrefix !== undefined && !/^[0-9A-Za-z]{0,15}$/.test(cfg.clientIdPrefix)) throw new Error('notify.mqtt: the client id prefix must be at most 15 letters and digits (MQTT 3.1.1 section 3.1.3.1)');
  if ((cfg.username !== undefined || cfg.password !== undefined) && !cfg.tls) throw new Error('notify.mqtt: credentials are only sent over TLS; enable TLS');
  if (cfg.password !== undefined && cfg.username === undefined) throw new Error('notify.mqtt: a password needs a user name (MQTT 3.1.1 section 3.1.2.9)');
  const keepAlive = cfg.keepAliveSeconds ?? 60;
  if (!Number.isInteger(keepAlive) || keepAlive < 0 || keepAlive > 65535) throw new Error('notify.mqtt: keep-alive must be 0 to 65535 seconds');
  if (!(cfg.timeoutMs > 0)) throw new Error('notify.mqtt: timeoutMs must be positive');
  if (cfg.topicPrefix) {
    const why = topicProblem(cfg.topicPrefix);
    if (why) throw new Error(`notify.mqtt: the topic prefix ${why}`);
  }
}

/**
 * Client ids are at most 23 letters and digits, which every broker must accept. Deriving the id from
 * the idempotency key makes a retry take over (and end) a connection its earlier attempt left open.
 */
export function clientIdFor(prefix: string, idempotencyKey: string): string {
  return prefix + createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 23 - prefix.length);
}

/** The `notify.mqtt` action for one broker configuration. Throws when the configuration is unusable. */
export function mqttAction(cfg: MqttConfig): ActionDefinition {
  checkConfig(cfg);
  const prefix = cfg.clientIdPrefix ?? 'bulwark';
  const sent = new SentLog<unknown>();
  return {
    idempotent: true,
    validate: (p, stage) => validateMqttParams(p, stage, cfg.topicPrefix),
    describe(p) {
      const size = p.payload === undefined ? 0 : payloadBytes(p.payload).length;
      return `MQTT publish of ${size} bytes to ${JSON.stringify(String(p.topic ?? ''))} (QoS ${p.qos === 0 ? 0 : 1}${p.retain === true ? ', retained' : ''}) on ${cfg.host}:${cfg.port}`;
    },
    async run(p, ctx) {
      const problems = validateMqttParams(p, 'run', cfg.topicPrefix);
      if (problems.length > 0) throw new ActionError(problems.map((x) => `${x.path}: ${x.message}`).join('; '), { retryable: false, code: 'bad_params' });
      const msg = { topic: p.topic as string, payload: payloadBytes(p.payload), qos: (p.qos === 0 ? 0 : 1) as 0 | 1, retain: p.retain === true };
      return sent.once(ctx.idempotencyKey, async () => {
        await publishOnce(
          {
            host: cfg.host, port: cfg.port, tls: cfg.tls, ca: cfg.ca, username: cfg.username, password: cfg.password,
            clientId: clientIdFor(prefix, ctx.idempotencyKey), keepAliveSeconds: cfg.keepAliveSeconds ?? 60,
            allow: cfg.allow, resolve: cfg.resolve, timeoutMs: cfg.timeoutMs,
          },
          msg,
          ctx.signal,
        );
        return { topic: msg.topic, bytes: msg.payload.length, qos: msg.qos, retain: msg.retain };
      });
    },
  };
}

// One received syslog message → a parsed record in the batcher, or a counted rejection. Rejections are
// logged at debug with their reason, at most once per interval per source (the rest are counted).
import type { Logger } from '../../../platform/index.ts';
import { parseSyslog } from '../parse/syslog.ts';
import type { Batcher } from './batcher.ts';

export interface SourceStats {
  received: number;
  rejected: number;
  /** UDP datagrams dropped while the batcher was full. */
  dropped: number;
  /** Times a TCP/TLS connection was paused for back-pressure. */
  pauses: number;
  connections: number;
}

const LOG_EVERY_MS = 10_000;
const SAMPLE_CHARS = 120;

export class Intake {
  readonly batcher: Batcher;
  readonly stats = new Map<string, SourceStats>();
  readonly #log: Logger;
  readonly #logged = new Map<string, { at: number; suppressed: number }>();
  #seq = 0;

  constructor(batcher: Batcher, log: Logger) {
    this.batcher = batcher;
    this.#log = log;
  }

  statsOf(source: string): SourceStats {
    let s = this.stats.get(source);
    if (!s) this.stats.set(source, (s = { received: 0, rejected: 0, dropped: 0, pauses: 0, connections: 0 }));
    return s;
  }

  /** Parses one message (already framed); empty messages are ignored. */
  message(source: string, text: string, now: Date, peer: string): void {
    if (text.length === 0) return;
    if (text.includes('\0')) {
      this.reject(source, 'contains a NUL character', peer, text);
      return;
    }
    const r = parseSyslog(text, now);
    if (!r.ok) {
      this.reject(source, `invalid syslog: ${r.error}`, peer, text);
      return;
    }
    this.statsOf(source).received += 1;
    const native = JSON.parse(JSON.stringify(r.value)) as Record<string, unknown>;
    this.batcher.add(source, { line: ++this.#seq, native, format: 'syslog' }, now.getTime());
  }

  reject(source: string, reason: string, peer: string, text?: string): void {
    this.statsOf(source).rejected += 1;
    const now = Date.now();
    const last = this.#logged.get(source);
    if (last && now - last.at < LOG_EVERY_MS) {
      last.suppressed += 1;
      return;
    }
    const sample = text === undefined ? undefined : JSON.stringify(text.slice(0, SAMPLE_CHARS));
    this.#log.debug({ source, peer, reason, sample, suppressed: last?.suppressed ?? 0 }, 'syslog message rejected');
    this.#logged.set(source, { at: now, suppressed: 0 });
  }
}

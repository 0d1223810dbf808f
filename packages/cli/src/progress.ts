// A progress bar on stderr for long transfers (only on a terminal and never in --json mode), with a way
// to print messages above it without tearing it.
import cliProgress from 'cli-progress';
import type { Out } from './output.ts';

export interface ProgressPayload {
  readonly file: string;
  readonly events: number;
  readonly rate: number;
}

export class Progress {
  readonly #out: Out;
  readonly #multi: cliProgress.MultiBar | undefined;
  #bar: cliProgress.SingleBar | undefined;

  constructor(out: Out) {
    this.#out = out;
    const tty = (out.stderr as NodeJS.WriteStream).isTTY === true;
    if (tty && !out.json) {
      this.#multi = new cliProgress.MultiBar(
        {
          stream: out.stderr as NodeJS.WriteStream,
          format: '{file} [{bar}] {percentage}% | {events} events | {rate} ev/s | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
    }
  }

  start(total: number, value: number, payload: ProgressPayload): void {
    this.#bar = this.#multi?.create(Math.max(total, 1), value, payload);
  }

  update(value: number, payload: ProgressPayload): void {
    this.#bar?.update(value, payload);
  }

  /** A line for the user (stderr), printed above the bar when there is one. */
  log(line: string): void {
    if (this.#multi && this.#bar) this.#multi.log(`${line}\n`);
    else this.#out.stderr.write(`${line}\n`);
  }

  /** Removes the bar of the current file. */
  done(): void {
    if (this.#bar) {
      this.#multi?.remove(this.#bar);
      this.#bar = undefined;
    }
  }

  stop(): void {
    this.done();
    this.#multi?.stop();
  }
}

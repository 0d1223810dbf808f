// Our NAB detector ("tail-ensemble"): several cheap views of the stream, each turned into a tail
// probability by the likelihood post-processing, combined by their maximum, then a refractory rule so a
// burst raises one detection instead of many (NAB counts only the first detection in a window, and every
// detection outside one costs).
//
// Views (all streaming, bounded memory):
// - level: |x − EWMA(x)| over an exponentially weighted mean absolute deviation (a one-step forecast error);
// - change: |Δx| against the EW mean absolute Δx (sudden jumps);
// - novelty: how far x leaves the range of the values seen so far (new levels), relative to that range.
import { expectState, numberOption, type DetectorKind, type DetectorOptions, type DetectorState, type StreamingDetector } from './detector.ts';
import { Likelihood, type LikelihoodState } from './likelihood.ts';

const KIND = 'tail-ensemble';

interface Settings {
  alpha: number;
  longWindow: number;
  shortWindow: number;
  minCount: number;
  refractory: number;
  damp: number;
  views: number;
  smoothWindow: number;
  likelihood: number;
}

class TailEnsemble implements StreamingDetector {
  readonly kind = KIND;
  readonly s: Settings;
  mean = 0;
  mad = 0;
  dmad = 0;
  prev = 0;
  lo = Infinity;
  hi = -Infinity;
  maxJump = 0;
  smooth: number[] = [];
  slo = Infinity;
  shi = -Infinity;
  n = 0;
  recent: number[] = [];
  readonly like: Likelihood[];
  constructor(s: Settings) {
    this.s = s;
    this.like = [0, 1, 2, 3, 4].map(() => new Likelihood(s.longWindow, s.shortWindow, s.minCount));
  }
  update(x: number): number {
    const s = this.s;
    let raws: number[];
    if (this.n === 0) {
      this.mean = x;
      raws = [0, 0, 0, 0, 0];
    } else {
      const err = Math.abs(x - this.mean);
      const d = Math.abs(x - this.prev);
      const range = this.hi - this.lo;
      const level = err / (this.mad + 1e-9 + 1e-6 * Math.abs(this.mean));
      const change = d / (this.dmad + 1e-9 + 1e-6 * Math.abs(this.mean));
      const out = x > this.hi ? x - this.hi : x < this.lo ? this.lo - x : 0;
      const novelty = range > 0 ? out / range : out > 0 ? 1 : 0;
      const jump = this.n > 1 && d > this.maxJump ? (this.maxJump > 0 ? Math.min(1, (d - this.maxJump) / this.maxJump) : 1) : 0;
      if (this.n > 1 && d > this.maxJump) this.maxJump = d;
      else if (this.n === 1) this.maxJump = d;
      this.smooth.push(x);
      if (this.smooth.length > s.smoothWindow) this.smooth.shift();
      let sm = 0;
      for (const v of this.smooth) sm += v;
      sm /= this.smooth.length;
      const srange = this.shi - this.slo;
      const sout = sm > this.shi ? sm - this.shi : sm < this.slo ? this.slo - sm : 0;
      const snov = this.smooth.length < s.smoothWindow ? 0 : srange > 0 ? Math.min(1, sout / srange) : sout > 0 ? 1 : 0;
      if (this.smooth.length === s.smoothWindow) {
        if (sm < this.slo) this.slo = sm;
        if (sm > this.shi) this.shi = sm;
      }
      raws = [level / (1 + level), change / (1 + change), Math.min(1, novelty), jump, snov];
      this.mad += s.alpha * (err - this.mad);
      this.dmad += s.alpha * (d - this.dmad);
      this.mean += s.alpha * (x - this.mean);
    }
    this.prev = x;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    this.n++;
    let score = 0;
    for (let v = 0; v < 5; v++) {
      const l = s.likelihood ? this.like[v]!.update(raws[v]!) : raws[v]!;
      if ((s.views >> v) & 1 && l > score) score = l;
    }
    // Refractory: a score no higher than one already given in the last `refractory` steps is damped.
    let peak = 0;
    for (const r of this.recent) if (r > peak) peak = r;
    const out = score > peak ? score : score * s.damp;
    this.recent.push(out);
    if (this.recent.length > s.refractory) this.recent.shift();
    return out;
  }
  snapshot(): DetectorState {
    const { mean, mad, dmad, prev, lo, hi, n, recent } = this;
    return { kind: KIND, version: 1, settings: { ...this.s }, mean, mad, dmad, prev, lo: n > 0 ? lo : null, hi: n > 0 ? hi : null, n, recent: [...recent], like: this.like.map((l) => l.toJSON()) };
  }
}

function settings(o?: DetectorOptions): Settings {
  return {
    alpha: numberOption(o, 'alpha', 0.05, 1e-4, 1),
    longWindow: numberOption(o, 'longWindow', 2000, 10, 1e6),
    shortWindow: numberOption(o, 'shortWindow', 10, 1, 1000),
    minCount: numberOption(o, 'minCount', 100, 2, 1e6),
    refractory: numberOption(o, 'refractory', 100, 0, 1e5),
    damp: numberOption(o, 'damp', 0.5, 0, 1),
    views: numberOption(o, 'views', 7, 1, 31),
    smoothWindow: numberOption(o, 'smoothWindow', 10, 1, 1000),
    likelihood: numberOption(o, 'likelihood', 1, 0, 1),
  };
}

export const tailEnsemble: DetectorKind = {
  kind: KIND,
  description: 'forecast error, jumps and new levels as tail probabilities, with a refractory period (our NAB detector)',
  create(options?: DetectorOptions) {
    return new TailEnsemble(settings(options));
  },
  restore(state: DetectorState) {
    expectState(state, KIND, 1);
    const s = settings(state['settings'] as DetectorOptions);
    const d = new TailEnsemble(s);
    d.mean = state['mean'] as number;
    d.mad = state['mad'] as number;
    d.dmad = state['dmad'] as number;
    d.prev = state['prev'] as number;
    d.lo = (state['lo'] as number | null) ?? Infinity;
    d.hi = (state['hi'] as number | null) ?? -Infinity;
    d.n = state['n'] as number;
    d.recent = [...(state['recent'] as number[])];
    (state['like'] as LikelihoodState[]).forEach((l, i) => (d.like[i] = Likelihood.from(l, s.minCount)));
    return d;
  },
};

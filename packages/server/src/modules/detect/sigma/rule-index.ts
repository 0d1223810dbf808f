// The required-literal index over one list of routed rules: per event field, one Aho–Corasick pass over
// its lower-cased values finds which rules' required literals occur (required.ts); only those rules and
// the rules without a requirement are evaluated. A superset of the matching rules, never fewer.
import type { CompiledRule } from './compile.ts';
import { LiteralAutomaton } from './literal-automaton.ts';
import { needOf } from './required.ts';
import { eventStrings, type EventAccessor } from './values.ts';

/** A rule reached through one route, with the field map to apply (Sigma name → event name), if any. */
export interface IndexedRule {
  rule: CompiledRule;
  fields?: Readonly<Record<string, string>>;
}

interface FieldScan {
  /** The event field name (after the route's field map); '' for keywords (every value of the event). */
  field: string;
  automaton: LiteralAutomaton;
  /** Per literal id: the positions of the rules that require it. */
  rules: Int32Array[];
}

export class RuleIndex {
  /** Per position: true when the rule has no required literal and is always evaluated. */
  readonly always: Uint8Array;
  private readonly scans: FieldScan[] = [];
  private readonly marks: Uint32Array;
  private epoch = 0;
  private current: Int32Array[] = [];
  private readonly hit = (id: number): void => {
    const rs = this.current[id] as Int32Array;
    for (let i = 0; i < rs.length; i++) this.marks[rs[i] as number] = this.epoch;
  };

  constructor(rules: readonly IndexedRule[]) {
    this.always = new Uint8Array(rules.length);
    this.marks = new Uint32Array(rules.length);
    const byField = new Map<string, Map<string, number[]>>();
    rules.forEach((r, pos) => {
      const need = needOf(r.rule.matcher);
      const targets = need?.map((l) => {
        const mapped = l.field !== '' && r.fields && Object.hasOwn(r.fields, l.field) ? r.fields[l.field] : l.field;
        return typeof mapped === 'string' ? mapped : undefined;
      });
      if (!need || !targets || targets.some((t) => t === undefined)) {
        this.always[pos] = 1;
        return;
      }
      need.forEach((l, i) => {
        const field = targets[i] as string;
        let lits = byField.get(field);
        if (!lits) byField.set(field, (lits = new Map()));
        let positions = lits.get(l.text);
        if (!positions) lits.set(l.text, (positions = []));
        if (positions.at(-1) !== pos) positions.push(pos);
      });
    });
    for (const [field, lits] of byField) {
      this.scans.push({ field, automaton: new LiteralAutomaton([...lits.keys()]), rules: [...lits.values()].map((p) => Int32Array.from(p)) });
    }
  }

  /**
   * Marks the rules whose required literals occur in the event (`get` is the unmapped accessor) and
   * returns a stamp: rule `i` is a candidate when `always[i]` or `isCandidate(i, stamp)`.
   */
  candidates(get: EventAccessor): number {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.marks.fill(0);
      this.epoch = 1;
    }
    for (const scan of this.scans) {
      this.current = scan.rules;
      if (scan.field === '') {
        if (get.values) for (const v of get.values()) for (const s of eventStrings(v)) scan.automaton.scan(s, this.hit);
        continue;
      }
      const v = get(scan.field);
      if (v === undefined || v === null) continue;
      if (typeof v === 'string') scan.automaton.scan(v, this.hit);
      else for (const s of eventStrings(v)) scan.automaton.scan(s, this.hit);
    }
    return this.epoch;
  }

  isCandidate(pos: number, stamp: number): boolean {
    return this.marks[pos] === stamp;
  }

  /** Statistics for the README and benchmarks: fields scanned, automaton cells. */
  get stats(): { fields: number; cells: number; always: number } {
    return { fields: this.scans.length, cells: this.scans.reduce((n, s) => n + s.automaton.size, 0), always: this.always.reduce((n, a) => n + a, 0) };
  }
}

// The syntax tree of a STIX 2.1 pattern. Every node keeps its [start, end) character range in the
// pattern text, so that later errors (unsupported features, bad regexes) can say where.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Literal =
  | (Span & { readonly type: 'string'; readonly value: string })
  | (Span & { readonly type: 'int'; readonly value: number })
  | (Span & { readonly type: 'float'; readonly value: number })
  | (Span & { readonly type: 'bool'; readonly value: boolean })
  /** `b'…'`: base64 text as written, and its bytes. */
  | (Span & { readonly type: 'binary'; readonly text: string; readonly bytes: Uint8Array })
  /** `h'…'`: hex digits as written, and their bytes. */
  | (Span & { readonly type: 'hex'; readonly text: string; readonly bytes: Uint8Array })
  /** `t'…'`: RFC 3339 UTC text as written, and epoch milliseconds (sub-millisecond digits dropped). */
  | (Span & { readonly type: 'timestamp'; readonly text: string; readonly ms: number });

export type PathStep =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' };

export interface ObjectPath extends Span {
  readonly objectType: string;
  /** The first step is always a key (the property of the root object). */
  readonly steps: readonly PathStep[];
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type ComparisonExpr =
  | (Span & {
      readonly kind: 'compare';
      readonly path: ObjectPath;
      readonly op: CompareOp;
      readonly negated: boolean;
      /** One constant, or the set of an IN test. */
      readonly value: Literal | readonly Literal[];
    })
  | (Span & { readonly kind: 'exists'; readonly path: ObjectPath; readonly negated: boolean })
  | (Span & { readonly kind: 'and' | 'or'; readonly operands: readonly ComparisonExpr[] });

export type Qualifier =
  | (Span & { readonly kind: 'within'; readonly seconds: number })
  | (Span & { readonly kind: 'repeats'; readonly times: number })
  /** START … STOP: `from` inclusive, `to` exclusive. */
  | (Span & { readonly kind: 'startstop'; readonly from: TimestampLiteral; readonly to: TimestampLiteral });

export type TimestampLiteral = Extract<Literal, { type: 'timestamp' }>;

export type ObservationExpr =
  | (Span & { readonly kind: 'observation'; readonly comparison: ComparisonExpr })
  | (Span & { readonly kind: 'and' | 'or' | 'followedby'; readonly operands: readonly ObservationExpr[] })
  | (Span & { readonly kind: 'qualified'; readonly expr: ObservationExpr; readonly qualifier: Qualifier });

export interface Pattern {
  readonly source: string;
  readonly root: ObservationExpr;
  /** Number of property tests (comparisons and EXISTS). */
  readonly comparisons: number;
}

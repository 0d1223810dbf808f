// Shingling: the last s values of a stream as one point of R^s (oldest first).
export class Shingle {
  readonly size: number;
  values: number[] = [];
  constructor(size: number) {
    this.size = size;
  }
  /** Adds a value; returns the full shingle, or undefined while fewer than `size` values have been seen. */
  push(x: number): Float64Array | undefined {
    this.values.push(x);
    if (this.values.length > this.size) this.values.shift();
    return this.values.length === this.size ? Float64Array.from(this.values) : undefined;
  }
}

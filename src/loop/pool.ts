/**
 * The growing training pool of the `accumulate` policy: D_0 ∪ S_1 ∪ … ∪ S_t stored once, row-major, in a
 * buffer sized for the whole run (the loop's plan knows the final pool size), so appending a synthetic
 * set copies it once and never reallocates.
 */
import type { Dataset } from '../models/types.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange } from '../validate.js';

/** Largest number of entries (rows × dim) a pool holds: 2^31 − 1 doubles (16 GiB). */
const MAX_POOL_ENTRIES = 2 ** 31 - 1;

/**
 * A fixed-capacity pool of rows of width `dim` (with responses when `hasResponses`).
 * `view()` returns the rows appended so far as a Dataset whose arrays are views (`subarray`) into the
 * pool: later appends write only past their end, so an earlier view never changes.
 *
 * @example
 *   const pool = new DatasetPool(1, false, 5);
 *   pool.append({ size: 2, dim: 1, x: Float64Array.of(1, 2), y: null });
 *   pool.append({ size: 3, dim: 1, x: Float64Array.of(3, 4, 5), y: null });
 *   pool.view().x;  // Float64Array [1, 2, 3, 4, 5]
 */
export class DatasetPool {
  readonly dim: number;
  readonly hasResponses: boolean;
  readonly capacity: number;
  private readonly x: Float64Array;
  private readonly y: Float64Array | null;
  private rows = 0;

  constructor(dim: number, hasResponses: boolean, capacity: number) {
    this.dim = integerInRange('dim', dim, 1);
    this.capacity = integerInRange('capacity', capacity, 0, 2 ** 31 - 1);
    if (capacity * dim > MAX_POOL_ENTRIES) {
      // a typed array of capacity·dim doubles beyond this is a RangeError (or 16 GiB+) deep inside (issue 7)
      throw new InvalidArgumentError('capacity', capacity, `an integer ≤ ${Math.floor(MAX_POOL_ENTRIES / dim)} (capacity × dim = ${capacity} × ${dim} must be at most 2^31 − 1 entries)`);
    }
    this.hasResponses = hasResponses;
    this.x = new Float64Array(capacity * dim);
    this.y = hasResponses ? new Float64Array(capacity) : null;
  }

  /** Number of rows appended so far. */
  get size(): number {
    return this.rows;
  }

  /** Copies the rows of `data` to the end of the pool (same dim, responses iff the pool has them). */
  append(data: Dataset, name = 'data'): void {
    if (data.dim !== this.dim) throw new InvalidArgumentError(`${name}.dim`, data.dim, `${this.dim} (the dim of the pool's first dataset)`);
    if ((data.y !== null) !== this.hasResponses) {
      throw new InvalidArgumentError(`${name}.y`, data.y, this.hasResponses ? 'responses, like the pool' : 'null, like the pool');
    }
    if (this.rows + data.size > this.capacity) {
      throw new InvalidArgumentError(`${name}.size`, data.size, `at most ${this.capacity - this.rows} (the pool's remaining capacity)`);
    }
    this.x.set(data.x.subarray(0, data.size * this.dim), this.rows * this.dim);
    if (this.y !== null) this.y.set((data.y as Float64Array).subarray(0, data.size), this.rows);
    this.rows += data.size;
  }

  /** The rows appended so far, as a Dataset of views into the pool. */
  view(): Dataset {
    return {
      size: this.rows,
      dim: this.dim,
      x: this.x.subarray(0, this.rows * this.dim),
      y: this.y === null ? null : this.y.subarray(0, this.rows),
    };
  }
}

/**
 * Categorical variates by the alias method: P(X = i) = wᵢ / Σⱼ wⱼ, i = 0..n−1.
 *
 * Table (Vose 1991, the numerically stable form of Walker 1977): scale qᵢ = n·wᵢ/Σw; split the indices
 * into "small" (qᵢ < 1) and "large" (qᵢ ≥ 1); repeatedly pair a small s with a large l: probability[s] = q_s,
 * alias[s] = l, q_l ← (q_l + q_s) − 1, and move l to "small" if it drops below 1. Leftovers (of either
 * list, which rounding can leave) get probability 1. O(n) setup.
 * Draw: i uniform on {0..n−1} (unbiased `nextInt`), U ∈ [0, 1); return i if U < probability[i], else
 * alias[i]. O(1) per draw, two stream calls.
 *
 * Sources: A. J. Walker, "An efficient method for generating discrete random variables with general
 * distributions", ACM TOMS 3(3), 1977; M. D. Vose, "A linear algorithm for generating random numbers
 * with a given distribution", IEEE TSE 17(9), 1991.
 */
import type { Stream } from './stream.js';
import { InvalidArgumentError } from '../errors.js';
import { checkStream } from './checkStream.js';

/** An alias table for `size` categories (build with `aliasTable`; read-only). */
export interface AliasTable {
  readonly size: number;
  /** Probability of keeping column i (in [0, 1]). */
  readonly probability: Float64Array;
  /** The category that column i falls back to. */
  readonly alias: Int32Array;
}

/**
 * The alias table of `weights` (finite, ≥ 0, not all zero; need not sum to 1; at most 2^31 − 1 entries).
 *
 * @example
 *   const table = aliasTable(new Float64Array([1, 2, 7]));  // P = 0.1, 0.2, 0.7
 *   sampleAlias(table, rootKey('demo').stream());          // 0, 1 or 2
 */
export function aliasTable(weights: Float64Array): AliasTable {
  if (!(weights instanceof Float64Array)) throw new InvalidArgumentError('weights', weights, 'a Float64Array');
  const n = weights.length;
  if (n === 0 || n > 0x7fffffff) throw new InvalidArgumentError('weights.length', n, 'an integer in [1, 2^31 − 1]');
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(Number.isFinite(w) && w >= 0)) throw new InvalidArgumentError(`weights[${i}]`, w, 'a finite number ≥ 0');
    if (w > largest) largest = w;
  }
  if (largest === 0) throw new InvalidArgumentError('weights', weights, 'weights that are not all zero');
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  aliasTableInto(weights, n, largest, probability, alias);
  return { size: n, probability, alias };
}

/** Scratch of `aliasTableInto` (q, the small and the large lists); grown on demand, never returned. */
let scaledScratch = new Float64Array(64);
let smallScratch = new Int32Array(64);
let largeScratch = new Int32Array(64);

/**
 * Vose's construction (the module comment) of the alias table of weights[0..n), written into
 * probability[0..n) and alias[0..n) (every entry is written, so the arrays may be reused). Internal: the
 * caller has checked that the weights are finite and ≥ 0 and passes `largest` = max_i weights[i] > 0
 * (`aliasTable` is the checked entry point). Allocates nothing once its scratch has grown to n.
 *
 * @example
 *   aliasTableInto(Float64Array.of(1, 3), 2, 3, new Float64Array(2), new Int32Array(2)); // P = 0.25, 0.75
 */
export function aliasTableInto(weights: Float64Array, n: number, largest: number, probability: Float64Array, alias: Int32Array): void {
  if (scaledScratch.length < n) {
    const capacity = Math.max(n, 2 * scaledScratch.length);
    scaledScratch = new Float64Array(capacity);
    smallScratch = new Int32Array(capacity);
    largeScratch = new Int32Array(capacity);
  }
  const scaled = scaledScratch;
  const small = smallScratch;
  const large = largeScratch;
  // Scale by the largest weight first so that the sum cannot overflow.
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] / largest;
  for (let i = 0; i < n; i++) scaled[i] = ((weights[i] / largest) * n) / total;
  let smallCount = 0;
  let largeCount = 0;
  for (let i = 0; i < n; i++) {
    alias[i] = i;
    if (scaled[i] < 1) small[smallCount++] = i;
    else large[largeCount++] = i;
  }
  while (smallCount > 0 && largeCount > 0) {
    const s = small[--smallCount];
    const l = large[--largeCount];
    probability[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) small[smallCount++] = l;
    else large[largeCount++] = l;
  }
  while (largeCount > 0) probability[large[--largeCount]] = 1;
  while (smallCount > 0) probability[small[--smallCount]] = 1; // only by rounding: q within ~n·2^−53 of 1
}

function checkTable(table: AliasTable): void {
  if (
    table === null ||
    typeof table !== 'object' ||
    !(table.probability instanceof Float64Array) ||
    !(table.alias instanceof Int32Array) ||
    table.probability.length !== table.size ||
    table.alias.length !== table.size ||
    !(table.size >= 1)
  ) {
    throw new InvalidArgumentError('table', table, 'an AliasTable built by aliasTable()');
  }
}

/**
 * One category index X ∈ {0..size−1} with P(X = i) = wᵢ/Σw from an alias table.
 *
 * @example
 *   sampleAlias(aliasTable(new Float64Array([1, 1])), rootKey('demo').stream()); // 0 or 1
 */
export function sampleAlias(table: AliasTable, stream: Stream): number {
  checkTable(table);
  checkStream(stream);
  const column = stream.nextInt(table.size);
  return stream.nextDouble() < table.probability[column] ? column : table.alias[column];
}

/**
 * Fills `out` with independent category indices (as doubles) from an alias table (same draws as repeated
 * `sampleAlias`). No allocation. Returns `out`.
 *
 * @example
 *   fillCategorical(rootKey('demo').stream(), aliasTable(new Float64Array([1, 3])), new Float64Array(10));
 */
export function fillCategorical(stream: Stream, table: AliasTable, out: Float64Array): Float64Array {
  checkStream(stream);
  checkTable(table);
  if (!(out instanceof Float64Array)) throw new InvalidArgumentError('out', out, 'a Float64Array');
  const { size, probability, alias } = table;
  for (let i = 0; i < out.length; i++) {
    const column = stream.nextInt(size);
    out[i] = stream.nextDouble() < probability[column] ? column : alias[column];
  }
  return out;
}

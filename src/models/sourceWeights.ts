/**
 * Validation of weighted training sources and their normalised weights, shared by the models.
 */
import type { WeightedSource } from './types.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange, parameterName } from '../validate.js';

/**
 * Checks `sources` and returns the normalised source weights w_s / W (W = Σ_s w_s), one per source.
 *
 * A source's weight w_s is spread evenly over its size_s points (types.ts, WeightedSource), so point i of
 * source s has normalised weight ω_i = w_s / (W·size_s) and Σ_i ω_i = 1. Checks, each failing with an
 * InvalidArgumentError that names the parameter:
 * - `sources` is a non-empty array; each `sources[s].weight` is finite and ≥ 0; W > 0;
 * - each `sources[s].data` has `dim` equal to `dim`, an integer `size` ≥ 0, and `x` a Float64Array of
 *   length size·dim with finite entries (every source is checked, even one of weight 0);
 * - a source of positive weight has at least `minSize` points (default 1: its weight must land somewhere).
 * Sources of weight 0 get normalised weight 0; the models ignore them.
 *
 * @example
 *   const data = { size: 2, dim: 1, x: Float64Array.of(1, 2), y: null };
 *   normalisedSourceWeights([{ data, weight: 3 }, { data, weight: 1 }], 1); // Float64Array [0.75, 0.25]
 */
export function normalisedSourceWeights(sources: readonly WeightedSource[], dim: number, minSize = 1, name = 'sources'): Float64Array {
  name = parameterName(name, 'sources');
  integerInRange('dim', dim, 1);
  integerInRange('minSize', minSize, 0);
  if (!Array.isArray(sources) || sources.length === 0) throw new InvalidArgumentError(name, sources, 'a non-empty array of { data, weight }');
  const weights = new Float64Array(sources.length);
  let total = 0;
  for (let s = 0; s < sources.length; s++) {
    const source = sources[s];
    if (source === null || typeof source !== 'object') throw new InvalidArgumentError(`${name}[${s}]`, source, 'an object { data, weight }');
    const w = source.weight;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new InvalidArgumentError(`${name}[${s}].weight`, w, 'a finite number ≥ 0');
    const data = source.data;
    if (data === null || typeof data !== 'object') throw new InvalidArgumentError(`${name}[${s}].data`, data, 'a Dataset { size, dim, x, y }');
    if (data.dim !== dim) throw new InvalidArgumentError(`${name}[${s}].data.dim`, data.dim, `${dim} (the model's dimension)`);
    if (!Number.isSafeInteger(data.size) || data.size < 0) throw new InvalidArgumentError(`${name}[${s}].data.size`, data.size, 'an integer ≥ 0');
    const x = data.x;
    if (!(x instanceof Float64Array)) throw new InvalidArgumentError(`${name}[${s}].data.x`, x, 'a Float64Array');
    if (x.length !== data.size * dim) throw new InvalidArgumentError(`${name}[${s}].data.x.length`, x.length, `${data.size * dim} (size·dim)`);
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i])) throw new InvalidArgumentError(`${name}[${s}].data.x[${i}]`, x[i], 'a finite number');
    }
    if (w > 0 && data.size < minSize) {
      throw new InvalidArgumentError(`${name}[${s}].data.size`, data.size, `at least ${minSize} for a source of positive weight (${w})`);
    }
    weights[s] = w;
    total += w;
  }
  if (!(total > 0) || !Number.isFinite(total)) throw new InvalidArgumentError(`${name} (sum of weights)`, total, 'a finite number > 0');
  for (let s = 0; s < weights.length; s++) weights[s] /= total;
  return weights;
}

/**
 * `normalisedSourceWeights` for fits that read every entry of every source of positive weight anyway: the
 * same result and the same errors, without scanning the entries of the sources of positive weight. The
 * caller takes that over: it processes the sources of positive weight in order and, whenever a sum it
 * computes over the rows of source s is not finite (a non-finite entry makes every sum through it
 * non-finite), calls `assertFiniteSourceEntries(sources, s)`, which throws the error
 * `normalisedSourceWeights` would have thrown for that source; a source of positive weight whose rows it
 * does not read it scans the same way. Every other check (shapes, weights, minSize, the sum of the weights,
 * the entries of sources of weight 0) is done here; on any failure `normalisedSourceWeights` itself is run,
 * so that the error — including which of several faults is reported first — is exactly its error.
 *
 * @example
 *   const omega = sourceWeightsDeferringEntries(sources, 2, 2);
 *   // … for each source s of positive weight, in order: sums over its rows; if one is not finite:
 *   assertFiniteSourceEntries(sources, s); // throws: sources[s].data.x[i] must be a finite number …
 */
export function sourceWeightsDeferringEntries(sources: readonly WeightedSource[], dim: number, minSize = 1, name = 'sources'): Float64Array {
  name = parameterName(name, 'sources');
  integerInRange('dim', dim, 1);
  integerInRange('minSize', minSize, 0);
  if (!Array.isArray(sources) || sources.length === 0) return normalisedSourceWeights(sources, dim, minSize, name);
  const weights = new Float64Array(sources.length);
  let total = 0;
  for (let s = 0; s < sources.length; s++) {
    const source = sources[s];
    if (source === null || typeof source !== 'object') return normalisedSourceWeights(sources, dim, minSize, name);
    const w = source.weight;
    const data = source.data;
    if (
      typeof w !== 'number' || !Number.isFinite(w) || w < 0 ||
      data === null || typeof data !== 'object' || data.dim !== dim ||
      !Number.isSafeInteger(data.size) || data.size < 0 ||
      !(data.x instanceof Float64Array) || data.x.length !== data.size * dim ||
      (w > 0 && data.size < minSize)
    ) {
      return normalisedSourceWeights(sources, dim, minSize, name);
    }
    if (w === 0) {
      const x = data.x;
      for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return normalisedSourceWeights(sources, dim, minSize, name);
    }
    weights[s] = w;
    total += w;
  }
  if (!(total > 0) || !Number.isFinite(total)) return normalisedSourceWeights(sources, dim, minSize, name);
  for (let s = 0; s < weights.length; s++) weights[s] /= total;
  return weights;
}

/**
 * Throws the InvalidArgumentError `normalisedSourceWeights` reports for the first non-finite entry of
 * sources[s].data.x (see `sourceWeightsDeferringEntries`); returns when every entry is finite.
 *
 * @example
 *   assertFiniteSourceEntries([{ data: { size: 2, dim: 1, x: Float64Array.of(1, NaN), y: null }, weight: 1 }], 0);
 *   // throws: sources[0].data.x[1] must be a finite number; received NaN
 */
export function assertFiniteSourceEntries(sources: readonly WeightedSource[], s: number, name = 'sources'): void {
  const x = sources[s].data.x;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new InvalidArgumentError(`${name}[${s}].data.x[${i}]`, x[i], 'a finite number');
  }
}

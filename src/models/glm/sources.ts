/**
 * Validation of weighted training sources and their packing into the fit's contiguous buffers.
 *
 * Each source s carries a weight w_s ≥ 0 spread evenly over its size_s points (WeightedSource), so point i
 * of source s gets ω_i = (w_s/W)/size_s with W = Σ_s w_s, hence Σ ω_i = 1 (the fits are invariant to a
 * common scaling of the weights; normalising makes the loss, gradient and tolerances scale-free). Sources
 * with weight 0 contribute nothing and are skipped (their shape is still checked). The shared checks
 * (weights, dims, finite covariates, a positive-weight source has ≥ 1 row) are those of
 * `normalisedSourceWeights` (../sourceWeights.ts); this file adds the responses.
 */
import type { WeightedSource } from '../types.js';
import { InvalidArgumentError } from '../../errors.js';
import { normalisedSourceWeights } from '../sourceWeights.js';
import type { GlmFamily } from './family.js';
import type { GlmScratch } from './scratch.js';

/**
 * Normalised source weights w_s/W (one per source) after checking every source, including that each has a
 * response vector of its size.
 *
 * @example
 *   regressionSourceWeights([{ data, weight: 3 }, { data: other, weight: 1 }], 2); // [0.75, 0.25]
 */
export function regressionSourceWeights(sources: readonly WeightedSource[], p: number): Float64Array {
  const weights = normalisedSourceWeights(sources, p);
  for (let s = 0; s < sources.length; s++) {
    const data = sources[s].data;
    if (!(data.y instanceof Float64Array) || data.y.length !== data.size) {
      throw new InvalidArgumentError(`sources[${s}].data.y`, data.y, `a Float64Array of ${data.size} responses (a regression dataset)`);
    }
  }
  return weights;
}

/**
 * Throws unless y is a valid response of `family` (finite; a label 0/1 for logistic; a count ≥ 0 for
 * Poisson — non-integer counts are allowed, the Poisson quasi-likelihood being defined for any y ≥ 0).
 *
 * @example
 *   checkResponse('logistic', 0.5, 0, 3); // throws: sources[0].data.y[3] must be a label 0 or 1
 */
export function checkResponse(family: GlmFamily, y: number, s: number, i: number): void {
  if (family === 'logistic') {
    if (y !== 0 && y !== 1) throw new InvalidArgumentError(`sources[${s}].data.y[${i}]`, y, 'a label 0 or 1 (logistic family)');
  } else if (family === 'poisson') {
    if (!(y >= 0) || !Number.isFinite(y)) throw new InvalidArgumentError(`sources[${s}].data.y[${i}]`, y, 'a finite count ≥ 0 (Poisson family)');
  } else if (!Number.isFinite(y)) {
    throw new InvalidArgumentError(`sources[${s}].data.y[${i}]`, y, 'a finite number');
  }
}

/**
 * Copies every point with positive weight into `scratch` (x row-major, y, ω with Σω = 1), validating the
 * responses on the way; returns the number of packed points n.
 *
 * @example
 *   const n = packSources('logistic', [{ data, weight: 1 }], 2, scratch);
 */
export function packSources(family: GlmFamily, sources: readonly WeightedSource[], p: number, scratch: GlmScratch): number {
  const sourceWeights = regressionSourceWeights(sources, p);
  let n = 0;
  for (let s = 0; s < sources.length; s++) if (sourceWeights[s] > 0) n += sources[s].data.size;
  scratch.ensureCapacity(n);
  const { x, y, weight } = scratch;
  let row = 0;
  for (let s = 0; s < sources.length; s++) {
    if (!(sourceWeights[s] > 0)) continue;
    const data = sources[s].data;
    const omega = sourceWeights[s] / data.size;
    const dy = data.y as Float64Array;
    x.set(data.x, row * p);
    for (let i = 0; i < data.size; i++, row++) {
      const yi = dy[i];
      checkResponse(family, yi, s, i);
      y[row] = yi;
      weight[row] = omega;
    }
  }
  return n;
}

/**
 * Weighted least squares for the linear family, solved exactly by the normal equations.
 *
 *   β̂ = (XᵀΩX)⁻¹ XᵀΩy,   Ω = diag(ω_i),  ω_i = (w_s/size_s)/Σ_s w_s for point i of source s,
 *
 * the weighted Gaussian MLE of β (σ² does not enter). XᵀΩX is factored by Cholesky with a rank test
 * (factor.ts); a collinear design throws NumericalError('singular'). No intercept is added. Weights:
 * ω_i = (w_s/W)/size_s as in sources.ts.
 *
 * Source: the weighted normal equations (e.g. Seber & Lee, Linear Regression Analysis, 2nd ed., §3.10);
 * the papers' code fits `LinearRegression(fit_intercept=False)` with `sample_weight` (CLAIMS §1.8).
 */
import type { WeightedSource } from '../types.js';
import { choleskySolve } from '../../linalg/index.js';
import { checkResponse, regressionSourceWeights } from './sources.js';
import { factorGramOrThrow } from './factor.js';
import { NumericalError } from '../../errors.js';
import type { GlmScratch } from './scratch.js';

/**
 * The weighted least-squares coefficients of the sources, written into a new Float64Array(p).
 * Uses scratch.hess (XᵀΩX), scratch.grad (XᵀΩy) and scratch.lower; allocates only the result.
 *
 * @example
 *   fitWeightedLeastSquares([{ data, weight: 1 }], 2, scratch); // (XᵀX)⁻¹Xᵀy
 */
export function fitWeightedLeastSquares(sources: readonly WeightedSource[], p: number, scratch: GlmScratch): Float64Array {
  const sourceWeights = regressionSourceWeights(sources, p);
  const gram = scratch.hess;
  const moment = scratch.grad;
  gram.fill(0);
  moment.fill(0);
  if (p === 2) accumulateTwoCovariates(sources, sourceWeights, gram, moment);
  else accumulateCovariates(sources, sourceWeights, p, gram, moment);
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) gram[k * p + j] = gram[j * p + k];
  factorGramOrThrow(gram, p, scratch.lower, 'the weighted design Gram matrix XᵀΩX');
  const beta = Number.isFinite(sumOf(moment, p)) ? choleskySolve(scratch.lower, p, moment, new Float64Array(p)) : moment;
  for (let j = 0; j < p; j++) {
    if (!Number.isFinite(beta[j])) {
      throw new NumericalError('overflow', `the weighted least-squares solution (XᵀΩX)⁻¹XᵀΩy is beyond the double range at entry ${j} (${beta[j]}): the responses or covariates of sources are too large`, { parameter: 'sources', index: j });
    }
  }
  return beta;
}

/** Σ_j |v_j| (non-finite exactly when some v_j is). */
function sumOf(v: Float64Array, p: number): number {
  let sum = 0;
  for (let j = 0; j < p; j++) sum += Math.abs(v[j]);
  return sum;
}

/**
 * The p = 2 case of the accumulation in `fitWeightedLeastSquares` (XᵀΩX lower triangle and XᵀΩy) with the five
 * sums in locals: the same products added in the same order, so the same bits.
 */
function accumulateTwoCovariates(sources: readonly WeightedSource[], sourceWeights: Float64Array, gram: Float64Array, moment: Float64Array): void {
  let m0 = 0, m1 = 0, g00 = 0, g10 = 0, g11 = 0;
  for (let s = 0; s < sources.length; s++) {
    if (!(sourceWeights[s] > 0)) continue;
    const data = sources[s].data;
    const omega = sourceWeights[s] / data.size;
    const x = data.x;
    const y = data.y as Float64Array;
    for (let i = 0, r = 0; i < data.size; i++, r += 2) {
      const yi = y[i];
      if (!Number.isFinite(yi)) checkResponse('linear', yi, s, i);
      const wy = omega * yi;
      const x0 = x[r];
      const x1 = x[r + 1];
      m0 += wy * x0;
      const wx0 = omega * x0;
      g00 += wx0 * x0;
      m1 += wy * x1;
      const wx1 = omega * x1;
      g10 += wx1 * x0;
      g11 += wx1 * x1;
    }
  }
  moment[0] = m0;
  moment[1] = m1;
  gram[0] = g00;
  gram[2] = g10;
  gram[3] = g11;
}

/** XᵀΩX (lower triangle) and XᵀΩy of the sources of positive weight, any p (responses checked on the way). */
function accumulateCovariates(sources: readonly WeightedSource[], sourceWeights: Float64Array, p: number, gram: Float64Array, moment: Float64Array): void {
  for (let s = 0; s < sources.length; s++) {
    if (!(sourceWeights[s] > 0)) continue;
    const data = sources[s].data;
    const omega = sourceWeights[s] / data.size;
    const x = data.x;
    const y = data.y as Float64Array;
    for (let i = 0, r = 0; i < data.size; i++, r += p) {
      const yi = y[i];
      checkResponse('linear', yi, s, i);
      const wy = omega * yi;
      for (let j = 0; j < p; j++) {
        const xj = x[r + j];
        moment[j] += wy * xj;
        const wx = omega * xj;
        const row = j * p;
        for (let k = 0; k <= j; k++) gram[row + k] += wx * x[r + k];
      }
    }
  }
}

/**
 * Fully synthetic Gaussian of Shumailov et al. (Nature 2024), CLAIMS.md §5.1 (SH-1, SH-2): round i fits the
 * mean and the unbiased variance on M_i draws from the previous fit; round 0 uses n real points.
 */
import { digamma } from '../special/index.js';
import { integerInRange, positiveNumber, optionsObject } from '../validate.js';
import { arrayLike } from './limits.js';
import { finiteResult } from '../finiteResult.js';

/** SH-1: Var(μ_g) = σ²·(1/n + Σ_{i=1}^{g} 1/M_i) for sizes M_1 … M_g (exact). */
export function shumailovMeanVariance(options: { sigma2: number; n: number; sizes: ArrayLike<number> }): number {
  optionsObject('options', options, '{ sigma2, n, sizes }');
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const n = integerInRange('n', options.n, 1);
  arrayLike('sizes', options.sizes);
  let s = 1 / n;
  for (let i = 0; i < options.sizes.length; i++) s += 1 / integerInRange(`sizes[${i}]`, options.sizes[i], 1);
  return sigma2 * s;
}

/** E log(χ²_k/k) = ψ(k/2) − log(k/2): the per-round drift of log σ² on k + 1 points (exact). */
export function logChiSquaredMeanDrift(k: number): number {
  integerInRange('k', k, 1);
  return digamma(k / 2) - Math.log(k / 2);
}

/**
 * SH-2, exact in expectation: E log σ_g² = log σ² + [ψ((n−1)/2) − log((n−1)/2)] + g·[ψ((M−1)/2) − log((M−1)/2)]
 * with n real points at round 0 and M synthetic points per round after. −0.0536 per round at M = 20.
 */
export function shumailovLogVarianceMean(options: { sigma2: number; n: number; M: number; generation: number }): number {
  optionsObject('options', options, '{ sigma2, n, M, generation }');
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const n = integerInRange('n', options.n, 2);
  const M = integerInRange('M', options.M, 2);
  const g = integerInRange('generation', options.generation, 0);
  return Math.log(sigma2) + logChiSquaredMeanDrift(n - 1) + g * logChiSquaredMeanDrift(M - 1);
}

/** SH-2: E σ_g⁴ = σ⁴·((n+1)/(n−1))·((M+1)/(M−1))^g (exact; grows exponentially). */
export function shumailovVarianceSecondMoment(options: { sigma2: number; n: number; M: number; generation: number }): number {
  optionsObject('options', options, '{ sigma2, n, M, generation }');
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const n = integerInRange('n', options.n, 2);
  const M = integerInRange('M', options.M, 2);
  const g = integerInRange('generation', options.generation, 0);
  return finiteResult('shumailovVarianceSecondMoment', sigma2 * sigma2 * ((n + 1) / (n - 1)) * ((M + 1) / (M - 1)) ** g);
}

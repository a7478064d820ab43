/**
 * Closed forms of the accumulate workflow (CLAIMS.md §3.2, §5.2: IM-1, IM-3, AC-1) and of fully synthetic
 * replacement in the same indexing.
 * Indexing: generation g = 0 is the real-only fit; the loop's generation g is the paper's t = g + 1 fits.
 */
import { integerInRange, positiveNumber, optionsObject } from '../validate.js';
import { MAX_ROUNDS, roundCount } from './limits.js';

/** Σ_{j=1}^J 1/j². Tends to π²/6. */
export function inverseSquareSum(J: number): number {
  integerInRange('J', J, 0, MAX_ROUNDS + 1);
  let s = 0;
  for (let j = J; j >= 1; j--) s += 1 / (j * j); // smallest terms first
  return s;
}

/**
 * IM-1: accumulated Gaussian mean with known variance and synthetic sets of n points:
 * E‖θ_g − θ*‖² = (trΣ/n)·Σ_{j=1}^{g+1} 1/j² ≤ (π²/6)·trΣ/n.
 */
export function accumulateMeanError(options: { traceSigma: number; n: number; generation: number }): number {
  optionsObject('options', options, '{ traceSigma, n, generation }');
  const traceSigma = positiveNumber('traceSigma', options.traceSigma);
  const n = integerInRange('n', options.n, 1);
  const g = roundCount('generation', options.generation);
  return (traceSigma / n) * inverseSquareSum(g + 1);
}

/** IM-3: fully synthetic replacement with n points per generation: E‖θ_g − θ*‖² = (g + 1)·trΣ/n. */
export function replaceMeanError(options: { traceSigma: number; n: number; generation: number }): number {
  optionsObject('options', options, '{ traceSigma, n, generation }');
  const traceSigma = positiveNumber('traceSigma', options.traceSigma);
  const n = integerInRange('n', options.n, 1);
  const g = integerInRange('generation', options.generation, 0);
  return ((g + 1) * traceSigma) / n;
}

/**
 * AC-1: accumulated fixed-design linear regression, exact given X (n × p):
 * E‖β̂_g − β‖²_A = σ²·tr(A (XᵀX)⁻¹)·Σ_{j=1}^{g+1} 1/j² (A = I for the plain ℓ2 error, Σ_x for excess risk).
 */
export function accumulateFixedDesignError(options: { sigma2: number; traceWeightedInverse: number; generation: number }): number {
  optionsObject('options', options, '{ sigma2, traceWeightedInverse, generation }');
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const tr = positiveNumber('traceWeightedInverse', options.traceWeightedInverse);
  const g = roundCount('generation', options.generation);
  return sigma2 * tr * inverseSquareSum(g + 1);
}

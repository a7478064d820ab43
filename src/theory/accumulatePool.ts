/**
 * The accumulate workflow with the covariance ESTIMATED on the pool (CLAIMS.md §3.2, §5.2; IM-1): the
 * pooled ddof-1 covariance is not unbiased, and the mean error is slightly below the known-covariance sum.
 *
 * Setting (the loop's indexing, g = 0 the real-only fit): the pool after generation g holds N_g = n(g + 1)
 * points (D_0 of n real points plus g synthetic sets of n), μ_g is its mean and Σ_g = W_g/(N_g − 1) its
 * unbiased covariance (scatter W_g); set g + 1 is drawn from N(μ_g, Σ_g).
 *
 * Derivation [DERIVED here]. Adding a batch of n points with mean ȳ and scatter w to a pool of N points:
 *   W' = W + w + (Nn/(N + n))(ȳ − μ)(ȳ − μ)ᵀ,   E[w | F] = (n − 1)Σ_g,   E[(ȳ − μ)(ȳ − μ)ᵀ | F] = Σ_g/n,
 * so E[W' | F] = Σ_g·(N − 1 + n − 1 + N/(N + n)) and, with N' = N + n,
 *   E[Σ_{g+1} | F_g] = Σ_g·(1 − n/(N'(N' − 1))).
 * Hence E Σ_g = c_g Σ with c_g = Π_{i=1}^{g} (1 − n/(N_i(N_i − 1))) = Π_{i=1}^{g} (1 − 1/((i + 1)(n(i + 1) − 1)))
 * (a supermartingale, decreasing to a positive limit). The mean moves by μ_j − μ_{j−1} = (ȳ_j − μ_{j−1})/(j + 1),
 * a martingale increment with E[‖·‖² | F] = tr Σ_{j−1}/(n(j + 1)²), so
 *   E‖μ_g − μ‖² = (trΣ/n)·[1 + Σ_{j=1}^{g} c_{j−1}/(j + 1)²]
 * which is below the known-covariance value (trΣ/n)·Σ_{j=1}^{g+1} 1/j² by O(trΣ/n²).
 */
import { integerInRange, positiveNumber, optionsObject } from '../validate.js';
import { roundCount } from './limits.js';

/**
 * c_g = E Σ_g / Σ for the accumulate pool's ddof-1 covariance (n points per set, D_0 included):
 * c_g = Π_{i=1}^{g} (1 − 1/((i + 1)(n(i + 1) − 1))), c_0 = 1. Assumes n ≥ 2 and Gaussian data.
 *
 * @example accumulatePoolCovarianceFactor({ n: 3, generation: 1 }) // 1 − 1/(2·5) = 0.9
 */
export function accumulatePoolCovarianceFactor(options: { n: number; generation: number }): number {
  optionsObject('options', options, '{ n, generation }');
  const n = integerInRange('n', options.n, 2);
  const g = roundCount('generation', options.generation);
  let c = 1;
  for (let i = 1; i <= g; i++) c *= 1 - 1 / ((i + 1) * (n * (i + 1) - 1));
  return c;
}

/**
 * E‖μ_g − μ‖² of the accumulate workflow with the covariance estimated (ddof 1) on the pool:
 * (trΣ/n)·[1 + Σ_{j=1}^{g} c_{j−1}/(j + 1)²], c from `accumulatePoolCovarianceFactor`. Exact for Gaussian
 * data, n ≥ 2, any dimension.
 *
 * @example accumulateEstimatedMeanError({ traceSigma: 1, n: 3, generation: 2 }) // (1/3)(1 + 1/4 + 0.9/9) = 0.45
 */
export function accumulateEstimatedMeanError(options: { traceSigma: number; n: number; generation: number }): number {
  optionsObject('options', options, '{ traceSigma, n, generation }');
  const traceSigma = positiveNumber('traceSigma', options.traceSigma);
  const n = integerInRange('n', options.n, 2);
  const g = roundCount('generation', options.generation);
  let sum = 1;
  let c = 1; // c_{j−1}
  for (let j = 1; j <= g; j++) {
    sum += c / ((j + 1) * (j + 1));
    c *= 1 - 1 / ((j + 1) * (n * (j + 1) - 1));
  }
  return (traceSigma / n) * sum;
}

/**
 * IM-2, exact: the accumulate workflow for an MLE that is a sample mean (the mean parametrisation of a
 * natural exponential family, or the frequencies of a multinomial) whose variance function has a
 * quadratic trace (CLAIMS.md §3.2, IM-2; Morris 1982, "Natural exponential families with quadratic
 * variance functions").
 *
 * Setting: the pool mean M_g of N_g = n(g + 1) points (D_0 plus g synthetic sets of n points drawn from
 * the fitted law P_{M_{g−1}}); tr Var(one point | parameter m) = V(m) with E V(M) = v + q·E‖M − μ‖² whenever
 * E M = μ (v = tr V(μ) = tr I(μ)⁻¹ in the mean parametrisation; q the curvature: 0 for Poisson and the
 * Gaussian mean, −1 for the multinomial, whose tr V(p) = 1 − ‖p‖², 1/α for a Gamma of known shape α, whose
 * V(m) = m²/α).
 *
 * Derivation [DERIVED here]: M_j − M_{j−1} = (ȳ_j − M_{j−1})/(j + 1), a martingale increment (so E M_j = μ)
 * with E[‖·‖² | F] = V(M_{j−1})/(n(j + 1)²). With D_j = E‖M_j − μ‖²:
 *   D_0 = v/n,   D_j = D_{j−1} + (v + q·D_{j−1})/(n(j + 1)²).
 * As n → ∞, n·D_g → v·Σ_{j=1}^{g+1} 1/j² ≤ (π²/6)·v (the π²/6 pathway), with an O(1/n) gap of sign q.
 */
import { finiteNumber, integerInRange, positiveNumber, optionsObject } from '../validate.js';
import { roundCount } from './limits.js';
import { finiteResult } from '../finiteResult.js';

/**
 * E‖M_g − μ‖² from the recursion above (exact).
 *
 * @example accumulateMeanParameterError({ variance: 0.5, curvature: -1, n: 10, generation: 1 }) // 0.05 + (0.5 − 0.05)/40
 */
export function accumulateMeanParameterError(options: { variance: number; curvature: number; n: number; generation: number }): number {
  optionsObject('options', options, '{ variance, curvature, n, generation }');
  const v = positiveNumber('variance', options.variance);
  const q = finiteNumber('curvature', options.curvature);
  const n = integerInRange('n', options.n, 1);
  const g = roundCount('generation', options.generation);
  let d = v / n;
  for (let j = 1; j <= g; j++) d += (v + q * d) / (n * (j + 1) * (j + 1));
  return finiteResult('accumulateMeanParameterError', d);
}

/**
 * RS-2, recursive stability measured (CLAIMS.md §4.1–4.2): the augment loop μ_j = λx̄ + (1 − λ)ȳ_j (fixed real
 * set D_0 of n points, m synthetic points from the previous fit, 1-D Gaussian, variance ESTIMATED by the
 * per-source unbiased convention σ_j² = λs² + (1 − λ)s_{syn,j}²) run twice on common random numbers, once on
 * D_0 and once on D_0′ (one point changed).
 *
 * Derivation [DERIVED here]. On common random numbers the synthetic sample of generation j is
 * μ_{j−1} + σ_{j−1}z_i in one run and μ′_{j−1} + σ′_{j−1}z_i in the other (the same z_i), so
 * ȳ_j = μ_{j−1} + σ_{j−1}z̄_j and s_{syn,j}² = σ_{j−1}²W_j with z̄_j ~ N(0, 1/m) independent of
 * W_j ~ χ²_{m−1}/(m − 1), both shared by the runs. Then:
 * 1. σ_j² = λs² + (1 − λ)W_jσ_{j−1}² is linear and homogeneous in (s², σ_{j−1}²), so σ′_j/σ_j = s′/s for every j,
 *    pathwise; and E σ_j² = s² (E W = 1), hence E(σ_j − σ′_j)² = (s − s′)².
 * 2. D_j := (μ_j − μ′_j) − δ_0 with δ_0 = x̄ − x̄′ satisfies D_0 = 0 and
 *    D_j = (1 − λ)D_{j−1} + (1 − λ)(σ_{j−1} − σ′_{j−1})z̄_j, the last factor independent of the rest, so
 *      E D_j² = ((s − s′)²/m)·Σ_{i=1}^{j} (1 − λ)^{2i}
 *    (E D_j = 0): a random walk (linear growth j(s − s′)²/m) at λ = 0, a contracting AR(1) bounded by
 *    (s − s′)²(1 − λ)²/(mλ(2 − λ)) for λ > 0. Changing one point moves x̄ and s by O(1/n), so for λ > 0 the
 *    gap μ_j − μ′_j stays O(1/n) uniformly in j.
 * With the variance KNOWN the synthetic noise does not depend on the fit and μ_j − μ′_j = δ_0 for every j
 * and every λ (the perturbation neither grows nor shrinks).
 */
import { integerInRange, numberInRange, unitInterval, optionsObject } from '../validate.js';

/**
 * E(μ_j − μ′_j − δ_0)² = (gapSquared/m)·Σ_{i=1}^{j} (1 − λ)^{2i}, gapSquared = (s − s′)².
 *
 * @example augmentStabilityMeanGap({ sdGapSquared: 1, m: 10, lambda: 0, generation: 5 }) // 0.5
 */
export function augmentStabilityMeanGap(options: { sdGapSquared: number; m: number; lambda: number; generation: number }): number {
  optionsObject('options', options, '{ sdGapSquared, m, lambda, generation }');
  const gap = numberInRange('sdGapSquared', options.sdGapSquared, 0, Number.MAX_VALUE);
  const m = integerInRange('m', options.m, 1);
  const lambda = unitInterval('lambda', options.lambda);
  const j = integerInRange('generation', options.generation, 0);
  // Σ_{i=1}^{j} B^i = B(1 − B^j)/(1 − B), B = (1 − λ)², with 1 − B^j and 1 − B from expm1 of log B = 2·log1p(−λ)
  // (no cancellation for small λ; λ = 0, or λ below rounding, gives the limit j).
  const logB = 2 * Math.log1p(-lambda);
  const sum = lambda === 1 ? 0 : logB === 0 ? j : (Math.exp(logB) * Math.expm1(j * logB)) / Math.expm1(logB);
  return (gap / m) * sum;
}

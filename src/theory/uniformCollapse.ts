/**
 * NR-1: a non-regular family, Uniform(0, θ) with MLE θ̂ = max x_i (its support depends on θ, violating
 * Assumption 1 of Barzilai & Shamir, CLAIMS.md §3.2–3.3), run through the one loop.
 *
 * Derivation [DERIVED here]. The max of N i.i.d. Uniform(0, θ′) is θ′·V with V = U^{1/N} ~ Beta(N, 1), and
 * −N·log V ~ Exponential(1).
 * - replace (n points per generation): θ̂_0 = θ·V_0, θ̂_g = θ̂_{g−1}·V_g, V_j i.i.d., so
 *     n·log(θ/θ̂_g) = Σ_{j=0}^{g} (−n log V_j) ~ Gamma(g + 1, 1)   (exact law),
 *   E log(θ̂_g/θ) = −(g + 1)/n and E θ̂_g/θ = (n/(n + 1))^{g+1} → 0: the consistent MLE collapses to 0,
 *   geometrically, because its O(1/n) downward bias compounds.
 * - accumulate: every synthetic point of generation g is < θ̂_{g−1} = max(pool), so the pool's max never
 *   changes: θ̂_g = θ̂_0 for every g, pathwise, and n·log(θ/θ̂_g) ~ Exponential(1).
 */
import { integerInRange, optionsObject } from '../validate.js';
import { regularizedGammaP } from '../special/index.js';

/**
 * The CDF of n·log(θ/θ̂_g) under replace (Gamma(g + 1, 1)): x ↦ P(g + 1, x) for x > 0, 0 otherwise.
 *
 * @example uniformReplaceLogShrinkageCdf({ generation: 0 })(1) // 1 − e^{−1}
 */
export function uniformReplaceLogShrinkageCdf(options: { generation: number }): (x: number) => number {
  optionsObject('options', options, '{ generation }');
  const g = integerInRange('generation', options.generation, 0);
  return (x: number) => (x > 0 ? regularizedGammaP(g + 1, x) : 0);
}

/**
 * E θ̂_g/θ under replace with n points per generation: (n/(n + 1))^{g+1}.
 *
 * @example uniformReplaceMeanRatio({ n: 1, generation: 1 }) // 0.25
 */
export function uniformReplaceMeanRatio(options: { n: number; generation: number }): number {
  optionsObject('options', options, '{ n, generation }');
  const n = integerInRange('n', options.n, 1);
  const g = integerInRange('generation', options.generation, 0);
  return (n / (n + 1)) ** (g + 1);
}

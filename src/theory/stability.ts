/**
 * Real-data proportion with a fixed real set (CLAIMS.md §4.2, RS-1): generation j fits
 * μ_j = λ·x̄ + (1 − λ)·ȳ_j, ȳ_j the mean of m_s draws from N(μ_{j−1}, σ²).
 * Derivation: e_j = μ_j − μ satisfies e_j − e_0 = (1 − λ)(e_{j−1} − e_0) + (1 − λ)η_j with η_j ~ N(0, σ²/m_s)
 * independent of e_0 = x̄ − μ, so E e_j² = σ²/n + (σ²/m_s)·(1−λ)²·(1 − (1−λ)^{2j})/(1 − (1−λ)²).
 */
import { integerInRange, positiveNumber, unitInterval, optionsObject } from '../validate.js';
import { geometricSum } from './weighting.js';

export function augmentMeanError(options: { sigma2: number; n: number; m: number; lambda: number; generation: number }): number {
  optionsObject('options', options, '{ sigma2, n, m, lambda, generation }');
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const n = integerInRange('n', options.n, 1);
  const m = integerInRange('m', options.m, 1);
  const lambda = unitInterval('lambda', options.lambda);
  const j = integerInRange('generation', options.generation, 0);
  // Σ_{i=1}^{j} B^i = B·Σ_{i<j} B^i, without cancellation for tiny λ (geometricSum)
  const growth = (1 - lambda) ** 2 * geometricSum(lambda, j);
  return sigma2 / n + (sigma2 / m) * growth;
}

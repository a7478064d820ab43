/**
 * CDF of the Poisson distribution.
 */
import { InvalidArgumentError } from '../errors.js';
import { nonNegative } from './nonNegative.js';
import { incompleteGammaRatio } from './incompleteGammaRatio.js';

/**
 * P(N ≤ k) = Σ_{j=0}^{k} e^(−λ) λ^j / j! = Q(k + 1, λ) for N ~ Poisson(λ) (A&S 26.4.21), computed through
 * the incomplete gamma ratio with relative precision in both tails. Returns 0 for k < 0 and 1 when λ = 0.
 *
 * @param k an integer (safe integer; negative gives 0)
 * @param mean λ, a finite number ≥ 0
 * @example poissonCdf(0, 2) // e^(−2) = 0.1353352832366127
 */
export function poissonCdf(k: number, mean: number): number {
  if (typeof k !== 'number' || !Number.isSafeInteger(k)) throw new InvalidArgumentError('k', k, 'a safe integer');
  nonNegative('mean', mean);
  if (k < 0) return 0;
  if (mean === 0) return 1;
  return incompleteGammaRatio(k + 1, mean, true);
}

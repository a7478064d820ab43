/**
 * The regularised lower incomplete gamma function P(a, x).
 */
import { nonNegative } from './nonNegative.js';
import { positiveNumber } from '../validate.js';
import { incompleteGammaRatio } from './incompleteGammaRatio.js';

/**
 * P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^(a−1) e^(−t) dt, the CDF at x of a Gamma(shape a, rate 1) variable.
 * Series for x < a + 1, Lentz continued fraction for the complement otherwise (Numerical Recipes §6.2);
 * relative error ~1e−14 when P ≤ ½ (absolute ~1e−16 otherwise; use regularizedGammaQ for the upper tail).
 *
 * @param a shape, a finite number > 0
 * @param x a finite number ≥ 0
 * @example regularizedGammaP(1, 2) // 1 − e^(−2) = 0.8646647167633873
 */
export function regularizedGammaP(a: number, x: number): number {
  positiveNumber('a', a);
  nonNegative('x', x);
  return incompleteGammaRatio(a, x, false);
}

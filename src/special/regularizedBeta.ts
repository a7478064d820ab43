/**
 * The regularised incomplete beta function I_x(a, b).
 */
import { positiveNumber, unitInterval } from '../validate.js';
import { incompleteBetaRatio } from './incompleteBetaRatio.js';

/**
 * I_x(a, b) = (1/B(a, b)) ∫₀ˣ t^(a−1) (1 − t)^(b−1) dt, the CDF at x of a Beta(a, b) variable, by the
 * continued fraction A&S 26.5.8 (modified Lentz, Numerical Recipes §6.4) on whichever side converges,
 * with the prefactor x^a(1−x)^b/B(a, b) computed without cancellation for large a, b. Relative error
 * ~1e−14 when I_x ≤ ½ (use regularizedBetaComplement for 1 − I_x in the upper tail).
 *
 * @param x a number in [0, 1]
 * @param a a finite number > 0
 * @param b a finite number > 0
 * @example regularizedBeta(0.3, 2, 1) // x^a = 0.09
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  unitInterval('x', x);
  positiveNumber('a', a);
  positiveNumber('b', b);
  return incompleteBetaRatio(x, a, b, false);
}

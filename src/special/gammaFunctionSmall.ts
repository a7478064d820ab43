/**
 * Γ(a) for 0 < a < 10, with relative error of a few ulps (internal helper).
 */
import { logGamma } from './logGamma.js';

/**
 * Γ(a) for 0 < a < 10: Γ(z) = exp(ln Γ(z)) on [1, 2), where |ln Γ| ≤ 0.122 so the exponential adds no
 * error, then Γ(a) = Γ(a + 1)/a below 1 or Γ(a) = (a − 1)(a − 2)…z·Γ(z) above 2 (A&S 6.1.15).
 *
 * @param a a number in (0, 10) (not validated: internal)
 * @example gammaFunctionSmall(5) // 24
 */
export function gammaFunctionSmall(a: number): number {
  if (a < 1) return Math.exp(logGamma(a + 1)) / a;
  let z = a;
  let product = 1;
  while (z >= 2) {
    z -= 1;
    product *= z;
  }
  return product * Math.exp(logGamma(z));
}

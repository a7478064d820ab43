/**
 * ln Γ(2 + z) for |z| ≤ ½ by its Taylor series (internal helper of logGamma).
 */
import { zetaMinusOne } from './zetaMinusOne.js';

const EULER_GAMMA = 0.57721566490153286060651209008240243;
const TERMS = 40;
/** c_k = (−1)^k (ζ(k) − 1)/k for k = 2..TERMS+1, tabulated once. */
const COEFFICIENTS = new Float64Array(TERMS);
for (let k = 2; k < TERMS + 2; k++) COEFFICIENTS[k - 2] = ((k % 2 === 0 ? 1 : -1) * zetaMinusOne(k)) / k;

/**
 * ln Γ(2 + z) = (1 − γ) z + Σ_{k≥2} (−1)^k (ζ(k) − 1) z^k / k (A&S 6.1.33 combined with ln(1+z)),
 * converging for |z| < 2; for |z| ≤ ½ the terms fall like 4^(−k), so 40 terms reach rounding. It keeps
 * full relative precision near the zero of ln Γ at x = 2.
 *
 * @param z a real number with |z| ≤ ½ (not validated: internal)
 * @example logGammaNearTwo(0) // 0
 */
export function logGammaNearTwo(z: number): number {
  let sum = COEFFICIENTS[TERMS - 1];
  for (let i = TERMS - 2; i >= 0; i--) sum = sum * z + COEFFICIENTS[i];
  return z * (1 - EULER_GAMMA + z * sum);
}

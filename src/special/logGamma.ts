/**
 * ln Γ(x) for x > 0.
 */
import { positiveNumber } from '../validate.js';
import { NumericalError } from '../errors.js';
import { logGammaNearTwo } from './logGammaNearTwo.js';
import { stirlingCorrection } from './stirlingCorrection.js';

const HALF_LOG_2PI = 0.91893853320467274178032973640562;

/**
 * ln Γ(x), the log of the gamma function, for x > 0, with relative error ≤ ~1e−15 everywhere including
 * near its zeros at x = 1 and x = 2.
 *
 * Method (no Lanczos): for x < ½, ln Γ(x) = ln Γ(1 + x) − ln x; for ½ ≤ x < 2.5 the Taylor series of
 * ln Γ around 2 (coefficients (−1)^k(ζ(k) − 1)/k, A&S 6.1.33) with ln Γ(1 + z) = ln Γ(2 + z) − ln(1 + z);
 * for 2.5 ≤ x < 10 the recurrence ln Γ(x) = ln Γ(x − n) + ln[(x−1)…(x−n)]; for x ≥ 10 Stirling's series
 * (x − ½) ln x − x + ½ ln 2π + Σ B_{2k}/(2k(2k−1)x^{2k−1}) (A&S 6.1.40).
 *
 * @param x a finite number > 0
 * @throws NumericalError('overflow') when ln Γ(x) exceeds the largest double (x ≳ 2.5e305)
 * @example logGamma(0.5) // ln √π = 0.5723649429247001
 */
export function logGamma(x: number): number {
  positiveNumber('x', x);
  if (x < 0.5) return logGammaNearTwo(x) - Math.log1p(x) - Math.log(x);
  if (x < 1.5) {
    const z = x - 1;
    return logGammaNearTwo(z) - Math.log1p(z);
  }
  if (x < 2.5) return logGammaNearTwo(x - 2);
  if (x < 10) {
    const n = Math.floor(x - 1.5);
    let product = 1;
    for (let i = 1; i <= n; i++) product *= x - i;
    return logGammaNearTwo(x - n - 2) + Math.log(product);
  }
  const value = (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingCorrection(x);
  if (!Number.isFinite(value)) throw new NumericalError('overflow', `ln Γ(${x}) exceeds the largest double`, { x });
  return value;
}

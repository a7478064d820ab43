/**
 * x^a e^(−x) / Γ(a), the common factor of the incomplete gamma ratios (internal helper).
 */
import { log1pmx } from './log1pmx.js';
import { logGamma } from './logGamma.js';
import { gammaFunctionSmall } from './gammaFunctionSmall.js';
import { stirlingCorrection } from './stirlingCorrection.js';

const HALF_LOG_2PI = 0.91893853320467274178032973640562;

/**
 * x^a e^(−x)/Γ(a) for a > 0, x > 0.
 * - a ≥ 10: Stirling's formula for Γ(a) lets the large terms a ln x and x cancel analytically:
 *   exp(a·[ln(1+u) − u] + ½ ln a − ½ ln 2π − δ(a)), u = (x − a)/a (Temme; Loader's bd0), so the error is
 *   ~ε·(1 + |x − a|), the conditioning of the function itself, instead of ε·a.
 * - a < 10: the direct product x^a · e^(−x) / Γ(a) when nothing under/overflows (error a few ulps, plus the
 *   inherent ε·x of e^(−x)), else exp(a ln x − x − ln Γ(a)).
 *
 * @example gammaPrefactor(1, 2) // e^(−2)
 */
export function gammaPrefactor(a: number, x: number): number {
  if (a >= 10) {
    return Math.exp(a * log1pmx((x - a) / a) + 0.5 * Math.log(a) - HALF_LOG_2PI - stirlingCorrection(a));
  }
  const logPower = a * Math.log(x);
  if (x < 700 && Math.abs(logPower) < 700) return (Math.pow(x, a) * Math.exp(-x)) / gammaFunctionSmall(a);
  return Math.exp(logPower - x - logGamma(a));
}

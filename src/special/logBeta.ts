/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
 */
import { positiveNumber } from '../validate.js';
import { logGamma } from './logGamma.js';
import { stirlingCorrection } from './stirlingCorrection.js';
import { NumericalError } from '../errors.js';

const HALF_LOG_2PI = 0.91893853320467274178032973640562;

/**
 * ln B(a, b), the log of the beta function, without the cancellation of ln Γ(a) + ln Γ(b) − ln Γ(a + b)
 * when a or b is large. With lo = min(a, b), hi = max(a, b) and δ the Stirling remainder:
 * - lo ≥ 10: ½ ln 2π − ½ ln(lo+hi) + (lo − ½) ln(lo/(lo+hi)) − (hi − ½) ln(1 + lo/hi) + δ(lo) + δ(hi) − δ(lo+hi);
 * - hi ≥ 10 > lo: ln Γ(lo) − lo ln(lo+hi) + [lo − (hi − ½) ln(1 + lo/hi)] + δ(hi) − δ(lo+hi);
 * - otherwise the direct sum (all terms below 40 in magnitude).
 * (Stirling's formula, A&S 6.1.40; same device as R's lbeta.)
 *
 * @param a a finite number > 0
 * @param b a finite number > 0
 * @throws NumericalError('overflow') when ln B(a, b) is below the most negative double (a, b ~ 1e308); when only
 *   a + b overflows, ln(a + b) and ln(lo/(a + b)) are formed from hi and lo/hi instead
 * @example logBeta(2, 3) // ln(1/12) = −2.4849066497880004
 */
export function logBeta(a: number, b: number): number {
  positiveNumber('a', a);
  positiveNumber('b', b);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const sum = lo + hi;
  if (lo >= 10) {
    // a + b = ∞ (both ≈ 1e308): ln(a + b) = ln hi + ln(1 + lo/hi) and lo/(a + b) = (lo/hi)/(1 + lo/hi), no overflow
    const logSum = sum === Infinity ? Math.log(hi) + Math.log1p(lo / hi) : Math.log(sum);
    const logRatio = sum === Infinity ? Math.log(lo / hi) - Math.log1p(lo / hi) : Math.log(lo / sum);
    const value =
      HALF_LOG_2PI -
      0.5 * logSum +
      (lo - 0.5) * logRatio -
      (hi - 0.5) * Math.log1p(lo / hi) +
      (stirlingCorrection(lo) + stirlingCorrection(hi) - stirlingCorrection(sum));
    if (!Number.isFinite(value)) throw new NumericalError('overflow', `ln B(${a}, ${b}) is below the most negative double`, { a, b });
    return value;
  }
  if (hi >= 10) {
    return (
      logGamma(lo) -
      lo * Math.log(sum) +
      (lo - (hi - 0.5) * Math.log1p(lo / hi)) +
      (stirlingCorrection(hi) - stirlingCorrection(sum))
    );
  }
  return logGamma(lo) + logGamma(hi) - logGamma(sum);
}

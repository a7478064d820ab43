/**
 * x^a (1 − x)^b / B(a, b), the common factor of I_x(a, b) and 1 − I_x(a, b) (internal helper).
 */
import { logBeta } from './logBeta.js';
import { log1pmx } from './log1pmx.js';
import { stirlingCorrection } from './stirlingCorrection.js';

const HALF_LOG_2PI = 0.91893853320467274178032973640562;

/**
 * x^a (1−x)^b / B(a, b) for 0 < x < 1, a, b > 0, with ln(1 − x) taken as log1p(−x).
 * - min(a, b) ≥ 10: the large terms cancel analytically. With w = x·b − (1−x)·a (= (a+b)x − a),
 *   a ln(x(a+b)/a) + b ln((1−x)(a+b)/b) = a·[ln(1+u) − u] + b·[ln(1+v) − v], u = w/a, v = −w/b, and
 *   Stirling's formula for B(a, b) adds ½ ln(ab/(a+b)) − ½ ln 2π − δ(a) − δ(b) + δ(a+b) (Loader's bd0
 *   device; cf. DiDonato & Morris 1992). The error is ~ε(1 + |w|), the conditioning of the function, not
 *   ε(a + b).
 * - otherwise x^a · exp(b ln(1−x) − ln B(a, b)), with x^a as a direct power when it neither under- nor
 *   overflows (so a tiny x does not cost ε·|a ln x|).
 *
 * @example betaPrefactor(0.5, 1, 1) // 0.25
 */
export function betaPrefactor(x: number, a: number, b: number): number {
  if (Math.min(a, b) < 10) {
    const logPower = a * Math.log(x);
    const rest = b * Math.log1p(-x) - logBeta(a, b);
    if (Math.abs(logPower) < 700 && Math.abs(rest) < 700) return Math.pow(x, a) * Math.exp(rest);
    return Math.exp(logPower + rest);
  }
  const xc = 1 - x;
  const w = x * b - xc * a;
  return Math.exp(
    a * log1pmx(w / a) +
      b * log1pmx(-w / b) +
      0.5 * (Math.log(a) + Math.log(b) - Math.log(a + b)) -
      HALF_LOG_2PI -
      stirlingCorrection(a) -
      stirlingCorrection(b) +
      stirlingCorrection(a + b),
  );
}

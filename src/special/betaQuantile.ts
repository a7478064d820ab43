/**
 * Quantile function of the Beta(a, b) distribution.
 */
import { NumericalError } from '../errors.js';
import { positiveNumber, unitInterval } from '../validate.js';
import { incompleteBetaRatio } from './incompleteBetaRatio.js';
import { logBeta } from './logBeta.js';
import { betaPrefactor } from './betaPrefactor.js';

const LOG_MIN_POSITIVE = Math.log(Number.MIN_VALUE); // ≈ −744.44
const LOG_HALF = -Math.LN2;
const MAX_ITERATIONS = 400;

/**
 * Solves G(z) = q for z ∈ [0, ½], where G(z) = I_z(a, b) (upper = false, increasing) or 1 − I_z(a, b)
 * (upper = true, decreasing), and the caller guarantees the root lies in [0, ½] and q ≤ ½ (so q is the
 * smaller tail and carries full relative precision). Safeguarded Newton iteration (Numerical Recipes
 * rtsafe) on h(t) = ±[ln G(e^t) − ln q] in t = ln z, bracketed by [ln(smallest double), ln ½]. In these
 * coordinates h is asymptotically linear near z = 0 (I_z ≈ z^a/(aB)), so a < 1, b < 1 and tiny q are benign.
 */
function solveInLowerHalf(q: number, a: number, b: number, upper: boolean): number {
  const logQ = Math.log(q);
  const sign = upper ? -1 : 1;
  let lo = LOG_MIN_POSITIVE;
  let hi = LOG_HALF;
  let t: number;
  if (upper) {
    t = Math.log(Math.min(0.5, a / (a + b)));
  } else {
    t = (logQ + Math.log(a) + logBeta(a, b)) / a; // from I_z ≈ z^a/(a B(a,b))
    if (t < lo) return 0; // the quantile underflows
  }
  if (!(t < hi)) t = hi;
  if (!(t > lo)) t = lo;
  let stepBeforeLast = hi - lo;
  let lastStep = stepBeforeLast;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const z = Math.exp(t);
    const tail = incompleteBetaRatio(z, a, b, upper);
    let next: number;
    if (!(tail > 0)) {
      // G underflowed: for the lower tail z is too small, for the upper tail z is too large.
      if (upper) hi = t;
      else lo = t;
      next = 0.5 * (lo + hi);
    } else {
      const h = sign * (Math.log(tail) - logQ);
      if (h === 0) return z;
      if (h < 0) lo = t;
      else hi = t;
      const slope = betaPrefactor(z, a, b) / ((1 - z) * tail); // |d ln G / d ln z|
      next = t - h / slope;
      if (!(next > lo && next < hi) || Math.abs(2 * h) > Math.abs(stepBeforeLast * slope)) {
        next = 0.5 * (lo + hi);
      }
    }
    stepBeforeLast = lastStep;
    lastStep = next - t;
    if (Math.abs(lastStep) <= 1e-15 * Math.max(1, Math.abs(next)) || hi - lo <= 1e-15 * Math.max(1, Math.abs(lo))) {
      return Math.exp(next);
    }
    t = next;
  }
  throw new NumericalError('non-convergence', `beta quantile for q=${q}, a=${a}, b=${b}`, { q, a, b, iterations: MAX_ITERATIONS });
}

/**
 * The x ∈ [0, 1] with I_x(a, b) = p: the p-quantile of Beta(a, b).
 *
 * Method: decide the side of ½ from I_½(a, b); the unknown is then z = x (if x ≤ ½) or z = 1 − x (using
 * I_{1−x}(b, a) = 1 − p), always the smaller of the two, and the equation is written in whichever tail
 * probability, p or 1 − p, is ≤ ½ (1 − p is formed only for p ≥ ½, where it is exact). Newton steps on the log-CDF in log-coordinates with a bisection safeguard (Numerical Recipes rtsafe)
 * converge for any a, b > 0 (including a, b < 1) and p near 0 or 1. Relative error ~1e−13 in the smaller of
 * x and 1 − x when the problem is well conditioned. Returns 0 when the quantile is below the smallest
 * positive double and 1 when 1 − x is below half an ulp of 1.
 *
 * @param p a probability in [0, 1]
 * @param a a finite number > 0
 * @param b a finite number > 0
 * @throws NumericalError('non-convergence') if the safeguarded iteration fails (never observed)
 * @example betaQuantile(0.25, 2, 1) // √0.25 = 0.5
 */
export function betaQuantile(p: number, a: number, b: number): number {
  unitInterval('p', p);
  positiveNumber('a', a);
  positiveNumber('b', b);
  if (p === 0) return 0;
  if (p === 1) return 1;
  const atHalf = incompleteBetaRatio(0.5, a, b, false);
  if (p <= atHalf) return p <= 0.5 ? solveInLowerHalf(p, a, b, false) : solveInLowerHalf(1 - p, a, b, true);
  return 1 - (p >= 0.5 ? solveInLowerHalf(1 - p, b, a, false) : solveInLowerHalf(p, b, a, true));
}

/**
 * Gamma variates: density f(x) = rate^shape x^(shape−1) e^(−rate·x) / Γ(shape), x > 0 (mean shape/rate).
 *
 * shape ≥ 1 — Marsaglia & Tsang (2000): with d = shape − 1/3 and c = 1/√(9d), draw Z ~ N(0, 1) and
 *   v = (1 + cZ)³; if v > 0 and U < 1 − 0.0331 Z⁴ (squeeze) or ln U < Z²/2 + d(1 − v + ln v), return d·v.
 *   Exact for every shape ≥ 1 (acceptance rate ≥ 0.95).
 * shape < 1 — the boost G(a) = G(a + 1)·U^(1/a) (Stuart 1962; Marsaglia & Tsang 2000 §6), computed in logs:
 *   ln G(a) = ln G(a + 1) + (ln U)/a, and the result is exp(ln G(a) − ln rate). Nothing is clamped: for
 *   tiny shapes the law itself puts mass below the smallest double (P(G(a) < x) ≈ x^a/Γ(a + 1); for
 *   shape 1e-3 and x = 5e-324 that is ≈ 0.48), and such draws return 0, the correctly rounded value of
 *   a positive number below 2^−1074. Draws above that are returned to full double precision (the log
 *   form never underflows early, unlike computing U^(1/a) first). Use `logGammaVariate` when the
 *   log of a tiny-shape draw is needed (it is finite unless (ln U)/shape overflows, i.e. shape ≲ 1e-307).
 * A draw above the largest double (e.g. rate ≈ 1e-320) throws NumericalError('overflow').
 *
 * Uniforms that enter a logarithm are 1 − U with U = nextDouble() ∈ [0, 1), i.e. in (0, 1] at 53-bit
 * resolution, so ln never sees 0.
 *
 * Source: G. Marsaglia & W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3),
 * 363–372, 2000.
 */
import type { Stream } from './stream.js';
import { standardNormalUnchecked } from './normal.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { positiveNumber } from '../validate.js';
import { checkStream } from './checkStream.js';

/** ln G with G ~ Gamma(shape ≥ 1, rate 1) by Marsaglia–Tsang, given d = shape − 1/3 and c = 1/√(9d). */
function logMarsagliaTsang(stream: Stream, d: number, c: number): number {
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = standardNormalUnchecked(stream);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - stream.nextDouble(); // (0, 1]
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return Math.log(d * v);
    const logV = Math.log(v);
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + logV)) return Math.log(d) + logV;
  }
}

/** G ~ Gamma(shape ≥ 1, rate 1) by Marsaglia–Tsang (no logs on the fast path). */
function marsagliaTsang(stream: Stream, d: number, c: number): number {
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = standardNormalUnchecked(stream);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - stream.nextDouble(); // (0, 1]
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** ln G for G ~ Gamma(shape, rate 1), any shape > 0 (validated by the caller). */
function logStandardGamma(stream: Stream, shape: number): number {
  if (shape >= 1) {
    const d = shape - 1 / 3;
    return logMarsagliaTsang(stream, d, 1 / Math.sqrt(9 * d));
  }
  const d = shape + 1 - 1 / 3;
  const logBoosted = logMarsagliaTsang(stream, d, 1 / Math.sqrt(9 * d));
  return logBoosted + Math.log(1 - stream.nextDouble()) / shape;
}

/** Returns `x`, or throws NumericalError('overflow') when a draw exceeds the double range (e.g. rate ≈ 1e-320). */
function finiteDraw(x: number, shape: number, rate: number): number {
  if (x === Infinity) throw new NumericalError('overflow', `a Gamma(shape ${shape}, rate ${rate}) draw exceeds the largest double`, { shape, rate });
  return x;
}

function checkParameters(shape: number, rate: number): void {
  positiveNumber('shape', shape);
  positiveNumber('rate', rate);
}

/**
 * One draw X ~ Gamma(shape, rate) (mean shape/rate, variance shape/rate²). See the module comment for
 * the method and for shape < 1 (log-space boost; returns 0 only when the draw is below 2^−1074).
 *
 * @example
 *   gammaVariate(rootKey('demo').stream(), 3.7, 2); // e.g. 1.64…
 */
export function gammaVariate(stream: Stream, shape: number, rate = 1): number {
  checkStream(stream);
  checkParameters(shape, rate);
  return gammaVariateUnchecked(stream, shape, rate);
}

/**
 * `gammaVariate` without the argument checks (internal: a checked stream, shape > 0 and rate > 0 finite), for
 * samplers that draw Gamma or χ² variates in their inner loops (Wishart): the same draw.
 *
 * @example
 *   gammaVariateUnchecked(stream, 0.5 * df, 0.5); // χ²_df, as chiSquaredVariate(stream, df)
 */
export function gammaVariateUnchecked(stream: Stream, shape: number, rate: number): number {
  if (shape >= 1) {
    const d = shape - 1 / 3;
    return finiteDraw(marsagliaTsang(stream, d, 1 / Math.sqrt(9 * d)) / rate, shape, rate);
  }
  return finiteDraw(Math.exp(logStandardGamma(stream, shape) - Math.log(rate)), shape, rate);
}

/**
 * ln X for X ~ Gamma(shape, rate): the same draw as `gammaVariate` (same stream consumption), returned
 * on the log scale so that tiny shapes (where X often underflows) keep full information. When even the log
 * is beyond the double range ((ln U)/shape below −1.8e308, shapes ≲ 1e-307) it throws NumericalError('overflow').
 *
 * @example
 *   logGammaVariate(rootKey('demo').stream(), 1e-3); // e.g. −1234.5…
 */
export function logGammaVariate(stream: Stream, shape: number, rate = 1): number {
  checkStream(stream);
  checkParameters(shape, rate);
  const value = logStandardGamma(stream, shape) - Math.log(rate);
  if (!Number.isFinite(value)) {
    throw new NumericalError('overflow', `the log of a Gamma(shape ${shape}, rate ${rate}) draw is beyond the double range (${value})`, { shape, rate });
  }
  return value;
}

/**
 * Fills `out` with independent Gamma(shape, rate) draws (same sequence as repeated `gammaVariate`).
 * No allocation. Returns `out`.
 *
 * @example
 *   fillGamma(rootKey('demo').stream(), 0.5, 1, new Float64Array(100));
 */
export function fillGamma(stream: Stream, shape: number, rate: number, out: Float64Array): Float64Array {
  checkStream(stream);
  checkParameters(shape, rate);
  if (!(out instanceof Float64Array)) throw new InvalidArgumentError('out', out, 'a Float64Array');
  if (shape >= 1) {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (let i = 0; i < out.length; i++) out[i] = finiteDraw(marsagliaTsang(stream, d, c) / rate, shape, rate);
    return out;
  }
  const d = shape + 1 - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const logRate = Math.log(rate);
  for (let i = 0; i < out.length; i++) {
    const logBoosted = logMarsagliaTsang(stream, d, c);
    out[i] = finiteDraw(Math.exp(logBoosted + Math.log(1 - stream.nextDouble()) / shape - logRate), shape, rate);
  }
  return out;
}

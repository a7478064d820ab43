/**
 * Standard normal variates by the ziggurat method of Marsaglia & Tsang (2000), 256 layers.
 *
 * Density (unnormalised) f(x) = exp(−x²/2), x ≥ 0, mirrored by a random sign. The area under f on
 * [0, ∞) is covered by N = 256 horizontal layers of equal area V:
 *   layer 0 (the base) = the rectangle [0, r] × [0, f(r)] plus the tail {x > r}, area V = r·f(r) + ∫_r^∞ f;
 *   layer i ≥ 1 = the rectangle [0, xᵢ] × [f(xᵢ), f(xᵢ₊₁)], area xᵢ·(f(xᵢ₊₁) − f(xᵢ)) = V,
 * with x₁ = r, x_N = 0 and the recursion xᵢ₊₁ = f⁻¹(f(xᵢ) + V/xᵢ). The base is treated as a rectangle of
 * width x₀ = V/f(r). A draw picks a layer i uniformly and u ∈ [0, 1), sets x = u·xᵢ and
 *   - accepts x at once when x < xᵢ₊₁ (the point lies in the part of the layer wholly under f; ≈ 99 %);
 *   - in the base (i = 0) with x ≥ r, returns a draw from the tail x > r by Marsaglia's (1964)
 *     exponential method: repeat ξ = −ln(U₁)/r, η = −ln(U₂) until 2η > ξ²; return r + ξ;
 *   - otherwise (a wedge) accepts x when f(xᵢ) + U·(f(xᵢ₊₁) − f(xᵢ)) < f(x), and else starts again.
 * Every branch is exact, so the output has exactly the normal law (up to the 53-bit resolution of the
 * uniforms); nothing is truncated: the tail branch reaches r + 36.7/r ≈ 13.7.
 *
 * The tables are computed once at module load from this closed form: r is the root (found by
 * bisection, to machine precision) of the condition that the recursion started at x₁ = r with
 * V(r) = r·f(r) + ∫_r^∞ f ends exactly at x_N = 0, i.e. f(x_{N−1}) + V/x_{N−1} = 1; the tail integral
 * ∫_r^∞ f = f(r)/(r + 1/(r + 2/(r + 3/(r + …)))) is Laplace's continued fraction for the Mills ratio.
 * For N = 256 this gives r ≈ 3.6541528853610088 and V ≈ 0.0049286732339746 (the published values:
 * Marsaglia & Tsang 2000 §2 give the 128- and 256-layer constants; Doornik 2005 the same).
 *
 * Bits: each draw uses two 32-bit words. The first gives the layer (8 low bits) and the sign (bit 8);
 * its top 21 bits and the second word form the 53-bit uniform u. Layer, sign and u therefore use
 * disjoint bits (Doornik (2005) showed that reusing the layer bits in u, as the original RNOR does,
 * biases the output).
 *
 * Sources: G. Marsaglia & W. W. Tsang, "The ziggurat method for generating random variables",
 * J. Stat. Softw. 5(8), 2000; G. Marsaglia, "Generating a variable from the tail of the normal
 * distribution", Technometrics 6, 1964; J. A. Doornik, "An improved ziggurat method to generate normal
 * random samples", 2005.
 */
import type { Stream } from './stream.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange } from '../validate.js';
import { checkStream } from './checkStream.js';

/** Number of layers N. */
const LAYERS = 256;

/** 2^−53: turns a 53-bit integer into a double in [0, 1). */
const TWO_POW_M53 = 1 / 9007199254740992;

/** ∫_r^∞ exp(−x²/2) dx by Laplace's continued fraction f(r)/(r + 1/(r + 2/(r + …))), backward, for r ≥ 2. */
function normalTailIntegral(r: number): number {
  let fraction = r;
  for (let k = 200; k >= 1; k--) fraction = r + k / fraction;
  return Math.exp(-0.5 * r * r) / fraction;
}

/**
 * Runs the layer recursion from x₁ = r. Fills `x` (x[0..N]) and returns the excess
 * f(x_{N−1}) + V/x_{N−1} − 1 (> 0: r too small, the layers overshoot the mode; < 0: r too large).
 */
function buildLayers(r: number, x: Float64Array): number {
  const fr = Math.exp(-0.5 * r * r);
  const area = r * fr + normalTailIntegral(r);
  x[0] = area / fr;
  x[1] = r;
  for (let i = 1; i < LAYERS - 1; i++) {
    const next = Math.exp(-0.5 * x[i] * x[i]) + area / x[i];
    if (next >= 1) {
      for (let j = i + 1; j <= LAYERS; j++) x[j] = 0;
      return next - 1 + (LAYERS - 1 - i); // overshoot before the last layer: r far too small
    }
    x[i + 1] = Math.sqrt(-2 * Math.log(next));
  }
  x[LAYERS] = 0;
  return Math.exp(-0.5 * x[LAYERS - 1] * x[LAYERS - 1]) + area / x[LAYERS - 1] - 1;
}

/** Layer abscissae x[0..N] (x[0] = V/f(r), x[1] = r, x[N] = 0). */
const X = new Float64Array(LAYERS + 1);
/** F[i] = f(x[i]) = exp(−x[i]²/2); F[N] = 1. */
const F = new Float64Array(LAYERS + 1);

/** The tail cut-off r (x₁) of the ziggurat; exported for tests and documentation. */
export const ZIGGURAT_R: number = (() => {
  let lo = 3;
  let hi = 4.5;
  for (let iteration = 0; iteration < 200 && hi - lo > 0; iteration++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (buildLayers(mid, X) > 0) lo = mid;
    else hi = mid;
  }
  // Take the end of the bracket at which the recursion does not overshoot (last layer area ≥ V − ulp).
  buildLayers(hi, X);
  for (let i = 0; i <= LAYERS; i++) F[i] = Math.exp(-0.5 * X[i] * X[i]);
  F[LAYERS] = 1;
  return hi;
})();

/** The common layer area V of the ziggurat (for tests and documentation). */
export const ZIGGURAT_AREA: number = X[0] * Math.exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R);

/** A draw from the normal tail x > r by Marsaglia's exponential rejection (returns a positive value). */
function normalTail(stream: Stream): number {
  const r = ZIGGURAT_R;
  for (;;) {
    const xi = -Math.log(1 - stream.nextDouble()) / r; // 1 − U ∈ (0, 1]
    const eta = -Math.log(1 - stream.nextDouble());
    if (eta + eta > xi * xi) return r + xi;
  }
}

/** The slow path: tail or wedge of layer `layer` for the candidate magnitude `x`; NaN means "retry". */
function slowPath(stream: Stream, layer: number, x: number): number {
  if (layer === 0) return normalTail(stream);
  const y = F[layer] + stream.nextDouble() * (F[layer + 1] - F[layer]);
  return y < Math.exp(-0.5 * x * x) ? x : NaN;
}

/**
 * One standard normal variate Z ~ N(0, 1) (ziggurat, Marsaglia & Tsang 2000; see the module comment).
 *
 * @example
 *   const z = standardNormal(rootKey('demo').stream()); // e.g. −0.83…
 */
export function standardNormal(stream: Stream): number {
  checkStream(stream);
  return standardNormalUnchecked(stream);
}

/**
 * `standardNormal` without the stream check, for samplers that call it in their inner loops (Gamma,
 * Wishart) after checking the stream once: the same draw.
 *
 * @example
 *   standardNormalUnchecked(stream); // stream already checked by the caller
 */
export function standardNormalUnchecked(stream: Stream): number {
  for (;;) {
    const a = stream.nextU32();
    const b = stream.nextU32();
    const layer = a & 0xff;
    const x = ((a >>> 11) * 4294967296 + b) * TWO_POW_M53 * X[layer];
    let magnitude = x;
    if (x >= X[layer + 1]) {
      magnitude = slowPath(stream, layer, x);
      if (magnitude !== magnitude) continue; // rejected wedge point
    }
    return (a & 0x100) === 0 ? magnitude : -magnitude;
  }
}

/**
 * Fills out[start..end) with independent N(0, 1) variates (ziggurat; same draws, in order, as repeated
 * `standardNormal` calls). No allocation. Returns `out`.
 *
 * @example
 *   const z = fillStandardNormal(rootKey('demo').stream(), new Float64Array(1000));
 */
export function fillStandardNormal(stream: Stream, out: Float64Array, start = 0, end?: number): Float64Array {
  checkStream(stream);
  if (!(out instanceof Float64Array)) throw new InvalidArgumentError('out', out, 'a Float64Array');
  if (end === undefined) end = out.length;
  integerInRange('end', end, 0, out.length);
  integerInRange('start', start, 0, end);
  return fillStandardNormalUnchecked(stream, out, start, end);
}

/**
 * `fillStandardNormal` without the argument checks, for the engine's inner loops (multivariate normals, GLM
 * covariates, …) whose callers have already validated the stream and the range: the same draws, in order.
 * Internal: `out[start..end)` must be a valid range of a Float64Array.
 *
 * @example
 *   fillStandardNormalUnchecked(stream, z, 0, d); // d normals into the scratch z
 */
export function fillStandardNormalUnchecked(stream: Stream, out: Float64Array, start: number, end: number): Float64Array {
  const xs = X;
  for (let i = start; i < end; i++) {
    for (;;) {
      const a = stream.nextU32();
      const b = stream.nextU32();
      const layer = a & 0xff;
      const x = ((a >>> 11) * 4294967296 + b) * TWO_POW_M53 * xs[layer];
      if (x < xs[layer + 1]) {
        out[i] = (a & 0x100) === 0 ? x : -x;
        break;
      }
      const magnitude = slowPath(stream, layer, x);
      if (magnitude === magnitude) {
        out[i] = (a & 0x100) === 0 ? magnitude : -magnitude;
        break;
      }
    }
  }
  return out;
}

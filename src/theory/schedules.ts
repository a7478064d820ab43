/**
 * Closed forms of "A Probabilistic Perspective on Model Collapse", arXiv 2505.13947 (CLAIMS.md §2, PP-*):
 * fully synthetic replacement where round t ≥ 1 draws n·c_t points from the previous fit.
 * Schedules enter only through their multipliers c_1 … c_T, passed as an array.
 */
import { normalCdf, logGamma } from '../special/index.js';
import { integerInRange, numberInRange, positiveNumber, finiteNumber, finiteVector, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { cholesky } from '../linalg/index.js';
import { arrayLike } from './limits.js';
import { finiteResult } from '../finiteResult.js';

function validMultipliers(name: string, c: ArrayLike<number>): void {
  arrayLike(name, c);
  for (let t = 0; t < c.length; t++) if (!(Number.isFinite(c[t]) && c[t] > 0)) throw new InvalidArgumentError(`${name}[${t}]`, c[t], 'a finite multiplier c_t > 0');
}

/** S_T = Σ_{t=1}^T 1/c_t for multipliers c = [c_1, …, c_T]. */
export function inverseScheduleSum(c: ArrayLike<number>): number {
  validMultipliers('c', c);
  let s = 0;
  for (let t = 0; t < c.length; t++) s += 1 / c[t];
  return s;
}

/**
 * PP-1: E‖θ̂_T − θ*‖² = d·(σ²/n)·(1 + S_T) for the Gaussian mean with Σ = σ²I_d (exact; also in expectation
 * when the synthetic law uses the unbiased estimated variance).
 */
export function scheduleMeanError(options: { d: number; sigma2: number; n: number; S: number }): number {
  optionsObject('options', options, '{ d, sigma2, n, S }');
  const d = integerInRange('d', options.d, 1);
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const n = integerInRange('n', options.n, 1);
  const S = numberInRange('S', options.S, 0, Number.MAX_VALUE);
  return finiteResult('scheduleMeanError', (d * sigma2 * (1 + S)) / n);
}

/** PP-2: the maximal-inequality bound P(sup_T |θ̂_T − θ*| ≥ δ) ≤ 2·exp(−nδ²/(2σ²(1 + S_∞))) (d = 1). */
export function maximalInequalityBound(options: { n: number; delta: number; sigma2: number; Sinfinity: number }): number {
  optionsObject('options', options, '{ n, delta, sigma2, Sinfinity }');
  const n = integerInRange('n', options.n, 1);
  const delta = positiveNumber('delta', options.delta);
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const S = numberInRange('Sinfinity', options.Sinfinity, 0, Number.MAX_VALUE);
  return Math.min(1, 2 * Math.exp((-n * delta * delta) / (2 * sigma2 * (1 + S))));
}

/** Exact P(|θ̂_T − θ*| > δ) for the 1-D Gaussian mean with known σ: 2Φ(−δ/√(σ²(1+S_T)/n)). */
export function exceedanceProbability(options: { n: number; delta: number; sigma2: number; S: number }): number {
  optionsObject('options', options, '{ n, delta, sigma2, S }');
  const n = integerInRange('n', options.n, 1);
  const delta = positiveNumber('delta', options.delta);
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  const S = numberInRange('S', options.S, 0, Number.MAX_VALUE);
  return 2 * normalCdf(-delta / Math.sqrt((sigma2 * (1 + S)) / n));
}

/**
 * PP-3: drift of the toy biased estimator M(D_N) = x̄_N + v·N^(−ρ):
 * E θ̂_T − θ* = v·n^(−ρ)·(1 + Σ_{t=1}^T c_t^(−ρ)).
 */
export function biasDrift(options: { v: number; n: number; rho: number; c: ArrayLike<number> }): number {
  optionsObject('options', options, '{ v, n, rho, c }');
  const v = finiteNumber('v', options.v);
  const n = integerInRange('n', options.n, 1);
  const rho = positiveNumber('rho', options.rho);
  validMultipliers('c', options.c);
  let s = 1;
  for (let t = 0; t < options.c.length; t++) s += options.c[t] ** -rho;
  return finiteResult('biasDrift', v * n ** -rho * s);
}

/**
 * PP-4: the variance MLE (ddof 0) under a schedule, E σ̂²_T = σ²·Π_{t=0}^T (1 − 1/(n c_t)) with c_0 = 1.
 * Here σ̂²_t = (1/N_t)Σ(x − x̄)² on N_t = round(n·c_t) draws: pass the realised sizes N_0 … N_T.
 */
export function varianceMleExpectation(options: { sigma2: number; sizes: ArrayLike<number> }): number {
  optionsObject('options', options, '{ sigma2, sizes }');
  const sigma2 = positiveNumber('sigma2', options.sigma2);
  arrayLike('sizes', options.sizes);
  let p = sigma2;
  for (let t = 0; t < options.sizes.length; t++) {
    const N = integerInRange(`sizes[${t}]`, options.sizes[t], 1);
    p *= 1 - 1 / N;
  }
  return p;
}

/** PP-5: the improvement probability in one dimension, P(T) = (1/π)·arctan(2/√S_T); 1/2 at S = 0. */
export function improvementProbability1D(S: number): number {
  numberInRange('S', S, 0, Number.MAX_VALUE);
  return S === 0 ? 0.5 : Math.atan(2 / Math.sqrt(S)) / Math.PI;
}

/**
 * PP-6: the improvement probability for Σ = σ²I_d, P(T) = E[Φ(−√S_T·χ_d/2)], by composite Simpson
 * quadrature of Φ(−√S r/2) against the χ_d density on [0, √d + 14] (4 000 panels; absolute error < 1e-10).
 */
export function improvementProbabilityIsotropic(S: number, d: number): number {
  numberInRange('S', S, 0, Number.MAX_VALUE);
  integerInRange('d', d, 1, 1000);
  if (S === 0) return 0.5;
  const logNorm = (d / 2 - 1) * Math.LN2 + logGamma(d / 2);
  const density = (r: number) => (r === 0 ? (d === 1 ? Math.exp(-logNorm) : 0) : Math.exp((d - 1) * Math.log(r) - (r * r) / 2 - logNorm));
  const upper = Math.sqrt(d) + 14;
  const panels = 4000;
  const h = upper / panels;
  const f = (r: number) => normalCdf((-Math.sqrt(S) * r) / 2) * density(r);
  let sum = f(0) + f(upper);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}

/**
 * PP-7 (d = 2): the asymptotic improvement probability of an asymptotically normal estimator with
 * asymptotic covariance V (e.g. I(θ*)⁻¹): P(T) → E[Φ(−‖W‖²/(2√(WᵀVW)))], W ~ N(0, S_T·V).
 * Derivation: W = √S·L·ρu with V = LLᵀ, u on the unit circle and ρ Rayleigh; the argument is
 * c(u)·ρ with c(u) = √S·‖Lu‖²/(2√(uᵀLᵀVLu)), and E_ρ Φ(−cρ) = ½(1 − c/√(1 + c²)) (integration by parts).
 * The remaining average over the angle is periodic and smooth: the trapezoid rule with 2 048 points is exact
 * to rounding.
 */
export function improvementProbabilityGeneral2D(S: number, V: Float64Array): number {
  numberInRange('S', S, 0, Number.MAX_VALUE);
  finiteVector('V', V, 4);
  if (S === 0) return 0.5;
  let L: Float64Array;
  try {
    L = cholesky(V, 2);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new InvalidArgumentError('V', V, 'a symmetric positive definite 2×2 matrix, row-major');
    throw error;
  }
  const points = 2048;
  let sum = 0;
  for (let i = 0; i < points; i++) {
    const theta = (2 * Math.PI * i) / points;
    const u0 = Math.cos(theta);
    const u1 = Math.sin(theta);
    const w0 = L[0] * u0; // L is lower triangular, row-major
    const w1 = L[2] * u0 + L[3] * u1;
    const norm2 = w0 * w0 + w1 * w1;
    const quad = w0 * (V[0] * w0 + V[1] * w1) + w1 * (V[2] * w0 + V[3] * w1);
    const c = (Math.sqrt(S) * norm2) / (2 * Math.sqrt(quad));
    sum += 0.5 * (1 - c / Math.sqrt(1 + c * c));
  }
  return sum / points;
}

/**
 * Exact finite-n error of the fresh-data recursion for RANDOM-design linear regression with one covariate
 * (the linear case of GR-14, CLAIMS.md §1.9, made exact at every n instead of asymptotic).
 *
 * Model: x ~ N(0, s²), y = xβ + σε; round t fits weighted least squares on n fresh real points (per-point
 * weight a = w/n) and m synthetic points (covariates from the same N(0, s²), responses y = xβ_{t−1} + σε',
 * per-point weight b = (1 − w)/m). With S_r = Σ_real x², S_s = Σ_syn x²:
 *
 *   β_t − β = [a σ Σ_r x ε + b σ Σ_s x ε' + b S_s (β_{t−1} − β)] / (a S_r + b S_s).
 *
 * The round's data are independent of β_{t−1} and E[ε | x] = 0, so the cross terms vanish and, exactly,
 *
 *   e_t := E(β_t − β)² = κ·e_{t−1} + ν,   e_0 = σ²/(s²(n − 2)),
 *   κ = E[(bU / (a(1 − U) + bU))²],   ν = (σ²/s²)·E[(a²(1 − U) + b²U)/(a(1 − U) + bU)²] / (n + m − 2),
 *
 * writing S_r = s²G(1 − U), S_s = s²GU with G ~ χ²_{n+m} independent of U ~ Beta(m/2, n/2) (the classical
 * gamma–beta independence) and E[1/G] = 1/(n + m − 2). The two Beta expectations are computed by composite
 * Gauss–Legendre quadrature (16 nodes per panel, panels of at most a quarter of U's standard deviation over
 * U's mean ± 60 sd, clipped to [0, 1]); with n, m ≥ 10 the Beta density and its derivatives vanish at 0 and 1,
 * so the rule converges geometrically (checked against E U, E U² and the naive-weight closed form below to
 * 1e-12).
 *
 * Checks (closed forms): at the naive weight a = b, κ = E U² = m(m + 2)/(N(N + 2)) and ν = (σ²/s²)/(N − 2)
 * with N = n + m; as n → ∞ at fixed k = n/m, n·e_t·s²/σ² → B^t + f(w, k)(1 − B^t) (glmScaledError with
 * tr(I⁻¹) = σ²/s²).
 *
 * Source: derived here (the gamma–beta decomposition: e.g. Johnson, Kotz & Balakrishnan, Continuous Univariate
 * Distributions vol. 2, §25.2); the recursion is that of CLAIMS §1.9 Theorem 2 without linearisation.
 *
 * @example randomDesignLinearError({ n: 20, m: 20, w: 0.5, t: 0, noiseVariance: 1, covariateVariance: 1 }) // 1/18
 */
import { integerInRange, positiveNumber, unitInterval, optionsObject } from '../validate.js';
import { gaussLegendre } from '../models/glm/quadrature.js';
import { logBeta } from '../special/logBeta.js';
import { roundCount } from './limits.js';
import { InvalidArgumentError } from '../errors.js';

/** κ and ν/(σ²/s²) of one round (see the file header). */
export interface RandomDesignLinearTransition {
  /** κ: the factor E(β_t − β)² carries from the previous round. */
  readonly contraction: number;
  /** ν·s²/σ²: the fresh noise of one round in units of σ²/s². */
  readonly noise: number;
}

/**
 * E_U[φ(U)] for U ~ Beta(alpha, beta), alpha, beta ≥ 5, by composite 16-point Gauss–Legendre quadrature
 * (see the file header).
 */
export function betaExpectation(phi: (u: number) => number, alpha: number, beta: number): number {
  if (typeof phi !== 'function') throw new InvalidArgumentError('phi', phi, 'a function u ↦ φ(u) on (0, 1)');
  positiveNumber('alpha', alpha);
  positiveNumber('beta', beta);
  const total = alpha + beta;
  const mean = alpha / total;
  const sd = Math.sqrt((alpha * beta) / (total * total * (total + 1)));
  const lo = Math.max(0, mean - 60 * sd);
  const hi = Math.min(1, mean + 60 * sd);
  const panels = Math.min(4000, Math.max(64, Math.ceil((hi - lo) / (0.25 * sd))));
  const width = (hi - lo) / panels;
  const { nodes, weights } = gaussLegendre(16);
  const logNorm = logBeta(alpha, beta);
  let sum = 0;
  for (let panel = 0; panel < panels; panel++) {
    const centre = lo + (panel + 0.5) * width;
    for (let j = 0; j < 16; j++) {
      const u = centre + 0.5 * width * nodes[j];
      if (!(u > 0 && u < 1)) continue;
      const density = Math.exp((alpha - 1) * Math.log(u) + (beta - 1) * Math.log1p(-u) - logNorm);
      sum += 0.5 * width * weights[j] * density * phi(u);
    }
  }
  if (!Number.isFinite(sum)) throw new InvalidArgumentError('phi', phi, `a function whose expectation under Beta(${alpha}, ${beta}) is finite (got ${sum})`);
  return sum;
}

/** κ and ν·s²/σ² of one round of the random-design linear recursion (n, m ≥ 10, w ∈ [0, 1]). */
export function randomDesignLinearTransition(options: { n: number; m: number; w: number }): RandomDesignLinearTransition {
  optionsObject('options', options, '{ n, m, w }');
  const n = integerInRange('n', options.n, 10);
  const m = integerInRange('m', options.m, 10);
  const w = unitInterval('w', options.w);
  const a = w / n;
  const b = (1 - w) / m;
  const contraction = betaExpectation((u) => ((b * u) / (a * (1 - u) + b * u)) ** 2, m / 2, n / 2);
  const ratio = betaExpectation((u) => (a * a * (1 - u) + b * b * u) / (a * (1 - u) + b * u) ** 2, m / 2, n / 2);
  return { contraction, noise: ratio / (n + m - 2) };
}

/**
 * E(β_t − β)², exact, for the fresh-data recursion of one-covariate random-design linear regression with
 * x ~ N(0, covariateVariance), noise variance σ² (file header). Requires n, m ≥ 10.
 */
export function randomDesignLinearError(options: { n: number; m: number; w: number; t: number; noiseVariance: number; covariateVariance: number }): number {
  optionsObject('options', options, '{ n, m, w, t, noiseVariance, covariateVariance }');
  const t = roundCount('t', options.t);
  const scale = positiveNumber('noiseVariance', options.noiseVariance) / positiveNumber('covariateVariance', options.covariateVariance);
  const n = integerInRange('n', options.n, 10);
  integerInRange('m', options.m, 10); // validated at every t, t = 0 included (house rule: bad input is refused)
  unitInterval('w', options.w);
  let error = 1 / (n - 2);
  if (t > 0) {
    const { contraction, noise } = randomDesignLinearTransition(options);
    for (let s = 1; s <= t; s++) error = contraction * error + noise;
  }
  return scale * error;
}

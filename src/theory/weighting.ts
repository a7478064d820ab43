/**
 * Closed forms of the weighting (golden-ratio) paper, arXiv 2502.18049 (CLAIMS.md §1, §8 GR-*).
 * Notation: n real and m synthetic points per round, k = n/m, w ∈ [0, 1] the weight on real data,
 * B = (1 − w)².
 */
import { integerInRange, numberInRange, positiveNumber, unitInterval, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { roundCount } from './limits.js';
import { weightVector } from './limits.js';
import { finiteResult } from '../finiteResult.js';

/**
 * The unified limit factor f(w, k) = (w² + k(1 − w)²)/(1 − (1 − w)²) = (w² + k(1 − w)²)/(w(2 − w)), w ∈ (0, 1].
 * The n-scaled limiting error of every estimator of the paper is f times the real-only error (GR-2, GR-14).
 * @example limitFactor(0.5, 1) // (0.25 + 0.25)/0.75 = 2/3
 */
export function limitFactor(w: number, k: number): number {
  numberInRange('w', w, Number.MIN_VALUE, 1);
  positiveNumber('k', k);
  return finiteResult('limitFactor', (w * w + k * (1 - w) ** 2) / (w * (2 - w)));
}

/**
 * The optimal constant weight w*(k) = (√(k² + 4k) − k)/2, the positive root of w² + kw − k = 0 (GR-4).
 * w*(1) = 1/φ = 0.6180339887…  Computed as 2k/(√(k² + 4k) + k) to avoid cancellation for large k.
 * @example optimalWeight(1) // 0.6180339887498949
 */
export function optimalWeight(k: number): number {
  positiveNumber('k', k);
  if (k > 1e150) return 2 / (Math.sqrt(1 + 4 / k) + 1); // the same ratio, without k² overflowing (issue 7)
  return (2 * k) / (Math.sqrt(k * k + 4 * k) + k);
}

/** The implicit weight of unweighted pooling, n/(n + m) = k/(1 + k) (GR-7). */
export function naiveWeight(k: number): number {
  positiveNumber('k', k);
  return k / (1 + k);
}

/** Naive-to-optimal ratio of the limiting error, R(k) = (1 + k)/((2 + k)·w*(k)) (GR-8). */
export function naiveToOptimalRatio(k: number): number {
  positiveNumber('k', k);
  return (1 + k) / ((2 + k) * optimalWeight(k));
}

/** The real-weight threshold above which synthetic data help the mean: w > k/(2 + k) (GR-6). */
export function improvementThreshold(k: number): number {
  positiveNumber('k', k);
  return k / (2 + k);
}

/**
 * Exact Gaussian-mean error of the fresh-data scheme at round t (GR-1, Thm 1):
 * E‖μ_t − μ‖² = (trΣ/n)·[B^t + f(w, k)(1 − B^t)], written without f so that w = 0 is included:
 * (trΣ/n)·B^t + trΣ·(w²/n + B/m)·(1 − B^t)/(1 − B), and at w = 0: trΣ(1/n + t/m) (GR-3).
 * Holds for any n, m ≥ 1 (mean with known or unbiased-estimated covariance).
 */
export function freshMeanError(options: { traceSigma: number; n: number; m: number; w: number; t: number }): number {
  optionsObject('options', options, '{ traceSigma, n, m, w, t }');
  const traceSigma = positiveNumber('traceSigma', options.traceSigma);
  const n = integerInRange('n', options.n, 1);
  const m = integerInRange('m', options.m, 1);
  const w = unitInterval('w', options.w);
  const t = integerInRange('t', options.t, 0);
  const B = (1 - w) ** 2;
  if (w === 0) return finiteResult('freshMeanError', traceSigma * (1 / n + t / m));
  const Bt = B ** t;
  return finiteResult('freshMeanError', (traceSigma / n) * Bt + traceSigma * (w * w / n + B / m) * geometricSum(w, t));
}

/**
 * Σ_{j<t} B^j = (1 − B^t)/(1 − B) with B = (1 − w)², computed without cancellation for tiny w:
 * 1 − B = w(2 − w) exactly and 1 − B^t = −expm1(2t·log1p(−w)); equals t at w = 0.
 */
export function geometricSum(w: number, t: number): number {
  unitInterval('w', w);
  integerInRange('t', t, 0);
  if (w === 0) return t;
  if (w === 1) return t === 0 ? 0 : 1;
  return -Math.expm1(2 * t * Math.log1p(-w)) / (w * (2 - w));
}

/** Limit t → ∞ of freshMeanError for w ∈ (0, 1]: (trΣ/n)·f(w, k) (GR-2). */
export function freshMeanLimit(options: { traceSigma: number; n: number; m: number; w: number }): number {
  optionsObject('options', options, '{ traceSigma, n, m, w }');
  const traceSigma = positiveNumber('traceSigma', options.traceSigma);
  const n = integerInRange('n', options.n, 1);
  const m = integerInRange('m', options.m, 1);
  return finiteResult('freshMeanLimit', (traceSigma / n) * limitFactor(options.w, n / m));
}

/**
 * Exact covariance error of the fresh-data scheme with the unbiased (ddof 1) per-source covariance
 * (GR-9, Thm 1; CLAIMS §1.4): with P = ‖Σ‖_F², Q = (trΣ)², a = B(m+1)/(m−1), b = B(m−2)/(m−1),
 * c = w²/(n−1) + B/(m−1):
 *   E‖Σ_t − Σ‖_F² = (4P+2Q)/3·[a^t/(n−1) + c·S(a)] + (Q−P)/3·[b^t/(n−1) + c·S(b)],  S(x) = Σ_{j<t} x^j.
 * Requires n, m ≥ 2. Computed by the coupled recursion of CLAIMS §1.4 when exactness matters near a = 1.
 */
export function freshCovarianceError(options: { frobeniusSquared: number; traceSquared: number; n: number; m: number; w: number; t: number }): number {
  optionsObject('options', options, '{ frobeniusSquared, traceSquared, n, m, w, t }');
  const P = positiveNumber('frobeniusSquared', options.frobeniusSquared);
  const Q = positiveNumber('traceSquared', options.traceSquared);
  const n = integerInRange('n', options.n, 2);
  const m = integerInRange('m', options.m, 2);
  const w = unitInterval('w', options.w);
  const t = roundCount('t', options.t);
  const B = (1 - w) ** 2;
  // u_t = E‖Σ_t − Σ‖_F², v_t = E(tr(Σ_t − Σ))²; the exact recursion (equivalent to the eigen form).
  let u = (P + Q) / (n - 1);
  let v = (2 * P) / (n - 1);
  for (let s = 1; s <= t; s++) {
    const uNext = (w * w * (P + Q)) / (n - 1) + B * ((P + u + Q + v) / (m - 1) + u);
    const vNext = (2 * w * w * P) / (n - 1) + B * ((2 * (P + u)) / (m - 1) + v);
    u = uNext;
    v = vNext;
  }
  return finiteResult('freshCovarianceError', u);
}

/** The same error by the two-eigenvalue closed form (an independent route to freshCovarianceError). */
export function freshCovarianceErrorClosedForm(options: { frobeniusSquared: number; traceSquared: number; n: number; m: number; w: number; t: number }): number {
  optionsObject('options', options, '{ frobeniusSquared, traceSquared, n, m, w, t }');
  const P = positiveNumber('frobeniusSquared', options.frobeniusSquared);
  const Q = positiveNumber('traceSquared', options.traceSquared);
  const n = integerInRange('n', options.n, 2);
  const m = integerInRange('m', options.m, 2);
  const w = unitInterval('w', options.w);
  const t = integerInRange('t', options.t, 0);
  const B = (1 - w) ** 2;
  const a = (B * (m + 1)) / (m - 1);
  const b = (B * (m - 2)) / (m - 1);
  const c = (w * w) / (n - 1) + B / (m - 1);
  const geometric = (x: number) => (x === 1 ? t : (1 - x ** t) / (1 - x));
  return finiteResult('freshCovarianceErrorClosedForm', ((4 * P + 2 * Q) / 3) * (a ** t / (n - 1) + c * geometric(a)) + ((Q - P) / 3) * (b ** t / (n - 1) + c * geometric(b)));
}

/** Leading growth rate a(w, m) = (1 − w)²(m + 1)/(m − 1): the covariance error diverges iff a ≥ 1 (GR-10). */
export function covarianceGrowthRate(w: number, m: number): number {
  unitInterval('w', w);
  integerInRange('m', m, 2);
  return ((1 - w) ** 2 * (m + 1)) / (m - 1);
}

/** The covariance collapse threshold: the error diverges iff w ≤ 1 − √((m − 1)/(m + 1)) (GR-10). */
export function covarianceCollapseThreshold(m: number): number {
  integerInRange('m', m, 2);
  return 1 - Math.sqrt((m - 1) / (m + 1));
}

/**
 * Limit of the covariance error when a < 1 (CLAIMS §1.4):
 * c·[(P+Q)(1−B) + 2B·P/(m−1)] / [(1 − a)(1 − B(1 − 1/(m−1)))].
 */
export function freshCovarianceLimit(options: { frobeniusSquared: number; traceSquared: number; n: number; m: number; w: number }): number {
  optionsObject('options', options, '{ frobeniusSquared, traceSquared, n, m, w }');
  const { n, m, w } = options;
  const P = positiveNumber('frobeniusSquared', options.frobeniusSquared);
  const Q = positiveNumber('traceSquared', options.traceSquared);
  integerInRange('n', n, 2);
  const a = covarianceGrowthRate(w, m);
  if (a >= 1) throw new InvalidArgumentError('w', w, `a weight above the collapse threshold ${covarianceCollapseThreshold(m)} (the error diverges)`);
  const B = (1 - w) ** 2;
  const c = (w * w) / (n - 1) + B / (m - 1);
  return finiteResult('freshCovarianceLimit', (c * ((P + Q) * (1 - B) + (2 * B * P) / (m - 1))) / ((1 - a) * (1 - B * (1 - 1 / (m - 1)))));
}

/** Fully synthetic 1-D variance error (GR-11): E(σ_t² − σ²)² = σ⁴[((m+1)/(m−1))^t·(n+1)/(n−1) − 1]. */
export function fullySyntheticVarianceError(options: { sigma2: number; n: number; m: number; t: number }): number {
  optionsObject('options', options, '{ sigma2, n, m, t }');
  const s2 = positiveNumber('sigma2', options.sigma2);
  const n = integerInRange('n', options.n, 2);
  const m = integerInRange('m', options.m, 2);
  const t = integerInRange('t', options.t, 0);
  return finiteResult('fullySyntheticVarianceError', s2 * s2 * (((m + 1) / (m - 1)) ** t * ((n + 1) / (n - 1)) - 1));
}

/**
 * Limit of the fixed linear rule μ_t = Σ a_i x_i + Σ b_j y_j (Σa + Σb = 1) (GR-13, Prop 1):
 * trΣ·(Σa² + Σb²)/(1 − (Σb)²).
 */
export function linearRuleLimit(traceSigma: number, realWeights: ArrayLike<number>, syntheticWeights: ArrayLike<number>): number {
  positiveNumber('traceSigma', traceSigma);
  realWeights = weightVector('realWeights', realWeights);
  syntheticWeights = weightVector('syntheticWeights', syntheticWeights);
  let sa = 0;
  let sa2 = 0;
  let sb = 0;
  let sb2 = 0;
  for (let i = 0; i < realWeights.length; i++) { sa += realWeights[i]; sa2 += realWeights[i] ** 2; }
  for (let j = 0; j < syntheticWeights.length; j++) { sb += syntheticWeights[j]; sb2 += syntheticWeights[j] ** 2; }
  if (Math.abs(sa + sb - 1) > 1e-9) throw new InvalidArgumentError('weights', sa + sb, 'weights summing to 1');
  if (!(Math.abs(sb) < 1)) throw new InvalidArgumentError('syntheticWeights', sb, 'a total synthetic weight with |Σb| < 1');
  return finiteResult('linearRuleLimit', (traceSigma * (sa2 + sb2)) / (1 - sb * sb));
}

/**
 * Asymptotic n-scaled GLM error at round t (GR-14, Thm 2): tr(I⁻¹)·[B^t + f(w,k)(1 − B^t)].
 */
export function glmScaledError(options: { traceInverseFisher: number; k: number; w: number; t: number }): number {
  optionsObject('options', options, '{ traceInverseFisher, k, w, t }');
  const tr = positiveNumber('traceInverseFisher', options.traceInverseFisher);
  const k = positiveNumber('k', options.k);
  const w = numberInRange('w', options.w, Number.MIN_VALUE, 1);
  const t = integerInRange('t', options.t, 0);
  const Bt = (1 - w) ** (2 * t);
  return finiteResult('glmScaledError', tr * (Bt + (w * w + k * (1 - w) ** 2) * geometricSum(w, t)));
}

/**
 * Fixed-design linear regression with m = n (GR-16, the code's LR), exact given X:
 * E‖β_t − β‖² = σ²·tr((XᵀX)⁻¹)·[B^t + (w² + B)(1 − B^t)/(1 − B)].
 */
export function fixedDesignError(options: { sigma2: number; traceXtXInverse: number; w: number; t: number }): number {
  optionsObject('options', options, '{ sigma2, traceXtXInverse, w, t }');
  const s2 = positiveNumber('sigma2', options.sigma2);
  const tr = positiveNumber('traceXtXInverse', options.traceXtXInverse);
  const w = unitInterval('w', options.w);
  const t = integerInRange('t', options.t, 0);
  const B = (1 - w) ** 2;
  return finiteResult('fixedDesignError', s2 * tr * (B ** t + (w * w + B) * geometricSum(w, t)));
}

/**
 * Cramér–von Mises error of the weighted-ECDF recursion (GR-17, Thm 3), exact:
 * Err_0 = 1/(6n);  Err_t = (1/6)(w²/n + B/m) + B(1 − 1/m)·Err_{t−1}.
 */
export function cvmError(options: { n: number; m: number; w: number; t: number }): number {
  optionsObject('options', options, '{ n, m, w, t }');
  return categoricalLikeError(1 / 6, options);
}

/** Limit of cvmError: (1/6)(w²/n + B/m)/(1 − B(1 − 1/m)); 1/6 at w = 0 (GR-17, GR-18). */
export function cvmLimit(options: { n: number; m: number; w: number }): number {
  optionsObject('options', options, '{ n, m, w }');
  return categoricalLikeLimit(1 / 6, options);
}

/**
 * Categorical frequencies (GR-21): err_t = E Σ_c(p̂_{t,c} − p_c)², with g = 1 − Σp_c²:
 * err_0 = g/n; err_t = g(w²/n + B/m) + B(1 − 1/m)·err_{t−1}.
 */
export function categoricalError(options: { sumSquares: number; n: number; m: number; w: number; t: number }): number {
  optionsObject('options', options, '{ sumSquares, n, m, w, t }');
  const g = 1 - numberInRange('sumSquares', options.sumSquares, 0, 1);
  return categoricalLikeError(g, options);
}

export function categoricalLimit(options: { sumSquares: number; n: number; m: number; w: number }): number {
  optionsObject('options', options, '{ sumSquares, n, m, w }');
  const g = 1 - numberInRange('sumSquares', options.sumSquares, 0, 1);
  return categoricalLikeLimit(g, options);
}

function categoricalLikeError(g: number, options: { n: number; m: number; w: number; t: number }): number {
  const n = integerInRange('n', options.n, 1);
  const m = integerInRange('m', options.m, 1);
  const w = unitInterval('w', options.w);
  const t = roundCount('t', options.t);
  const B = (1 - w) ** 2;
  let err = g / n;
  for (let s = 1; s <= t; s++) err = g * (w * w / n + B / m) + B * (1 - 1 / m) * err;
  return err;
}

function categoricalLikeLimit(g: number, options: { n: number; m: number; w: number }): number {
  const n = integerInRange('n', options.n, 1);
  const m = integerInRange('m', options.m, 1);
  const w = unitInterval('w', options.w);
  const B = (1 - w) ** 2;
  const denominator = 1 - B * (1 - 1 / m);
  // 1 − B(1 − 1/m) ≥ 1/m > 0 for every w ∈ [0, 1] and m ≥ 1 (at m = 1 the limit is g·(w²/n + B)): a guard only
  if (!(denominator > 0)) throw new InvalidArgumentError('m', m, 'an m with 1 − (1 − w)²(1 − 1/m) > 0 (true for every m ≥ 1; rounding guard)');
  return (g * (w * w / n + B / m)) / denominator;
}

/**
 * Finite-sample optimal weight of the CvM limit (GR-19): q = 1 − 1/m,
 * s = [(1 + k + q) − √((1 + k + q)² − 4q)]/(2q), w_opt = 1 − s. n = m = 10 gives 0.6073.
 */
export function cvmOptimalWeight(n: number, m: number): number {
  integerInRange('n', n, 1);
  integerInRange('m', m, 2);
  const k = n / m;
  const q = 1 - 1 / m;
  const s = (1 + k + q - Math.sqrt((1 + k + q) ** 2 - 4 * q)) / (2 * q);
  return 1 - s;
}

/** The CvM two-stage threshold (GR-20): improvement over real-only iff w > (k − 1/m)/(2 + k − 1/m). */
export function cvmImprovementThreshold(n: number, m: number): number {
  integerInRange('n', n, 1);
  integerInRange('m', m, 1);
  const k = n / m;
  return (k - 1 / m) / (2 + k - 1 / m);
}

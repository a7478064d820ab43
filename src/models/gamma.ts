/**
 * The Gamma(shape α, rate β) model, with density f(x) = β^α x^{α−1} e^{−βx} / Γ(α), x > 0.
 *
 * Used for the Gamma-MLE experiment of "A Probabilistic Perspective on Model Collapse" (CLAIMS.md §2.6),
 * whose asymptotic covariance is the inverse Fisher information [[ψ′(α), −1/β], [−1/β, α/β²]]⁻¹ / n.
 */
import type { Dataset, Metric, Model, WeightedSource } from './types.js';
import type { Stream } from '../rng/stream.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { finiteNumber, integerInRange, sampleSize, positiveNumber, parameterName } from '../validate.js';
import { finiteResult } from '../finiteResult.js';
import { normalisedSourceWeights } from './sourceWeights.js';
import { rowStorage } from './rowStorage.js';
import { digamma } from '../special/digamma.js';
import { trigamma } from '../special/trigamma.js';
import { fillGamma } from '../rng/gamma.js';
import { overflowScale } from './stableMoments.js';

/**
 * (ω/size)·Σ_{i<size} (x_i − center) for a sum that overflowed: summed on values scaled by a power of two and
 * scaled back after the weighting (the weighted mean of finite data is finite).
 */
function scaledWeightedSum(x: Float64Array, size: number, center: number, weight: number): number {
  let m = Math.abs(center);
  for (let i = 0; i < size; i++) m = Math.max(m, Math.abs(x[i]));
  const k = overflowScale(m);
  let sum = 0;
  for (let i = 0; i < size; i++) sum += x[i] * k - center * k;
  return (weight * sum) / k;
}

/** θ of the Gamma model: shape α > 0 and rate β > 0 (mean α/β, variance α/β²). */
export interface GammaTheta {
  readonly shape: number;
  readonly rate: number;
}

/** Relative tolerance of the Newton iteration on α. */
const SHAPE_TOLERANCE = 1e-12;
/** Newton iterations allowed before NumericalError('non-convergence'). */
const MAX_NEWTON_ITERATIONS = 100;
/** Above this α, log α − ψ(α) and its derivative are summed from their asymptotic series (no cancellation). */
const SERIES_THRESHOLD = 10;
/**
 * Below this s (α̂ > 5e99) the shape comes from the inverted large-α series, α = 1/(2s) + 1/6 − s/18 + O(s²),
 * which is 1/(2s) to rounding there (1/6 is 3e−101 of it); Newton's slope −1/(2α²) underflows for s < 1e−154.
 * A fit's s is never this small.
 */
const SMALL_GAP = 1e-100;
/**
 * Above this s (α̂ < 1e−12) the shape comes from the small-α expansion ln α − ψ(α) = ln α + 1/α + γ − (π²/6)α +
 * O(α²), by fixed-point iteration on α = 1/(s − ln α − γ) (the (π²/6)α term is below 2e−24 of s there; the map
 * contracts by a factor α per step, so four steps from 1/s are exact to rounding); Minka's start cancels to 0
 * from s ≈ 1.5e17. A fit's s is never this large (at most ≈ 1.5e3 for finite positive data).
 */
const LARGE_GAP = 1e12;
/** Euler–Mascheroni constant γ = −ψ(1). */
const EULER_GAMMA = 0.5772156649015329;

/**
 * g(α) = ln α − ψ(α) > 0, decreasing from +∞ to 0. For α ≥ 10 it is summed directly from the asymptotic
 * series g(α) = 1/(2α) + Σ_{k≥1} B_{2k}/(2k α^{2k}) (A&S 6.3.18, through B₁₄; truncation < 1e−16
 * relative), because ln α − ψ(α) by subtraction loses ~log₁₀(2α ln α) digits to cancellation.
 */
function logMinusDigamma(alpha: number): number {
  if (alpha < SERIES_THRESHOLD) return Math.log(alpha) - digamma(alpha);
  const r = 1 / alpha;
  const r2 = r * r;
  return 0.5 * r + r2 * (1 / 12 + r2 * (-1 / 120 + r2 * (1 / 252 + r2 * (-1 / 240 + r2 * (1 / 132 + r2 * (-691 / 32760 + r2 / 12))))));
}

/**
 * g′(α) = 1/α − ψ′(α) < 0. For α ≥ 10 from the term-wise derivative of the series of `logMinusDigamma`
 * (equivalently A&S 6.4.12): −[1/(2α²) + 1/(6α³) − 1/(30α⁵) + 1/(42α⁷) − 1/(30α⁹) + 5/(66α¹¹) − 691/(2730α¹³) + 7/(6α¹⁵)].
 */
function logMinusDigammaDerivative(alpha: number): number {
  if (alpha < SERIES_THRESHOLD) return 1 / alpha - trigamma(alpha);
  const r = 1 / alpha;
  const r2 = r * r;
  return -(0.5 * r2 + r2 * r * (1 / 6 + r2 * (-1 / 30 + r2 * (1 / 42 + r2 * (-1 / 30 + r2 * (5 / 66 + r2 * (-691 / 2730 + (7 / 6) * r2)))))));
}

/** δ − ln(1 + δ) ≥ 0 for δ > −1, by its Taylor series δ²/2 − δ³/3 + … when |δ| < 0.01 (no cancellation). */
function deltaMinusLog1p(delta: number): number {
  if (Math.abs(delta) >= 0.01) return delta - Math.log1p(delta);
  const d = delta;
  return d * d * (1 / 2 - d * (1 / 3 - d * (1 / 4 - d * (1 / 5 - d * (1 / 6 - d * (1 / 7 - d * (1 / 8 - d * (1 / 9 - d / 10))))))));
}

/**
 * The Gamma shape MLE: the root α̂ > 0 of ln α − ψ(α) = s, for the statistic s = ln x̄_ω − (ln x)‾_ω > 0
 * (Jensen's gap of the weighted data). ln α − ψ(α) decreases from +∞ to 0, so the root exists and is
 * unique for every s > 0.
 *
 * Method (Minka, "Estimating a Gamma distribution", 2002): start at α₀ = (3 − s + √((s − 3)² + 24s))/(12s),
 * then Newton on f(α) = ln α − ψ(α) − s with f′(α) = 1/α − ψ′(α), until |α_{k+1} − α_k| ≤ 1e−12·α_{k+1}.
 * f is convex and decreasing, so Newton iterates left of the root increase monotonically to it; a step
 * that would leave (0, ∞) is replaced by halving α (safeguard). More than 100 iterations →
 * NumericalError('non-convergence'); s ≤ 0 → NumericalError('degenerate') (all points equal). Outside
 * [1e−100, 1e12], where Newton's start or slope is lost to rounding, α̂ comes from the asymptotic expansions at
 * α → ∞ and α → 0 (SMALL_GAP, LARGE_GAP); a root beyond the doubles' normal range → NumericalError('overflow').
 *
 * @example
 *   gammaShapeMle(Math.log(2) - digamma(2)); // 2 (to ~1e−15)
 */
export function gammaShapeMle(s: number): number {
  finiteNumber('s', s);
  if (!(s > 0)) {
    throw new NumericalError('degenerate', `the Gamma shape is not identified: the log-mean gap s = ln x̄ − mean(ln x) is ${s} ≤ 0 (all observations equal)`, { s });
  }
  if (s < SMALL_GAP) {
    const alpha = 1 / (2 * s);
    if (!Number.isFinite(alpha)) throw new NumericalError('overflow', `the Gamma shape α̂ ≈ 1/(2s) for s = ${s} exceeds the largest double`, { s });
    return alpha;
  }
  if (s > LARGE_GAP) {
    let alpha = 1 / s;
    for (let k = 0; k < 4; k++) alpha = 1 / (s - Math.log(alpha) - EULER_GAMMA);
    if (!(alpha >= 2 ** -1022)) throw new NumericalError('overflow', `the Gamma shape α̂ ≈ 1/s for s = ${s} lies below the smallest normal double`, { s, alpha });
    return alpha;
  }
  let alpha = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let iteration = 0; iteration < MAX_NEWTON_ITERATIONS; iteration++) {
    const value = logMinusDigamma(alpha) - s;
    const slope = logMinusDigammaDerivative(alpha);
    let next = alpha - value / slope;
    if (!(next > 0) || !Number.isFinite(next)) next = 0.5 * alpha;
    if (Math.abs(next - alpha) <= SHAPE_TOLERANCE * next) return next;
    alpha = next;
  }
  throw new NumericalError('non-convergence', `Newton on the Gamma shape (ln α − ψ(α) = ${s}) did not reach relative tolerance ${SHAPE_TOLERANCE} in ${MAX_NEWTON_ITERATIONS} iterations (last α = ${alpha})`, { s, alpha });
}

/**
 * The Fisher information of one Gamma(shape α, rate β) observation,
 * I(α, β) = [[ψ′(α), −1/β], [−1/β, α/β²]] (row-major 2×2), minus the expected Hessian of
 * ln f = α ln β − ln Γ(α) + (α − 1) ln x − βx (CLAIMS.md §2.6). The MLE from n points is asymptotically
 * N((α, β), I⁻¹/n), with Var α̂ ≈ α/((αψ′(α) − 1)·n).
 *
 * @example
 *   gammaFisherInformation(1, 2); // [π²/6, −0.5, −0.5, 0.25]
 */
export function gammaFisherInformation(shape: number, rate: number): Float64Array {
  positiveNumber('shape', shape);
  positiveNumber('rate', rate);
  const psi1 = trigamma(shape);
  if (!Number.isFinite(psi1)) {
    throw new NumericalError('overflow', `the Fisher information entry ψ′(shape) ≈ 1/shape² is beyond the double range for shape = ${shape}`, { parameter: 'shape', shape });
  }
  const cross = -1 / rate;
  const rateRate = shape / (rate * rate);
  if (!Number.isFinite(cross) || !Number.isFinite(rateRate)) {
    // 1/rate or shape/rate² exceeds the double range (rate = 5e-324 gives −1/rate = −Infinity)
    throw new NumericalError('overflow', `the Fisher information entries −1/rate and shape/rate² are beyond the double range for shape = ${shape}, rate = ${rate}`, { parameter: 'rate', shape, rate });
  }
  return Float64Array.of(psi1, cross, cross, rateRate);
}

/**
 * The Gamma(shape, rate) model.
 *
 * fit(sources): the weighted MLE, maximising Σ_i ω_i[(α − 1) ln x_i − βx_i] + (Σ_i ω_i)(α ln β − ln Γ(α))
 * with ω_i = w_s/(W·size_s) (weight-0 sources ignored). Its score equations give β̂ = α̂/x̄_ω and
 * ln α̂ − ψ(α̂) = s := ln x̄_ω − (ln x)‾_ω, solved by `gammaShapeMle`. s is accumulated as
 * Σ_i ω_i[δ_i − ln(1 + δ_i)] with δ_i = (x_i − x̄_ω)/x̄_ω: a sum of non-negative terms, first-order
 * insensitive to the rounding of x̄_ω (which is itself refined by a second pass), so s keeps its relative
 * accuracy even for nearly equal data (huge α̂) instead of cancelling in ln x̄ − mean(ln x). Every data point must be > 0 (InvalidArgumentError); points all equal →
 * NumericalError('degenerate').
 * sample(θ, size, stream): `fillGamma`. metrics: params = (α̂ − α)² + (β̂ − β)².
 *
 * @example
 *   const model = gammaModel();
 *   const data = model.sample({ shape: 2, rate: 3 }, 1000, rootKey('demo').stream());
 *   model.fit([{ data, weight: 1 }]); // ≈ { shape: 2, rate: 3 }
 */
export function gammaModel(): Model<GammaTheta> {
  function fit(sources: readonly WeightedSource[]): GammaTheta {
    const omega = normalisedSourceWeights(sources, 1);
    let omegaTotal = 0; // Σ_s ω_s, 1 up to rounding; dividing by it makes the fit exactly scale-free
    let firstMean = 0;
    let minimum = Infinity;
    let maximum = -Infinity;
    for (let s = 0; s < sources.length; s++) {
      const { x, size } = sources[s].data;
      for (let i = 0; i < size; i++) {
        if (!(x[i] > 0)) throw new InvalidArgumentError(`sources[${s}].data.x[${i}]`, x[i], 'a number > 0 (Gamma data are positive)');
      }
      if (omega[s] === 0) continue;
      let sum = 0;
      for (let i = 0; i < size; i++) {
        sum += x[i];
        if (x[i] < minimum) minimum = x[i];
        if (x[i] > maximum) maximum = x[i];
      }
      omegaTotal += omega[s];
      firstMean += (omega[s] / size) * sum; // may overflow (entries near 1e308): then summed again scaled, below
    }
    if (minimum === maximum) {
      throw new NumericalError('degenerate', `every observation of positive weight equals ${minimum}: the Gamma shape is not identified`, { value: minimum });
    }
    if (Number.isFinite(firstMean)) firstMean /= omegaTotal;
    else {
      // A sum of entries near 1e308, or Σ_s ω_s x̄_s (the rounded ω_s can sum above 1), overflowed although the
      // weighted mean is finite: summed again on the data scaled by a power of two k, divided by Σω, then scaled back.
      const k = overflowScale(maximum);
      let scaled = 0;
      for (let s = 0; s < sources.length; s++) {
        if (omega[s] === 0) continue;
        const { x, size } = sources[s].data;
        let sum = 0;
        for (let i = 0; i < size; i++) sum += x[i] * k;
        scaled += (omega[s] / size) * sum;
      }
      firstMean = scaled / omegaTotal / k;
    }
    // Second pass: x̄_ω = x̄₁ + (Σ ω_i (x_i − x̄₁))/Σω, accurate to ε·spread (the differences are exact for
    // nearly equal data), so that s below keeps its relative accuracy even when the data barely vary.
    let correction = 0;
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) continue;
      const { x, size } = sources[s].data;
      let sum = 0;
      for (let i = 0; i < size; i++) sum += x[i] - firstMean;
      correction += Number.isFinite(sum) ? (omega[s] / size) * sum : scaledWeightedSum(x, size, firstMean, omega[s] / size);
    }
    const mean = firstMean + correction / omegaTotal;
    const logMean = Math.log(mean);
    let gap = 0; // s = ln x̄_ω − (ln x)‾_ω = Σ ω_i [δ_i − ln(1 + δ_i)] / Σω,  δ_i = (x_i − x̄_ω)/x̄_ω
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) continue;
      const { x, size } = sources[s].data;
      let sum = 0;
      for (let i = 0; i < size; i++) {
        const delta = (x[i] - mean) / mean;
        sum += Math.abs(delta) < 0.5 ? deltaMinusLog1p(delta) : delta - (Math.log(x[i]) - logMean);
      }
      gap += (omega[s] / size) * sum;
    }
    const shape = gammaShapeMle(gap / omegaTotal);
    const rate = shape / mean;
    if (!(rate > 0) || !Number.isFinite(rate)) {
      throw new NumericalError('overflow', `the Gamma rate α̂/x̄ = ${shape}/${mean} is not a finite positive number`, { shape, mean });
    }
    return { shape, rate };
  }

  function validate(theta: GammaTheta, name = 'theta'): void {
    name = parameterName(name, 'theta');
    if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, 'an object { shape, rate }');
    positiveNumber(`${name}.shape`, theta.shape);
    positiveNumber(`${name}.rate`, theta.rate);
  }

  function sample(theta: GammaTheta, size: number, stream: Stream): Dataset {
    validate(theta);
    sampleSize('size', size);
    const x = fillGamma(stream, theta.shape, theta.rate, rowStorage(size));
    return { size, dim: 1, x, y: null };
  }

  const params: Metric<GammaTheta> = (estimate, truth) => {
    validate(estimate, 'estimate');
    validate(truth, 'truth');
    const da = estimate.shape - truth.shape;
    const db = estimate.rate - truth.rate;
    return finiteResult('the squared parameter error (α̂ − α)² + (β̂ − β)²', da * da + db * db);
  };

  return { name: 'gamma', sample, fit, metrics: { params }, validate };
}

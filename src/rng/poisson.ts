/**
 * Poisson variates: P(K = k) = e^(−λ) λ^k / k!, k = 0, 1, 2, … (λ = `mean`).
 *
 * λ < 10 — inversion by sequential search (Devroye 1986, §X.3.2): U ∈ [0, 1); K = the least k with
 *   U < Σ_{j ≤ k} p_j, the p_j built by p_0 = e^(−λ), p_j = p_{j−1}·λ/j. Expected cost 1 + λ steps.
 *   (The search stops once p_k < 2^−60·F(k): the remaining tail mass is below the rounding of F.)
 * λ ≥ 10 — PTRS, Hörmann's transformed rejection with squeeze (1993): U ∈ [−½, ½), V ∈ [0, 1),
 *   u_s = ½ − |U|, K = ⌊(2a/u_s + b)U + λ + 0.43⌋ with b = 0.931 + 2.53√λ, a = −0.059 + 0.02483 b,
 *   1/α = 1.1239 + 1.1328/(b − 3.4), v_r = 0.9277 − 3.6224/(b − 2); accept at once when u_s ≥ 0.07 and
 *   V ≤ v_r; reject when K < 0 or (u_s < 0.013 and V > u_s); otherwise accept iff
 *   ln(V/α) − ln(a/u_s² + b) ≤ ln P(K = k). Exact for every λ ≥ 10 given an exact ln P(K = k)
 *   (expected ≈ 1.15 uniform pairs per draw, no setup table).
 *
 * ln P(K = k) is computed in this file by Loader's saddle-point form (no cancellation even at λ = 1e9):
 *   ln P(K = k) = −bd0(k, λ) − ½ ln(2πk) − δ(k),  bd0(k, λ) = k ln(k/λ) + λ − k (by its series when
 *   k ≈ λ), δ(k) = ln k! − [(k + ½) ln k − k + ½ ln 2π] the Stirling-series remainder
 *   1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷) + 1/(1188k⁹) (k ≥ 16, error < 1e-16),
 * and ln P(K = k) = −λ + k ln λ − ln k! with a table of ln k! for k < 16. (src/special's logGamma is not
 * used: computing −λ + k ln λ − ln Γ(k + 1) directly loses ~|k ln λ|·2^−53 ≈ 2e-6 at λ = 1e9.)
 *
 * Range: λ ∈ [0, 1e12]. For λ ≤ 1e9 the draw is exact to double rounding; above that the rounding of
 * λ + 0.43 (spacing 2^−13 at 1e12) shifts the integer cells of the proposal by < 1.2e-4, a relative
 * error < 1.2e-4 in individual probabilities that averages out over the ±√λ scale.
 *
 * Sources: W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12, 39–45, 1993; C. Loader, "Fast and accurate computation of
 * binomial probabilities", 2000; L. Devroye, Non-Uniform Random Variate Generation, 1986.
 */
import type { Stream } from './stream.js';
import { integerInRange, numberInRange, positiveNumber } from '../validate.js';
import { checkStream } from './checkStream.js';
import { devianceTerm } from '../special/devianceTerm.js';
import { stirlingRemainder } from '../special/stirlingRemainder.js';
import { LOG_FACTORIAL_SMALL } from '../special/logFactorialSmall.js';

/** Largest mean accepted by `poissonVariate`. */
export const POISSON_MAX_MEAN = 1e12;

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln P(K = k) for K ~ Poisson(mean), integer k ≥ 0, mean > 0 (Loader's saddle-point form). */
function logPoissonProbability(k: number, mean: number, logMean: number): number {
  if (k < 16) return -mean + k * logMean - LOG_FACTORIAL_SMALL[k];
  return -devianceTerm(k, mean) - 0.5 * Math.log(k) - HALF_LOG_TWO_PI - stirlingRemainder(k);
}

/**
 * ln P(K = k) for K ~ Poisson(mean), k a non-negative integer, mean > 0: the log-probability PTRS accepts
 * against (Loader's saddle-point form for k ≥ 16, see the module comment). Exported for tests.
 *
 * @example
 *   poissonLogProbability(0, 2); // −2
 */
export function poissonLogProbability(k: number, mean: number): number {
  integerInRange('k', k, 0);
  positiveNumber('mean', mean);
  return logPoissonProbability(k, mean, Math.log(mean));
}

/** Inversion by sequential search, mean < 10. */
function poissonInversion(stream: Stream, mean: number): number {
  const u = stream.nextDouble();
  let k = 0;
  let probability = Math.exp(-mean);
  let cumulative = probability;
  while (u >= cumulative) {
    k++;
    probability *= mean / k;
    cumulative += probability;
    if (probability < cumulative * 8.673617379884035e-19) break; // 2^−60: the rest is below rounding
  }
  return k;
}

/** Hörmann's PTRS, mean ≥ 10. */
function poissonPtrs(stream: Stream, mean: number): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logInverseAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = stream.nextDouble() - 0.5;
    const v = stream.nextDouble();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (!(k >= 0) || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <= logPoissonProbability(k, mean, logMean)) return k;
  }
}

/**
 * One draw K ~ Poisson(mean), mean ∈ [0, 1e12] (mean 0 gives 0). Inversion below 10, Hörmann's PTRS from
 * 10 (see the module comment). Returns an integer-valued number.
 *
 * @example
 *   poissonVariate(rootKey('demo').stream(), 37.5); // e.g. 41
 */
export function poissonVariate(stream: Stream, mean: number): number {
  checkStream(stream);
  numberInRange('mean', mean, 0, POISSON_MAX_MEAN);
  return mean < 10 ? poissonInversion(stream, mean) : poissonPtrs(stream, mean);
}

/**
 * `poissonVariate` without the argument checks, for samplers that draw one count per row and have validated
 * the stream once and the mean themselves (internal: `mean` must be in [0, 1e12]). The same draws.
 *
 * @example
 *   poissonVariateUnchecked(stream, Math.exp(eta)); // eta ≤ ln 1e12, checked by the caller
 */
export function poissonVariateUnchecked(stream: Stream, mean: number): number {
  return mean < 10 ? poissonInversion(stream, mean) : poissonPtrs(stream, mean);
}

/**
 * Logistic responses y ~ Bernoulli(σ(η)) without evaluating σ(η) for almost every draw.
 *
 * The reference draw is `bernoulliVariate(stream, p)` with p = σ(η) computed as in `logisticSigmoid`
 * (q = e^(−|η|); p = 1/(1 + q) for η ≥ 0, q/(1 + q) otherwise): y = [U < p], U = stream.nextDouble(). Since
 * σ is increasing, a table of σ at the grid η_k = k/64 − 16 brackets it: for η ∈ [η_k, η_{k+1}],
 * σ(η_k) ≤ σ(η) ≤ σ(η_{k+1}). The computed p and the tabulated values are each within a few ulps
 * (< 1e−15) of the exact σ, so with the margin δ = 1e−12, U < table[k] − δ proves U < p (y = 1) and
 * U ≥ table[k + 1] + δ proves U ≥ p (y = 0). Only when U falls inside the bracket (probability
 * ≤ σ′·(1/64) + 2δ ≤ 0.4 %), or |η| ≥ 16, is p computed — exactly as the reference — and compared. The
 * outcome is therefore identical to the reference draw for every η and every U (same stream use: one
 * nextDouble), at a fraction of the cost (the exponential and the division dominate a logistic sample).
 *
 * Source: the inversion principle (Devroye 1986, §II.2) with a squeeze (ibid., §II.5) whose bounds are
 * rigorous up to rounding, absorbed by δ.
 */
import type { Stream } from '../../rng/stream.js';
import { checkStream } from '../../rng/checkStream.js';
import { finiteNumber } from '../../validate.js';

/** Grid spacing 1/64 over η ∈ [−16, 16]. */
const STEPS_PER_UNIT = 64;
const HALF_WIDTH = 16;
/** Absolute margin on p: far above the rounding of σ (a few ulps), far below the grid's bracket width. */
const MARGIN = 1e-12;

/** p(η) as the reference computes it (= logisticSigmoid). */
function logisticProbability(eta: number): number {
  const q = Math.exp(-Math.abs(eta));
  return eta >= 0 ? 1 / (1 + q) : q / (1 + q);
}

/** σ at η_k = k/64 − 16, k = 0..2048. */
const GRID = (() => {
  const size = 2 * HALF_WIDTH * STEPS_PER_UNIT + 1;
  const table = new Float64Array(size);
  for (let k = 0; k < size; k++) table[k] = logisticProbability(k / STEPS_PER_UNIT - HALF_WIDTH);
  return table;
})();

/**
 * One draw y ∈ {0, 1} with P(y = 1) = σ(η), identical (same value, same single `stream.nextDouble()`) to
 * `bernoulliVariate(stream, logisticSigmoid(eta))`; see the module comment. Internal to the GLM sampler:
 * `stream` is a checked Stream; `eta` must be finite.
 *
 * @example
 *   logisticBernoulliUnchecked(stream, 0.3); // 1 with probability σ(0.3) ≈ 0.574
 */
export function logisticBernoulliUnchecked(stream: Stream, eta: number): 0 | 1 {
  const u = stream.nextDouble();
  const position = (eta + HALF_WIDTH) * STEPS_PER_UNIT;
  if (position >= 0 && position < 2 * HALF_WIDTH * STEPS_PER_UNIT) {
    const k = Math.floor(position);
    if (u < GRID[k] - MARGIN) return 1;
    if (u >= GRID[k + 1] + MARGIN) return 0;
  }
  return u < logisticProbability(eta) ? 1 : 0;
}

/**
 * `logisticBernoulliUnchecked` with its arguments checked (a Stream, a finite η): y ~ Bernoulli(σ(η)),
 * exactly the draw of `bernoulliVariate(stream, logisticSigmoid(eta))`.
 *
 * @example
 *   logisticBernoulli(rootKey('demo').stream(), -1.5); // 1 with probability σ(−1.5) ≈ 0.182
 */
export function logisticBernoulli(stream: Stream, eta: number): 0 | 1 {
  checkStream(stream);
  finiteNumber('eta', eta);
  return logisticBernoulliUnchecked(stream, eta);
}

/**
 * The Uniform(0, θ) model: a NON-regular family (its support depends on θ), the standard counterexample to
 * the regularity assumptions of iterative-MLE consistency (Barzilai & Shamir, arXiv 2505.19046,
 * Assumption 1: "the support does not depend on θ"; CLAIMS.md §3.2–3.3, claim NR-1).
 *
 * θ = { upper: θ > 0 }, density 1/θ on [0, θ). The MLE from any weighted sources is the largest point of
 * positive weight: the weighted likelihood Π_i θ^{−ω_i}·1{θ ≥ x_i} (ω_i > 0) decreases in θ on [max x_i, ∞)
 * and vanishes below, so the weights do not matter. It is consistent but biased low:
 * E θ̂ = θ·N/(N + 1) for N points, and under recursive training the bias compounds (src/theory/uniformCollapse.ts).
 */
import type { Dataset, Metric, Model, WeightedSource } from './types.js';
import type { Stream } from '../rng/stream.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { integerInRange, sampleSize, positiveNumber, parameterName } from '../validate.js';
import { finiteResult } from '../finiteResult.js';
import { normalisedSourceWeights } from './sourceWeights.js';

/** θ of the Uniform(0, θ) model: the upper end of the support. */
export interface UniformTheta {
  readonly upper: number;
}

/**
 * The Uniform(0, θ) model (one number per row).
 *
 * fit(sources): θ̂ = max x_i over the points of sources of positive weight (the weighted MLE, any weights).
 * Every point of every source must be ≥ 0 (InvalidArgumentError naming the entry: a negative point has
 * likelihood 0 under every θ); sources are validated by `normalisedSourceWeights`; θ̂ = 0 (every point of
 * positive weight is 0) throws NumericalError('degenerate'), since θ must be > 0.
 * sample(θ, size, stream): x_i = θ·U_i with U_i = stream.nextDouble() ∈ [0, 1) (53 random bits), one draw per
 * point in order, into a new Float64Array (no allocation per point).
 * metrics: sq = (θ̂ − θ)², logRatio = |log(θ̂/θ)|.
 *
 * @example
 *   const model = uniformModel();
 *   const data = model.sample({ upper: 2 }, 100, rootKey('demo').stream());
 *   model.fit([{ data, weight: 1 }]).upper; // the largest of the 100 points, ≈ 2·100/101
 */
export function uniformModel(): Model<UniformTheta> {
  function validate(theta: UniformTheta, name = 'theta'): void {
    name = parameterName(name, 'theta');
    if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, 'an object { upper }');
    positiveNumber(`${name}.upper`, theta.upper);
  }

  function fit(sources: readonly WeightedSource[]): UniformTheta {
    const omega = normalisedSourceWeights(sources, 1);
    let maximum = 0;
    for (let s = 0; s < sources.length; s++) {
      const { x, size } = sources[s].data;
      for (let i = 0; i < size; i++) {
        if (!(x[i] >= 0)) throw new InvalidArgumentError(`sources[${s}].data.x[${i}]`, x[i], 'a number ≥ 0 (Uniform(0, θ) data are non-negative)');
      }
      if (omega[s] === 0) continue;
      for (let i = 0; i < size; i++) if (x[i] > maximum) maximum = x[i];
    }
    if (!(maximum > 0)) {
      throw new NumericalError('degenerate', 'every point of positive weight is 0: the Uniform(0, θ) MLE max x_i = 0 is not a valid θ > 0', { maximum });
    }
    return { upper: maximum };
  }

  function sample(theta: UniformTheta, size: number, stream: Stream): Dataset {
    validate(theta);
    sampleSize('size', size);
    if (stream === null || typeof stream !== 'object' || typeof (stream as Stream).nextDouble !== 'function') {
      throw new InvalidArgumentError('stream', stream, 'a Stream (src/rng/stream.ts)');
    }
    const x = new Float64Array(size);
    const upper = theta.upper;
    for (let i = 0; i < size; i++) x[i] = upper * stream.nextDouble();
    return { size, dim: 1, x, y: null };
  }

  const sq: Metric<UniformTheta> = (estimate, truth) => {
    validate(estimate, 'estimate');
    validate(truth, 'truth');
    return finiteResult('the squared error (θ̂ − θ)²', (estimate.upper - truth.upper) ** 2);
  };
  const logRatio: Metric<UniformTheta> = (estimate, truth) => {
    validate(estimate, 'estimate');
    validate(truth, 'truth');
    const ratio = estimate.upper / truth.upper;
    // θ̂/θ can overflow or underflow (1e308 / 5e-324) while log θ̂ − log θ is always finite for θ̂, θ > 0.
    if (ratio > 0 && Number.isFinite(ratio)) return Math.abs(Math.log(ratio));
    return Math.abs(Math.log(estimate.upper) - Math.log(truth.upper));
  };

  return { name: 'uniform', sample, fit, metrics: { sq, logRatio }, validate };
}

/**
 * The categorical model over K classes: the discrete analogue of paper 4's Theorem 3 (CLAIMS.md §1.10,
 * "Discrete (categorical) analogue"; the Adult workclass / education / marital-status experiment).
 */
import type { Dataset, Metric, Model, WeightedSource } from './types.js';
import type { Stream } from '../rng/stream.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange, sampleSize, parameterName } from '../validate.js';
import { normalisedSourceWeights } from './sourceWeights.js';
import { rowStorage } from './rowStorage.js';
import { aliasTable, fillCategorical } from '../rng/categorical.js';
import { probabilityVector } from '../metrics/probabilityVector.js';
import { categoricalSquaredError } from '../metrics/categoricalSquaredError.js';
import { totalVariation } from '../metrics/totalVariation.js';
import { categoricalSummaries } from './categoricalSummaries.js';

/** θ of the categorical model: class probabilities p_0 … p_{K−1} (non-negative, summing to 1). */
export interface CategoricalTheta {
  readonly probs: Float64Array;
}

/** theta.probs of a metric's argument (the metric functions check it is a probability vector). */
function probsOf(theta: CategoricalTheta, name: string): Float64Array {
  if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, 'an object { probs }');
  return theta.probs;
}

/**
 * The categorical model with K classes. Data are one label per row (dim 1), stored as the doubles
 * 0, 1, …, K − 1.
 *
 * fit(sources): the weighted frequencies p̂_c = Σ_s (w_s/W)·freq_s(c), freq_s(c) = #{i in s : x_i = c}/size_s
 * (the weighted MLE; sources of weight 0 ignored). Labels that are not integers in [0, K − 1] →
 * InvalidArgumentError naming the data entry.
 * sample(θ, size, stream): labels drawn with Walker's alias table (`aliasTable` + `fillCategorical`).
 * metrics: sq = Σ_c (p̂_c − p_c)² (`categoricalSquaredError`), tv = ½Σ_c |p̂_c − p_c| (`totalVariation`).
 *
 * @example
 *   const model = categoricalModel(3);
 *   const data = { size: 4, dim: 1, x: Float64Array.of(0, 2, 2, 1), y: null };
 *   model.fit([{ data, weight: 1 }]).probs; // [0.25, 0.25, 0.5]
 */
export function categoricalModel(k: number): Model<CategoricalTheta> {
  const classes = integerInRange('k', k, 1, 2 ** 31 - 1);
  const counts = new Float64Array(classes);

  function fit(sources: readonly WeightedSource[]): CategoricalTheta {
    const omega = normalisedSourceWeights(sources, 1);
    const probs = new Float64Array(classes);
    for (let s = 0; s < sources.length; s++) {
      const { x, size } = sources[s].data;
      for (let i = 0; i < size; i++) {
        const label = x[i];
        if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
          throw new InvalidArgumentError(`sources[${s}].data.x[${i}]`, label, `a category label: an integer in [0, ${classes - 1}]`);
        }
      }
      if (omega[s] === 0) continue;
      counts.fill(0);
      for (let i = 0; i < size; i++) counts[x[i]] += 1;
      const perPoint = omega[s] / size;
      for (let c = 0; c < classes; c++) probs[c] += perPoint * counts[c];
    }
    return { probs };
  }

  function validate(theta: CategoricalTheta, name = 'theta'): void {
    name = parameterName(name, 'theta');
    if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, 'an object { probs }');
    if (!(theta.probs instanceof Float64Array)) throw new InvalidArgumentError(`${name}.probs`, theta.probs, `a Float64Array of length ${classes}`);
    probabilityVector(`${name}.probs`, theta.probs, classes);
  }

  function sample(theta: CategoricalTheta, size: number, stream: Stream): Dataset {
    validate(theta);
    sampleSize('size', size);
    const x = rowStorage(size);
    if (size > 0) fillCategorical(stream, aliasTable(theta.probs), x);
    return { size, dim: 1, x, y: null };
  }

  const sq: Metric<CategoricalTheta> = (estimate, truth) => categoricalSquaredError(probsOf(estimate, 'estimate'), probsOf(truth, 'truth'));
  const tv: Metric<CategoricalTheta> = (estimate, truth) => totalVariation(probsOf(estimate, 'estimate'), probsOf(truth, 'truth'));

  return { name: 'categorical', sample, fit, metrics: { sq, tv }, validate, summaries: categoricalSummaries(classes) };
}

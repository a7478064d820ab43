/**
 * Time-averaged error over generations start ≤ t < end (the papers' "limiting error", e.g. Scenario 2
 * averages t = 150 … 199). Across independent replications these averages are i.i.d., so the CLT applies to
 * them directly; within one long run, steps are autocorrelated and batchMeansVariance estimates the variance
 * of the average.
 *
 * @example timeAverage(Float64Array.of(1, 2, 3, 4), 2, 4) // 3.5
 */
import { InvalidArgumentError } from '../errors.js';
import { integerInRange } from '../validate.js';
import { finiteSamples } from './sample.js';

export function timeAverage(trajectory: ArrayLike<number>, start: number, end?: number): number {
  finiteSamples('trajectory', trajectory);
  end ??= trajectory.length;
  integerInRange('start', start, 0, trajectory.length - 1);
  integerInRange('end', end, start + 1, trajectory.length);
  let sum = 0;
  for (let t = start; t < end; t++) sum += trajectory[t];
  return sum / (end - start);
}

/**
 * Batch-means estimate of Var(mean of the series) for an autocorrelated stationary series: split into
 * `batches` contiguous batches, Var(x̄) ≈ s²_batch / batches.
 */
export function batchMeansVariance(series: ArrayLike<number>, batches: number): number {
  finiteSamples('series', series);
  integerInRange('batches', batches, 2);
  const size = Math.floor(series.length / batches);
  if (size < 1) throw new InvalidArgumentError('batches', batches, `at most the series length ${series.length}`);
  const means = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += series[i];
    means[b] = s / size;
  }
  let mean = 0;
  for (let b = 0; b < batches; b++) mean += means[b] / batches;
  let ss = 0;
  for (let b = 0; b < batches; b++) ss += (means[b] - mean) ** 2;
  return ss / (batches - 1) / batches;
}

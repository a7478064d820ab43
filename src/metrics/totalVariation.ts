/**
 * Total-variation distance between two probability vectors.
 */
import { InvalidArgumentError } from '../errors.js';
import { probabilityVector } from './probabilityVector.js';

/**
 * TV(p̂, p) = ½ Σ_c |p̂_c − p_c| = max_A |p̂(A) − p(A)|, in [0, 1].
 *
 * Both arguments must be probability vectors of the same length (non-negative, summing to 1 within
 * 1e-9). Standard definition (e.g. Levin, Peres & Wilmer, "Markov Chains and Mixing Times", Prop. 4.2).
 *
 * @example
 *   totalVariation(Float64Array.of(0.5, 0.5), Float64Array.of(1, 0)); // 0.5
 */
export function totalVariation(estimate: Float64Array, truth: Float64Array): number {
  const q = probabilityVector('estimate', estimate);
  const p = probabilityVector('truth', truth);
  if (q.length !== p.length) throw new InvalidArgumentError('truth.length', p.length, `${q.length} (the length of estimate)`);
  let sum = 0;
  for (let c = 0; c < p.length; c++) sum += Math.abs(q[c] - p[c]);
  return 0.5 * sum;
}

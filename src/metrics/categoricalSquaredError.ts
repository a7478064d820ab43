/**
 * Squared error between two probability vectors.
 */
import { InvalidArgumentError } from '../errors.js';
import { probabilityVector } from './probabilityVector.js';

/**
 * Σ_c (p̂_c − p_c)², the squared ℓ² error of a categorical estimate p̂ against the truth p.
 *
 * The error of the discrete analogue of paper 4's Theorem 3 (CLAIMS.md §1.10, "Discrete (categorical)
 * analogue": err_t = E Σ_c (p̂_{t,c} − p_c)², with err_0 = (1 − Σ_c p_c²)/n). Note that the authors'
 * code reports the mean over categories, i.e. this value divided by K. Both arguments must be
 * probability vectors of the same length (non-negative, summing to 1 within 1e-9).
 *
 * @example
 *   categoricalSquaredError(Float64Array.of(0.5, 0.5), Float64Array.of(1, 0)); // 0.5
 */
export function categoricalSquaredError(estimate: Float64Array, truth: Float64Array): number {
  const q = probabilityVector('estimate', estimate);
  const p = probabilityVector('truth', truth);
  if (q.length !== p.length) throw new InvalidArgumentError('truth.length', p.length, `${q.length} (the length of estimate)`);
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    const diff = q[c] - p[c];
    sum += diff * diff;
  }
  return sum;
}

/**
 * Squared Euclidean distance between two vectors.
 */
import { InvalidArgumentError } from '../errors.js';
import { finiteVector } from '../validate.js';
import { finiteResult } from '../finiteResult.js';

/**
 * ‖a − b‖₂² = Σ_i (a_i − b_i)².
 *
 * Used as the mean error of paper 4 (He, Xu & Cheng, "Recursive Learning Without Collapse", Err(μ_t) =
 * E‖μ_t − μ‖₂², CLAIMS.md §1.1) and as the parameter error of the GLMs. Both vectors must have the same
 * length and finite entries (an InvalidArgumentError names the offending one); a sum beyond the double range
 * throws NumericalError('overflow').
 *
 * @example
 *   squaredL2(Float64Array.of(1, 2), Float64Array.of(0, 0)); // 5
 */
export function squaredL2(a: Float64Array, b: Float64Array): number {
  const u = finiteVector('a', a);
  const v = finiteVector('b', b);
  if (u.length !== v.length) throw new InvalidArgumentError('b.length', v.length, `${u.length} (the length of a)`);
  let sum = 0;
  for (let i = 0; i < u.length; i++) {
    const diff = u[i] - v[i];
    sum += diff * diff;
  }
  return finiteResult('‖a − b‖₂²', sum);
}

/**
 * Squared Frobenius norm of a matrix (or vector).
 */
import { InvalidArgumentError } from '../errors.js';
import { finiteVector } from '../validate.js';
import { finiteResult } from '../finiteResult.js';

/**
 * ‖A‖²_F = Σ_ij a_ij², over all entries of the array (any shape).
 *
 * @param a a non-empty array of finite numbers
 * @throws NumericalError('overflow') when the sum of squares is beyond the double range
 * @example frobeniusNormSquared(Float64Array.of(1, 2, 2, 4)) // 25
 */
export function frobeniusNormSquared(a: Float64Array | number[]): number {
  const entries = finiteVector('a', a);
  if (entries.length === 0) throw new InvalidArgumentError('a.length', 0, 'at least 1');
  let sum = 0;
  for (let i = 0; i < entries.length; i++) sum += entries[i] * entries[i];
  return finiteResult('‖A‖²_F', sum);
}

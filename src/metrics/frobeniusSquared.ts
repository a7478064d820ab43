/**
 * Squared Frobenius distance between two matrices stored row-major.
 */
import { InvalidArgumentError } from '../errors.js';
import { finiteVector } from '../validate.js';
import { finiteResult } from '../finiteResult.js';

/**
 * ‖A − B‖_F² = Σ_{i,j} (A_ij − B_ij)² for two matrices in the same row-major layout.
 *
 * The covariance error of paper 4 (Err(Σ_t) = E‖Σ_t − Σ‖_F², CLAIMS.md §1.1 and §1.4). Both arrays must
 * have the same length, finite entries and, when `dim` is given, length dim². A sum beyond the double range
 * throws NumericalError('overflow').
 *
 * @example
 *   frobeniusSquared(Float64Array.of(1, 0, 0, 1), Float64Array.of(0, 0, 0, 0), 2); // 2
 */
export function frobeniusSquared(a: Float64Array, b: Float64Array, dim?: number): number {
  const expected = dim === undefined ? undefined : dim * dim;
  if (dim !== undefined && !(Number.isSafeInteger(dim) && dim >= 1)) throw new InvalidArgumentError('dim', dim, 'an integer ≥ 1');
  const u = finiteVector('a', a, expected);
  const v = finiteVector('b', b, expected);
  if (u.length !== v.length) throw new InvalidArgumentError('b.length', v.length, `${u.length} (the length of a)`);
  let sum = 0;
  for (let i = 0; i < u.length; i++) {
    const diff = u[i] - v[i];
    sum += diff * diff;
  }
  return finiteResult('‖A − B‖_F²', sum);
}

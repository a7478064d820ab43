/**
 * Trace of a square matrix.
 */
import { dimension, matrixEntries } from './shapes.js';
import { finiteResult } from '../finiteResult.js';

/**
 * tr A = Σ_i a_ii for a row-major d×d matrix.
 *
 * @param a row-major d×d matrix
 * @param d dimension, an integer ≥ 1
 * @throws NumericalError('overflow') when the sum is beyond the double range
 * @example trace(Float64Array.of(4, 2, 2, 5), 2) // 9
 */
export function trace(a: Float64Array | number[], d: number): number {
  dimension('d', d);
  const matrix = matrixEntries('a', a, d * d);
  let sum = 0;
  for (let i = 0; i < d; i++) sum += matrix[i * d + i];
  return finiteResult('tr A', sum);
}

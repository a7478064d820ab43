/**
 * ln det A from the Cholesky factor of A.
 */
import { choleskyFactorEntries, dimension } from './shapes.js';

/**
 * ln det A = 2 Σ_i ln L_ii for A = LLᵀ (det A = (det L)² = Π L_ii²). Summing logs never overflows.
 *
 * @param lower row-major d×d Cholesky factor (positive diagonal)
 * @param d dimension, an integer ≥ 1
 * @example logDetFromCholesky(Float64Array.of(2, 0, 1, 2), 2) // ln 16 = 2.772588722239781
 */
export function logDetFromCholesky(lower: Float64Array | number[], d: number): number {
  dimension('d', d);
  const factor = choleskyFactorEntries('lower', lower, d);
  let sum = 0;
  for (let i = 0; i < d; i++) sum += Math.log(factor[i * d + i]);
  return 2 * sum;
}

/**
 * L Lᵀ from a lower-triangular L.
 */
import { dimension, matrixEntries, outputBuffer } from './shapes.js';
import { finiteResults } from '../finiteResult.js';

/**
 * A = L Lᵀ, a_ij = Σ_{k ≤ min(i,j)} L_ik L_jk, reading only the lower triangle of L (the inverse operation of
 * cholesky()). Computed for j ≤ i and mirrored, so the result is exactly symmetric. `out` must not overlap
 * `lower`.
 *
 * @param lower row-major d×d lower-triangular matrix
 * @param d dimension, an integer ≥ 1
 * @param out optional Float64Array(d·d)
 * @throws NumericalError('overflow') when an entry of L Lᵀ is beyond the double range
 * @example lowerTimesUpper(Float64Array.of(2, 0, 1, 2), 2) // [4, 2, 2, 5]
 */
export function lowerTimesUpper(lower: Float64Array | number[], d: number, out?: Float64Array): Float64Array {
  dimension('d', d);
  const factor = matrixEntries('lower', lower, d * d);
  const product = outputBuffer('out', out, d * d, [factor]);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k <= j; k++) sum += factor[i * d + k] * factor[j * d + k];
      product[i * d + j] = sum;
      product[j * d + i] = sum;
    }
  }
  return finiteResults('L Lᵀ', product);
}

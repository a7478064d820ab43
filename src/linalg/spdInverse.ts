/**
 * Inverse of a symmetric positive definite matrix through its Cholesky factor.
 */
import { cholesky } from './cholesky.js';
import { finiteResults } from '../finiteResult.js';
import { dimension, matrixEntries, outputBuffer } from './shapes.js';

/**
 * A⁻¹ = L⁻ᵀ L⁻¹ with A = LLᵀ: L is inverted in place by forward substitution (W = L⁻¹, lower triangular),
 * then (A⁻¹)_ij = Σ_{k ≥ max(i,j)} W_ki W_kj, computed for j ≤ i and mirrored so the result is exactly
 * symmetric. Throws like cholesky() when A is not symmetric positive definite (no regularisation).
 * `out` may be `a`.
 *
 * @param a row-major d×d SPD matrix
 * @param d dimension, an integer ≥ 1
 * @param out optional Float64Array(d·d) for A⁻¹
 * @throws NumericalError('singular') as cholesky(); NumericalError('overflow') when an entry of A⁻¹ is beyond the
 *   double range (A positive definite but with eigenvalues ~1e−308)
 * @example spdInverse(Float64Array.of(4, 2, 2, 5), 2) // [5/16, −1/8, −1/8, 1/4]
 */
export function spdInverse(a: Float64Array | number[], d: number, out?: Float64Array): Float64Array {
  dimension('d', d);
  const matrix = matrixEntries('a', a, d * d);
  const inverse = outputBuffer('out', out, d * d);
  const w = cholesky(matrix, d); // becomes W = L⁻¹ below
  for (let j = 0; j < d; j++) {
    const ljj = w[j * d + j];
    w[j * d + j] = 1 / ljj;
    for (let i = j + 1; i < d; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= w[i * d + k] * w[k * d + j];
      w[i * d + j] = sum / w[i * d + i];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < d; k++) sum += w[k * d + i] * w[k * d + j];
      inverse[i * d + j] = sum;
      inverse[j * d + i] = sum;
    }
  }
  return finiteResults('A⁻¹', inverse);
}

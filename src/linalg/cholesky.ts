/**
 * Cholesky factorisation A = LLᵀ of a symmetric positive definite matrix.
 */
import { NumericalError } from '../errors.js';
import { dimension, matrixEntries, outputBuffer } from './shapes.js';

/** Relative asymmetry |a_ij − a_ji| / max(|a_ij|, |a_ji|, √(a_ii a_jj)) above which A is rejected. */
export const SYMMETRY_TOLERANCE = 1e-12;

/**
 * The lower-triangular L with A = LLᵀ and L_ii > 0 (row-major d×d; the strict upper triangle of the result
 * is set to 0), by the Cholesky–Banachiewicz recurrence
 *   L_ij = (a_ij − Σ_{k<j} L_ik L_jk) / L_jj (j < i),   L_ii = √(a_ii − Σ_{k<i} L_ik²)
 * (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 4.2.1), reading the lower triangle of A.
 * No regularisation: A must be symmetric (relative asymmetry ≤ 1e−12, measured against √(a_ii a_jj)) and
 * numerically positive definite (every pivot a_ii − Σ L_ik² > d·ε·max_k a_kk). `out` may be `a` itself
 * (in-place factorisation).
 *
 * @param a row-major d×d matrix (Float64Array or number[]), finite entries
 * @param d dimension, an integer ≥ 1
 * @param out optional Float64Array(d·d) for L
 * @throws NumericalError('singular') with details { reason: 'asymmetric', row, column, … } or
 *   { reason: 'not positive definite', pivotIndex, pivot, threshold }
 * @example cholesky(Float64Array.of(4, 2, 2, 5), 2) // Float64Array [2, 0, 1, 2]
 */
export function cholesky(a: Float64Array | number[], d: number, out?: Float64Array): Float64Array {
  dimension('d', d);
  const matrix = matrixEntries('a', a, d * d);
  const lower = outputBuffer('out', out, d * d);
  let maxDiagonal = 0;
  for (let i = 0; i < d; i++) {
    const aii = matrix[i * d + i];
    if (aii > maxDiagonal) maxDiagonal = aii;
    for (let j = 0; j < i; j++) {
      const lowerEntry = matrix[i * d + j];
      const upperEntry = matrix[j * d + i];
      const scale = Math.max(Math.abs(lowerEntry), Math.abs(upperEntry), Math.sqrt(Math.abs(aii * matrix[j * d + j])));
      const asymmetry = Math.abs(lowerEntry - upperEntry);
      if (asymmetry > SYMMETRY_TOLERANCE * scale) {
        throw new NumericalError('singular', `matrix is not symmetric: a[${i}][${j}] = ${lowerEntry} but a[${j}][${i}] = ${upperEntry}`, {
          reason: 'asymmetric', row: i, column: j, lowerEntry, upperEntry, relativeAsymmetry: scale > 0 ? asymmetry / scale : Infinity,
        });
      }
    }
  }
  const threshold = d * Number.EPSILON * maxDiagonal;
  for (let i = 0; i < d; i++) {
    const rowI = i * d;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * d;
      let sum = matrix[rowI + j];
      for (let k = 0; k < j; k++) sum -= lower[rowI + k] * lower[rowJ + k];
      if (j < i) {
        lower[rowI + j] = sum / lower[rowJ + j];
      } else {
        if (!(sum > threshold)) {
          throw new NumericalError('singular', `matrix is not positive definite: pivot ${i} is ${sum} (threshold ${threshold})`, {
            reason: 'not positive definite', pivotIndex: i, pivot: sum, threshold, maxDiagonal,
          });
        }
        lower[rowI + i] = Math.sqrt(sum);
      }
    }
    for (let j = i + 1; j < d; j++) lower[rowI + j] = 0;
  }
  return lower;
}

/**
 * Solves (LLᵀ) x = b given the Cholesky factor L.
 */
import { finiteResults } from '../finiteResult.js';
import { choleskyFactorEntries, dimension, matrixEntries, outputBuffer } from './shapes.js';

/**
 * x = (LLᵀ)⁻¹ b by forward substitution L y = b then back substitution Lᵀ x = y
 * (Golub & Van Loan, Alg. 3.1.1–3.1.2). Only the lower triangle of `lower` is read. `out` may be `b`.
 *
 * @param lower row-major d×d Cholesky factor (positive diagonal), e.g. from cholesky()
 * @param d dimension, an integer ≥ 1
 * @param b right-hand side of length d
 * @param out optional Float64Array(d) for x
 * @throws NumericalError('overflow') when x is beyond the double range (a nearly singular factor, e.g. L_ii = 5e−324)
 * @example choleskySolve(Float64Array.of(2, 0, 1, 2), 2, Float64Array.of(6, 7)) // A = [[4,2],[2,5]]: x = [1, 1]
 */
export function choleskySolve(lower: Float64Array | number[], d: number, b: Float64Array | number[], out?: Float64Array): Float64Array {
  dimension('d', d);
  const factor = choleskyFactorEntries('lower', lower, d);
  const rhs = matrixEntries('b', b, d);
  const x = outputBuffer('out', out, d, [factor]);
  for (let i = 0; i < d; i++) {
    let sum = rhs[i];
    const row = i * d;
    for (let k = 0; k < i; k++) sum -= factor[row + k] * x[k];
    x[i] = sum / factor[row + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let sum = x[i];
    for (let k = i + 1; k < d; k++) sum -= factor[k * d + i] * x[k];
    x[i] = sum / factor[i * d + i];
  }
  return finiteResults('the solution x = (LLᵀ)⁻¹ b', x);
}

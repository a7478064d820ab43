/**
 * Test of (numerical) symmetric positive definiteness.
 */
import { NumericalError } from '../errors.js';
import { cholesky } from './cholesky.js';

/**
 * true when cholesky(a, d) succeeds, i.e. A is symmetric to relative 1e−12 and every Cholesky pivot exceeds
 * d·ε·max diag; false when it throws NumericalError('singular'). Invalid shapes still throw
 * InvalidArgumentError.
 *
 * @param a row-major d×d matrix
 * @param d dimension, an integer ≥ 1
 * @example isSymmetricPositiveDefinite(Float64Array.of(1, 2, 2, 1), 2) // false (eigenvalues 3, −1)
 */
export function isSymmetricPositiveDefinite(a: Float64Array | number[], d: number): boolean {
  try {
    cholesky(a, d);
    return true;
  } catch (error) {
    if (error instanceof NumericalError && error.kind === 'singular') return false;
    throw error;
  }
}

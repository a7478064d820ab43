/**
 * Cholesky factorisation of a weighted Gram matrix (XᵀΩX, or the IRLS Hessian XᵀΩVX) with a rank test.
 *
 * `cholesky` (src/linalg) only fails when a pivot is ≤ 0, but an exactly collinear design gives, after
 * rounding, a tiny positive pivot and a meaningless solution. The j-th squared pivot of the Cholesky factor
 * is L_jj² = A_jj·(1 − R_j²), where R_j² is the (weighted) coefficient of determination of column j on the
 * columns before it; so L_jj² / A_jj < RELATIVE_PIVOT_FLOOR says column j is, to working precision, a
 * combination of the others (condition number ≳ 1/RELATIVE_PIVOT_FLOOR). That is reported as
 * NumericalError('singular') — never regularised.
 *
 * Source: Golub & Van Loan, Matrix Computations (4th ed.), §4.2.8 (Cholesky and rank), §5.3.
 */
import { cholesky } from '../../linalg/index.js';
import { NumericalError } from '../../errors.js';

/** Smallest accepted L_jj²/A_jj: 1 − R_j² below this is numerical collinearity. */
export const RELATIVE_PIVOT_FLOOR = 1e-10;

/**
 * Factors the symmetric p×p matrix `a` (row-major) into `lower` (A = L Lᵀ) and returns the index of a column
 * that fails the rank test, or −1 when A is numerically positive definite. Which column, when several fail: the
 * first with a non-positive diagonal A_jj (a zero column) if there is one — checked before factoring, so it wins
 * over an earlier collinear column (Gram of columns (1,1), (1,1), (0,0) gives 2) — else the first column at which
 * the factorisation or the rank test fails.
 *
 * @example
 *   const lower = new Float64Array(4);
 *   factorGram(new Float64Array([1, 2, 2, 4]), 2, lower); // 1: column 1 = 2·column 0
 */
export function factorGram(a: Float64Array, p: number, lower: Float64Array): number {
  for (let k = 0; k < p * p; k++) {
    if (!Number.isFinite(a[k])) {
      // A Gram matrix or Hessian accumulated from finite data overflowed (covariates near 1e154 or beyond):
      // reported as such, not as cholesky's complaint about its argument `a`.
      throw new NumericalError(
        'overflow',
        `a ${p}×${p} Gram / Hessian matrix accumulated from the sources is beyond the double range at entry ${k} (${a[k]}): the covariates of sources are too large`,
        { parameter: 'sources', index: k, value: a[k] },
      );
    }
  }
  for (let j = 0; j < p; j++) if (!(a[j * p + j] > 0)) return j;
  try {
    cholesky(a, p, lower);
  } catch (error) {
    if (error instanceof NumericalError) {
      const pivot = error.details.pivotIndex;
      return typeof pivot === 'number' ? pivot : 0;
    }
    throw error;
  }
  for (let j = 0; j < p; j++) {
    const pivot = lower[j * p + j];
    if (!(pivot * pivot >= RELATIVE_PIVOT_FLOOR * a[j * p + j])) return j;
  }
  return -1;
}

/** `factorGram`, throwing NumericalError('singular') naming `what` when the rank test fails. */
export function factorGramOrThrow(a: Float64Array, p: number, lower: Float64Array, what: string, details: Record<string, unknown> = {}): void {
  const column = factorGram(a, p, lower);
  if (column >= 0) {
    throw new NumericalError(
      'singular',
      `${what} is numerically singular: column ${column} is (to relative precision ${RELATIVE_PIVOT_FLOOR}) a linear combination of the columns before it — collinear covariates, fewer points than p = ${p}, or all the weight on too few points`,
      { column, ...details },
    );
  }
}

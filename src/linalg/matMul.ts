/**
 * Matrix–matrix product.
 */
import { dimension, matrixEntries, outputBuffer } from './shapes.js';
import { finiteResults } from '../finiteResult.js';

/**
 * C = A B, c_ij = Σ_l a_il b_lj, for row-major A (n×k) and B (k×m); C is n×m. Loop order i-l-j so the
 * inner loop runs along contiguous rows. `out` must not overlap `a` or `b`.
 *
 * @param a row-major n×k matrix
 * @param b row-major k×m matrix
 * @param n rows of A, an integer ≥ 1
 * @param k columns of A = rows of B, an integer ≥ 1
 * @param m columns of B, an integer ≥ 1
 * @param out optional Float64Array(n·m)
 * @throws NumericalError('overflow') when an entry of A B is beyond the double range
 * @example matMul(Float64Array.of(1, 2), Float64Array.of(3, 4), 1, 2, 1) // [11]
 */
export function matMul(
  a: Float64Array | number[],
  b: Float64Array | number[],
  n: number,
  k: number,
  m: number,
  out?: Float64Array,
): Float64Array {
  dimension('n', n);
  dimension('k', k);
  dimension('m', m);
  const left = matrixEntries('a', a, n * k);
  const right = matrixEntries('b', b, k * m);
  const c = outputBuffer('out', out, n * m, [left, right]);
  c.fill(0);
  for (let i = 0; i < n; i++) {
    const rowC = i * m;
    for (let l = 0; l < k; l++) {
      const ail = left[i * k + l];
      if (ail === 0) continue;
      const rowB = l * m;
      for (let j = 0; j < m; j++) c[rowC + j] += ail * right[rowB + j];
    }
  }
  return finiteResults('A B', c);
}

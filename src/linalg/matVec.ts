/**
 * Matrix–vector product.
 */
import { dimension, matrixEntries, outputBuffer } from './shapes.js';
import { finiteResults } from '../finiteResult.js';

/**
 * y = A v, y_i = Σ_j a_ij v_j, for a row-major rows×cols matrix A. `out` must not overlap `v`.
 *
 * @param a row-major rows×cols matrix
 * @param rows number of rows, an integer ≥ 1
 * @param cols number of columns, an integer ≥ 1
 * @param v vector of length cols
 * @param out optional Float64Array(rows)
 * @throws NumericalError('overflow') when an entry of A v is beyond the double range
 * @example matVec(Float64Array.of(1, 2, 3, 4), 2, 2, Float64Array.of(1, 1)) // [3, 7]
 */
export function matVec(a: Float64Array | number[], rows: number, cols: number, v: Float64Array | number[], out?: Float64Array): Float64Array {
  dimension('rows', rows);
  dimension('cols', cols);
  const matrix = matrixEntries('a', a, rows * cols);
  const vector = matrixEntries('v', v, cols);
  const y = outputBuffer('out', out, rows, [vector, matrix]);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    const row = i * cols;
    for (let j = 0; j < cols; j++) sum += matrix[row + j] * vector[j];
    y[i] = sum;
  }
  return finiteResults('A v', y);
}

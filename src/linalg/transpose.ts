/**
 * Matrix transpose.
 */
import { dimension, matrixEntries, outputBuffer } from './shapes.js';

/**
 * Aᵀ (cols×rows, row-major) of a row-major rows×cols matrix A: (Aᵀ)_ji = a_ij. `out` must not overlap `a`.
 *
 * @param a row-major rows×cols matrix
 * @param rows an integer ≥ 1
 * @param cols an integer ≥ 1
 * @param out optional Float64Array(rows·cols)
 * @example transpose(Float64Array.of(1, 2, 3), 1, 3) // [1, 2, 3] as a 3×1 matrix
 */
export function transpose(a: Float64Array | number[], rows: number, cols: number, out?: Float64Array): Float64Array {
  dimension('rows', rows);
  dimension('cols', cols);
  const matrix = matrixEntries('a', a, rows * cols);
  const t = outputBuffer('out', out, rows * cols, [matrix]);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) t[j * rows + i] = matrix[i * cols + j];
  }
  return t;
}

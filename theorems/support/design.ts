/**
 * Fixed designs for the fixed-design linear claims (AC-1, GR-16): the Gram matrix XᵀX and a conditioning
 * number tr(XᵀX)·tr((XᵀX)⁻¹), which is ≥ p² (Cauchy–Schwarz on the eigenvalues, = p² for an orthogonal
 * design) and bounds how far the generated designs stray from orthogonal.
 */
import { spdInverse, trace } from '../../src/linalg/index.js';

/**
 * XᵀX (p × p, row-major) of a row-major rows × p design X.
 *
 * @example gram(Float64Array.of(1, 0, 0, 2, 1, 1), 3, 2) // [2, 1, 1, 5]
 */
export function gram(design: Float64Array, rows: number, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < rows; i++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) out[a * p + b] += design[i * p + a] * design[i * p + b];
  return out;
}

/**
 * tr(G)·tr(G⁻¹) for G = XᵀX (≥ p², = p² for an orthogonal design), or Infinity when G is singular.
 *
 * @example designConditioning(Float64Array.of(1, 0, 0, 1), 2, 2) // 4
 */
export function designConditioning(design: Float64Array, rows: number, p: number): number {
  try {
    const g = gram(design, rows, p);
    return trace(g, p) * trace(spdInverse(g, p), p);
  } catch {
    return Infinity;
  }
}

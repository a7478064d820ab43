/**
 * A two-slot cache of Cholesky factors, keyed by the exact contents of the matrix, for samplers that are
 * handed the same covariance again and again (the truth Σ* every generation of a `fresh` recursion, next to
 * the changing Σ̂_{t−1}).
 */
import { cholesky, SYMMETRY_TOLERANCE } from '../linalg/cholesky.js';

/**
 * `lower(cov)` returns L with L Lᵀ = cov (row-major d×d), computed by `cholesky` (src/linalg) — or the factor
 * cached for a matrix with exactly the same entries (compared as bits: +0 and −0 differ), which is the same
 * array of numbers `cholesky` would return, since it is deterministic. Two slots, replaced alternately, so
 * that the truth and the latest estimate both stay cached. The returned array belongs to the cache: read it
 * before the next call. Errors of `cholesky` (NumericalError('singular'), …) propagate unchanged and leave
 * nothing cached for that matrix.
 *
 * @example
 *   const cache = new CholeskyCache(2);
 *   cache.lower(Float64Array.of(4, 2, 2, 5)); // [2, 0, 1, 2], factored
 *   cache.lower(Float64Array.of(4, 2, 2, 5)); // [2, 0, 1, 2], from the cache
 */
export class CholeskyCache {
  private readonly dim: number;
  private readonly matrices: [Float64Array, Float64Array];
  private readonly lowers: [Float64Array, Float64Array];
  private readonly valid: [boolean, boolean] = [false, false];
  private next = 0;

  constructor(dim: number) {
    this.dim = dim;
    this.matrices = [new Float64Array(dim * dim), new Float64Array(dim * dim)];
    this.lowers = [new Float64Array(dim * dim), new Float64Array(dim * dim)];
  }

  /** L with L Lᵀ = cov (cached, or by `cholesky`, whose errors propagate). */
  lower(cov: Float64Array): Float64Array {
    const size = this.dim * this.dim;
    for (let slot = 0; slot < 2; slot++) {
      if (this.valid[slot] && sameEntries(this.matrices[slot], cov, size)) return this.lowers[slot];
    }
    const slot = this.next;
    this.valid[slot] = false;
    choleskyInto(cov, this.dim, this.lowers[slot]);
    const m = this.matrices[slot];
    for (let i = 0; i < size; i++) m[i] = cov[i]; // a loop: TypedArray.prototype.set is slow for small arrays
    this.valid[slot] = true;
    this.next = 1 - slot;
    return this.lowers[slot];
  }
}

/** Whether a[0..size) and b[0..size) hold the same doubles, bit for bit (+0 ≠ −0; NaN equals no NaN, so never cached). */
function sameEntries(a: Float64Array, b: Float64Array, size: number): boolean {
  for (let i = 0; i < size; i++) {
    const x = a[i];
    if (x !== b[i] || (x === 0 && 1 / x !== 1 / b[i])) return false;
  }
  return true;
}

/**
 * `cholesky(a, d, out)` (src/linalg) for a Float64Array `a`, with the 2×2 case done inline: when the four
 * entries are finite, the matrix passes cholesky's symmetry test and both pivots pass its positivity test,
 * the factor is computed with exactly cholesky's operations (L₀₀ = √a₀₀, L₁₀ = a₁₀/L₀₀,
 * L₁₁ = √(a₁₁ − L₁₀²), L₀₁ = 0), so the result is the same array of numbers; anything else is handed to
 * `cholesky`, which throws its own error. Saves cholesky's argument checks on the samplers' hot path.
 *
 * @example
 *   choleskyInto(Float64Array.of(4, 2, 2, 5), 2, new Float64Array(4)); // [2, 0, 1, 2]
 */
export function choleskyInto(a: Float64Array, d: number, out: Float64Array): Float64Array {
  if (d === 2 && out.length === 4 && a.length === 4) {
    const a00 = a[0];
    const a01 = a[1];
    const a10 = a[2];
    const a11 = a[3];
    if (Number.isFinite(a00) && Number.isFinite(a01) && Number.isFinite(a10) && Number.isFinite(a11)) {
      // cholesky's checks, in its order and with its arithmetic
      let maxDiagonal = 0;
      if (a00 > maxDiagonal) maxDiagonal = a00;
      if (a11 > maxDiagonal) maxDiagonal = a11;
      const scale = Math.max(Math.abs(a10), Math.abs(a01), Math.sqrt(Math.abs(a11 * a00)));
      const threshold = d * Number.EPSILON * maxDiagonal;
      if (!(Math.abs(a10 - a01) > SYMMETRY_TOLERANCE * scale) && a00 > threshold) {
        const l00 = Math.sqrt(a00);
        const l10 = a10 / l00;
        const pivot = a11 - l10 * l10;
        if (pivot > threshold) {
          out[0] = l00;
          out[1] = 0;
          out[2] = l10;
          out[3] = Math.sqrt(pivot);
          return out;
        }
      }
    }
  }
  return cholesky(a, d, out);
}

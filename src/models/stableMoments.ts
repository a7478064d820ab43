/**
 * Overflow-free fallbacks for the means and scatter matrices of the Gaussian model (issue 7: data entries near
 * 1e308 made column sums and centred products overflow to ±Infinity although the mean — always inside the
 * data's range — and often the covariance are representable).
 *
 * The models compute their moments with the plain sums first (their results, bit for bit, for every input whose
 * sums stay finite) and call these only when a result came out non-finite from finite data. The data are then
 * scaled by a power of two s (exact), so that every scaled entry is at most 1 in magnitude, the sums are formed
 * on the scaled values, and the result is scaled back (a mean by 1/s, a scatter by 1/s²). What is still not
 * finite after that is beyond the double range, and the caller reports NumericalError('overflow').
 */

/** A power of two s with |v·s| ≤ 1 for every |v| ≤ m, or 1 when m ≤ 1 (rescaling only guards against overflow). */
export function overflowScale(m: number): number {
  return m > 1 ? 2 ** -Math.ceil(Math.log2(m)) : 1;
}

/**
 * out[j] = the mean of column j over rows [0, size) of the row-major, finite x (size ≥ 1), summed on values
 * scaled by a power of two per column: never overflows (|mean| ≤ the column's largest |entry|).
 *
 * @example
 *   stableColumnMeans(Float64Array.of(1e308, 1e308), 2, 1, new Float64Array(1)); // [1e308]
 */
export function stableColumnMeans(x: Float64Array, size: number, dim: number, out: Float64Array): Float64Array {
  for (let j = 0; j < dim; j++) {
    let m = 0;
    for (let i = 0; i < size; i++) m = Math.max(m, Math.abs(x[i * dim + j]));
    const s = overflowScale(m);
    let sum = 0;
    for (let i = 0; i < size; i++) sum += x[i * dim + j] * s;
    out[j] = sum / size / s;
  }
  return out;
}

/**
 * Adds scale·Σ_i (x_i − c)(x_i − c)ᵀ to the upper triangle of the d×d block of `out` starting at `offset`,
 * with the differences and products formed on values scaled by one power of two s (|x·s|, |c·s| ≤ 1) and the
 * sum scaled back by 1/s² at the end: an entry is non-finite only when its value is beyond the double range.
 *
 * @example
 *   const out = new Float64Array(1);
 *   addScaledScatterUpper(Float64Array.of(1e300, -1e300), 2, 1, Float64Array.of(0), 1e-300, out, 0); // out [2e300]
 */
export function addScaledScatterUpper(x: Float64Array, size: number, dim: number, center: Float64Array, scale: number, out: Float64Array, offset: number): void {
  let m = 0;
  for (let i = 0; i < size * dim; i++) m = Math.max(m, Math.abs(x[i]));
  for (let j = 0; j < dim; j++) m = Math.max(m, Math.abs(center[j]));
  const s = overflowScale(m);
  const diff = new Float64Array(dim);
  const scatter = new Float64Array(dim * dim);
  for (let i = 0; i < size; i++) {
    const row = i * dim;
    for (let j = 0; j < dim; j++) diff[j] = x[row + j] * s - center[j] * s;
    for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) scatter[a * dim + b] += diff[a] * diff[b];
  }
  for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) out[offset + a * dim + b] += (scale * scatter[a * dim + b]) / s / s;
}

/** Index of the first non-finite entry of the upper triangle of the d×d block at `offset`, or −1. */
export function firstNonFiniteUpper(m: Float64Array, dim: number, offset: number): number {
  for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) if (!Number.isFinite(m[offset + a * dim + b])) return offset + a * dim + b;
  return -1;
}

/** Index of the first non-finite entry of v[0, length), or −1. */
export function firstNonFinite(v: Float64Array, length = v.length): number {
  for (let i = 0; i < length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}

/**
 * out[j] = Σ_p c_p·v_p[j] (j < d) for weights c_p ≥ 0 summing to 1 up to rounding and finite vectors v_p =
 * vectorOf(p) (asked only for c_p > 0, once each), for when the plain sum overflowed: summed on the values scaled by
 * a power of two per column (exact), then clamped to [min v_p[j], max v_p[j]] over c_p > 0 — a convex combination
 * lies there, and the rounded c_p alone can push the plain sum of means near the largest double past it (e.g.
 * c = 0.2, 0.4, 0.4, all stored above 1/5, 2/5, of MAX_VALUE) — and scaled back. Always finite.
 *
 * @example
 *   const M = Number.MAX_VALUE;
 *   stableConvexCombination(new Float64Array(1), 1, [0.2, 0.4, 0.4], () => [M]); // [M] (the plain sum is ∞)
 */
export function stableConvexCombination(out: Float64Array, d: number, weights: ArrayLike<number>, vectorOf: (p: number) => ArrayLike<number>): void {
  const used: number[] = [];
  const vectors: ArrayLike<number>[] = [];
  for (let p = 0; p < weights.length; p++) {
    if (weights[p] === 0) continue;
    used.push(weights[p]);
    vectors.push(vectorOf(p));
  }
  for (let j = 0; j < d; j++) {
    let low = Infinity;
    let high = -Infinity;
    for (const v of vectors) {
      low = Math.min(low, v[j]);
      high = Math.max(high, v[j]);
    }
    const k = overflowScale(Math.max(Math.abs(low), Math.abs(high)));
    let sum = 0;
    for (let p = 0; p < vectors.length; p++) sum += used[p] * (vectors[p][j] * k);
    out[j] = Math.min(high * k, Math.max(low * k, sum)) / k;
  }
}

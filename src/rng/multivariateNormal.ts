/**
 * Multivariate normal variates X ~ N_d(μ, Σ) from a Cholesky factor: X = μ + L Z with Σ = L Lᵀ and
 * Z ~ N_d(0, I) (ziggurat normals). Any lower-triangular L gives Cov(X) = L Lᵀ; a factor from
 * `cholesky` (src/linalg) is the usual choice.
 *
 * Source: the affine property of the normal law (e.g. Gentle, Random Number Generation and Monte Carlo
 * Methods, 2003, §5.3.1).
 */
import type { Stream } from './stream.js';
import { fillStandardNormalUnchecked } from './normal.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { finiteVector, integerInRange } from '../validate.js';
import { checkStream } from './checkStream.js';

/** Largest rows·d accepted (2³¹ − 1 entries, the engine's cap on a dataset; larger is refused, not attempted). */
const MAX_ENTRIES = 2 ** 31 - 1;

/**
 * Validates `lower` as a finite d×d row-major lower-triangular matrix (entries above the diagonal must be
 * exactly 0, so that passing Σ instead of L is caught). Shared with `wishartVariate`.
 */
export function checkLowerTriangular(name: string, lower: unknown, d: number): Float64Array {
  if (!(lower instanceof Float64Array)) throw new InvalidArgumentError(name, lower, `a Float64Array of length ${d * d}`);
  finiteVector(name, lower, d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      if (lower[i * d + j] !== 0) {
        throw new InvalidArgumentError(`${name}[${i * d + j}]`, lower[i * d + j], `0 (${name} must be lower-triangular: row ${i}, column ${j} is above the diagonal)`);
      }
    }
  }
  return lower;
}

/**
 * Writes `rows` independent draws of N_d(mean, L Lᵀ) into `out` (row-major, row r at out[r·d .. r·d + d)),
 * d = mean.length. Per row: z ← d standard normals (drawn into `out` itself), x_i = μ_i + Σ_{j ≤ i} L_ij z_j.
 * `out` defaults to a new Float64Array(rows·d) and must have length ≥ rows·d. Returns `out`. A draw beyond the
 * largest double (e.g. μ ≈ 1.7e308) throws NumericalError('overflow') naming the row and coordinate.
 *
 * @example
 *   const L = new Float64Array([1, 0, 0.5, 2]);           // Σ = [[1, 0.5], [0.5, 4.25]]
 *   fillMultivariateNormal(rootKey('demo').stream(), new Float64Array([0, 1]), L, 100);
 */
export function fillMultivariateNormal(
  stream: Stream,
  mean: Float64Array,
  lower: Float64Array,
  rows: number,
  out?: Float64Array,
): Float64Array {
  checkStream(stream);
  if (!(mean instanceof Float64Array) || mean.length === 0) throw new InvalidArgumentError('mean', mean, 'a non-empty Float64Array');
  finiteVector('mean', mean);
  const d = mean.length;
  checkLowerTriangular('lower', lower, d);
  integerInRange('rows', rows, 0, Math.floor(MAX_ENTRIES / d));
  const target = out ?? new Float64Array(rows * d);
  if (!(target instanceof Float64Array)) throw new InvalidArgumentError('out', out, `a Float64Array of length ≥ rows·d = ${rows * d}`);
  if (target.length < rows * d) throw new InvalidArgumentError('out.length', target.length, `≥ rows·d = ${rows * d}`);
  return fillMultivariateNormalUnchecked(stream, mean, lower, d, rows, target);
}

/**
 * `fillMultivariateNormal` without the argument checks (internal: the caller has validated the stream, a finite
 * `mean` of length d, a lower-triangular d×d `lower` and `out` of length ≥ rows·d). Same draws, same arithmetic,
 * same overflow error. All rows·d standard normals are drawn first, in the order the per-row loop draws them
 * (row by row, d per row), into `out`; each row is then mapped in place, x_i = μ_i + Σ_{j ≤ i} L_ij z_j with
 * i descending (x_i only reads z_0..z_i, which are still intact), summed in the same order as before.
 *
 * @example
 *   fillMultivariateNormalUnchecked(stream, mean, lower, 2, 100, new Float64Array(200));
 */
export function fillMultivariateNormalUnchecked(stream: Stream, mean: Float64Array, lower: Float64Array, d: number, rows: number, out: Float64Array): Float64Array {
  fillStandardNormalUnchecked(stream, out, 0, rows * d);
  if (d === 2) {
    const m0 = mean[0];
    const m1 = mean[1];
    const l00 = lower[0];
    const l10 = lower[2];
    const l11 = lower[3];
    for (let base = 0; base < 2 * rows; base += 2) {
      const z0 = out[base];
      const z1 = out[base + 1];
      const x0 = m0 + l00 * z0;
      const x1 = m1 + l10 * z0 + l11 * z1;
      out[base] = x0;
      out[base + 1] = x1;
      if (!(Number.isFinite(x0) && Number.isFinite(x1))) throwIfOverflow(mean, out, base, 2);
    }
    return out;
  }
  for (let base = 0; base < rows * d; base += d) {
    let finite = true;
    for (let i = d - 1; i >= 0; i--) {
      let sum = mean[i];
      const row = i * d;
      for (let j = 0; j <= i; j++) sum += lower[row + j] * out[base + j];
      out[base + i] = sum;
      if (!Number.isFinite(sum)) finite = false;
    }
    if (!finite) throwIfOverflow(mean, out, base, d);
  }
  return out;
}

/** Throws the NumericalError('overflow') of the first non-finite coordinate of the row at `base`. */
function throwIfOverflow(mean: Float64Array, out: Float64Array, base: number, d: number): void {
  const r = base / d;
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(out[base + i])) throw new NumericalError('overflow', `a N(mean, L Lᵀ) draw is beyond the largest double at row ${r}, coordinate ${i} (mean[${i}] = ${mean[i]})`, { row: r, coordinate: i });
  }
}

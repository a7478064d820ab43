/**
 * Multivariate normal variates X ~ N_d(μ, Σ) from a Cholesky factor: X = μ + L Z with Σ = L Lᵀ and
 * Z ~ N_d(0, I) (ziggurat normals). Any lower-triangular L gives Cov(X) = L Lᵀ; a factor from
 * `cholesky` (src/linalg) is the usual choice.
 *
 * Source: the affine property of the normal law (e.g. Gentle, Random Number Generation and Monte Carlo
 * Methods, 2003, §5.3.1).
 */
import type { Stream } from './stream.js';
import { fillStandardNormal } from './normal.js';
import { InvalidArgumentError } from '../errors.js';
import { finiteVector, integerInRange } from '../validate.js';

/** Reusable scratch for Z (grown when a larger d is seen; never allocated per row). */
let scratch = new Float64Array(16);

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
 * d = mean.length. Per row: z ← d standard normals (into a reusable scratch), x_i = μ_i + Σ_{j ≤ i} L_ij z_j.
 * `out` defaults to a new Float64Array(rows·d) and must have length ≥ rows·d. Returns `out`.
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
  if (!(mean instanceof Float64Array) || mean.length === 0) throw new InvalidArgumentError('mean', mean, 'a non-empty Float64Array');
  finiteVector('mean', mean);
  const d = mean.length;
  checkLowerTriangular('lower', lower, d);
  integerInRange('rows', rows, 0);
  const target = out ?? new Float64Array(rows * d);
  if (!(target instanceof Float64Array)) throw new InvalidArgumentError('out', out, `a Float64Array of length ≥ rows·d = ${rows * d}`);
  if (target.length < rows * d) throw new InvalidArgumentError('out.length', target.length, `≥ rows·d = ${rows * d}`);
  if (scratch.length < d) scratch = new Float64Array(Math.max(d, 2 * scratch.length));
  const z = scratch;
  for (let r = 0; r < rows; r++) {
    fillStandardNormal(stream, z, 0, d);
    const base = r * d;
    for (let i = 0; i < d; i++) {
      let sum = mean[i];
      const row = i * d;
      for (let j = 0; j <= i; j++) sum += lower[row + j] * z[j];
      target[base + i] = sum;
    }
  }
  return target;
}

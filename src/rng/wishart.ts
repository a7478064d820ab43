/**
 * Wishart variates by the Bartlett decomposition: W ~ Wishart_d(V, ν) (scale V = L Lᵀ, ν = df degrees
 * of freedom, E W = ν V, Var(W_ij) = ν(V_ij² + V_ii V_jj)) is W = (L A)(L A)ᵀ with A lower-triangular,
 * A_ii = √(χ²_{ν−i}) (i = 0..d−1, independent), A_ij ~ N(0, 1) for j < i, all independent.
 * Requires ν > d − 1 (real ν allowed; for integer ν ≥ d, W has the law of Σ_{k<ν} x_k x_kᵀ with x_k ~ N_d(0, V)).
 *
 * Draw order (part of the value-stability contract): for i = 0..d−1, first A_ii, then A_i0 .. A_i,i−1.
 *
 * Source: M. S. Bartlett, "On the theory of statistical regression", Proc. R. Soc. Edinburgh 53, 1933;
 * W. B. Smith & R. R. Hocking, "Algorithm AS 53: Wishart variate generator", Appl. Stat. 21, 1972.
 */
import type { Stream } from './stream.js';
import { standardNormalUnchecked } from './normal.js';
import { gammaVariateUnchecked } from './gamma.js';
import { checkLowerTriangular } from './multivariateNormal.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { integerInRange } from '../validate.js';
import { checkStream } from './checkStream.js';

/** Reusable scratch for A and B = L A (grown when a larger d is seen). */
let factorA = new Float64Array(16);
let factorB = new Float64Array(16);

/**
 * One draw W ~ Wishart_d(L Lᵀ, df) written into `out` (d×d row-major, symmetric; default a new array;
 * length ≥ d²). `lower` is the Cholesky factor L of the scale matrix V (lower-triangular, row-major).
 *
 * @example
 *   const L = new Float64Array([1, 0, 0.3, 0.9]);
 *   wishartVariate(rootKey('demo').stream(), L, 2, 10); // E W = 10·L Lᵀ
 */
export function wishartVariate(stream: Stream, lower: Float64Array, d: number, df: number, out?: Float64Array): Float64Array {
  checkStream(stream);
  integerInRange('d', d, 1, 46340);
  checkLowerTriangular('lower', lower, d);
  if (typeof df !== 'number' || !Number.isFinite(df) || !(df > d - 1)) {
    throw new InvalidArgumentError('df', df, `a finite number > d − 1 = ${d - 1}`);
  }
  const target = out ?? new Float64Array(d * d);
  if (!(target instanceof Float64Array)) throw new InvalidArgumentError('out', out, `a Float64Array of length ≥ d² = ${d * d}`);
  if (target.length < d * d) throw new InvalidArgumentError('out.length', target.length, `≥ d² = ${d * d}`);
  return wishartVariateUnchecked(stream, lower, d, df, target);
}

/**
 * `wishartVariate` without the argument checks (internal: a checked stream, a finite lower-triangular d×d
 * `lower`, df > d − 1, `out` of length ≥ d²), for the Gaussian sufficient-statistic sampler: the same draws
 * (χ² and normals in the documented order), the same arithmetic and the same overflow error.
 *
 * @example
 *   wishartVariateUnchecked(stream, lower, 2, 99, scratch); // the scatter of 100 rows of N_2(μ, L Lᵀ)
 */
export function wishartVariateUnchecked(stream: Stream, lower: Float64Array, d: number, df: number, target: Float64Array): Float64Array {
  if (factorA.length < d * d) {
    factorA = new Float64Array(d * d);
    factorB = new Float64Array(d * d);
  }
  const a = factorA;
  const b = factorB;
  // A (lower-triangular), Bartlett.
  for (let i = 0; i < d; i++) {
    const row = i * d;
    a[row + i] = Math.sqrt(gammaVariateUnchecked(stream, 0.5 * (df - i), 0.5)); // χ²_{df−i} = chiSquaredVariate(stream, df − i)
    for (let j = 0; j < i; j++) a[row + j] = standardNormalUnchecked(stream);
  }
  // B = L A (lower-triangular): B_ij = Σ_{k=j..i} L_ik A_kj.
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = j; k <= i; k++) sum += lower[i * d + k] * a[k * d + j];
      b[i * d + j] = sum;
    }
  }
  // W = B Bᵀ: W_ij = Σ_{k ≤ min(i, j)} B_ik B_jk.
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k <= j; k++) sum += b[i * d + k] * b[j * d + k];
      if (!Number.isFinite(sum)) throw new NumericalError('overflow', `a Wishart draw is beyond the largest double at entry (${i}, ${j}) (scale factor entries too large)`, { row: i, column: j });
      target[i * d + j] = sum;
      target[j * d + i] = sum;
    }
  }
  return target;
}

/**
 * The multivariate Gaussian model N(μ, Σ) of paper 4 (He, Xu & Cheng, "Recursive Learning Without
 * Collapse", §3.1; CLAIMS.md §1.1, §1.3–1.5) and of the replace / accumulate workflows (§2, §5).
 *
 * θ = { mean: μ (length d), cov: Σ (d×d, row-major) }. The weighted fit follows the papers' code:
 * μ̂ = Σ_s (w_s/W)·x̄_s and, by default, Σ̂ = Σ_s (w_s/W)·S_s with S_s the unbiased (ddof 1) covariance of
 * source s about its own mean (`np.cov` in `Scenario2/Frameworks/D_Fresh_Data.py`). This convention
 * matters: the covariance collapse threshold of Theorem 1 (CLAIMS.md §1.4) needs ddof 1; with the
 * 'pooled-mle' convention (ddof 0 for one source) the fully synthetic covariance error stays bounded.
 */
import type { Dataset, Metric, Model, WeightedSource } from './types.js';
import type { Stream } from '../rng/stream.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { finiteVector, integerInRange, sampleSize, oneOf, parameterName } from '../validate.js';
import { addScaledScatterUpper, firstNonFinite, firstNonFiniteUpper, stableColumnMeans, stableConvexCombination } from './stableMoments.js';
import { assertFiniteSourceEntries, normalisedSourceWeights, sourceWeightsDeferringEntries } from './sourceWeights.js';
import { CholeskyCache } from './choleskyCache.js';
import { rowStorage } from './rowStorage.js';
import { fillMultivariateNormal } from '../rng/multivariateNormal.js';
import { squaredL2 } from '../metrics/squaredL2.js';
import { frobeniusSquared } from '../metrics/frobeniusSquared.js';
import { createGaussianSummaries } from './gaussianSummaries.js';

/** θ of the Gaussian model: mean μ (length d) and covariance Σ (d×d, row-major). */
export interface GaussianTheta {
  readonly mean: Float64Array;
  readonly cov: Float64Array;
}

/** How the Gaussian model estimates Σ from weighted sources. */
export type GaussianCovarianceConvention = 'unbiased-per-source' | 'pooled-mle';

export interface GaussianModelOptions {
  /** d, the dimension of an observation. */
  readonly dim: number;
  /** Covariance estimator (default 'unbiased-per-source', the papers' code). Not allowed with `known`. */
  readonly covariance?: GaussianCovarianceConvention;
  /** Known-covariance variant: Σ is not estimated, fit returns this covariance (d×d, symmetric PSD). */
  readonly known?: { readonly cov: Float64Array };
}

const COVARIANCE_CONVENTIONS = ['unbiased-per-source', 'pooled-mle'] as const;

/**
 * Largest dimension d of the Gaussian model: the model and its fast path hold several d×d matrices, so
 * d ≤ 4096 keeps each at 2^24 doubles (128 MiB); a larger d (a fuzzed 2^31) gets a clear error instead of a
 * RangeError from an impossible allocation.
 */
export const MAX_GAUSSIAN_DIM = 4096;

/** Relative tolerance (to the largest diagonal entry) for symmetry and positive semi-definiteness. */
const MATRIX_TOLERANCE = 1e-10;

/** out[j] = mean of column j over rows [0, size) of the row-major x (size ≥ 1). */
function columnMeans(x: Float64Array, size: number, dim: number, out: Float64Array): Float64Array {
  if (dim === 2) {
    // The same additions in the same order, in locals (the loop below re-reads and re-writes out[j] per row).
    let sum0 = 0;
    let sum1 = 0;
    for (let r = 0; r < 2 * size; r += 2) {
      sum0 += x[r];
      sum1 += x[r + 1];
    }
    out[0] = sum0 / size;
    out[1] = sum1 / size;
    return out;
  }
  out.fill(0);
  for (let i = 0; i < size; i++) {
    const row = i * dim;
    for (let j = 0; j < dim; j++) out[j] += x[row + j];
  }
  for (let j = 0; j < dim; j++) out[j] /= size;
  return out;
}

/**
 * `columnMeans` of finite x, recomputed overflow-free (`stableColumnMeans`) when a column sum overflowed: the
 * mean of finite numbers lies within their range, so it is always finite; the plain sums' result otherwise.
 */
function columnMeansNoOverflow(x: Float64Array, size: number, dim: number, out: Float64Array): Float64Array {
  columnMeans(x, size, dim, out);
  return firstNonFinite(out, dim) < 0 ? out : stableColumnMeans(x, size, dim, out);
}

/** Throws NumericalError('overflow') naming `parameter` when the upper triangle of the d×d `m` has a non-finite entry. */
function assertFiniteMatrix(m: Float64Array, dim: number, what: string, parameter: string): void {
  const bad = firstNonFiniteUpper(m, dim, 0);
  if (bad >= 0) {
    throw new NumericalError('overflow', `${what} is beyond the double range at entry ${bad} (${m[bad]}); the entries of ${parameter} are too large`, { parameter, index: bad, value: m[bad] });
  }
}

/**
 * Adds scale·Σ_i (x_i − c)(x_i − c)ᵀ to the upper triangle of `out` (d×d). `diff` is scratch of length d.
 */
function addScatterUpper(x: Float64Array, size: number, dim: number, center: Float64Array, scale: number, diff: Float64Array, scratch: Float64Array, out: Float64Array): void {
  if (dim === 2) {
    // The same products and sums in the same order, in locals.
    const c0 = center[0];
    const c1 = center[1];
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    for (let r = 0; r < 2 * size; r += 2) {
      const d0 = x[r] - c0;
      const d1 = x[r + 1] - c1;
      s00 += d0 * d0;
      s01 += d0 * d1;
      s11 += d1 * d1;
    }
    out[0] += scale * s00;
    out[1] += scale * s01;
    out[3] += scale * s11;
    return;
  }
  scratch.fill(0);
  for (let i = 0; i < size; i++) {
    const row = i * dim;
    for (let j = 0; j < dim; j++) diff[j] = x[row + j] - center[j];
    for (let a = 0; a < dim; a++) {
      const da = diff[a];
      const base = a * dim;
      for (let b = a; b < dim; b++) scratch[base + b] += da * diff[b];
    }
  }
  for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) out[a * dim + b] += scale * scratch[a * dim + b];
}

/** Copies the upper triangle of a d×d matrix into its lower triangle (exact symmetry). */
function mirrorUpper(m: Float64Array, dim: number): Float64Array {
  for (let a = 0; a < dim; a++) for (let b = a + 1; b < dim; b++) m[b * dim + a] = m[a * dim + b];
  return m;
}

/** μ̂ = Σ_s ω_s x̄_s for already-normalised source weights ω_s (sources of weight 0 skipped). */
function weightedMeanKernel(sources: readonly WeightedSource[], omega: Float64Array, dim: number, scratch: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  for (let s = 0; s < sources.length; s++) {
    if (omega[s] === 0) continue;
    const { x, size } = sources[s].data;
    columnMeansNoOverflow(x, size, dim, scratch);
    for (let j = 0; j < dim; j++) out[j] += omega[s] * scratch[j];
  }
  if (firstNonFinite(out, dim) >= 0) {
    // Σ_s ω_s x̄_s overflowed (means near the largest double; the rounded ω_s can sum above 1): it is a convex
    // combination of finite means, recomputed scaled and clamped to their range.
    stableConvexCombination(out, dim, omega, (s) => columnMeansNoOverflow(sources[s].data.x, sources[s].data.size, dim, new Float64Array(dim)));
  }
  return out;
}

/**
 * The weighted mean of weighted sources, μ̂ = Σ_s (w_s/W)·x̄_s with W = Σ_s w_s, i.e. Σ_i ω_i x_i with
 * each point of source s weighted ω_i = w_s/(W·size_s) (the per-point weights of paper 4's fit, CLAIMS.md
 * §1.1: w/n for real and (1 − w)/m for synthetic points). Sources of weight 0 are ignored. The sources are
 * validated as in `normalisedSourceWeights` (dims, finite data, weights ≥ 0 with a positive sum).
 *
 * @example
 *   const a = { size: 2, dim: 1, x: Float64Array.of(0, 2), y: null };
 *   const b = { size: 1, dim: 1, x: Float64Array.of(10), y: null };
 *   weightedMeanOfSources([{ data: a, weight: 0.75 }, { data: b, weight: 0.25 }], 1); // [3.25]
 */
export function weightedMeanOfSources(sources: readonly WeightedSource[], dim: number, out?: Float64Array): Float64Array {
  integerInRange('dim', dim, 1);
  const omega = normalisedSourceWeights(sources, dim);
  const target = out ?? new Float64Array(dim);
  if (!(target instanceof Float64Array) || target.length !== dim) throw new InvalidArgumentError('out', out, `a Float64Array of length ${dim}`);
  return weightedMeanKernel(sources, omega, dim, new Float64Array(dim), target);
}

/**
 * The unbiased (ddof 1) sample covariance of one dataset about its own mean:
 * S = (1/(n − 1))·Σ_i (x_i − x̄)(x_i − x̄)ᵀ, n = data.size ≥ 2, returned d×d row-major and exactly
 * symmetric (two passes: mean, then centred scatter). This is `np.cov(x, rowvar=False)` (ddof = 1),
 * the estimator of the papers' code; E S = Σ for i.i.d. rows with covariance Σ.
 *
 * @example
 *   sampleCovarianceUnbiased({ size: 3, dim: 1, x: Float64Array.of(1, 2, 3), y: null }); // [1]
 */
export function sampleCovarianceUnbiased(data: Dataset, out?: Float64Array): Float64Array {
  if (data === null || typeof data !== 'object') throw new InvalidArgumentError('data', data, 'a Dataset { size, dim, x, y }');
  const dim = integerInRange('data.dim', data.dim, 1);
  const size = integerInRange('data.size', data.size, 2);
  const x = finiteVector('data.x', data.x, size * dim);
  const target = out ?? new Float64Array(dim * dim);
  if (!(target instanceof Float64Array) || target.length !== dim * dim) throw new InvalidArgumentError('out', out, `a Float64Array of length ${dim * dim}`);
  const mean = columnMeansNoOverflow(x, size, dim, new Float64Array(dim));
  target.fill(0);
  addScatterUpper(x, size, dim, mean, 1 / (size - 1), new Float64Array(dim), new Float64Array(dim * dim), target);
  if (firstNonFiniteUpper(target, dim, 0) >= 0) {
    // A centred product overflowed: recompute on scaled data; what is still infinite is beyond the double range.
    target.fill(0);
    addScaledScatterUpper(x, size, dim, mean, 1 / (size - 1), target, 0);
    assertFiniteMatrix(target, dim, 'the sample covariance of data.x', 'data.x');
  }
  return mirrorUpper(target, dim);
}

/**
 * Throws InvalidArgumentError(`name`) unless the d×d row-major `m` is symmetric and positive
 * semi-definite, both up to 1e-10 × its largest diagonal entry. PSD is tested by a diagonally pivoted
 * Cholesky (Higham, "Accuracy and Stability of Numerical Algorithms", §10.3): at each step the largest
 * remaining diagonal is eliminated; a negative one, or a remaining block whose diagonal is ≈ 0 but has a
 * non-zero entry, proves an eigenvalue < 0.
 */
function assertSymmetricPsd(m: Float64Array, dim: number, name: string): void {
  let maxDiagonal = 0;
  for (let a = 0; a < dim; a++) maxDiagonal = Math.max(maxDiagonal, Math.abs(m[a * dim + a]));
  const tolerance = MATRIX_TOLERANCE * maxDiagonal;
  for (let a = 0; a < dim; a++) {
    for (let b = a + 1; b < dim; b++) {
      if (Math.abs(m[a * dim + b] - m[b * dim + a]) > tolerance) {
        throw new InvalidArgumentError(`${name}[${a * dim + b}]`, m[a * dim + b], `equal to ${name}[${b * dim + a}] = ${m[b * dim + a]} (a symmetric matrix)`);
      }
    }
  }
  const work = Float64Array.from(m);
  const perm = new Int32Array(dim);
  for (let a = 0; a < dim; a++) perm[a] = a;
  for (let k = 0; k < dim; k++) {
    let pivot = k;
    for (let i = k + 1; i < dim; i++) if (work[perm[i] * dim + perm[i]] > work[perm[pivot] * dim + perm[pivot]]) pivot = i;
    const swap = perm[k];
    perm[k] = perm[pivot];
    perm[pivot] = swap;
    const p = perm[k];
    const pivotValue = work[p * dim + p];
    if (pivotValue <= tolerance) {
      // The remaining Schur complement must be ≈ 0 for a PSD matrix.
      for (let i = k; i < dim; i++) {
        for (let j = k; j < dim; j++) {
          const v = work[perm[i] * dim + perm[j]];
          if (Math.abs(v) > tolerance) throw new InvalidArgumentError(name, m, 'a symmetric positive semi-definite matrix (it has a negative eigenvalue)');
        }
      }
      return;
    }
    for (let i = k + 1; i < dim; i++) {
      const ri = perm[i];
      const factor = work[ri * dim + p] / pivotValue;
      for (let j = k + 1; j < dim; j++) {
        const rj = perm[j];
        work[ri * dim + rj] -= factor * work[p * dim + rj];
      }
    }
  }
}

/** Checks the shape and finiteness of a Gaussian θ (no PSD test); returns nothing. */
function assertThetaShape(theta: GaussianTheta, dim: number, name: string): void {
  if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, 'an object { mean, cov }');
  if (!(theta.mean instanceof Float64Array)) throw new InvalidArgumentError(`${name}.mean`, theta.mean, `a Float64Array of length ${dim}`);
  if (!(theta.cov instanceof Float64Array)) throw new InvalidArgumentError(`${name}.cov`, theta.cov, `a Float64Array of length ${dim * dim}`);
  finiteVector(`${name}.mean`, theta.mean, dim);
  finiteVector(`${name}.cov`, theta.cov, dim * dim);
}

/** theta.mean or theta.cov of a metric's argument, checked (an object holding a finite Float64Array of `length`). */
function thetaPart(theta: GaussianTheta, part: 'mean' | 'cov', length: number, name: string): Float64Array {
  if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, 'an object { mean, cov }');
  const v = theta[part];
  if (!(v instanceof Float64Array)) throw new InvalidArgumentError(`${name}.${part}`, v, `a Float64Array of length ${length}`);
  return finiteVector(`${name}.${part}`, v, length);
}

/**
 * The Gaussian model N(μ, Σ) in dimension d.
 *
 * fit(sources): μ̂ = Σ_s (w_s/W)·x̄_s, and
 * - 'unbiased-per-source' (default; the papers' code, CLAIMS.md §1.1 and §1.4): Σ̂ = Σ_s (w_s/W)·S_s with
 *   S_s the ddof-1 covariance of source s about its own mean x̄_s. Every source of positive weight needs
 *   ≥ 2 points (InvalidArgumentError otherwise); sources of weight 0 are ignored.
 * - 'pooled-mle': Σ̂ = Σ_i ω_i (x_i − μ̂)(x_i − μ̂)ᵀ with per-point weights ω_i = w_s/(W·size_s), Σ ω_i = 1;
 *   for one source this is the ddof-0 MLE (biased by the factor (n − 1)/n, CLAIMS.md §2.3).
 * - with `known`: Σ is not estimated and fit returns a copy of the known covariance (the σ²-known
 *   variant of the papers); sources of one point are then allowed.
 * sample(θ, size, stream): `size` rows of N(θ.mean, θ.cov) through the Cholesky factor of θ.cov and
 * `fillMultivariateNormal`; a θ.cov that is not positive definite (e.g. a collapsed covariance) raises
 * NumericalError('singular').
 * metrics: mean = ‖μ̂ − μ‖₂², cov = ‖Σ̂ − Σ‖_F² (only `mean` with `known`).
 *
 * @example
 *   const model = gaussianModel({ dim: 2 });
 *   const truth = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
 *   const data = model.sample(truth, 100, rootKey('demo').stream());
 *   const estimate = model.fit([{ data, weight: 1 }]);
 *   model.metrics.mean(estimate, truth); // ‖μ̂ − μ‖², about trΣ/n = 0.015
 */
export function gaussianModel(options: GaussianModelOptions): Model<GaussianTheta> {
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('options', options, 'an object { dim, covariance?, known? }');
  const dim = integerInRange('options.dim', options.dim, 1, MAX_GAUSSIAN_DIM);
  const known = options.known;
  let knownCov: Float64Array | null = null;
  if (known !== undefined) {
    if (options.covariance !== undefined) {
      throw new InvalidArgumentError('options.covariance', options.covariance, 'undefined when options.known is given (the covariance is not estimated)');
    }
    if (known === null || typeof known !== 'object') throw new InvalidArgumentError('options.known', known, 'an object { cov }');
    if (!(known.cov instanceof Float64Array)) throw new InvalidArgumentError('options.known.cov', known.cov, `a Float64Array of length ${dim * dim}`);
    knownCov = Float64Array.from(finiteVector('options.known.cov', known.cov, dim * dim));
    assertSymmetricPsd(knownCov, dim, 'options.known.cov');
  }
  const convention: GaussianCovarianceConvention =
    options.covariance === undefined ? 'unbiased-per-source' : oneOf('options.covariance', options.covariance, COVARIANCE_CONVENTIONS);

  const meanScratch = new Float64Array(dim);
  const diffScratch = new Float64Array(dim);
  const scatterScratch = new Float64Array(dim * dim);
  /** x̄_s of each source, s·d … s·d + d − 1 (grown with the number of sources). */
  let sourceMeans = new Float64Array(2 * dim);
  /** Cholesky factors of the covariances being sampled (the truth's stays cached across generations). */
  const factors = new CholeskyCache(dim);

  function fit(sources: readonly WeightedSource[]): GaussianTheta {
    const minSize = knownCov === null && convention === 'unbiased-per-source' ? 2 : 1;
    // The checks of normalisedSourceWeights; the finiteness of the entries is checked through the column
    // sums below (a non-finite entry makes its column's mean non-finite), saving a pass over the data.
    const omega = sourceWeightsDeferringEntries(sources, dim, minSize);
    if (sourceMeans.length < sources.length * dim) sourceMeans = new Float64Array(2 * sources.length * dim);
    // μ̂ = Σ_s ω_s x̄_s (as weightedMeanKernel), keeping each x̄_s for the per-source covariances below.
    const mean = new Float64Array(dim);
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) {
        if (sources[s].weight > 0) assertFiniteSourceEntries(sources, s); // ω_s underflowed: still checked
        continue;
      }
      const { x, size } = sources[s].data;
      columnMeans(x, size, dim, meanScratch);
      if (firstNonFinite(meanScratch, dim) >= 0) {
        assertFiniteSourceEntries(sources, s); // throws for a non-finite entry
        stableColumnMeans(x, size, dim, meanScratch); // finite entries whose sum overflowed
      }
      for (let j = 0; j < dim; j++) {
        mean[j] += omega[s] * meanScratch[j];
        sourceMeans[s * dim + j] = meanScratch[j];
      }
    }
    if (firstNonFinite(mean, dim) >= 0) {
      // Σ_s ω_s x̄_s overflowed (means near the largest double): a convex combination of the finite x̄_s, recomputed
      // scaled and clamped to their range (as weightedMeanKernel).
      stableConvexCombination(mean, dim, omega, (s) => sourceMeans.subarray(s * dim, (s + 1) * dim));
    }
    if (knownCov !== null) return { mean, cov: Float64Array.from(knownCov) };
    const cov = new Float64Array(dim * dim);
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) continue;
      const { x, size } = sources[s].data;
      if (convention === 'unbiased-per-source') {
        for (let j = 0; j < dim; j++) meanScratch[j] = sourceMeans[s * dim + j];
        addScatterUpper(x, size, dim, meanScratch, omega[s] / (size - 1), diffScratch, scatterScratch, cov);
      } else {
        addScatterUpper(x, size, dim, mean, omega[s] / size, diffScratch, scatterScratch, cov);
      }
    }
    if (firstNonFiniteUpper(cov, dim, 0) >= 0) {
      // A centred product overflowed: recompute on scaled data; what is still infinite is beyond the double range.
      cov.fill(0);
      for (let s = 0; s < sources.length; s++) {
        if (omega[s] === 0) continue;
        const { x, size } = sources[s].data;
        const center = convention === 'unbiased-per-source' ? sourceMeans.subarray(s * dim, s * dim + dim) : mean;
        addScaledScatterUpper(x, size, dim, center, convention === 'unbiased-per-source' ? omega[s] / (size - 1) : omega[s] / size, cov, 0);
      }
      assertFiniteMatrix(cov, dim, 'the weighted covariance estimate of sources', 'sources');
    }
    return { mean, cov: mirrorUpper(cov, dim) };
  }

  function sample(theta: GaussianTheta, size: number, stream: Stream): Dataset {
    assertThetaShape(theta, dim, 'theta');
    sampleSize('size', size, dim);
    let lower: Float64Array;
    try {
      lower = factors.lower(theta.cov);
    } catch (error) {
      if (error instanceof NumericalError && error.kind === 'singular') {
        throw new NumericalError(
          'singular',
          `the covariance of the Gaussian model being sampled (theta.cov, ${dim}×${dim}) is singular or not positive definite ` +
            `(e.g. a collapsed covariance), so N(theta.mean, theta.cov) cannot be sampled [${error.message}]`,
          { ...error.details, parameter: 'theta.cov' },
        );
      }
      throw error;
    }
    const x = rowStorage(size * dim);
    if (size > 0) fillMultivariateNormal(stream, theta.mean, lower, size, x);
    return { size, dim, x, y: null };
  }

  function validate(theta: GaussianTheta, name = 'theta'): void {
    name = parameterName(name, 'theta');
    assertThetaShape(theta, dim, name);
    assertSymmetricPsd(theta.cov, dim, `${name}.cov`);
  }

  const meanError: Metric<GaussianTheta> = (estimate, truth) => squaredL2(thetaPart(estimate, 'mean', dim, 'estimate'), thetaPart(truth, 'mean', dim, 'truth'));
  const covError: Metric<GaussianTheta> = (estimate, truth) => frobeniusSquared(thetaPart(estimate, 'cov', dim * dim, 'estimate'), thetaPart(truth, 'cov', dim * dim, 'truth'), dim);
  const metrics: Record<string, Metric<GaussianTheta>> = knownCov === null ? { mean: meanError, cov: covError } : { mean: meanError };

  return { name: 'gaussian', sample, fit, metrics, validate, summaries: createGaussianSummaries(dim, convention, knownCov) };
}

/**
 * The exact sufficient-statistic fast path of the Gaussian model N(μ, Σ) (issue 5; DESIGN.md, "fast paths").
 *
 * Summary layout (`stats`, row-major):
 *   estimated covariance  [x̄ (d), scatter (d×d)],  x̄ = (1/N) Σ_i x_i,  scatter = Σ_i (x_i − x̄)(x_i − x̄)ᵀ
 *   known covariance      [x̄ (d)]                  (Σ is not estimated, so the scatter is not needed)
 *
 * Exact law (Anderson, An Introduction to Multivariate Statistical Analysis, 3rd ed., Thm 3.3.2): for N
 * i.i.d. rows of N_d(μ, Σ), x̄ ~ N_d(μ, Σ/N) and scatter ~ Wishart_d(Σ, N − 1), independent. So `sample`
 * draws x̄ = μ + L z/√N (L = chol Σ, z ~ N_d(0, I)) and then the scatter — by Bartlett's decomposition
 * (`wishartVariate`) when N − 1 ≥ d, and as Σ_{k < N−1} (L z_k)(L z_k)ᵀ when 1 ≤ N − 1 < d (the singular
 * Wishart, exact too), zero for N = 1. Every θ̂ fitted from these summaries has exactly the law it has under
 * explicit sampling (the draws differ). Cost O(d³) per summary, independent of N (O(d²) with a known
 * covariance, whose Cholesky factor is cached).
 *
 * The fit is gaussianModel's, on summaries (same conventions, validation and errors):
 *   μ̂ = Σ_s ω_s x̄_s,  ω_s = w_s / Σ_r w_r;
 *   'unbiased-per-source'  Σ̂ = Σ_s ω_s scatter_s / (N_s − 1)            (sources of positive weight need N_s ≥ 2)
 *   'pooled-mle'           Σ̂ = Σ_s ω_s [scatter_s / N_s + (x̄_s − μ̂)(x̄_s − μ̂)ᵀ]   (= Σ_i ω_i (x_i − μ̂)(x_i − μ̂)ᵀ)
 *   known                  Σ̂ = the known covariance.
 * Pooling (accumulate): N = Σ_p N_p, x̄ = Σ_p N_p x̄_p / N, scatter = Σ_p scatter_p + Σ_p N_p (x̄_p − x̄)(x̄_p − x̄)ᵀ
 * (the within/between decomposition of the total scatter).
 */
import type { Dataset, Summary, SummaryCapability } from './types.js';
import type { GaussianCovarianceConvention, GaussianModelOptions, GaussianTheta } from './gaussian.js';
import { gaussianModel } from './gaussian.js';
import type { Stream } from '../rng/stream.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { finiteVector, integerInRange } from '../validate.js';
import { CholeskyCache } from './choleskyCache.js';
import { fillStandardNormalUnchecked } from '../rng/normal.js';
import { wishartVariateUnchecked } from '../rng/wishart.js';
import { checkStream } from '../rng/checkStream.js';
import { stableConvexCombination } from './stableMoments.js';
import { checkSummaryShape, normalisedSummaryWeights, type SummarySource } from './summaryWeights.js';
import { addScaledScatterUpper, firstNonFinite, stableColumnMeans } from './stableMoments.js';

/** Relative tolerance (to the largest diagonal entry) for the symmetry of a summary's scatter. */
const SCATTER_SYMMETRY_TOLERANCE = 1e-10;

/**
 * The Gaussian fast path of `gaussianModel(options)`: the same capability as `gaussianModel(options).summaries`
 * (options validated by gaussianModel, with its errors).
 *
 * @example
 *   const summaries = gaussianSummaries({ dim: 2 });
 *   const truth = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
 *   const s = summaries.sample(truth, 100, rootKey('demo').stream());  // { size: 100, stats: [x̄ (2), scatter (4)] }
 *   summaries.fit([{ summary: s, weight: 1 }]);                        // θ̂ with the law of gaussianModel.fit on 100 rows
 */
export function gaussianSummaries(options: GaussianModelOptions): SummaryCapability<GaussianTheta> {
  const summaries = gaussianModel(options).summaries;
  if (summaries === undefined) throw new Error('gaussianModel did not attach its summaries (src/models/gaussian.ts)');
  return summaries;
}

/** Checks a dataset for `fromData`: dim d, integer size ≥ 0, x a finite Float64Array of length size·d. */
function checkData(data: Dataset, dim: number): void {
  if (data === null || typeof data !== 'object') throw new InvalidArgumentError('data', data, 'a Dataset { size, dim, x, y }');
  if (data.dim !== dim) throw new InvalidArgumentError('data.dim', data.dim, `${dim} (the model's dimension)`);
  if (!Number.isSafeInteger(data.size) || data.size < 0) throw new InvalidArgumentError('data.size', data.size, 'an integer ≥ 0');
  if (!(data.x instanceof Float64Array)) throw new InvalidArgumentError('data.x', data.x, 'a Float64Array');
  if (data.x.length !== data.size * dim) throw new InvalidArgumentError('data.x.length', data.x.length, `${data.size * dim} (size·dim)`);
  for (let i = 0; i < data.x.length; i++) if (!Number.isFinite(data.x[i])) throw new InvalidArgumentError(`data.x[${i}]`, data.x[i], 'a finite number');
}

/** Whether `checkScatter` would pass for the 2×2 scatter block (same tests, no error message built). */
function isValidScatterOfTwo(stats: Float64Array): boolean {
  const s00 = stats[2];
  const s11 = stats[5];
  if (s00 < 0 || s11 < 0) return false;
  let maxDiagonal = 0;
  if (s00 > maxDiagonal) maxDiagonal = s00;
  if (s11 > maxDiagonal) maxDiagonal = s11;
  return !(Math.abs(stats[3] - stats[4]) > SCATTER_SYMMETRY_TOLERANCE * maxDiagonal);
}

/** Checks that the scatter block stats[d..d + d²) is symmetric (to 1e-10 of its largest diagonal) with a diagonal ≥ 0. */
function checkScatter(stats: Float64Array, dim: number, name: string): void {
  let maxDiagonal = 0;
  for (let a = 0; a < dim; a++) {
    const v = stats[dim + a * dim + a];
    if (v < 0) throw new InvalidArgumentError(`${name}.stats[${dim + a * dim + a}]`, v, 'a scatter diagonal entry ≥ 0');
    if (v > maxDiagonal) maxDiagonal = v;
  }
  const tolerance = SCATTER_SYMMETRY_TOLERANCE * maxDiagonal;
  for (let a = 0; a < dim; a++) {
    for (let b = a + 1; b < dim; b++) {
      const upper = stats[dim + a * dim + b];
      const lower = stats[dim + b * dim + a];
      if (Math.abs(upper - lower) > tolerance) {
        throw new InvalidArgumentError(`${name}.stats[${dim + a * dim + b}]`, upper, `equal to ${name}.stats[${dim + b * dim + a}] = ${lower} (a symmetric scatter)`);
      }
    }
  }
}

/**
 * Throws NumericalError('overflow') naming `parameter` when stats[0, length) has a non-finite entry (a sum of
 * finite inputs beyond the double range).
 */
function assertFiniteStats(stats: Float64Array, length: number, what: string, parameter: string): void {
  const bad = firstNonFinite(stats, length);
  if (bad >= 0) {
    throw new NumericalError('overflow', `${what} is beyond the double range at entry ${bad} (${stats[bad]}); the values of ${parameter} are too large`, { parameter, index: bad, value: stats[bad] });
  }
}

/** Copies the upper triangle of the d×d block at `offset` into its lower triangle. */
function mirrorUpper(m: Float64Array, dim: number, offset: number): void {
  for (let a = 0; a < dim; a++) for (let b = a + 1; b < dim; b++) m[offset + b * dim + a] = m[offset + a * dim + b];
}

/**
 * The Gaussian summary capability for already validated options (called by `gaussianModel`, which has
 * checked dim, the convention and the known covariance; use `gaussianSummaries(options)` otherwise).
 * `knownCov` is the model's own copy of the known covariance, or null when Σ is estimated. See the module
 * comment for the layout, the exact law and the fit.
 *
 * @example
 *   const summaries = createGaussianSummaries(1, 'unbiased-per-source', null);
 *   const s = summaries.fromData({ size: 3, dim: 1, x: Float64Array.of(1, 2, 3), y: null }); // stats [2, 2]
 *   summaries.fit([{ summary: s, weight: 1 }]); // { mean: [2], cov: [1] }
 */
export function createGaussianSummaries(
  dim: number,
  convention: GaussianCovarianceConvention,
  knownCov: Float64Array | null,
): SummaryCapability<GaussianTheta> {
  const d = dim;
  const withScatter = knownCov === null;
  const statsLength = withScatter ? d + d * d : d;
  const minSize = withScatter && convention === 'unbiased-per-source' ? 2 : 1;
  const cache = new CholeskyCache(d);
  const z = new Float64Array(d);
  const y = new Float64Array(d);
  const wishartScratch = new Float64Array(d * d);

  function choleskyOf(theta: GaussianTheta): Float64Array {
    try {
      return cache.lower(theta.cov);
    } catch (error) {
      if (error instanceof NumericalError && error.kind === 'singular') {
        throw new NumericalError(
          'singular',
          `the covariance of the Gaussian model being sampled (theta.cov, ${d}×${d}) is singular or not positive definite ` +
            `(e.g. a collapsed covariance), so the summary of N(theta.mean, theta.cov) draws cannot be sampled [${error.message}]`,
          { ...error.details, parameter: 'theta.cov' },
        );
      }
      throw error;
    }
  }

  function sample(theta: GaussianTheta, size: number, stream: Stream): Summary {
    if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError('theta', theta, 'an object { mean, cov }');
    if (!(theta.mean instanceof Float64Array)) throw new InvalidArgumentError('theta.mean', theta.mean, `a Float64Array of length ${d}`);
    if (!(theta.cov instanceof Float64Array)) throw new InvalidArgumentError('theta.cov', theta.cov, `a Float64Array of length ${d * d}`);
    finiteVector('theta.mean', theta.mean, d);
    finiteVector('theta.cov', theta.cov, d * d);
    integerInRange('size', size, 0);
    const stats = new Float64Array(statsLength);
    if (size === 0) return { size, stats };
    const lower = choleskyOf(theta);
    checkStream(stream); // once; the draws below use the unchecked kernels (same draws)
    // x̄ = μ + L z / √N
    fillStandardNormalUnchecked(stream, z, 0, d);
    const scale = 1 / Math.sqrt(size);
    for (let i = 0; i < d; i++) {
      let sum = 0;
      for (let j = 0; j <= i; j++) sum += lower[i * d + j] * z[j];
      stats[i] = theta.mean[i] + scale * sum;
    }
    if (!withScatter || size === 1) return { size, stats };
    const df = size - 1;
    if (df >= d) {
      // (into a scratch and copied: a subarray view as `out` is ~4× slower in V8)
      wishartVariateUnchecked(stream, lower, d, df, wishartScratch);
      for (let i = 0; i < d * d; i++) stats[d + i] = wishartScratch[i];
    } else {
      // Singular Wishart (N − 1 < d): the scatter of N rows is Σ_{k<N−1} y_k y_kᵀ with y_k ~ N(0, Σ).
      for (let k = 0; k < df; k++) {
        fillStandardNormalUnchecked(stream, z, 0, d);
        for (let i = 0; i < d; i++) {
          let sum = 0;
          for (let j = 0; j <= i; j++) sum += lower[i * d + j] * z[j];
          y[i] = sum;
        }
        for (let a = 0; a < d; a++) for (let b = a; b < d; b++) stats[d + a * d + b] += y[a] * y[b];
      }
      mirrorUpper(stats, d, d);
    }
    assertFiniteStats(stats, statsLength, 'the sampled summary (mean and scatter)', 'theta.cov');
    return { size, stats };
  }

  function fromData(data: Dataset): Summary {
    checkData(data, d);
    const { x, size } = data;
    const stats = new Float64Array(statsLength);
    if (size === 0) return { size, stats };
    for (let i = 0; i < size; i++) for (let j = 0; j < d; j++) stats[j] += x[i * d + j];
    for (let j = 0; j < d; j++) stats[j] /= size;
    if (firstNonFinite(stats, d) >= 0) stableColumnMeans(x, size, d, stats); // a column sum overflowed; the mean cannot
    if (!withScatter) return { size, stats };
    for (let i = 0; i < size; i++) {
      const row = i * d;
      for (let j = 0; j < d; j++) y[j] = x[row + j] - stats[j];
      for (let a = 0; a < d; a++) {
        const ya = y[a];
        for (let b = a; b < d; b++) stats[d + a * d + b] += ya * y[b];
      }
    }
    if (firstNonFinite(stats, statsLength) >= 0) {
      // A centred product overflowed: recompute on scaled data; what is still infinite is beyond the double range.
      stats.fill(0, d);
      addScaledScatterUpper(x, size, d, stats.subarray(0, d), 1, stats, d);
      mirrorUpper(stats, d, d);
      assertFiniteStats(stats, statsLength, 'the scatter matrix of data.x', 'data.x');
    }
    mirrorUpper(stats, d, d);
    return { size, stats };
  }

  function pool(parts: readonly Summary[]): Summary {
    if (!Array.isArray(parts) || parts.length === 0) throw new InvalidArgumentError('parts', parts, 'a non-empty array of summaries');
    let total = 0;
    for (let p = 0; p < parts.length; p++) {
      checkSummaryShape(parts[p], statsLength, `parts[${p}]`);
      if (withScatter) checkScatter(parts[p].stats, d, `parts[${p}]`);
      total += parts[p].size;
    }
    if (!Number.isSafeInteger(total)) throw new InvalidArgumentError('parts (total size)', total, 'a safe integer');
    const stats = new Float64Array(statsLength);
    if (total === 0) return { size: 0, stats };
    for (const part of parts) {
      if (part.size === 0) continue;
      for (let j = 0; j < d; j++) stats[j] += part.size * part.stats[j];
    }
    for (let j = 0; j < d; j++) stats[j] /= total;
    if (firstNonFinite(stats, d) >= 0) {
      // Σ_p N_p x̄_p overflowed; the pooled mean is the convex combination Σ_p (N_p/N)·x̄_p of finite means.
      stableConvexCombination(stats, d, parts.map((part) => part.size / total), (p) => parts[p].stats);
    }
    if (!withScatter) return { size: total, stats };
    for (const part of parts) {
      if (part.size === 0) continue;
      const s = part.stats;
      for (let j = 0; j < d; j++) y[j] = s[j] - stats[j];
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) stats[d + a * d + b] += s[d + a * d + b] + part.size * y[a] * y[b];
      }
    }
    mirrorUpper(stats, d, d);
    assertFiniteStats(stats, statsLength, 'the pooled scatter matrix', 'parts');
    return { size: total, stats };
  }

  function fit(sources: readonly SummarySource[]): GaussianTheta {
    const omega = normalisedSummaryWeights(sources, statsLength, minSize);
    if (withScatter) {
      for (let s = 0; s < sources.length; s++) {
        const stats = sources[s].summary.stats;
        if (d !== 2 || !isValidScatterOfTwo(stats)) checkScatter(stats, d, `sources[${s}].summary`);
      }
    }
    const mean = new Float64Array(d);
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) continue;
      const stats = sources[s].summary.stats;
      for (let j = 0; j < d; j++) mean[j] += omega[s] * stats[j];
    }
    if (firstNonFinite(mean, d) >= 0) {
      // Σ_s ω_s x̄_s overflowed (means near the largest double); it is a convex combination of finite means.
      stableConvexCombination(mean, d, omega, (s) => sources[s].summary.stats);
    }
    if (!withScatter) return { mean, cov: Float64Array.from(knownCov as Float64Array) };
    const cov = new Float64Array(d * d);
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) continue;
      const { size, stats } = sources[s].summary;
      if (convention === 'unbiased-per-source') {
        const scale = omega[s] / (size - 1);
        for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[a * d + b] += scale * stats[d + a * d + b];
      } else {
        const scale = omega[s] / size;
        for (let j = 0; j < d; j++) y[j] = stats[j] - mean[j];
        for (let a = 0; a < d; a++) {
          for (let b = a; b < d; b++) cov[a * d + b] += scale * stats[d + a * d + b] + omega[s] * y[a] * y[b];
        }
      }
    }
    for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) cov[b * d + a] = cov[a * d + b];
    assertFiniteStats(cov, d * d, 'the weighted covariance estimate of the summaries', 'sources');
    return { mean, cov };
  }

  return { sample, fromData, pool, fit };
}

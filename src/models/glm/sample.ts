/**
 * Draws a GLM dataset: covariates x_i ~ N(0, Σ_x) (Σ_x known, CLAIMS §1.9 Remark 5) — or the rows of a fixed
 * design, tiled — and responses y_i | x_i from the family with mean g⁻¹(x_iᵀβ):
 *
 *   linear    y = xᵀβ + σ ε,  ε ~ N(0, 1)
 *   logistic  y ~ Bernoulli(σ(xᵀβ))
 *   poisson   y ~ Poisson(e^(xᵀβ))
 *
 * Stream order (for replay): all covariates first (row by row, p standard normals per row mapped through
 * the Cholesky factor of Σ_x; none for a fixed design), then the responses in row order.
 */
import type { Dataset } from '../types.js';
import type { Stream } from '../../rng/stream.js';
import { fillMultivariateNormal } from '../../rng/multivariateNormal.js';
import { fillStandardNormal } from '../../rng/normal.js';
import { poissonVariate, poissonVariateUnchecked, POISSON_MAX_MEAN } from '../../rng/poisson.js';
import { checkStream } from '../../rng/checkStream.js';
import { logisticBernoulliUnchecked } from './logisticBernoulli.js';
import { rowStorage } from '../rowStorage.js';
import { InvalidArgumentError, NumericalError } from '../../errors.js';
import { integerInRange, sampleSize } from '../../validate.js';
import type { GlmConfig } from './options.js';
import { POISSON_ETA_LIMIT } from './newton.js';

/** Largest η a Poisson response can be drawn at: min(700, ln POISSON_MAX_MEAN ≈ 27.6). */
export const POISSON_SAMPLING_ETA_MAX = Math.min(POISSON_ETA_LIMIT, Math.log(POISSON_MAX_MEAN));

function isIdentity(m: Float64Array, p: number): boolean {
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) if (m[i * p + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/**
 * `size` rows from the GLM of `config` at coefficients `beta` (already validated), drawn with `stream`.
 * Throws InvalidArgumentError('size') when a fixed design's row count does not divide `size`, and
 * NumericalError('overflow') naming the row and η when a Poisson mean e^η is out of range.
 *
 * @example
 *   const config = resolveGlmOptions({ family: 'logistic', dim: 2 });
 *   sampleGlm(config, new Float64Array([1, 1]), 100, rootKey('demo').stream()); // { size: 100, dim: 2, x, y }
 */
export function sampleGlm(config: GlmConfig, beta: Float64Array, size: number, stream: Stream): Dataset {
  const p = config.dim;
  sampleSize('size', size, p);
  if (typeof stream !== 'object' || stream === null || typeof (stream as Stream).nextU32 !== 'function') {
    throw new InvalidArgumentError('stream', stream, 'a Stream (src/rng/stream.ts)');
  }
  // One allocation for both (a typed array's backing store costs ~1 µs, as much as 100 normals): x and y are
  // disjoint views of it.
  const storage = rowStorage(size * (p + 1));
  const x = storage.subarray(0, size * p);
  const y = storage.subarray(size * p);
  let noiseDrawn = false; // linear: ε already in y
  if (config.fixedDesign !== null) {
    const rows = config.designRows;
    if (size % rows !== 0) throw new InvalidArgumentError('size', size, `a multiple of the fixed design's ${rows} rows`);
    for (let offset = 0; offset < x.length; offset += config.fixedDesign.length) x.set(config.fixedDesign, offset);
  } else if (size > 0) {
    if (!isIdentity(config.covariateLower, p)) fillMultivariateNormal(stream, new Float64Array(p), config.covariateLower, size, x);
    else if (config.family === 'linear') {
      // = L z with L = I; x then the noise ε of y are consecutive in `storage`: one fill, the same draws in order
      fillStandardNormal(stream, storage);
      noiseDrawn = true;
    } else fillStandardNormal(stream, x); // = L z with L = I, same draws
  }
  const family = config.family;
  if (family === 'linear' && !noiseDrawn) fillStandardNormal(stream, y);
  const sd = config.noiseSd;
  if (family !== 'linear' && size > 0) checkStream(stream); // once, not per response (the draws below are inline)
  for (let i = 0, r = 0; i < size; i++, r += p) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[r + j] * beta[j];
    if (!Number.isFinite(eta)) throw new NumericalError('overflow', `η = x_iᵀβ is not finite at row ${i}`, { row: i, eta });
    if (family === 'linear') {
      y[i] = eta + sd * y[i];
      if (!Number.isFinite(y[i])) throw new NumericalError('overflow', `the response xᵀβ + σε overflows at row ${i} (η = ${eta})`, { row: i, eta });
    } else if (family === 'logistic') {
      y[i] = logisticBernoulliUnchecked(stream, eta); // = bernoulliVariate(stream, σ(η)), mostly without e^η
    } else {
      if (eta > POISSON_SAMPLING_ETA_MAX) {
        throw new NumericalError(
          'overflow',
          `Poisson mean e^η out of range at row ${i}: η = x_iᵀβ = ${eta.toPrecision(6)} > ${POISSON_SAMPLING_ETA_MAX.toPrecision(6)} (the largest mean poissonVariate draws is ${POISSON_MAX_MEAN}; e^η overflows beyond η = ${POISSON_ETA_LIMIT})`,
          { row: i, eta },
        );
      }
      const mean = Math.exp(eta);
      // poissonVariate's range check kept (η ≤ ln 1e12 above, but e^η may round past 1e12 at the boundary)
      y[i] = mean <= POISSON_MAX_MEAN ? poissonVariateUnchecked(stream, mean) : poissonVariate(stream, mean);
    }
  }
  return { size, dim: p, x, y };
}

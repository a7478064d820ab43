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
import { bernoulliVariate } from '../../rng/bernoulli.js';
import { poissonVariate, POISSON_MAX_MEAN } from '../../rng/poisson.js';
import { InvalidArgumentError, NumericalError } from '../../errors.js';
import { integerInRange } from '../../validate.js';
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
  integerInRange('size', size, 0, Math.floor(2 ** 31 / p));
  if (typeof stream !== 'object' || stream === null || typeof (stream as Stream).nextU32 !== 'function') {
    throw new InvalidArgumentError('stream', stream, 'a Stream (src/rng/stream.ts)');
  }
  const x = new Float64Array(size * p);
  const y = new Float64Array(size);
  if (config.fixedDesign !== null) {
    const rows = config.designRows;
    if (size % rows !== 0) throw new InvalidArgumentError('size', size, `a multiple of the fixed design's ${rows} rows`);
    for (let offset = 0; offset < x.length; offset += config.fixedDesign.length) x.set(config.fixedDesign, offset);
  } else if (size > 0) {
    if (isIdentity(config.covariateLower, p)) fillStandardNormal(stream, x); // = L z with L = I, same draws
    else fillMultivariateNormal(stream, new Float64Array(p), config.covariateLower, size, x);
  }
  const family = config.family;
  if (family === 'linear') fillStandardNormal(stream, y);
  const sd = config.noiseSd;
  for (let i = 0, r = 0; i < size; i++, r += p) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[r + j] * beta[j];
    if (!Number.isFinite(eta)) throw new NumericalError('overflow', `η = x_iᵀβ is not finite at row ${i}`, { row: i, eta });
    if (family === 'linear') {
      y[i] = eta + sd * y[i];
      if (!Number.isFinite(y[i])) throw new NumericalError('overflow', `the response xᵀβ + σε overflows at row ${i} (η = ${eta})`, { row: i, eta });
    } else if (family === 'logistic') {
      const q = Math.exp(-Math.abs(eta)); // σ(η) inline (= logisticSigmoid), no call per row
      y[i] = bernoulliVariate(stream, eta >= 0 ? 1 / (1 + q) : q / (1 + q));
    } else {
      if (eta > POISSON_SAMPLING_ETA_MAX) {
        throw new NumericalError(
          'overflow',
          `Poisson mean e^η out of range at row ${i}: η = x_iᵀβ = ${eta.toPrecision(6)} > ${POISSON_SAMPLING_ETA_MAX.toPrecision(6)} (the largest mean poissonVariate draws is ${POISSON_MAX_MEAN}; e^η overflows beyond η = ${POISSON_ETA_LIMIT})`,
          { row: i, eta },
        );
      }
      y[i] = poissonVariate(stream, Math.exp(eta));
    }
  }
  return { size, dim: p, x, y };
}

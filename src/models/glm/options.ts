/**
 * Options of `glmModel` and their validation into a resolved configuration.
 */
import { InvalidArgumentError } from '../../errors.js';
import { finiteVector, integerInRange, oneOf, positiveNumber } from '../../validate.js';
import { GLM_FAMILIES, type GlmFamily } from './family.js';
import { factorGram } from './factor.js';

export interface GlmOptions {
  /** The response law given x: 'linear' (Gaussian), 'logistic' (Bernoulli) or 'poisson'; canonical links. */
  readonly family: GlmFamily;
  /** p, the number of covariates (and of coefficients; no intercept — add a constant column if wanted). */
  readonly dim: number;
  /** Σ_x, the KNOWN covariance of the covariates X ~ N(0, Σ_x), p×p row-major SPD (default I_p). */
  readonly covariateCov?: Float64Array | readonly number[];
  /** σ², the noise variance of the linear family (default 1). Only for family 'linear'. */
  readonly noiseVariance?: number;
  /**
   * A fixed design (rows×p, row-major). When given, `sample(θ, size)` requires size to be a multiple of the
   * design's rows, tiles the design and draws only new responses (the fixed-design LR of CLAIMS GR-16/AC-1).
   */
  readonly fixedDesign?: Float64Array | readonly number[];
  /** Newton stopping tolerance on ‖Δβ‖∞ / max(1, ‖β‖∞) (default 1e-10). */
  readonly tolerance?: number;
  /** Newton iteration cap (default 50). */
  readonly maxIterations?: number;
}

/** The validated configuration a GLM model runs on. */
export interface GlmConfig {
  readonly family: GlmFamily;
  readonly dim: number;
  /** Σ_x (a private copy). */
  readonly covariateCov: Float64Array;
  /** Lower Cholesky factor of Σ_x. */
  readonly covariateLower: Float64Array;
  readonly noiseVariance: number;
  readonly noiseSd: number;
  /** The fixed design (a private copy) or null for a random design. */
  readonly fixedDesign: Float64Array | null;
  readonly designRows: number;
  readonly tolerance: number;
  readonly maxIterations: number;
}

const KNOWN_OPTIONS = new Set(['family', 'dim', 'covariateCov', 'noiseVariance', 'fixedDesign', 'tolerance', 'maxIterations']);

/**
 * Validates a symmetric positive-definite p×p matrix and returns a private copy and its Cholesky factor;
 * the error names `name`.
 *
 * @example
 *   spdMatrixOption('options.covariateCov', [2, 0.5, 0.5, 1], 2); // { matrix, lower }
 */
export function spdMatrixOption(name: string, value: unknown, p: number): { matrix: Float64Array; lower: Float64Array } {
  const matrix = Float64Array.from(finiteVector(name, value, p * p));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const a = matrix[i * p + j];
      const b = matrix[j * p + i];
      if (Math.abs(a - b) > 1e-12 * (Math.abs(a) + Math.abs(b))) {
        throw new InvalidArgumentError(`${name}[${i * p + j}]`, a, `equal to ${name}[${j * p + i}] = ${b} (the matrix must be symmetric)`);
      }
    }
  }
  const lower = new Float64Array(p * p);
  const column = factorGram(matrix, p, lower);
  if (column >= 0) throw new InvalidArgumentError(name, value, `a symmetric positive-definite ${p}×${p} matrix (the Cholesky factorisation fails at column ${column})`);
  return { matrix, lower };
}

/**
 * Validates `glmModel` options, naming the offending option in every error.
 *
 * @example
 *   resolveGlmOptions({ family: 'logistic', dim: 2 }).covariateCov; // I_2
 */
export function resolveGlmOptions(options: GlmOptions): GlmConfig {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', options, 'an object { family, dim, ... }');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new InvalidArgumentError(`options.${key}`, (options as unknown as Record<string, unknown>)[key], `absent (unknown option; known: ${[...KNOWN_OPTIONS].join(', ')})`);
  }
  const family = oneOf('options.family', options.family, GLM_FAMILIES);
  const p = integerInRange('options.dim', options.dim, 1, 10_000);

  let covariateCov: Float64Array;
  let covariateLower: Float64Array;
  if (options.covariateCov === undefined) {
    covariateCov = new Float64Array(p * p);
    for (let i = 0; i < p; i++) covariateCov[i * p + i] = 1;
    covariateLower = Float64Array.from(covariateCov);
  } else {
    ({ matrix: covariateCov, lower: covariateLower } = spdMatrixOption('options.covariateCov', options.covariateCov, p));
  }

  let noiseVariance = 1;
  if (options.noiseVariance !== undefined) {
    if (family !== 'linear') throw new InvalidArgumentError('options.noiseVariance', options.noiseVariance, `absent for family ${JSON.stringify(family)} (only the linear family has a noise variance)`);
    noiseVariance = positiveNumber('options.noiseVariance', options.noiseVariance);
  }

  let fixedDesign: Float64Array | null = null;
  let designRows = 0;
  if (options.fixedDesign !== undefined) {
    fixedDesign = Float64Array.from(finiteVector('options.fixedDesign', options.fixedDesign));
    if (fixedDesign.length === 0 || fixedDesign.length % p !== 0) {
      throw new InvalidArgumentError('options.fixedDesign.length', fixedDesign.length, `a positive multiple of dim = ${p} (rows×p, row-major)`);
    }
    designRows = fixedDesign.length / p;
  }

  const tolerance = options.tolerance === undefined ? 1e-10 : positiveNumber('options.tolerance', options.tolerance);
  if (!(tolerance < 1)) throw new InvalidArgumentError('options.tolerance', tolerance, 'a finite number in (0, 1)');
  const maxIterations = options.maxIterations === undefined ? 50 : integerInRange('options.maxIterations', options.maxIterations, 1, 100_000);

  return {
    family, dim: p, covariateCov, covariateLower, noiseVariance, noiseSd: Math.sqrt(noiseVariance),
    fixedDesign, designRows, tolerance, maxIterations,
  };
}

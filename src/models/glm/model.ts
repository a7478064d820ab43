/**
 * The generalised linear model of the weighting paper (CLAIMS §1.9, model (6)) as a `Model<GlmTheta>`:
 * covariates x ~ N(0, Σ_x) with Σ_x known (Remark 5) or a fixed design, responses from the family with
 * canonical link, and the weighted MLE over weighted sources (no intercept, the papers'
 * fit_intercept=False; add a constant column to X if one is wanted).
 */
import type { Dataset, Metric, Model, WeightedSource } from '../types.js';
import type { Stream } from '../../rng/stream.js';
import { InvalidArgumentError } from '../../errors.js';
import { parameterName } from '../../validate.js';
import { finiteResult } from '../../finiteResult.js';
import { resolveGlmOptions, type GlmOptions, type GlmConfig } from './options.js';
import { GlmScratch } from './scratch.js';
import { sampleGlm } from './sample.js';
import { fitWeightedLeastSquares } from './linear.js';
import { packSources } from './sources.js';
import { fitNewton } from './newton.js';

/** θ = β, the p regression coefficients. */
export interface GlmTheta {
  readonly beta: Float64Array;
}

/** A GLM model object: the Model interface plus its resolved configuration. */
export interface GlmModel extends Model<GlmTheta> {
  readonly config: GlmConfig;
}

/**
 * ‖β̂ − β*‖², the squared Euclidean error of the coefficients (CLAIMS §1.9 metric).
 *
 * @example
 *   glmBetaSquaredError({ beta: Float64Array.of(1, 2) }, { beta: Float64Array.of(1, 1) }); // 1
 */
export function glmBetaSquaredError(estimate: GlmTheta, truth: GlmTheta): number {
  const a = finiteBeta(estimate, 'estimate');
  const b = finiteBeta(truth, 'truth');
  if (a.length !== b.length) throw new InvalidArgumentError('estimate.beta.length', a.length, `${b.length} (the length of truth.beta)`);
  let sum = 0;
  for (let j = 0; j < a.length; j++) { const d = a[j] - b[j]; sum += d * d; }
  return finiteResult('‖β̂ − β*‖²', sum);
}

/** theta.beta of a metric's argument: an object holding a Float64Array of finite numbers. */
function finiteBeta(theta: GlmTheta, name: string): Float64Array {
  if (typeof theta !== 'object' || theta === null) throw new InvalidArgumentError(name, theta, 'an object { beta: Float64Array }');
  const beta = theta.beta;
  if (!(beta instanceof Float64Array)) throw new InvalidArgumentError(`${name}.beta`, beta, 'a Float64Array');
  for (let j = 0; j < beta.length; j++) if (!Number.isFinite(beta[j])) throw new InvalidArgumentError(`${name}.beta[${j}]`, beta[j], 'a finite number');
  return beta;
}

/**
 * A GLM `Model`: `sample(θ, size, stream)` draws covariates and responses (sample.ts), `fit(sources)` the
 * weighted MLE (linear: exact weighted least squares, linear.ts; logistic/Poisson: Newton with line search,
 * newton.ts), metric `beta` = ‖β̂ − β*‖². Failures throw NumericalError ('separation', 'overflow',
 * 'singular', 'non-convergence'); options are validated (options.ts). One scratch per model object, so
 * repeated fits allocate only their result.
 *
 * @example
 *   const model = glmModel({ family: 'logistic', dim: 2 });
 *   const truth = { beta: Float64Array.of(1, 1) };
 *   const data = model.sample(truth, 400, rootKey('demo').stream());
 *   model.fit([{ data, weight: 1 }]).beta; // ≈ [1, 1] ± 0.2
 */
export function glmModel(options: GlmOptions): GlmModel {
  const config = resolveGlmOptions(options);
  const p = config.dim;
  const scratch = new GlmScratch(p);

  const validate = (theta: GlmTheta, name = 'theta'): void => {
    name = parameterName(name, 'theta');
    if (typeof theta !== 'object' || theta === null) throw new InvalidArgumentError(name, theta, 'an object { beta: Float64Array }');
    const beta = theta.beta;
    if (!(beta instanceof Float64Array)) throw new InvalidArgumentError(`${name}.beta`, beta, `a Float64Array of length ${p}`);
    if (beta.length !== p) throw new InvalidArgumentError(`${name}.beta.length`, beta.length, `${p} (the model's dim)`);
    for (let j = 0; j < p; j++) if (!Number.isFinite(beta[j])) throw new InvalidArgumentError(`${name}.beta[${j}]`, beta[j], 'a finite number');
  };

  const metrics: Readonly<Record<string, Metric<GlmTheta>>> = { beta: glmBetaSquaredError };

  return {
    name: config.family,
    config,
    metrics,
    validate,
    sample(theta: GlmTheta, size: number, stream: Stream): Dataset {
      validate(theta);
      return sampleGlm(config, theta.beta, size, stream);
    },
    fit(sources: readonly WeightedSource[]): GlmTheta {
      if (config.family === 'linear') return { beta: fitWeightedLeastSquares(sources, p, scratch) };
      const n = packSources(config.family, sources, p, scratch);
      return { beta: fitNewton(config.family, scratch, n, p, config.tolerance, config.maxIterations) };
    },
  };
}

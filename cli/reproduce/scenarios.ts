/**
 * The model, truth and metrics of a ModelSpec (specs.ts), built once per thread:
 *
 *   gaussian          N(0, scale·I_d), unbiased per-source covariance; metrics mean ‖μ̂ − μ‖², cov ‖Σ̂ − Σ‖_F²
 *   gaussian-known    N(0, scale·I_d) with Σ known (only μ estimated); metric mean
 *   linear | logistic | poisson   β* = 1_p, covariates x ~ N(0, scale·I_p) for real AND synthetic rows; metric beta
 *   ecdf              weighted empirical distribution, truth N(0, 1); metric cvm (exact Cramér–von Mises)
 *   adult-logistic    adult.ts (bootstrap rows, standardised features, unpenalised pseudo-truth); metric beta
 *   adult-categorical categorical over one Adult column, truth its empirical frequencies; metric sqMean
 *                     = (1/K)Σ_c (p̂_c − p_c)² (the reference code's mean over categories)
 */
import type { Metric, Model } from '../../src/models/types.js';
import { gaussianModel, empiricalModel, standardNormalTruth, categoricalModel } from '../../src/models/index.js';
import { glmModel } from '../../src/models/glm/index.js';
import { categoricalSquaredError } from '../../src/metrics/categoricalSquaredError.js';
import type { ModelSpec } from './specs.js';
import { adultBootstrapModel, adultCategoricalTruth, adultDesign, adultPseudoTruth, loadAdultCached } from './adult.js';

export interface Scenario {
  readonly model: Model<unknown>;
  readonly truth: unknown;
  readonly metrics: Readonly<Record<string, Metric<unknown>>>;
}

/** scale·I_d, row-major. */
export function scaledIdentity(d: number, scale: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) a[i * d + i] = scale;
  return a;
}

function build(spec: ModelSpec): Scenario {
  const { dim, scale } = spec;
  switch (spec.key) {
    case 'gaussian': {
      const model = gaussianModel({ dim }) as Model<unknown>;
      return { model, truth: { mean: new Float64Array(dim), cov: scaledIdentity(dim, scale) }, metrics: model.metrics };
    }
    case 'gaussian-known': {
      const cov = scaledIdentity(dim, scale);
      const model = gaussianModel({ dim, known: { cov } }) as Model<unknown>;
      return { model, truth: { mean: new Float64Array(dim), cov }, metrics: model.metrics };
    }
    case 'linear':
    case 'logistic':
    case 'poisson': {
      const model = glmModel({ family: spec.key, dim, covariateCov: scaledIdentity(dim, scale) }) as unknown as Model<unknown>;
      return { model, truth: { beta: new Float64Array(dim).fill(1) }, metrics: model.metrics };
    }
    case 'ecdf': {
      const model = empiricalModel() as Model<unknown>;
      return { model, truth: standardNormalTruth(), metrics: model.metrics };
    }
    case 'adult-logistic': {
      const design = adultDesign(loadAdultCached(spec.data as string));
      const model = adultBootstrapModel(design) as Model<unknown>;
      return { model, truth: { beta: adultPseudoTruth(design), bootstrapLabels: true }, metrics: model.metrics };
    }
    case 'adult-categorical': {
      const { probs } = adultCategoricalTruth(loadAdultCached(spec.data as string), spec.column as string);
      const K = probs.length;
      const model = categoricalModel(K) as Model<unknown>;
      const sqMean: Metric<unknown> = (estimate, truth) =>
        categoricalSquaredError((estimate as { probs: Float64Array }).probs, (truth as { probs: Float64Array }).probs) / K;
      return { model, truth: { probs }, metrics: { sqMean } };
    }
  }
}

const scenarios = new Map<string, Scenario>();

/** The scenario of `spec`, built once per thread (models hold scratch buffers; replications run in turn). */
export function scenarioFor(spec: ModelSpec): Scenario {
  const id = JSON.stringify(spec);
  let s = scenarios.get(id);
  if (s === undefined) {
    s = build(spec);
    scenarios.set(id, s);
  }
  return s;
}

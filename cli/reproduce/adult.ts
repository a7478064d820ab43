/**
 * The UCI Adult experiment of paper 003 (CLAIMS.md §1.11, Fig. 10) as engine models.
 *
 * Logistic: covariates age, education_num, capital_gain, capital_loss, hours_per_week, each STANDARDISED
 * (z = (x − mean)/sd over the complete rows, sd with divisor N), plus an intercept column first (p = 6);
 * label income > 50K. The pseudo-truth β* is the UNPENALISED logistic MLE on all complete rows (the
 * reference code fits sklearn's default L2 penalty C = 1 on raw features). Real data are rows bootstrapped
 * from the data; synthetic data bootstrap the covariate rows and draw y ~ Bernoulli(σ(xᵀβ̂_{t−1})).
 *
 * Categorical: the empirical frequencies of workclass / education / marital_status over the complete rows
 * are the truth p; real data are draws from p (= bootstrapping the column), synthetic data draws from p̂_{t−1}.
 */
import { loadAdult, type AdultData } from '../../src/data/adult.js';
import type { Dataset, Metric, Model, WeightedSource } from '../../src/models/types.js';
import type { Stream } from '../../src/rng/stream.js';
import { glmModel, logisticSigmoid, logisticVariance } from '../../src/models/glm/index.js';
import { bernoulliVariate } from '../../src/rng/bernoulli.js';
import { spdInverse } from '../../src/linalg/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { integerInRange } from '../../src/validate.js';

export const ADULT_FEATURES = ['age', 'education_num', 'capital_gain', 'capital_loss', 'hours_per_week'] as const;
export const ADULT_CATEGORICAL = ['workclass', 'education', 'marital_status'] as const;

/** The standardised design with an intercept column: N rows of p = 6 numbers, and the 0/1 labels. */
export interface AdultDesign {
  readonly size: number;
  readonly dim: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly means: Float64Array;
  readonly sds: Float64Array;
}

/**
 * θ of the bootstrap logistic model. `bootstrapLabels` marks the truth θ*: sampling it bootstraps whole rows
 * (observed labels); any other θ (an estimate) keeps the bootstrapped covariates and draws new labels.
 */
export interface AdultTheta {
  readonly beta: Float64Array;
  readonly bootstrapLabels?: boolean;
}

const cache = new Map<string, AdultData>();

/** loadAdult(dir), read once per thread. */
export function loadAdultCached(dir: string): AdultData {
  let data = cache.get(dir);
  if (data === undefined) {
    data = loadAdult(dir);
    cache.set(dir, data);
  }
  return data;
}

/**
 * The design [1, z_age, z_education_num, z_capital_gain, z_capital_loss, z_hours_per_week] with
 * z = (x − x̄)/s, s² = (1/N)Σ(x − x̄)². A constant feature (s = 0) cannot be standardised: InvalidArgumentError.
 *
 * @example adultDesign(loadAdult('data/adult')).x.subarray(0, 6); // [1, z-scores of row 0]
 */
export function adultDesign(data: AdultData): AdultDesign {
  const N = integerInRange('data.size', data.size, 2);
  const dim = ADULT_FEATURES.length + 1;
  const x = new Float64Array(N * dim);
  const means = new Float64Array(ADULT_FEATURES.length);
  const sds = new Float64Array(ADULT_FEATURES.length);
  ADULT_FEATURES.forEach((name, j) => {
    const column = data.numeric[name];
    let mean = 0;
    for (let i = 0; i < N; i++) mean += column[i];
    mean /= N;
    let ss = 0;
    for (let i = 0; i < N; i++) ss += (column[i] - mean) ** 2;
    const sd = Math.sqrt(ss / N);
    if (!(sd > 0)) throw new InvalidArgumentError(`Adult column ${name}`, column[0], 'a feature that is not constant over the complete rows');
    means[j] = mean;
    sds[j] = sd;
    for (let i = 0; i < N; i++) x[i * dim + j + 1] = (column[i] - mean) / sd;
  });
  for (let i = 0; i < N; i++) x[i * dim] = 1;
  return { size: N, dim, x, y: Float64Array.from(data.label), means, sds };
}

/**
 * The unpenalised logistic MLE on every row of the design (the pseudo-truth β*). Throws NumericalError
 * ('separation', 'non-convergence', …) when it does not exist.
 */
export function adultPseudoTruth(design: AdultDesign): Float64Array {
  const glm = glmModel({ family: 'logistic', dim: design.dim });
  return glm.fit([{ data: { size: design.size, dim: design.dim, x: design.x, y: design.y }, weight: 1 }]).beta;
}

/**
 * tr(I⁻¹) of the empirical Fisher information I = (1/N) Σ_i σ(η_i)(1 − σ(η_i)) x_i x_iᵀ at β* — the constant
 * of the GLM limit n·E‖β_t − β*‖² → tr(I⁻¹)·f(w, k) (CLAIMS §1.9) when covariates are drawn from the data.
 */
export function adultFisherInverseTrace(design: AdultDesign, beta: Float64Array): number {
  const p = design.dim;
  const info = new Float64Array(p * p);
  for (let i = 0; i < design.size; i++) {
    const row = i * p;
    let eta = 0;
    for (let j = 0; j < p; j++) eta += design.x[row + j] * beta[j];
    const v = logisticVariance(eta) / design.size;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) info[a * p + b] += v * design.x[row + a] * design.x[row + b];
  }
  const inverse = spdInverse(info, p);
  let trace = 0;
  for (let j = 0; j < p; j++) trace += inverse[j * p + j];
  return trace;
}

/** ‖β̂ − β*‖² over all p coefficients (intercept included), the reference code's metric. */
export const adultBetaError: Metric<AdultTheta> = (estimate, truth) => {
  let sum = 0;
  for (let j = 0; j < truth.beta.length; j++) sum += (estimate.beta[j] - truth.beta[j]) ** 2;
  return sum;
};

/**
 * The bootstrap logistic model on the design. sample(θ, size, stream): for each row, an index drawn uniformly
 * from the N rows (stream.nextInt), then — unless θ.bootstrapLabels — a label y ~ Bernoulli(σ(xᵀβ)) from the
 * same stream. fit: the weighted logistic MLE (glmModel, no penalty; the intercept is the first column).
 *
 * @example
 *   const model = adultBootstrapModel(design);
 *   const real = model.sample({ beta, bootstrapLabels: true }, 500, stream); // 500 bootstrapped rows
 */
export function adultBootstrapModel(design: AdultDesign): Model<AdultTheta> {
  const p = design.dim;
  const glm = glmModel({ family: 'logistic', dim: p });
  const validate = (theta: AdultTheta, name = 'theta'): void => {
    if (theta === null || typeof theta !== 'object' || !(theta.beta instanceof Float64Array) || theta.beta.length !== p) {
      throw new InvalidArgumentError(`${name}.beta`, theta?.beta, `a Float64Array of length ${p}`);
    }
    for (let j = 0; j < p; j++) if (!Number.isFinite(theta.beta[j])) throw new InvalidArgumentError(`${name}.beta[${j}]`, theta.beta[j], 'a finite number');
  };
  return {
    name: 'adult-logistic',
    metrics: { beta: adultBetaError },
    validate,
    sample(theta: AdultTheta, size: number, stream: Stream): Dataset {
      validate(theta);
      integerInRange('size', size, 0);
      const x = new Float64Array(size * p);
      const y = new Float64Array(size);
      for (let r = 0; r < size; r++) {
        const i = stream.nextInt(design.size);
        let eta = 0;
        for (let j = 0; j < p; j++) {
          const v = design.x[i * p + j];
          x[r * p + j] = v;
          eta += v * theta.beta[j];
        }
        y[r] = theta.bootstrapLabels === true ? design.y[i] : bernoulliVariate(stream, logisticSigmoid(eta));
      }
      return { size, dim: p, x, y };
    },
    fit(sources: readonly WeightedSource[]): AdultTheta {
      return { beta: glm.fit(sources).beta };
    },
  };
}

/** The categories of an Adult column (sorted) and their empirical frequencies over the complete rows. */
export function adultCategoricalTruth(data: AdultData, column: string): { categories: string[]; probs: Float64Array } {
  const values = data.categorical[column];
  if (values === undefined) throw new InvalidArgumentError('column', column, `an Adult categorical column (${Object.keys(data.categorical).join(', ')})`);
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const categories = [...counts.keys()].sort();
  return { categories, probs: Float64Array.from(categories, (c) => (counts.get(c) as number) / values.length) };
}

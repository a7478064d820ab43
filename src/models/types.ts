/**
 * The one interface every generative model implements, and the dataset shape they share.
 *
 * A dataset is row-major: `x` holds `size` rows of `dim` numbers (observations, covariates, atoms or
 * category labels stored as integers-valued doubles); `y` holds one response per row for regression
 * models and is `null` otherwise. Keeping one shape lets the loop subsample, perturb and pool any model's
 * data without knowing the model.
 */
import type { Stream } from '../rng/stream.js';

export interface Dataset {
  /** Number of rows (observations). */
  readonly size: number;
  /** Numbers per row of `x` (d for a Gaussian, p for a GLM, 1 for Gamma / empirical / categorical). */
  readonly dim: number;
  /** Row-major, length size·dim. */
  readonly x: Float64Array;
  /** Responses (length size) for regression models, otherwise null. */
  readonly y: Float64Array | null;
}

/**
 * A source of training data and its total weight. The weight (the papers' w for real data, 1 − w for
 * synthetic) is spread evenly over the source's points: each point gets weight/size. Weights need not sum
 * to one across sources; fits are invariant to a common scaling.
 */
export interface WeightedSource {
  readonly data: Dataset;
  readonly weight: number;
}

/** A named error metric d(θ̂, θ*) ≥ 0. */
export type Metric<Theta> = (estimate: Theta, truth: Theta) => number;

export interface Model<Theta> {
  /** Short identifier, e.g. "gaussian", "logistic". */
  readonly name: string;
  /** Draws `size` i.i.d. rows from P_θ with `stream`. */
  sample(theta: Theta, size: number, stream: Stream): Dataset;
  /** The model's weighted estimator (weighted MLE, or the named convention) from weighted sources. */
  fit(sources: readonly WeightedSource[]): Theta;
  /** Error metrics this model reports, by name; the first is the primary one. */
  readonly metrics: Readonly<Record<string, Metric<Theta>>>;
  /** Validates a parameter value for this model (throws InvalidArgumentError naming `name`). */
  validate(theta: Theta, name?: string): void;
  /** Present when the model has an exact sufficient-statistic fast path (RecurseConfig.sampling). */
  readonly summaries?: SummaryCapability<Theta>;
}

/**
 * A source's sufficient statistic: `size` points summarised in a model-specific layout (e.g. a Gaussian's
 * mean and scatter matrix, a categorical's counts).
 */
export interface Summary {
  readonly size: number;
  readonly stats: Float64Array;
}

/**
 * Exact fast path: draw a source's sufficient statistic directly from its exact law (a Gaussian sample mean
 * is N(μ, Σ/N) and its scatter matrix is Wishart(Σ, N − 1), independent; categorical counts are multinomial)
 * and fit from summaries with the same estimator as Model.fit. Every θ̂_t then has exactly the law it has
 * under explicit sampling (the draws differ).
 */
export interface SummaryCapability<Theta> {
  /** The exact law of the summary of `size` i.i.d. draws from P_θ. */
  sample(theta: Theta, size: number, stream: Stream): Summary;
  /** The summary of explicit data (so D_0 or any dataset can enter the fast path). */
  fromData(data: Dataset): Summary;
  /** The summary of the union of the parts (accumulate). */
  pool(parts: readonly Summary[]): Summary;
  /** Model.fit on summaries: the same estimator, the same conventions. */
  fit(sources: readonly { readonly summary: Summary; readonly weight: number }[]): Theta;
}

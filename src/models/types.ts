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
}

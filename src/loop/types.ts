/**
 * Configuration of one recursive-training run. Every framework of the papers is one loop with a data
 * policy (DESIGN.md, "The one loop"):
 *
 *   θ̂_0 = fit({D_0 real, weight 1});  for t = 1..T: sources_t = policy(t, θ̂_{t−1}, history); θ̂_t = fit(sources_t)
 */
import type { Dataset, Metric, Model } from '../models/types.js';
import type { StreamKey } from '../rng/stream.js';

/**
 * Sample-size multiplier c_t (paper 000): generation t ≥ 1 draws n·c_t synthetic points, rounded to the
 * nearest integer (at least 1).
 */
export type Schedule =
  | { readonly kind: 'constant'; readonly c?: number } // c_t = c (default 1)
  | { readonly kind: 'linear'; readonly slope?: number } // c_t = slope·t (default 1)
  | { readonly kind: 'polynomial'; readonly s: number } // c_t = t^(1+s), s > -1
  | { readonly kind: 't-log-t' } // c_t = t·log(t) for t ≥ 2, c_1 = 1
  | { readonly kind: 'exponential'; readonly base: number } // c_t = base^t, base ≥ 1
  | { readonly kind: 'function'; readonly c: (t: number) => number; readonly label?: string }; // any c_t > 0

export type Policy =
  /** Fully synthetic: generation t trains only on n·c_t draws from θ̂_{t−1}. */
  | { readonly kind: 'replace'; readonly n: number; readonly schedule?: Schedule }
  /**
   * Accumulate: D_0 plus every synthetic set so far (set t has n·c_t points), pooled with equal per-point
   * weight. With `subsample`, each generation trains on `subsample` points drawn without replacement
   * from the pool (Kazdan et al.'s accumulate-subsample).
   */
  | { readonly kind: 'accumulate'; readonly n: number; readonly schedule?: Schedule; readonly subsample?: number }
  /**
   * Augment: the fixed real set D_0 (weight λ) plus the latest synthetic set of m points (weight 1 − λ),
   * drawn from θ̂_{t−1}. m defaults to n.
   */
  | { readonly kind: 'augment'; readonly n: number; readonly lambda: number; readonly m?: number }
  /** Fresh data: a new real set of n (weight w) plus m synthetic points from θ̂_{t−1} (weight 1 − w). */
  | { readonly kind: 'fresh'; readonly n: number; readonly m: number; readonly w: number };

export interface RecurseConfig<Theta> {
  readonly model: Model<Theta>;
  /** θ*, the truth that real data come from. */
  readonly truth: Theta;
  readonly policy: Policy;
  /** T: the number of recursive generations after the real-only fit (errors has T + 1 entries). */
  readonly generations: number;
  /**
   * The replication's key. Generation t's real data use key.child(t, 'real'), its synthetic data
   * key.child(t, 'synthetic'), subsampling key.child(t, 'subsample'): common random numbers by role.
   */
  readonly key: StreamKey;
  /** Metrics to record (default: model.metrics). */
  readonly metrics?: Readonly<Record<string, Metric<Theta>>>;
  /** Keep θ̂_t for every t (default false). */
  readonly keepEstimates?: boolean;
  /** Use this D_0 instead of drawing it (e.g. to perturb one point, for recursive stability). */
  readonly initialData?: Dataset;
  /**
   * 'explicit' (default) draws every row; 'sufficient' draws each source's sufficient statistic from its exact
   * law (models with `summaries`; not with accumulate-subsample): every θ̂_t has the same law, the draws differ.
   */
  readonly sampling?: 'explicit' | 'sufficient';
  /** Refuse any generation whose training set exceeds this many points (default 10 000 000). */
  readonly maxTrainingSize?: number;
}

export interface RecurseResult<Theta> {
  /** errors[metric][t] for t = 0..T. */
  readonly errors: Readonly<Record<string, Float64Array>>;
  /** θ̂_0..θ̂_T when keepEstimates, else empty. */
  readonly estimates: readonly Theta[];
  /** Number of points each generation trained on (t = 0..T). */
  readonly trainingSizes: Int32Array;
}

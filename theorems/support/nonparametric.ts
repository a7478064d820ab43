/**
 * Support for the nonparametric claims of the golden-ratio paper (GR-17 … GR-21, CLAIMS.md §1.10): continuous
 * truths of several families, a metric-only wrong truth for negative controls, and Monte Carlo of the error at
 * the LAST generation only (the exact Cramér–von Mises distance costs more than a whole generation of sampling,
 * so computing it at every t, as `trajectories` does, would triple the cost of these claims).
 *
 * Owner: the GR-17…GR-21 engineer.
 */
import fc from 'fast-check';
import { uniformDouble } from './arbitraries.js';
import { recurse } from '../../src/loop/index.js';
import type { Policy } from '../../src/loop/index.js';
import { continuousTruth, type ContinuousTruth, type Model } from '../../src/models/index.js';
import type { StreamKey } from '../../src/rng/index.js';
import { replicate } from '../../src/stats/monteCarlo.js';
import { normalCdf } from '../../src/special/normalCdf.js';
import { normalQuantile } from '../../src/special/normalQuantile.js';
import { swappedWeights, syntheticFromTruth } from './wrongEngines.js';

/** A continuous law on ℝ: its family, location and scale (a plain record, so that reports print it). */
export interface ContinuousLaw {
  readonly family: 'normal' | 'exponential' | 'logistic';
  readonly location: number;
  readonly scale: number;
}

/** A number uniform in value on [a, b] (see uniformDouble in arbitraries.ts). */
export const uniformOn = (a: number, b: number): fc.Arbitrary<number> => uniformDouble(a, b);

/** Continuous laws among three families, location uniform in [−5, 5], log-scale uniform in [0.1, 10]. */
export function continuousLaw(): fc.Arbitrary<ContinuousLaw> {
  return fc.record({
    family: fc.constantFrom('normal' as const, 'exponential' as const, 'logistic' as const),
    location: uniformOn(-5, 5),
    scale: uniformOn(-1, 1).map((e) => 10 ** e),
  });
}

/** The standard deviation of a law: σ (normal), λ⁻¹ = scale (exponential), s·π/√3 (logistic). */
export function lawStandardDeviation(law: ContinuousLaw): number {
  return law.family === 'logistic' ? (law.scale * Math.PI) / Math.sqrt(3) : law.scale;
}

/**
 * The truth θ* of a law, with cdf and quantile:
 *   normal      F(x) = Φ((x − a)/s),                         F⁻¹(u) = a + s·Φ⁻¹(u)
 *   exponential F(x) = 1 − exp(−(x − a)/s) for x ≥ a, else 0,  F⁻¹(u) = a − s·log(1 − u)
 *   logistic    F(x) = 1/(1 + exp(−(x − a)/s)),               F⁻¹(u) = a + s·log(u/(1 − u))
 * `shiftSd` moves the law right by that many standard deviations (for the wrong-truth negative control).
 */
export function truthOf(law: ContinuousLaw, shiftSd = 0): ContinuousTruth {
  const a = law.location + shiftSd * lawStandardDeviation(law);
  const s = law.scale;
  const label = `${law.family}(${a.toPrecision(4)}, ${s.toPrecision(4)})`;
  switch (law.family) {
    case 'normal':
      return continuousTruth((x) => normalCdf((x - a) / s), (u) => a + s * normalQuantile(u), label);
    case 'exponential':
      return continuousTruth((x) => (x <= a ? 0 : -Math.expm1(-(x - a) / s)), (u) => a - s * Math.log1p(-u), label);
    case 'logistic':
      return continuousTruth((x) => 1 / (1 + Math.exp(-(x - a) / s)), (u) => a + s * Math.log(u / (1 - u)), label);
  }
}

/**
 * Wrong engine for negative controls: every metric of `model` measures the error against `wrongTruth` instead
 * of the truth it is given (the data still come from the right truth).
 */
export function metricAgainst<Theta>(model: Model<Theta>, wrongTruth: Theta): Model<Theta> {
  const metrics: Record<string, (estimate: Theta, truth: Theta) => number> = {};
  for (const [name, metric] of Object.entries(model.metrics)) metrics[name] = (estimate) => metric(estimate, wrongTruth);
  return { ...model, name: `${model.name}/metric-against-wrong-truth`, metrics };
}

export interface FinalOptions<Theta> {
  readonly model: Model<Theta>;
  readonly truth: Theta;
  readonly policy: Policy;
  readonly generations: number;
  readonly key: StreamKey;
  readonly replications: number;
  readonly sampling?: 'explicit' | 'sufficient';
  /** Index of the first replication (default 0): replications first … first + R − 1. */
  readonly first?: number;
}

/**
 * Runs `recurse` for replications r = 0 … R − 1 on key.child('rep', r) (the same keys as
 * theorems/support/simulate.ts `trajectories`, so schemes run on one key share their real data: common random
 * numbers) and returns `value(θ̂_T, r)` for each: the value is computed on the final estimate only.
 */
export function atFinalGeneration<Theta>(options: FinalOptions<Theta>, value: (estimate: Theta, replication: number) => number): Float64Array {
  const { model, truth, policy, generations, sampling } = options;
  return replicate({
    key: options.key,
    replications: options.replications,
    first: options.first,
    run: (repKey, r) => {
      const run = recurse({ model, truth, policy, generations, key: repKey, metrics: {}, keepEstimates: true, sampling });
      return value(run.estimates[generations], r);
    },
  });
}

/** The metric `metric` (default: the model's first) of θ̂_T against the truth, for each replication. */
export function finalErrors<Theta>(options: FinalOptions<Theta> & { readonly metric?: string }): Float64Array {
  const name = options.metric ?? Object.keys(options.model.metrics)[0];
  const metric = options.model.metrics[name];
  return atFinalGeneration(options, (estimate) => metric(estimate, options.truth));
}

/**
 * Replications until a CLT check is powered, by the fixed-width sequential rule of Chow & Robbins (1965, "On the
 * asymptotic theory of fixed-width sequential confidence intervals for the mean", Ann. Math. Statist. 36):
 * `initial` replications, then — while `needed(values, R)` (the replications the check needs with the current
 * sample's standard deviation) exceeds R — up to ⌈1.05·needed⌉ (at most `max`; beyond that the check itself
 * refuses to run, UnderpoweredError), at most 6 rounds. Valid asymptotically only: for a skewed, heavy-tailed
 * statistic at R ≈ 1 000–2 000 the sample sd that decides when to stop is correlated with the sample mean, and
 * the studentized mean is over-dispersed (GR-17's CvM error gave 20/210 failures at nominal 0.05 over 70 suite
 * seeds; docs/calibration.md). Where calibration shows that excess, plan R in two stages instead — an independent
 * pilot, then replications [0, R) drawn once: `plannedSample` (theorems/support/accumulate.ts), as GR-17 does.
 *
 * `draw(first, count)` returns `count·width` values (row-major), replications first … first + count − 1.
 */
export function replicateUntilPowered(options: {
  readonly initial: number;
  readonly max: number;
  readonly width?: number;
  readonly draw: (first: number, count: number) => Float64Array;
  readonly needed: (values: Float64Array, replications: number) => number;
}): { readonly values: Float64Array; readonly replications: number } {
  const width = options.width ?? 1;
  let replications = options.initial;
  let values = options.draw(0, replications);
  for (let round = 0; round < 6; round++) {
    const need = options.needed(values, replications);
    if (!(need > replications) || replications >= options.max) break;
    const next = Math.min(options.max, Math.ceil(1.05 * need));
    const extra = options.draw(replications, next - replications);
    const merged = new Float64Array(next * width);
    merged.set(values);
    merged.set(extra, replications * width);
    values = merged;
    replications = next;
  }
  return { values, replications };
}

/** Sample standard deviation (ddof 1) of a column of a row-major R × width matrix (width 1: the whole array). */
export function columnSd(values: Float64Array, replications: number, width = 1, column = 0, minus?: number): number {
  let mean = 0;
  for (let r = 0; r < replications; r++) mean += (values[r * width + column] - (minus === undefined ? 0 : values[r * width + minus])) / replications;
  let ss = 0;
  for (let r = 0; r < replications; r++) ss += (values[r * width + column] - (minus === undefined ? 0 : values[r * width + minus]) - mean) ** 2;
  return Math.sqrt(ss / (replications - 1));
}

/** syntheticFromTruth on both sampling paths (the wrappers in wrongEngines.ts now wrap `summaries` themselves). */
export const syntheticFromTruthAllPaths = syntheticFromTruth;

/** swappedWeights on both sampling paths (the wrappers in wrongEngines.ts now wrap `summaries` themselves). */
export const swappedWeightsAllPaths = swappedWeights;

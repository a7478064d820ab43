/**
 * Support for the accumulate, fully synthetic and real-proportion claims (IM-1, IM-2, IM-3, AC-1, NR-1,
 * SH-1, SH-2, RS-1, RS-2). Owner: the engineer of those claims (not the shared simulate.ts / wrongEngines.ts).
 *
 * - `simulateMetrics`: like simulate.ts's `trajectories` (replication r on key.child('rep', r), so runs on
 *   the same key share every stream: common random numbers), but records several metrics at once and calls
 *   the engine's exact sufficient-statistic loop `recurseSufficient` directly when sampling is 'sufficient'
 *   (`recurse` dispatches to it once the fast path is wired in; the law of every θ̂_t is the same).
 * - test-only models: `gammaRateModel` (Gamma rate MLE with known shape, with an exact fast path) and
 *   `ridgeModel` (weighted ridge regression on a GLM's linear-family data);
 * - wrong engines for negative controls: `latestSetOnly` (replace presented as accumulate), `withoutSummaries`;
 * - `exactCheck`: a CheckResult for deterministic (pathwise) identities, so they can be negative-controlled
 *   with `rejectsWrongEngine` like the statistical checks.
 */
import { recurse, recurseSufficient } from '../../src/loop/index.js';
import type { Policy } from '../../src/loop/index.js';
import type { Dataset, Metric, Model, Summary, SummaryCapability, WeightedSource } from '../../src/models/index.js';
import type { GammaTheta } from '../../src/models/index.js';
import type { GlmModel, GlmTheta } from '../../src/models/glm/index.js';
import type { StreamKey, Stream } from '../../src/rng/index.js';
import { replicationKey } from '../../src/stats/monteCarlo.js';
import type { CheckResult } from '../../src/stats/assert.js';
import { requiredReplications, sampleToPower } from '../../src/stats/assert.js';
import type { ClaimContext } from '../../src/stats/claim.js';
import { normalisedSourceWeights } from '../../src/models/index.js';
import { fillGamma, gammaVariate } from '../../src/rng/index.js';
import { cholesky, choleskySolve } from '../../src/linalg/index.js';
import { InvalidArgumentError, NumericalError } from '../../src/errors.js';
import { integerInRange, positiveNumber } from '../../src/validate.js';
import { columnSd } from './nonparametric.js';

export interface SimulateOptions<Theta> {
  readonly model: Model<Theta>;
  readonly truth: Theta;
  readonly policy: Policy;
  readonly generations: number;
  readonly key: StreamKey;
  readonly replications: number;
  /** The metrics to record, by name (any functions of (θ̂_t, θ*)). */
  readonly metrics: Readonly<Record<string, Metric<Theta>>>;
  readonly sampling?: 'explicit' | 'sufficient';
  readonly initialData?: Dataset;
  /** First replication index (default 0): replications [first, first + replications) of the key. */
  readonly first?: number;
}

/** For each metric, the R × (T + 1) row-major matrix of its trajectories. */
export function simulateMetrics<Theta>(options: SimulateOptions<Theta>): Record<string, Float64Array> {
  const R = integerInRange('replications', options.replications, 1);
  const width = options.generations + 1;
  const names = Object.keys(options.metrics);
  const out: Record<string, Float64Array> = {};
  for (const name of names) out[name] = new Float64Array(R * width);
  const run = options.sampling === 'sufficient' ? recurseSufficient : recurse;
  const first = integerInRange('first', options.first ?? 0, 0);
  for (let r = 0; r < R; r++) {
    const result = run({
      model: options.model,
      truth: options.truth,
      policy: options.policy,
      generations: options.generations,
      key: replicationKey(options.key, first + r),
      metrics: options.metrics,
      sampling: options.sampling,
      initialData: options.initialData,
    });
    for (const name of names) out[name].set(result.errors[name], r * width);
  }
  return out;
}

/**
 * Margin on a theoretical sd: the realised sample sd of R ≈ 10⁴ replications of a χ²-like statistic varies by
 * ≈ √((κ − 1)/(4R)) ≈ 2 % (κ ≤ 15 the kurtosis), and the check refuses to run when the realised sd exceeds
 * the planned one; 8 % is four such standard deviations.
 */
const THEORY_MARGIN = 1.08;

/**
 * The sd of a pilot inflated for its own sampling error: sd·(1 + 6·√((κ̂ − 1)/(4P))) with κ̂ the pilot's
 * kurtosis (the delta-method sd of a sample sd is sd·√((κ − 1)/(4P)); six of them, because κ̂ itself is
 * underestimated by short pilots of skewed statistics), at least sd·1.25.
 */
export function pilotSd(pilot: ArrayLike<number>): number {
  const P = pilot.length;
  if (P < 50) throw new InvalidArgumentError('pilot.length', P, 'at least 50');
  let mean = 0;
  for (let i = 0; i < P; i++) mean += pilot[i] / P;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < P; i++) {
    const d = (pilot[i] - mean) ** 2;
    m2 += d / P;
    m4 += (d * d) / P;
  }
  const kurtosis = m2 > 0 ? m4 / (m2 * m2) : 1;
  // κ ≥ 1 for every distribution (Pearson's inequality), but rounding can put a two-point pilot's κ̂ just below 1
  return Math.sqrt((m2 * P) / (P - 1)) * Math.max(1.25, 1 + 6 * Math.sqrt(Math.max(0, kurtosis - 1) / (4 * P)));
}

/**
 * Replications for a CLT check that must detect `detectable` at (alpha, ctx.beta). With `theorySd` (the exact
 * per-replication sd of the statistic under the claim, inflated by THEORY_MARGIN) R comes from theory; a
 * negative control runs a wrong engine whose sd the theory does not give, so there (and when no theory is
 * given) R is planned from the `pilot` samples (every statistic the check will test; the largest sd, inflated
 * by `pilotSd`). The check itself re-verifies its power with the realised sd (UnderpoweredError otherwise).
 */
export function planReplications(
  ctx: ClaimContext,
  options: { detectable: number; alpha: number; theorySd?: number; pilot?: () => Float64Array | readonly Float64Array[]; sided?: 1 | 2 },
): number {
  const plan = (sd: number) => requiredReplications({ sd, detectable: options.detectable, alpha: options.alpha, beta: ctx.beta, sided: options.sided });
  if (options.theorySd !== undefined && ctx.mode === 'claim') return plan(THEORY_MARGIN * options.theorySd);
  if (options.pilot === undefined) throw new InvalidArgumentError('pilot', undefined, 'a pilot sampler (no theory sd, or a negative control)');
  const pilots = options.pilot();
  const list = pilots instanceof Float64Array ? [pilots] : pilots;
  let sd = 0;
  for (const p of list) sd = Math.max(sd, pilotSd(p));
  return plan(sd);
}

/**
 * The sample of a single-statistic CLT check: R planned by `planReplications` (from theory in a claim, from the
 * pilot in a negative control), drawn as replications [0, R) by `draw(first, count)`, then topped up — at most
 * three times, replications [R, R′) of the same stream — while the realised sd says R is short of the declared
 * power (R′ = 1.1 × the replications requiredReplications gives for that sd). A sample size that depends on
 * variance estimates only keeps the mean test valid (Stein's two-stage design); it turns a realised sd a little
 * above the plan (a skewed statistic at small R) into more replications instead of an UnderpoweredError.
 */
export function plannedSample(
  ctx: ClaimContext,
  options: { detectable: number; alpha: number; theorySd?: number; pilot?: () => Float64Array | readonly Float64Array[]; sided?: 1 | 2; draw: (first: number, count: number) => Float64Array },
): Float64Array {
  const { draw, pilot, theorySd, detectable, alpha, sided } = options;
  return plannedSamples(ctx, {
    alpha,
    sided,
    statistics: { only: { detectable, theorySd } },
    ...(pilot ? { pilot: () => ({ only: pilot() }) } : {}),
    draw: (first, count) => ({ only: draw(first, count) }),
  }).only;
}

/**
 * `plannedSample` for several statistics recorded on the same replications (e.g. SH-2's log σ_g² and σ_h²/σ²,
 * each with its own CLT check): R is the largest of the statistics' plans (and of `minimum`, e.g. what other
 * checks on the same replications need), and a top-up (at most three, replications [R, R′) of the same stream,
 * R′ = 1.1 × the largest realised need) runs while any planned statistic's realised sd says R is short of its
 * declared power. `draw` may return more arrays than `statistics` plans (e.g. the arms of a paired check); all
 * are topped up together. With one statistic and no minimum this is exactly `plannedSample`.
 */
export function plannedSamples<K extends string>(
  ctx: ClaimContext,
  options: {
    alpha: number;
    sided?: 1 | 2;
    minimum?: number;
    statistics: Readonly<Partial<Record<K, { detectable: number; theorySd?: number }>>>;
    pilot?: () => Readonly<Partial<Record<K, Float64Array | readonly Float64Array[]>>>;
    draw: (first: number, count: number) => Readonly<Record<K, Float64Array>>;
  },
): Record<K, Float64Array> {
  const planned = Object.keys(options.statistics) as K[];
  let pilots: Readonly<Partial<Record<K, Float64Array | readonly Float64Array[]>>> | undefined;
  const makePilot = options.pilot;
  const pilotOf = (name: K) => (makePilot ? () => (pilots ??= makePilot())[name]! : undefined);
  let replications = options.minimum ?? 0;
  for (const name of planned) {
    const { detectable, theorySd } = options.statistics[name]!;
    const pilot = pilotOf(name);
    replications = Math.max(replications, planReplications(ctx, { detectable, alpha: options.alpha, theorySd, sided: options.sided, ...(pilot ? { pilot } : {}) }));
  }
  let samples = { ...options.draw(0, replications) } as Record<K, Float64Array>;
  for (let round = 0; round < 3; round++) {
    let needed = 0;
    for (const name of planned) {
      const sd = columnSd(samples[name], samples[name].length);
      needed = Math.max(needed, requiredReplications({ sd, detectable: options.statistics[name]!.detectable, alpha: options.alpha, beta: ctx.beta, sided: options.sided }));
    }
    if (replications >= needed) break;
    const next = Math.ceil(1.1 * needed);
    const more = options.draw(replications, next - replications);
    const merged = {} as Record<K, Float64Array>;
    for (const name of Object.keys(samples) as K[]) {
      merged[name] = new Float64Array(next);
      merged[name].set(samples[name]);
      merged[name].set(more[name], replications);
    }
    samples = merged;
    replications = next;
  }
  return samples;
}

/**
 * The main sample of a single-statistic CLT check planned from a pilot: the lead's sequential `sampleToPower`
 * (R from the pilot's sd with a 10 % margin, then topped up — replications [R, R′) of the same key — until the
 * realised sd reaches the declared power), so a pilot that underestimates a skewed statistic's sd costs a top-up
 * instead of an UnderpoweredError, and a generous fixed margin is not needed.
 */
export function pilotPoweredSample(ctx: ClaimContext, options: { detectable: number; alpha: number; pilot: () => Float64Array; draw: (first: number, count: number) => Float64Array }): Float64Array {
  return sampleToPower({ draw: options.draw, pilot: options.pilot(), detectable: options.detectable, alpha: options.alpha, beta: ctx.beta, margin: 1.1 });
}

/** Element-wise a − c·b of two equal-length arrays (paired differences under common random numbers). */
export function pairedDifference(a: Float64Array, b: Float64Array, c = 1): Float64Array {
  if (a.length !== b.length) throw new InvalidArgumentError('b.length', b.length, `${a.length} (the length of a)`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - c * b[i];
  return out;
}

/** A copy of `model` without its sufficient-statistic fast path (wrappers that change sample/fit need this). */
export function withoutSummaries<Theta>(model: Model<Theta>): Model<Theta> {
  const { summaries: _dropped, ...rest } = model;
  return rest;
}

/**
 * WRONG ENGINES on the accumulate pool. 'latest' — "replace presented as accumulate": the fit sees only the
 * last `size` rows of its single (pooled) source, the latest synthetic set, so accumulate silently behaves
 * like replace. 'first' — "the pool never grows": the fit sees only the first `size` rows (D_0), so the
 * synthetic sets are silently dropped. On the sufficient-statistic path the same bugs are a pool that keeps
 * only its latest (or first) part.
 */
export function pooledSetOnly<Theta>(model: Model<Theta>, size: number, which: 'first' | 'latest'): Model<Theta> {
  integerInRange('size', size, 1);
  const summaries = model.summaries;
  return {
    ...model,
    name: `${model.name}/${which}-set-only`,
    fit: (sources: readonly WeightedSource[]) => {
      if (sources.length !== 1 || sources[0].data.size <= size) return model.fit(sources);
      const { data } = sources[0];
      const start = which === 'latest' ? data.size - size : 0;
      const part: Dataset = {
        size,
        dim: data.dim,
        x: data.x.slice(start * data.dim, (start + size) * data.dim),
        y: data.y === null ? null : data.y.slice(start, start + size),
      };
      return model.fit([{ data: part, weight: sources[0].weight }]);
    },
    summaries:
      summaries === undefined ? undefined : { ...summaries, pool: (parts: readonly Summary[]) => (which === 'latest' ? parts[parts.length - 1] : parts[0]) },
  };
}

/** "replace presented as accumulate": `pooledSetOnly(model, size, 'latest')`. */
export function latestSetOnly<Theta>(model: Model<Theta>, size: number): Model<Theta> {
  return pooledSetOnly(model, size, 'latest');
}

/**
 * WRONG ENGINE: synthetic data (explicit rows and sufficient statistics alike) drawn from the truth instead of
 * the previous fit — no feedback loop. (wrongEngines.ts's syntheticFromTruth wraps `sample` only, so its
 * copied `summaries` would bypass it on the fast path.)
 */
export function syntheticFromTruthEverywhere<Theta>(model: Model<Theta>, truth: Theta): Model<Theta> {
  const summaries = model.summaries;
  return {
    ...model,
    name: `${model.name}/synthetic-from-truth`,
    sample: (_theta, size, stream) => model.sample(truth, size, stream),
    summaries: summaries === undefined ? undefined : { ...summaries, sample: (_theta: Theta, size: number, stream: Stream) => summaries.sample(truth, size, stream) },
  };
}

/**
 * WRONG ENGINE, "λ ignored": every source weighted by its size (naive pooling) whatever the policy asked for,
 * on the explicit and the sufficient-statistic paths (wrongEngines.ts's pooledWeights wraps `fit` only).
 */
export function sizeWeightedEverywhere<Theta>(model: Model<Theta>): Model<Theta> {
  const summaries = model.summaries;
  return {
    ...model,
    name: `${model.name}/size-weighted`,
    fit: (sources: readonly WeightedSource[]) => model.fit(sources.map((s) => ({ data: s.data, weight: s.data.size }))),
    summaries:
      summaries === undefined
        ? undefined
        : { ...summaries, fit: (sources: readonly { readonly summary: Summary; readonly weight: number }[]) => summaries.fit(sources.map((s) => ({ summary: s.summary, weight: s.summary.size }))) },
  };
}

/**
 * A deterministic (pathwise) identity as a CheckResult: passes iff the largest deviation found is at most
 * `tolerance` (floating-point rounding only). False-failure rate 0.
 */
export function exactCheck(label: string, deviation: number, tolerance: number, replications: number, assumption: string): CheckResult {
  return {
    label,
    kind: 'exact identity (pathwise)',
    pass: deviation <= tolerance,
    alpha: 0,
    pValue: deviation <= tolerance ? 1 : 0,
    estimate: deviation,
    interval: [0, tolerance],
    oracle: 0,
    replications,
    assumption,
    detail: `largest deviation ${deviation.toPrecision(3)}, rounding tolerance ${tolerance.toPrecision(3)}`,
  };
}

/**
 * TEST MODEL: Gamma(α, β) with KNOWN shape α, fitting only the rate by its weighted MLE β̂ = α/x̄_ω
 * (x̄_ω = Σ_s ω_s x̄_s); α = 1 is the exponential rate, MLE 1/x̄. Exact fast path: the mean of N draws is
 * Gamma(Nα, Nβ) (summary stats [x̄]). Metrics: rate = (β̂ − β)², relativeRate = (β̂/β − 1)².
 */
export function gammaRateModel(shape: number): Model<GammaTheta> {
  const alpha = positiveNumber('shape', shape);
  const validate = (theta: GammaTheta, name = 'theta'): void => {
    if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, 'an object { shape, rate }');
    positiveNumber(`${name}.rate`, theta.rate);
    if (theta.shape !== alpha) throw new InvalidArgumentError(`${name}.shape`, theta.shape, `${alpha} (the known shape)`);
  };
  const fromMean = (mean: number): GammaTheta => {
    if (!(mean > 0)) throw new NumericalError('degenerate', `the weighted mean ${mean} is not > 0: the rate α/x̄ is undefined`, { mean });
    return { shape: alpha, rate: alpha / mean };
  };
  const summaries: SummaryCapability<GammaTheta> = {
    sample(theta: GammaTheta, size: number, stream: Stream): Summary {
      validate(theta);
      integerInRange('size', size, 1);
      return { size, stats: Float64Array.of(gammaVariate(stream, size * alpha, size * theta.rate)) };
    },
    fromData(data: Dataset): Summary {
      let sum = 0;
      for (let i = 0; i < data.size; i++) sum += data.x[i];
      return { size: data.size, stats: Float64Array.of(sum / data.size) };
    },
    pool(parts: readonly Summary[]): Summary {
      let size = 0;
      let sum = 0;
      for (const part of parts) {
        size += part.size;
        sum += part.size * part.stats[0];
      }
      return { size, stats: Float64Array.of(sum / size) };
    },
    fit(sources) {
      let total = 0;
      let mean = 0;
      for (const s of sources) {
        if (!(s.weight >= 0)) throw new InvalidArgumentError('sources[].weight', s.weight, 'a finite number ≥ 0');
        total += s.weight;
        mean += s.weight * s.summary.stats[0];
      }
      return fromMean(mean / total);
    },
  };
  const rate: Metric<GammaTheta> = (estimate, truth) => (estimate.rate - truth.rate) ** 2;
  const relativeRate: Metric<GammaTheta> = (estimate, truth) => (estimate.rate / truth.rate - 1) ** 2;
  return {
    name: `gamma-rate(shape ${alpha})`,
    validate,
    metrics: { rate, relativeRate },
    sample(theta, size, stream) {
      validate(theta);
      integerInRange('size', size, 0);
      return { size, dim: 1, x: fillGamma(stream, alpha, theta.rate, new Float64Array(size)), y: null };
    },
    fit(sources) {
      const omega = normalisedSourceWeights(sources, 1);
      let mean = 0;
      for (let s = 0; s < sources.length; s++) {
        if (omega[s] === 0) continue;
        const { x, size } = sources[s].data;
        let sum = 0;
        for (let i = 0; i < size; i++) sum += x[i];
        mean += (omega[s] * sum) / size;
      }
      return fromMean(mean);
    },
    summaries,
  };
}

/**
 * TEST MODEL: weighted ridge regression on the data of a linear-family GLM (its sampler, fixed or random
 * design): β̂ = (Σ_s ω_s X_sᵀX_s/size_s + ρI)⁻¹ Σ_s ω_s X_sᵀy_s/size_s, ω_s the normalised source weights
 * (per-point weights w_s/(W·size_s), as every model of the engine), ρ > 0 the fixed penalty.
 */
export function ridgeModel(base: GlmModel, penalty: number): Model<GlmTheta> {
  const rho = positiveNumber('penalty', penalty);
  const p = base.config.dim;
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  return {
    name: `ridge(${rho})`,
    validate: base.validate,
    metrics: base.metrics,
    sample: base.sample,
    fit(sources) {
      const omega = normalisedSourceWeights(sources, p);
      gram.fill(0);
      rhs.fill(0);
      for (let s = 0; s < sources.length; s++) {
        if (omega[s] === 0) continue;
        const { x, y, size } = sources[s].data;
        if (y === null) throw new InvalidArgumentError(`sources[${s}].data.y`, y, 'responses (a regression dataset)');
        const scale = omega[s] / size;
        for (let i = 0; i < size; i++) {
          const row = i * p;
          for (let a = 0; a < p; a++) {
            rhs[a] += scale * x[row + a] * y[i];
            for (let b = 0; b < p; b++) gram[a * p + b] += scale * x[row + a] * x[row + b];
          }
        }
      }
      for (let a = 0; a < p; a++) gram[a * p + a] += rho;
      return { beta: choleskySolve(cholesky(gram, p), p, rhs) };
    },
  };
}

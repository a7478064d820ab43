/**
 * Support for the claims of paper 000, "A Probabilistic Perspective on Model Collapse" (PP-1 … PP-7):
 * realised sample sizes, the realised schedule sum S_T, a trajectory runner that takes a metric function and
 * can use the exact sufficient-statistic fast path, fast-check arbitraries for schedules, and wrong-engine
 * wrappers that also act on a model's `summaries` (the generic wrappers of wrongEngines.ts only replace
 * `sample`, which the fast path never calls).
 *
 * The multipliers c_t are re-implemented here from the schedule definitions (src/loop/types.ts, CLAIMS.md
 * §2.1) rather than imported from the engine, so that the oracles do not share code with the loop they check;
 * PP-1 asserts that the loop's planned sizes equal `realisedSizes`.
 */
import fc from 'fast-check';
import { recurse, recurseSufficient, type Policy, type Schedule } from '../../src/loop/index.js';
import type { Metric, Model } from '../../src/models/index.js';
import type { StreamKey } from '../../src/rng/index.js';
import { replicateRows, column } from '../../src/stats/monteCarlo.js';
import { checkMean, requiredReplications, UnderpoweredError, type CheckResult } from '../../src/stats/assert.js';
import { proportionTrialsNeeded } from '../../src/stats/checkProportion.js';

/**
 * c_t of generation t ≥ 1 (CLAIMS.md §2.1; the Schedule union of src/loop/types.ts): constant c; slope·t;
 * t^(1+s); t·ln t for t ≥ 2 and 1 at t = 1; base^t; or the function's value.
 *
 * @example scheduleMultiplierOf({ kind: 'polynomial', s: 1 }, 3) // 9
 */
export function scheduleMultiplierOf(schedule: Schedule, t: number): number {
  switch (schedule.kind) {
    case 'constant':
      return schedule.c ?? 1;
    case 'linear':
      return (schedule.slope ?? 1) * t;
    case 'polynomial':
      return t ** (1 + schedule.s);
    case 't-log-t':
      return t === 1 ? 1 : t * Math.log(t);
    case 'exponential':
      return schedule.base ** t;
    case 'function':
      return schedule.c(t);
  }
}

/**
 * The realised training sizes N_0 … N_T of fully synthetic replacement: N_0 = n (the real sample) and
 * N_t = max(1, round(n·c_t)) for t ≥ 1 (the loop draws whole points).
 *
 * @example realisedSizes(10, { kind: 'linear', slope: 0.25 }, 3) // [10, 3, 5, 8]
 */
export function realisedSizes(n: number, schedule: Schedule, T: number): Int32Array {
  const sizes = new Int32Array(T + 1);
  sizes[0] = n;
  for (let t = 1; t <= T; t++) sizes[t] = Math.max(1, Math.round(n * scheduleMultiplierOf(schedule, t)));
  return sizes;
}

/**
 * The realised schedule sum S_T = Σ_{t=1}^T n/N_t (= Σ 1/c_t exactly when every n·c_t is an integer).
 * This is the quantity the Gaussian oracles need: Var(θ̂_T − θ*) = σ²(1/n + Σ_t 1/N_t) = (σ²/n)(1 + S_T).
 *
 * @example realisedScheduleSum(Int32Array.of(10, 10, 20)) // 1.5
 */
export function realisedScheduleSum(sizes: ArrayLike<number>): number {
  const n = sizes[0];
  let s = 0;
  for (let t = 1; t < sizes.length; t++) s += n / sizes[t];
  return s;
}

/** The realised multipliers N_t/n (t = 1 … T), for closed forms that take c_1 … c_T. */
export function realisedMultipliers(sizes: ArrayLike<number>): Float64Array {
  const out = new Float64Array(sizes.length - 1);
  for (let t = 1; t < sizes.length; t++) out[t - 1] = sizes[t] / sizes[0];
  return out;
}

export interface ScheduleTrajectoryOptions<Theta> {
  readonly model: Model<Theta>;
  readonly truth: Theta;
  readonly policy: Policy;
  readonly generations: number;
  readonly key: StreamKey;
  readonly replications: number;
  /** The quantity recorded at every generation (may be signed, e.g. θ̂_t − θ*). */
  readonly metric: Metric<Theta>;
  /** 'sufficient': the exact fast path (recurseSufficient); 'explicit' (default): every row drawn. */
  readonly sampling?: 'explicit' | 'sufficient';
}

/**
 * R × (T + 1) row-major matrix of `metric` along whole recursions; replication r runs on key.child('rep', r)
 * (src/stats/monteCarlo.ts). With sampling 'sufficient' it calls recurseSufficient directly, whose every θ̂_t
 * has exactly the law of recurse's (src/loop/recurseSufficient.ts), so it works whether or not `recurse`
 * dispatches on `sampling` yet.
 */
export function scheduleTrajectories<Theta>(options: ScheduleTrajectoryOptions<Theta>): Float64Array {
  const run = options.sampling === 'sufficient' ? recurseSufficient : recurse;
  const metrics = { value: options.metric };
  return replicateRows({
    key: options.key,
    replications: options.replications,
    width: options.generations + 1,
    run: (repKey, _r, row) => {
      const result = run({ model: options.model, truth: options.truth, policy: options.policy, generations: options.generations, key: repKey, metrics, sampling: options.sampling });
      row.set(result.errors.value);
    },
  });
}

/** Column t of an R × (T + 1) trajectory matrix. */
export function generationColumn(matrix: Float64Array, generations: number, t: number): Float64Array {
  return column(matrix, generations + 1, t);
}

export { uniformDouble } from './arbitraries.js';
import { uniformDouble } from './arbitraries.js';

/** Schedules with S_∞ = ∞ (collapse): constant c ∈ [1, 3], linear slope ∈ [0.5, 2], t·log t. */
export function divergentSchedule(): fc.Arbitrary<Schedule> {
  return fc.oneof(
    uniformDouble(1, 3).map((c): Schedule => ({ kind: 'constant', c })),
    uniformDouble(0.5, 2).map((slope): Schedule => ({ kind: 'linear', slope })),
    fc.constant<Schedule>({ kind: 't-log-t' }),
  );
}

/** Schedules with S_∞ < ∞: t^(1+s) with s ∈ [0.3, 1.5], and base^t with base ∈ [1.2, 2]. */
export function convergentSchedule(): fc.Arbitrary<Schedule> {
  return fc.oneof(
    uniformDouble(0.3, 1.5).map((s): Schedule => ({ kind: 'polynomial', s })),
    uniformDouble(1.2, 2).map((base): Schedule => ({ kind: 'exponential', base })),
  );
}

/** Every schedule kind of the paper (constant, t, t log t, t^(1+s), exponential). */
export function anySchedule(): fc.Arbitrary<Schedule> {
  return fc.oneof(divergentSchedule(), convergentSchedule());
}

/** A short description of a schedule for check labels. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'constant':
      return `c_t=${(schedule.c ?? 1).toFixed(3)}`;
    case 'linear':
      return `c_t=${(schedule.slope ?? 1).toFixed(3)}·t`;
    case 'polynomial':
      return `c_t=t^${(1 + schedule.s).toFixed(3)}`;
    case 't-log-t':
      return 'c_t=t·log t';
    case 'exponential':
      return `c_t=${schedule.base.toFixed(3)}^t`;
    case 'function':
      return `c_t=${schedule.label ?? 'f(t)'}`;
  }
}

// ---- wrong engines that act on the fast path too -------------------------------------------------------

/**
 * Synthetic data (rows and sufficient statistics) drawn from the truth instead of the previous fit: no
 * feedback, so θ̂_T − θ* has the law of one fit on N_T points.
 */
export function syntheticFromTruthEverywhere<Theta>(model: Model<Theta>, truth: Theta): Model<Theta> {
  const summaries = model.summaries;
  return {
    ...model,
    name: `${model.name}/synthetic-from-truth`,
    sample: (_theta, size, stream) => model.sample(truth, size, stream),
    summaries: summaries === undefined ? undefined : { ...summaries, sample: (_theta, size, stream) => summaries.sample(truth, size, stream) },
  };
}

// ---- planning of replications --------------------------------------------------------------------------

/**
 * Trials checkProportion needs to detect a true probability `detectable` away from p with false-pass rate β:
 * ⌈((z_A + z_{1−β})·sd/δ)²⌉ with z_A = z_{1−α/2} (two-sided) or z_{1−α} (one-sided) and sd the largest
 * binomial sd √(q(1 − q)) over the band [p − δ, p + δ] — the same rule checkProportion enforces
 * (src/stats/checkProportion.ts), so a check planned here never refuses to run. The count depends on p, δ, α
 * and β only (not on the data), so planning it adds no randomness.
 *
 * @example proportionTrials({ p: 0.3, detectable: 0.04, alpha: 1e-6, beta: 1e-2 }) // ≈ 6 100
 */
export function proportionTrials(options: { p: number; detectable: number; alpha: number; beta: number; side?: 'two-sided' | 'at-most' | 'at-least' }): number {
  return Math.max(100, Math.ceil(proportionTrialsNeeded({ ...options, side: options.side ?? 'two-sided' })) + 1);
}

export interface PlannedMeanCheckInput {
  readonly label: string;
  /** Draws R replications of the quantity on `key` (independent across keys). */
  readonly sample: (key: StreamKey, replications: number) => Float64Array;
  readonly key: StreamKey;
  /** The planned per-replication sd (from theory, or a pilot). */
  readonly sd: number;
  readonly oracle: number;
  readonly detectable: number;
  readonly alpha: number;
  readonly beta: number;
  /** Inflation of `sd` when planning R (default 1.1). */
  readonly margin?: number;
}

/**
 * checkMean with R planned from a per-replication sd: R = requiredReplications(margin·sd, detectable, α, β) on
 * key.child('main'). If the realised sd turns out larger (so checkMean refuses to run, UnderpoweredError), the
 * first sample is discarded and the check is run once on a fresh sample of 1.2× the replications checkMean
 * asked for, on key.child('main-2'). The decision to re-run depends on the first sample only and the second
 * sample is independent of it, so the final check keeps its false-failure rate α and its power; it avoids a
 * refusal — an unbudgeted failure — when a planning sd (from a pilot) is somewhat low. A second refusal throws.
 * (When the first sample is used, the check is conditional on its sd being small enough; with an adequate
 * planning sd that event has probability ≈ 1 and the conditioning is negligible.)
 */
export function plannedMeanCheck(input: PlannedMeanCheckInput): CheckResult {
  const { label, oracle, detectable, alpha, beta } = input;
  const R = requiredReplications({ sd: (input.margin ?? 1.1) * input.sd, detectable, alpha, beta });
  const first = input.sample(input.key.child('main'), R);
  try {
    return checkMean({ label, samples: first, oracle, alpha, beta, detectable });
  } catch (error) {
    if (!(error instanceof UnderpoweredError) || !Number.isFinite(error.needed)) throw error;
    const again = input.sample(input.key.child('main-2'), Math.ceil(1.2 * error.needed));
    return checkMean({ label: `${label} (re-planned)`, samples: again, oracle, alpha, beta, detectable });
  }
}

/** The sample sd of a pilot (for plannedMeanCheck). */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

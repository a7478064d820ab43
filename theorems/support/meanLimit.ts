/**
 * Shared pieces of the Gaussian-mean claims of the golden-ratio paper (GR-2 … GR-8, GR-13), written for them by
 * the GR-2..8/13 engineer.
 *
 * Limiting errors are tested on a *stationary window*: generations start ≤ t < end with start chosen so that
 * the exact transient (trΣ/n)·B^t·|1 − f(w, k)| is negligible (at most 1 % of the declared detectable error),
 * and the per-replication time average over the window as the statistic. Its exact expectation is the
 * average of the finite-t formula of Theorem 1 (GR-1, `freshMeanError`) over the window, `windowOracle`.
 *
 * The window length is planned from theory (`planWindow`): with a known Σ and the sufficient-statistic path
 * every fitted mean is a linear combination of the same Gaussian vectors in every arm simulated on one key
 * (common random numbers), so the variance of any linear combination of arms' window averages is exact
 * (`crnWindowVariance`, derivation there). The replications R are then planned from a pilot on
 * key.child('pilot') run on the engine actually under test (heavier tails with an estimated Σ, or a wrong
 * engine in a negative control), with variance-only top-ups if the main sample's own sd proves the pilot low
 * (Stein's two-stage design: an extension depends on the sample variance only, never on the mean, so the
 * false-failure rate is the CLT's).
 */
import { recurse, type Policy } from '../../src/loop/index.js';
import { gaussianModel, type GaussianTheta, type Model } from '../../src/models/index.js';
import type { StreamKey } from '../../src/rng/index.js';
import { replicateRows } from '../../src/stats/monteCarlo.js';
import { checkMean, checkPairedSign, replicationsFromPilot, requiredReplications, UnderpoweredError, type CheckResult } from '../../src/stats/assert.js';
import { freshMeanError, freshMeanLimit } from '../../src/theory/index.js';
import { InvalidArgumentError, NumericalError } from '../../src/errors.js';
import { integerInRange, numberInRange, positiveNumber, unitInterval } from '../../src/validate.js';

/** trΣ, ‖Σ‖_F² = tr(Σ²) and the sample sizes of a fresh-data setting. */
export interface MeanSetting {
  readonly traceSigma: number;
  readonly frobeniusSquared: number;
  readonly n: number;
  readonly m: number;
}

/** Pilot replications (replicationsFromPilot needs ≥ 50; its margin 1.25 covers a pilot's sd error at ≈ 100 near-Gaussian averages). */
export const PILOT_REPLICATIONS = 100;

/** The sampling path for a model: the exact sufficient-statistic path when the model has one. */
export function samplingFor<Theta>(model: Model<Theta>): 'explicit' | 'sufficient' {
  return model.summaries ? 'sufficient' : 'explicit';
}

/**
 * Burn-in: the smallest t ≥ 1 with |E‖μ_t − μ‖² − E‖μ_∞ − μ‖²| ≤ negligible for every weight in `weights`
 * (each in (0, 1]). The gap (trΣ/n)·B^t·|1 − f(w, k)| (CLAIMS §1.3) is non-increasing in t, so every later
 * generation, and every window average starting there, is at least as close.
 *
 * @example burnIn({ traceSigma: 1, frobeniusSquared: 1, n: 10, m: 10 }, [0.5], 1e-4) // 5 (gap 0.0333·0.25^t)
 */
export function burnIn(setting: MeanSetting, weights: readonly number[], negligible: number): number {
  positiveNumber('negligible', negligible);
  let start = 1;
  for (const w of weights) {
    numberInRange('w', w, Number.MIN_VALUE, 1);
    const limit = freshMeanLimit({ traceSigma: setting.traceSigma, n: setting.n, m: setting.m, w });
    let t = 1;
    while (Math.abs(freshMeanError({ traceSigma: setting.traceSigma, n: setting.n, m: setting.m, w, t }) - limit) > negligible) {
      t++;
      if (t > 100_000) throw new NumericalError('non-convergence', `the transient at w = ${w} is not below ${negligible} within 100 000 generations`, { w });
    }
    start = Math.max(start, t);
  }
  return start;
}

/**
 * The exact expectation of the time average of ‖μ_t − μ‖² over start ≤ t < end: (1/W)·Σ_t freshMeanError(t)
 * (Theorem 1, GR-1), W = end − start.
 *
 * @example windowOracle({ traceSigma: 1, frobeniusSquared: 1, n: 10, m: 10 }, 1, 1, 5) // 0.1 (w = 1: trΣ/n at every t)
 */
export function windowOracle(setting: MeanSetting, w: number, start: number, end: number): number {
  integerInRange('start', start, 0);
  integerInRange('end', end, start + 1);
  let sum = 0;
  for (let t = start; t < end; t++) sum += freshMeanError({ traceSigma: setting.traceSigma, n: setting.n, m: setting.m, w, t });
  return sum / (end - start);
}

/**
 * Exact variance of X = Σ_a λ_a·Ā_a, Ā_a the time average over start ≤ t < end of ‖e^a_t‖² for jointly Gaussian
 * centred AR(1) vectors e^a_t = r_a·e^a_{t−1} + ζ^a_t in R^d whose covariances are all scalar multiples of one Σ:
 * Cov(e^a_0, e^b_0) = c0(a, b)·Σ and Cov(ζ^a_t, ζ^b_t) = q(a, b)·Σ (innovations independent over t and of the
 * past). Then Cov(e^a_s, e^b_t) = c^{ab}_{st}·Σ with
 *   c^{ab}_{tt} = r_a r_b·c^{ab}_{t−1,t−1} + q(a, b),   c^{ab}_{st} = r_b^{t−s}·c^{ab}_{ss} (s ≤ t), r_a^{s−t}·c^{ab}_{tt} (s > t),
 * and for jointly Gaussian centred vectors with cross-covariance cΣ, Cov(‖u‖², ‖v‖²) = 2c²·tr(Σ²) (Isserlis), so
 *   Var X = (2 tr(Σ²)/W²)·Σ_{a,b} λ_a λ_b Σ_{s∈win} (c^{ab}_{ss})²·[1 + G_a(end − 1 − s) + G_b(end − 1 − s)],
 * W = end − start, G_a(L) = Σ_{j=1..L} r_a^{2j} (the sums over t > s and t < s of the squared lag factors).
 *
 * @example gaussianArWindowVariance({ frobeniusSquared: 1, r: [0], coefficients: [1], q: () => 0.1, c0: () => 0.1, start: 3, end: 4 }) // 2·0.1² = 0.02
 */
export function gaussianArWindowVariance(options: {
  readonly frobeniusSquared: number;
  readonly r: readonly number[];
  readonly coefficients: readonly number[];
  readonly q: (a: number, b: number) => number;
  readonly c0: (a: number, b: number) => number;
  readonly start: number;
  readonly end: number;
}): number {
  const { r, coefficients, q, c0, start, end } = options;
  if (r.length !== coefficients.length || r.length === 0) throw new InvalidArgumentError('coefficients.length', coefficients.length, `${r.length} (one per arm, at least one)`);
  positiveNumber('frobeniusSquared', options.frobeniusSquared);
  integerInRange('start', start, 0);
  integerInRange('end', end, start + 1);
  const W = end - start;
  let total = 0;
  for (let a = 0; a < r.length; a++) {
    for (let b = 0; b < r.length; b++) {
      const ra = numberInRange('r', r[a], -1, 1);
      const rb = numberInRange('r', r[b], -1, 1);
      const qab = q(a, b);
      let c = c0(a, b);
      for (let t = 1; t < start; t++) c = ra * rb * c + qab;
      let sum = 0;
      for (let s = start; s < end; s++) {
        if (s > 0) c = ra * rb * c + qab;
        const L = end - 1 - s;
        sum += c * c * (1 + lagSum(ra * ra, L) + lagSum(rb * rb, L));
      }
      total += coefficients[a] * coefficients[b] * sum;
    }
  }
  return Math.max(0, (2 * options.frobeniusSquared * total) / (W * W));
}

/**
 * The exact variance of Σ_a λ_a·Ā_a for fresh-data arms at weights w_a simulated on one key (common random
 * numbers) with a known Σ and the sufficient-statistic path.
 *
 * Derivation. With a known Σ = LLᵀ the real batch mean is μ + ξ_t and the synthetic one μ^a_{t−1} + η_t, where
 * ξ_t = L z_t/√n and η_t = L z′_t/√m come from the streams (t, 'real') and (t, 'synthetic') and are therefore
 * the same in every arm. So e^a_t = μ^a_t − μ satisfies e^a_0 = ξ_0 and e^a_t = (1 − w_a)e^a_{t−1} + w_a ξ_t +
 * (1 − w_a)η_t: `gaussianArWindowVariance` with r_a = 1 − w_a, q(a, b) = w_a w_b/n + (1 − w_a)(1 − w_b)/m,
 * c0 = 1/n. With an estimated Σ the second moments are unchanged (E Σ_{t−1} = Σ) but the fourth moments are
 * larger: it is then a planning approximation only (the pilot plans R).
 *
 * @example crnWindowVariance({ traceSigma: 1, frobeniusSquared: 1, n: 10, m: 10 }, [1], [1], 3, 4) // 2·(1/10)² = 0.02
 */
export function crnWindowVariance(setting: MeanSetting, weights: readonly number[], coefficients: readonly number[], start: number, end: number): number {
  const { n, m } = setting;
  for (const w of weights) unitInterval('w', w);
  return gaussianArWindowVariance({
    frobeniusSquared: setting.frobeniusSquared,
    r: weights.map((w) => 1 - w),
    coefficients,
    q: (a, b) => (weights[a] * weights[b]) / n + ((1 - weights[a]) * (1 - weights[b])) / m,
    c0: () => 1 / n,
    start,
    end,
  });
}

/** Σ_{j=1..L} B^j. */
function lagSum(B: number, L: number): number {
  if (L <= 0 || B === 0) return 0;
  if (B === 1) return L;
  return (B * (1 - B ** L)) / (1 - B);
}

/**
 * The window length minimising the planned cost (pilot + R)·(start + W), R the replications a check needs at
 * `detectable` (requiredReplications with the sd √variance(start, end) inflated by `margin`, the margin
 * replicationsFromPilot will apply). W ranges over minWindow … maxWindow.
 */
export function planWindow(options: {
  readonly variance: (start: number, end: number) => number;
  readonly start: number;
  readonly detectable: number;
  readonly alpha: number;
  readonly beta: number;
  readonly sided: 1 | 2;
  readonly minWindow?: number;
  readonly maxWindow?: number;
  readonly margin?: number;
}): { readonly end: number; readonly plannedReplications: number } {
  const minWindow = options.minWindow ?? 1;
  const maxWindow = options.maxWindow ?? 4000;
  const margin = options.margin ?? 1.25;
  let best = { end: options.start + minWindow, plannedReplications: Infinity, cost: Infinity };
  for (let W = minWindow; W <= maxWindow; W = Math.max(W + 1, Math.floor(W * 1.1))) {
    const end = options.start + W;
    const sd = Math.sqrt(options.variance(options.start, end));
    const R = requiredReplications({ sd: sd * margin, detectable: options.detectable, alpha: options.alpha, beta: options.beta, sided: options.sided });
    const cost = (PILOT_REPLICATIONS + R) * (options.start + W);
    if (cost < best.cost) best = { end, plannedReplications: R, cost };
  }
  return { end: best.end, plannedReplications: best.plannedReplications };
}

/** One arm of a comparison: a model (possibly a wrapper) run with the fresh-data policy at weight w. */
export interface MeanArm {
  readonly model: Model<GaussianTheta>;
  readonly w: number;
}

/**
 * ‖μ_t − μ‖² trajectories (R × (T + 1), row-major) of a fresh-data recursion: replication r runs `recurse`
 * on key.child('rep', r) (as `trajectories` does), by default on the engine's exact sufficient-statistic path
 * when the model has one (`samplingFor`). Arms run on one key share their real data and their synthetic streams
 * (common random numbers). Unlike `trajectories` it can start at replication `first` (for top-ups).
 */
export function meanTrajectories(options: {
  readonly model: Model<GaussianTheta>;
  readonly truth: GaussianTheta;
  readonly policy: Policy;
  readonly generations: number;
  readonly key: StreamKey;
  readonly replications: number;
  readonly first?: number;
  readonly sampling?: 'explicit' | 'sufficient';
}): Float64Array {
  const { model, truth, policy, generations } = options;
  const sampling = options.sampling ?? samplingFor(model);
  const metrics = { mean: model.metrics.mean };
  return replicateRows({
    key: options.key,
    replications: options.replications,
    first: options.first ?? 0,
    width: generations + 1,
    run: (repKey, _r, row) => {
      row.set(recurse({ model, truth, policy, generations, key: repKey, metrics, sampling }).errors.mean);
    },
  });
}

/** Per-replication Σ_a λ_a·(time average of arm a's error over start ≤ t < end), replications first … first + R − 1. */
export function windowStatistic(options: {
  readonly arms: readonly MeanArm[];
  readonly coefficients: readonly number[];
  readonly truth: GaussianTheta;
  readonly n: number;
  readonly m: number;
  readonly start: number;
  readonly end: number;
  readonly key: StreamKey;
  readonly first: number;
  readonly replications: number;
}): Float64Array {
  const { arms, coefficients, start, end } = options;
  const out = new Float64Array(options.replications);
  const W = end - start;
  for (let a = 0; a < arms.length; a++) {
    const policy: Policy = { kind: 'fresh', n: options.n, m: options.m, w: arms[a].w };
    const matrix = meanTrajectories({ model: arms[a].model, truth: options.truth, policy, generations: end - 1, key: options.key, replications: options.replications, first: options.first });
    for (let r = 0; r < options.replications; r++) {
      let s = 0;
      for (let t = start; t < end; t++) s += matrix[r * end + t];
      out[r] += (coefficients[a] * s) / W;
    }
  }
  return out;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * R planned from a pilot on key.child('pilot'), the main run on key, and variance-only top-ups on the same key
 * (at most MAX_TOP_UPS) while the check reports itself under-powered: each extends the sample to 1.25 times
 * the replications the check says it needs. Every extension depends on the sample variance only, never on
 * the mean (Stein's two-stage design, repeated), so the false-failure rate is the CLT's. `simulate(key,
 * first, R)` returns replications first … first + R − 1; `check(samples, label)` runs the assertion.
 */
export function plannedCheck(options: {
  readonly label: string;
  readonly key: StreamKey;
  readonly simulate: (key: StreamKey, first: number, replications: number) => Float64Array;
  readonly detectable: number;
  readonly alpha: number;
  readonly beta: number;
  readonly sided: 1 | 2;
  readonly check: (samples: Float64Array, label: string) => CheckResult;
}): CheckResult {
  const pilot = options.simulate(options.key.child('pilot'), 0, PILOT_REPLICATIONS);
  const planned = replicationsFromPilot({ pilot, detectable: options.detectable, alpha: options.alpha, beta: options.beta, sided: options.sided });
  let samples = options.simulate(options.key, 0, planned);
  for (let topUp = 0; ; topUp++) {
    const label = topUp === 0 ? options.label : `${options.label} [topped up from R = ${planned}]`;
    try {
      return options.check(samples, label);
    } catch (error) {
      if (!(error instanceof UnderpoweredError) || !Number.isFinite(error.needed) || topUp === MAX_TOP_UPS) throw error;
      const extra = Math.max(1, Math.ceil(error.needed * 1.25) - samples.length);
      samples = concat(samples, options.simulate(options.key, samples.length, extra));
    }
  }
}

/** Variance-only top-ups plannedCheck allows before it lets an UnderpoweredError through. */
export const MAX_TOP_UPS = 3;

/**
 * checkMean of the window average of one arm against its exact window oracle. The window starts where the
 * transient is ≤ 1 % of `detectable` and its length is planned by `planWindow`; the result's label states the
 * window. Returns the check and the window (for deterministic companions: oracle vs limit).
 */
export function limitMeanCheck(options: {
  readonly label: string;
  readonly arm: MeanArm;
  readonly truth: GaussianTheta;
  readonly setting: MeanSetting;
  /** The weight the theory assigns to the arm (its w, or n/(n + m) for pooling). */
  readonly theoryWeight: number;
  readonly detectable: number;
  readonly alpha: number;
  readonly beta: number;
  readonly key: StreamKey;
}): { readonly result: CheckResult; readonly start: number; readonly end: number; readonly oracle: number } {
  const { arm, truth, setting, theoryWeight, detectable, alpha, beta, key } = options;
  const start = burnIn(setting, [theoryWeight], 0.01 * detectable);
  const { end } = planWindow({ variance: (a, b) => crnWindowVariance(setting, [theoryWeight], [1], a, b), start, detectable, alpha, beta, sided: 2 });
  const oracle = windowOracle(setting, theoryWeight, start, end);
  const label = `${options.label}, window ${start} ≤ t < ${end}`;
  const result = plannedCheck({
    label,
    key,
    simulate: (k, first, replications) => windowStatistic({ arms: [arm], coefficients: [1], truth, n: setting.n, m: setting.m, start, end, key: k, first, replications }),
    detectable,
    alpha,
    beta,
    sided: 2,
    check: (samples, l) => checkMean({ label: l, samples, oracle, alpha, beta, detectable }),
  });
  return { result, start, end, oracle };
}

/**
 * checkPairedSign of the window averages of two arms run on the same key (common random numbers):
 * d_r = Ā_first − Ā_second, expected E d = windowOracle(first) − windowOracle(second) from the theory weights;
 * the claim is its sign (`direction`), and |E d| is the effect the check must detect.
 */
export function pairedLimitCheck(options: {
  readonly label: string;
  readonly arms: readonly [MeanArm, MeanArm];
  readonly theoryWeights: readonly [number, number];
  readonly direction: 'positive' | 'negative';
  readonly truth: GaussianTheta;
  readonly setting: MeanSetting;
  readonly alpha: number;
  readonly beta: number;
  readonly key: StreamKey;
}): { readonly result: CheckResult; readonly expectedDifference: number; readonly start: number; readonly end: number } {
  const { arms, theoryWeights, truth, setting, alpha, beta, key, direction } = options;
  const limitGap = Math.abs(freshMeanLimit({ ...setting, w: theoryWeights[0] }) - freshMeanLimit({ ...setting, w: theoryWeights[1] }));
  const start = burnIn(setting, theoryWeights, 0.01 * limitGap);
  const { end } = planWindow({ variance: (a, b) => crnWindowVariance(setting, theoryWeights, [1, -1], a, b), start, detectable: limitGap, alpha, beta, sided: 1 });
  const expectedDifference = windowOracle(setting, theoryWeights[0], start, end) - windowOracle(setting, theoryWeights[1], start, end);
  const effect = Math.abs(expectedDifference);
  const label = `${options.label}, window ${start} ≤ t < ${end}`;
  const result = plannedCheck({
    label,
    key,
    simulate: (k, first, replications) => windowStatistic({ arms, coefficients: [1, -1], truth, n: setting.n, m: setting.m, start, end, key: k, first, replications }),
    detectable: effect,
    alpha,
    beta,
    sided: 1,
    check: (differences, l) => checkPairedSign({ label: l, differences, direction, expectedEffect: effect, alpha, beta }),
  });
  return { result, expectedDifference, start, end };
}

/**
 * The smallest real weight at which the estimated-covariance recursion's growth factor a(w, m) =
 * (1 − w)²(m + 1)/(m − 1) (CLAIMS §1.4) is ≤ 0.75. The mean error's variance involves E‖Σ_{t−1}‖², finite
 * uniformly in t iff a < 1; keeping a ≤ 0.75 keeps the tails moderate enough for a pilot of 100 to plan R
 * (the top-up catches the rest). With a known Σ there is no such restriction.
 *
 * @example tameCovarianceWeight(10) // 1 − √(0.75·9/11) ≈ 0.2167
 */
export function tameCovarianceWeight(m: number): number {
  integerInRange('m', m, 2);
  return 1 - Math.sqrt((0.75 * (m - 1)) / (m + 1));
}

/** How Σ is handled: 'known' (the true Σ, never estimated) or 'unbiased' (per-source ddof-1 estimate, the papers' code). */
export type CovarianceConvention = 'known' | 'unbiased';

/** The Gaussian model of a configuration: gaussianModel({ dim }) or gaussianModel({ dim, known: { cov: Σ } }). */
export function meanModel(d: number, sigma: Float64Array, convention: CovarianceConvention): Model<GaussianTheta> {
  return convention === 'known' ? gaussianModel({ dim: d, known: { cov: sigma } }) : gaussianModel({ dim: d });
}


/**
 * Shared pieces of the covariance claims of the golden-ratio paper (GR-9 … GR-12), written for them by the
 * GR-9..12 engineer: per-replication covariance errors at one generation on any replication range (so a run
 * can be topped up on the same key), a planned CLT mean check with a variance-only top-up, and the 2×2
 * second-moment transition of CLAIMS §1.4 computed from its matrix (an independent route to the closed forms
 * of src/theory/weighting.ts).
 */
import { recurse, recurseSufficient, type Policy } from '../../src/loop/index.js';
import type { Model } from '../../src/models/index.js';
import type { StreamKey } from '../../src/rng/index.js';
import { replicateRows } from '../../src/stats/monteCarlo.js';
import { checkMean, replicationsFromPilot, UnderpoweredError, type CheckResult } from '../../src/stats/assert.js';
import { pooledWeights, swappedWeights, syntheticFromTruth } from './wrongEngines.js';
import fc from 'fast-check';

/**
 * A number uniform on [min, max] (2³⁰ equally spaced values, no bias toward the ends). fc.double is not
 * uniform on the reals: it draws over the set of doubles, so most draws in [0, 1] are astronomically small
 * (e.g. 1e-200) or exactly an end point.
 *
 * @example fc.sample(uniformReal(0, 1), 3)  // e.g. [0.4172…, 0.9030…, 0.0871…]
 */
export function uniformReal(min: number, max: number): fc.Arbitrary<number> {
  const steps = 2 ** 30;
  return fc.noBias(fc.integer({ min: 0, max: steps })).map((i) => min + ((max - min) * i) / steps);
}

/**
 * A Gaussian truth like arbitraries.gaussianTruth, with uniform entries: d uniform in dims, Σ = AAᵀ/d + εI
 * (row-major) with A's entries uniform in [−1, 1] and ε uniform in [0.1, 1] (eigenvalues ≥ 0.1), μ uniform in
 * [−3, 3]^d.
 */
export function uniformGaussianTruth(dims: { min: number; max: number }): fc.Arbitrary<{ d: number; sigma: Float64Array; mean: Float64Array }> {
  return fc.noBias(fc.integer(dims)).chain((d) =>
    fc.record({ a: fc.array(uniformReal(-1, 1), { minLength: d * d, maxLength: d * d }), eps: uniformReal(0.1, 1), mu: fc.array(uniformReal(-3, 3), { minLength: d, maxLength: d }) }).map(({ a, eps, mu }) => {
      const sigma = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          let v = 0;
          for (let k = 0; k < d; k++) v += a[i * d + k] * a[j * d + k];
          sigma[i * d + j] = v / d + (i === j ? eps : 0);
        }
      }
      return { d, sigma, mean: Float64Array.from(mu) };
    }),
  );
}

/**
 * One metric of the fitted model at generation t, for replications first … first + R − 1 (replication r runs
 * `recurse` on key.child('rep', r), as `trajectories` does, so schemes simulated on one key share real data and
 * synthetic streams: common random numbers).
 *
 * @example
 *   errorsAt({ model: gaussianModel({ dim: 2 }), truth, policy: { kind: 'fresh', n: 20, m: 20, w: 0.5 }, t: 5,
 *              key, replications: 1000, sampling: 'sufficient' });  // 1000 values of ‖Σ_5 − Σ‖_F²
 */
export function errorsAt<Theta>(options: {
  readonly model: Model<Theta>;
  readonly truth: Theta;
  readonly policy: Policy;
  readonly t: number;
  readonly key: StreamKey;
  readonly replications: number;
  readonly first?: number;
  readonly metric?: string;
  /**
   * 'sufficient': the exact sufficient-statistic fast path (recurseSufficient; only for models whose `summaries`
   * implement their own fit — NOT the wrappers of wrongEngines.ts, which replace `fit` but keep the base model's
   * `summaries`).
   */
  readonly sampling?: 'explicit' | 'sufficient';
}): Float64Array {
  const name = options.metric ?? 'cov';
  const metric = options.model.metrics[name];
  const metrics = { [name]: metric };
  return replicateRows({
    key: options.key,
    replications: options.replications,
    first: options.first ?? 0,
    width: 1,
    run: (repKey, _r, row) => {
      const config = { model: options.model, truth: options.truth, policy: options.policy, generations: options.t, key: repKey, metrics };
      row[0] = (options.sampling === 'sufficient' ? recurseSufficient(config) : recurse(config)).errors[name][options.t];
    },
  });
}

/** Top-ups `plannedMeanCheck` makes at most (the sd of a heavy-tailed error can keep growing with R). */
const MAX_TOP_UPS = 4;

/**
 * checkMean with R planned from a pilot on key.child('pilot') (replicationsFromPilot, margin 1.25), and up to
 * MAX_TOP_UPS top-ups: while the sample's own standard error is too large for the declared power (the pilot
 * under-estimated a heavy-tailed sd, and a larger sample can find a larger sd again), the run is extended on
 * the same key to the replication count checkMean reports as needed (×1.1) and checked once more. The extension depends on the sample variance only, never
 * on the mean (Stein's two-stage design), so the false-failure rate stays the CLT's. A top-up beyond
 * `maxReplications` (default 200 000) is refused: the UnderpoweredError is rethrown (a signal to redesign).
 * `simulate(key, first, R)` returns the replications first … first + R − 1 on `key`.
 *
 * @example
 *   plannedMeanCheck({ label: 'E X', key: ctx.key, oracle, detectable: 0.1 * oracle, alpha: ctx.alpha, beta: ctx.beta,
 *                      simulate: (key, first, replications) => errorsAt({ model, truth, policy, t, key, first, replications }) });
 */
export function plannedMeanCheck(options: {
  readonly label: string;
  readonly key: StreamKey;
  readonly simulate: (key: StreamKey, first: number, replications: number) => Float64Array;
  readonly oracle: number;
  readonly detectable: number;
  readonly alpha: number;
  readonly beta: number;
  readonly pilot?: number;
  readonly maxReplications?: number;
}): CheckResult {
  const { label, key, simulate, oracle, detectable, alpha, beta } = options;
  const pilot = simulate(key.child('pilot'), 0, options.pilot ?? 400);
  const planned = replicationsFromPilot({ pilot, detectable, alpha, beta });
  let samples = simulate(key, 0, planned);
  let checkedLabel = label;
  for (let round = 0; ; round++) {
    try {
      return checkMean({ label: checkedLabel, samples, oracle, alpha, beta, detectable });
    } catch (error) {
      if (!(error instanceof UnderpoweredError) || !Number.isFinite(error.needed) || round >= MAX_TOP_UPS) throw error;
      if (error.needed * 1.1 > (options.maxReplications ?? 200_000)) throw error;
      const extra = Math.ceil(error.needed * 1.1) - samples.length;
      const more = simulate(key, samples.length, extra);
      const all = new Float64Array(samples.length + more.length);
      all.set(samples);
      all.set(more, samples.length);
      samples = all;
      checkedLabel = `${label} [topped up from R = ${planned} to ${samples.length}]`;
    }
  }
}

/**
 * The second-moment transition of the fresh-data covariance recursion (CLAIMS §1.4): (u_t, v_t) =
 * M·(u_{t−1}, v_{t−1}) + g with u = E‖Σ_t − Σ‖_F², v = E(tr(Σ_t − Σ))²,
 *   M = B·[[1 + 1/(m−1), 1/(m−1)], [2/(m−1), 1]],  g = (w²/(n−1) + B/(m−1))·(P + Q, 2P),  B = (1 − w)².
 * Returned as the four entries of M (row-major) and the two entries of g.
 */
export function covarianceTransition(P: number, Q: number, n: number, m: number, w: number): { M: Float64Array; g: Float64Array } {
  const B = (1 - w) ** 2;
  const c = (w * w) / (n - 1) + B / (m - 1);
  return {
    M: Float64Array.of(B * (1 + 1 / (m - 1)), B / (m - 1), (2 * B) / (m - 1), B),
    g: Float64Array.of(c * (P + Q), 2 * c * P),
  };
}

/** Spectral radius of a real 2×2 matrix [[p, q], [r, s]] with real eigenvalues (quadratic formula). */
export function spectralRadius2x2(M: Float64Array): number {
  const [p, q, r, s] = M;
  const half = (p + s) / 2;
  const disc = Math.sqrt(((p - s) / 2) ** 2 + q * r);
  return Math.max(Math.abs(half + disc), Math.abs(half - disc));
}

/** The fixed point (u, v) of (u, v) = M(u, v) + g, by Cramer's rule on (I − M)(u, v) = g. */
export function fixedPoint2x2(M: Float64Array, g: Float64Array): [number, number] {
  const a = 1 - M[0];
  const b = -M[1];
  const c = -M[2];
  const d = 1 - M[3];
  const det = a * d - b * c;
  return [(g[0] * d - b * g[1]) / det, (a * g[1] - c * g[0]) / det];
}


/**
 * Wrong-engine wrappers that also reach the sufficient-statistic fast path. The wrappers of wrongEngines.ts
 * replace `fit` / `sample` but keep the base model's `summaries`, which recurseSufficient uses instead; these
 * apply the same defect to both paths.
 */

/** w on synthetic, 1 − w on real (two-source fits), on rows and on summaries. */
export function swappedWeightsEverywhere<Theta>(model: Model<Theta>): Model<Theta> {
  const wrapped = swappedWeights(model);
  const summaries = model.summaries;
  if (summaries === undefined) return wrapped;
  return {
    ...wrapped,
    summaries: {
      sample: (theta, size, stream) => summaries.sample(theta, size, stream),
      fromData: (data) => summaries.fromData(data),
      pool: (parts) => summaries.pool(parts),
      fit: (sources) =>
        summaries.fit(sources.length === 2 ? [{ summary: sources[0].summary, weight: sources[1].weight }, { summary: sources[1].summary, weight: sources[0].weight }] : sources),
    },
  };
}

/** Synthetic data (and summaries) drawn from the truth instead of the previous fit: no feedback loop. */
export function syntheticFromTruthEverywhere<Theta>(model: Model<Theta>, truth: Theta): Model<Theta> {
  const wrapped = syntheticFromTruth(model, truth);
  const summaries = model.summaries;
  if (summaries === undefined) return wrapped;
  return {
    ...wrapped,
    summaries: {
      sample: (_theta, size, stream) => summaries.sample(truth, size, stream),
      fromData: (data) => summaries.fromData(data),
      pool: (parts) => summaries.pool(parts),
      fit: (sources) => summaries.fit(sources),
    },
  };
}

/** Every source weighted by its size (naive pooling) whatever the policy's w, on rows and on summaries. */
export function pooledWeightsEverywhere<Theta>(model: Model<Theta>): Model<Theta> {
  const wrapped = pooledWeights(model);
  const summaries = model.summaries;
  if (summaries === undefined) return wrapped;
  return {
    ...wrapped,
    summaries: {
      sample: (theta, size, stream) => summaries.sample(theta, size, stream),
      fromData: (data) => summaries.fromData(data),
      pool: (parts) => summaries.pool(parts),
      fit: (sources) => summaries.fit(sources.map((s) => ({ summary: s.summary, weight: s.summary.size }))),
    },
  };
}

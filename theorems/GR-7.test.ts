/**
 * @claim GR-7
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3.1 Remark 1
 * @statement Pooling real and synthetic data without weights (an unweighted fit on the union) is the weighted
 *   scheme with w = n/(n + m) = k/(1 + k); its limit is (trΣ/n)·f(k/(1 + k), k) = (trΣ/n)·(1 + k)/(2 + k), and
 *   it is strictly suboptimal for every k > 0 since k/(1 + k) < w*(k) (w² + kw − k = −k/(1 + k)² < 0 there).
 * @provenance DERIVED (CLAIMS.md §1.7, §8 GR-7; naive weight hard-coded in the authors' code, SRC-code S3)
 *
 * Deterministic part:
 *   - the identity itself, on generated data (d ∈ 1..4, n, m ∈ 2..12, any w ∈ (0, 1)): the naive-pooling
 *     wrapper (wrongEngines.pooledWeights: every source weighted by its size) fitted on [{real, w},
 *     {synthetic, 1 − w}] gives exactly gaussianModel's weighted fit at w = n/(n + m) (mean and covariance, to
 *     1e-12), and its mean is the plain average of the n + m rows computed here; on the sufficient-statistic
 *     path used in the Monte Carlo the wrapper gives the same θ̂;
 *   - whole recursions: recurse with the pooling wrapper equals recurse at w = n/(n + m) on the same key, every
 *     generation's error to 1e-9 (relative), explicit and sufficient paths;
 *   - f(k/(1 + k), k) = (1 + k)/(2 + k) (limitFactor against the closed form), k/(1 + k) < w*(k) and
 *     w² + kw − k = −k/(1 + k)² at w = k/(1 + k), for k log-uniform in [1e-4, 1e4].
 *
 * Monte Carlo: configurations d ∈ 3..6, random SPD Σ, random μ, n ∈ 4..40, k = n/m log-uniform in [0.1, 1]
 * (the gap (f(naive) − w*)/w* is 8–94 % there; it tends to 0 as k → ∞, 1.1 % at k = 3, so the effect is
 * detectable only at moderate k), Σ known, or estimated (unbiased per source) when n ≥ d + 2, m ≥ 10 and
 * a(n/(n + m), m) ≤ 0.75. Two arms on the same key (common random numbers): the weighted scheme at w* and
 * genuine unweighted pooling (the pooling wrapper on both sampling paths; its policy weight is irrelevant). One
 * checkPairedSign assertion: Ā(w*) − Ā(pooled) < 0 on a stationary window (transient ≤ 1 % of the gap; length
 * planned from the exact known-Σ variance), the theory's gap (window version of (f(k/(1 + k), k) − w*)·trΣ/n)
 * being the effect it must detect. R from a pilot of 100 (sd × 1.25), variance-only top-up.
 *
 * Negative control at d = 4, Σ ≈ diag(1, .9, .8, .7), n = m = 10 (k = 1: w* = 0.618, naive 0.5), Σ known:
 * w and 1 − w swapped in the w* arm only, which then runs at 0.382 (limit 0.854·trΣ/n) against pooling's
 * 0.667·trΣ/n: the sign flips (+28 %).
 *
 * Budget: numRuns 2 (deep 20); measured ≈ 1.3 s of process CPU for the file (incl. JIT/GC threads, shared machine).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { recurse, recurseSufficient } from '../src/loop/index.js';
import { gaussianModel, type Dataset, type GaussianTheta, type Model } from '../src/models/index.js';
import { limitFactor, naiveWeight, optimalWeight } from '../src/theory/index.js';
import type { CheckResult } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { suiteKey } from '../src/stats/budget.js';
import { gaussianTruth, traces, uniformDouble } from './support/arbitraries.js';
import { meanModel, pairedLimitCheck, tameCovarianceWeight, type CovarianceConvention } from './support/meanLimit.js';
import { pooledWeights, swappedWeights } from './support/wrongEngines.js';

export const claim: ClaimMeta = {
  id: 'GR-7',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3.1 Remark 1',
  statement: 'Unweighted pooling = weight k/(1 + k); limit (trΣ/n)(1 + k)/(2 + k) > (trΣ/n)·w* for every k > 0.',
  oracle: 'naiveWeight, limitFactor, optimalWeight (src/theory/weighting.ts); MC: paired window averages, pooled vs w*',
  provenance: 'DERIVED',
  assumptions: 'identity: any d, n, m, w; MC: d ∈ 3..6, SPD Σ, n ∈ 4..40, k ∈ [0.1, 1]; Σ known or unbiased per source (a ≤ 0.75)',
};

const logUniformK = (lo: number, hi: number) => uniformDouble(0, 1).map((u) => Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))));

interface Config {
  readonly d: number;
  readonly sigma: Float64Array;
  readonly mean: Float64Array;
  readonly n: number;
  readonly m: number;
  readonly convention: CovarianceConvention;
}

const configs = fc.noBias(
  fc
    .record({ truth: gaussianTruth({ min: 3, max: 6 }), n: fc.integer({ min: 4, max: 40 }), k: logUniformK(0.1, 1), estimated: fc.boolean() })
    .map(({ truth, n, k, estimated }): Config => {
      const m = Math.max(2, Math.round(n / k));
      const tame = n >= truth.d + 2 && m >= 10 && tameCovarianceWeight(m) <= n / (n + m);
      return { ...truth, n, m, convention: estimated && tame ? 'unbiased' : 'known' };
    }),
);

function check(config: Config, ctx: ClaimContext, makeOptimalArm: (base: Model<GaussianTheta>) => Model<GaussianTheta> = (b) => b): CheckResult {
  const { d, sigma, mean, n, m, convention } = config;
  const truth: GaussianTheta = { mean, cov: sigma };
  const base = meanModel(d, sigma, convention);
  const { trace, frobeniusSquared } = traces(sigma, d);
  const setting = { traceSigma: trace, frobeniusSquared, n, m };
  const wStar = optimalWeight(n / m);
  return pairedLimitCheck({
    label: `GR-7 limit at w* = ${wStar.toFixed(3)} − limit of unweighted pooling (w = ${(n / (n + m)).toFixed(3)}) < 0 (d=${d}, n=${n}, m=${m}, Σ ${convention})`,
    arms: [{ model: makeOptimalArm(base), w: wStar }, { model: pooledWeights(base), w: 0.5 }],
    theoryWeights: [wStar, n / (n + m)],
    direction: 'negative',
    truth,
    setting,
    alpha: ctx.alpha,
    beta: ctx.beta,
    key: ctx.key,
  }).result;
}

/** A dataset of `size` rows in dimension `dim` from a list of numbers. */
const rows = (dim: number, size: number) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: dim * size, maxLength: dim * size }).map((x): Dataset => ({ size, dim, x: Float64Array.from(x), y: null }));

/** The largest |a_i − b_i|/(1 + |b_i|), asserted ≤ tol once (one expect per comparison keeps the test fast). */
const closeTo = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  expect(worst).toBeLessThanOrEqual(tol);
};

describe('GR-7: naive pooling is the weight k/(1 + k) and strictly suboptimal', () => {
  it('an unweighted fit on the union equals the weighted fit at w = n/(n + m) (deterministic, generated data)', () => {
    const data = fc
      .record({ d: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 2, max: 12 }), m: fc.integer({ min: 2, max: 12 }), w: fc.double({ min: 0.01, max: 0.99, noNaN: true }) })
      .chain(({ d, n, m, w }) => fc.record({ d: fc.constant(d), w: fc.constant(w), real: rows(d, n), synthetic: rows(d, m) }));
    fc.assert(
      fc.property(data, ({ d, w, real, synthetic }) => {
        const model = gaussianModel({ dim: d });
        const n = real.size;
        const m = synthetic.size;
        const pooled = pooledWeights(model).fit([{ data: real, weight: w }, { data: synthetic, weight: 1 - w }]);
        const weighted = model.fit([{ data: real, weight: n / (n + m) }, { data: synthetic, weight: m / (n + m) }]);
        closeTo(pooled.mean, weighted.mean, 1e-12);
        closeTo(pooled.cov, weighted.cov, 1e-12);
        // the plain average of the n + m rows, computed here
        const union = new Float64Array(d);
        for (let i = 0; i < n * d; i++) union[i % d] += real.x[i] / (n + m);
        for (let i = 0; i < m * d; i++) union[i % d] += synthetic.x[i] / (n + m);
        closeTo(pooled.mean, union, 1e-12);
        // the wrapper on the sufficient-statistic path gives the same θ̂
        const both = pooledWeights(model);
        const summaries = both.summaries!;
        const fromSummaries = summaries.fit([{ summary: summaries.fromData(real), weight: w }, { summary: summaries.fromData(synthetic), weight: 1 - w }]);
        closeTo(fromSummaries.mean, pooled.mean, 1e-12);
        closeTo(fromSummaries.cov, pooled.cov, 1e-10);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('whole recursions: pooling equals w = n/(n + m) on the same key, explicit and sufficient paths (deterministic)', () => {
    const sigma = Float64Array.of(1, 0.3, 0.3, 0.5);
    const truth = { mean: Float64Array.of(1, -1), cov: sigma };
    for (const [n, m] of [[5, 20], [12, 7]]) {
      for (const convention of ['known', 'unbiased'] as const) {
        const model = meanModel(2, sigma, convention);
        for (let r = 0; r < 3; r++) {
          const key = suiteKey().child('GR-7', 'identity', n, m, convention, r);
          const a = recurse({ model: pooledWeights(model), truth, policy: { kind: 'fresh', n, m, w: 0.5 }, generations: 6, key }).errors.mean;
          const b = recurse({ model, truth, policy: { kind: 'fresh', n, m, w: n / (n + m) }, generations: 6, key }).errors.mean;
          closeTo(a, b, 1e-9);
          const c = recurseSufficient({ model: pooledWeights(model), truth, policy: { kind: 'fresh', n, m, w: 0.5 }, generations: 6, key }).errors.mean;
          const e = recurseSufficient({ model, truth, policy: { kind: 'fresh', n, m, w: n / (n + m) }, generations: 6, key }).errors.mean;
          closeTo(c, e, 1e-9);
        }
      }
    }
  });

  it('f(k/(1 + k), k) = (1 + k)/(2 + k), and k/(1 + k) < w*(k) with w² + kw − k = −k/(1 + k)² there (deterministic)', () => {
    fc.assert(
      fc.property(logUniformK(1e-4, 1e4), (k) => {
        const naive = naiveWeight(k);
        expect(Math.abs(naive - k / (1 + k))).toBeLessThanOrEqual(1e-15);
        expect(Math.abs(limitFactor(naive, k) - (1 + k) / (2 + k))).toBeLessThanOrEqual(1e-12);
        expect(naive).toBeLessThan(optimalWeight(k));
        const residual = naive * naive + k * naive - k;
        expect(Math.abs(residual + k / (1 + k) ** 2)).toBeLessThanOrEqual(1e-12 * Math.max(1, k));
        expect(limitFactor(naive, k)).toBeGreaterThan(limitFactor(optimalWeight(k), k));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('Monte Carlo: w* beats unweighted pooling by the predicted gap (common random numbers)', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = {
    d: 4,
    sigma: Float64Array.of(1, 0.1, 0, 0, 0.1, 0.9, 0.05, 0, 0, 0.05, 0.8, 0.1, 0, 0, 0.1, 0.7),
    mean: Float64Array.of(1, -1, 0.5, 2),
    n: 10,
    m: 10,
    convention: 'known',
  };
  it('negative control: w and 1 − w swapped in the optimal arm is rejected', () => {
    // the w* arm runs at 0.382 (0.854·trΣ/n) against pooling's 0.667·trΣ/n: it is worse, not better
    rejectsWrongEngine(claim, 'swapped weights (optimal arm)', control, (c, ctx) => check(c, ctx, swappedWeights));
  });
});

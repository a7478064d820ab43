/**
 * @claim GR-2
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3.1 Theorem 1 (mean, limit)
 * @statement In the fresh-data scheme with weight w ∈ (0, 1] on n new real points and 1 − w on m synthetic
 *   points from the previous fit, the Gaussian-mean error converges: E‖μ_∞ − μ‖² = (trΣ/n)·f(w, k),
 *   f(w, k) = (w² + k(1 − w)²)/(1 − (1 − w)²), k = n/m; finite for every w ∈ (0, 1] and every k.
 * @provenance DERIVED (CLAIMS.md §1.3, §8 GR-2; MC-verified there)
 *
 * Deterministic part: the exact finite-t error of Theorem 1 (freshMeanError, GR-1) tends to (trΣ/n)·f(w, k)
 * written out independently in this file (not via limitFactor), to 1e-12 relative, once B^t < 1e-17.
 *
 * Monte Carlo: configurations d ∈ 3..6, random SPD Σ, random μ, n ∈ 8..40, Σ known (m ∈ 2..40) or estimated
 * (unbiased per source, the papers' code; m ∈ 10..40; CLAIMS §1.3: the mean result holds with either), w
 * uniform on [w_low, 1] (fc.noBias: no pull towards the edges) with w_low = 0.2, raised for the estimated Σ
 * to tameCovarianceWeight(m) where a(w, m) = 0.75 (support/meanLimit.ts: keeps the fourth moments of Σ_t, hence the variance of ‖μ_t − μ‖²,
 * bounded in t; with m < 10 the estimated Σ's fluctuations make the replications so heavy-tailed that R
 * triples — cost only, the claim holds there too).
 * The limit is tested on a stationary window start ≤ t < end: start is the first t at which the exact
 * transient (trΣ/n)·B^t·|1 − f| is ≤ 1 % of the declared detectable error, and the statistic is each
 * replication's time average of ‖μ_t − μ‖² over the window. Its exact expectation is the window average of
 * the finite-t formula (windowOracle), which the check uses as its oracle; it is within 1 % of the declared
 * detectable error of the limit (asserted for every configuration). checkMean (two-sided CLT on i.i.d.
 * replications of the window average). Declared smallest detectable error: 8 % of the limit, false-pass
 * rate ctx.beta. Planning: the window length minimises (pilot + R)·end with R from the exact known-Σ variance
 * of the window average (crnWindowVariance); R itself comes from a pilot of 100 replications on
 * ctx.key.child('pilot') (sd × 1.25), with variance-only top-ups (support/meanLimit.ts plannedCheck) if the
 * main sample's sd shows the plan short. d ≤ 2 is left out for cost only (sd/mean of ‖μ_t − μ‖² is √2 at
 * d = 1, √(2tr(Σ²))/trΣ ≈ 0.6–0.8 at d = 3..6, and R scales with its square): the 1-D case is GR-1's and
 * GR-13's.
 *
 * Negative controls, n = m = 10:
 *   (1) w and 1 − w swapped, at d = 4, Σ ≈ diag(1, .9, .8, .7), w = 0.4, estimated Σ: the engine runs at 0.6,
 *       limit f(0.6, 1)·trΣ/n = 0.619·trΣ/n against the claimed f(0.4, 1)·trΣ/n = 0.8125·trΣ/n, −24 % (a
 *       control whose wrong engine is noisier than the claimed one, e.g. w = 0.65 swapped to 0.35, costs ten
 *       times more replications at β = alphaFor('GR-2.negative'));
 *   (2) synthetic data from the truth (no feedback), at d = 6, Σ = diag(1, .9, …, .5), w = 0.4, Σ known:
 *       (w² + k(1 − w)²)·trΣ/n = 0.52·trΣ/n against f(0.4, 1)·trΣ/n = 0.8125·trΣ/n, −36 %.
 * Both far above the declared 8 %. The wrappers (support/wrongEngines.ts) break the sufficient-statistic path too.
 *
 * Budget: numRuns 2 (deep 20), sufficient-statistic path; measured 1.1–1.8 s of process CPU for the file (incl.
 * JIT/GC threads, shared machine; the cost grows as the generated w falls towards 0.2).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { GaussianTheta, Model } from '../src/models/index.js';
import { freshMeanError, freshMeanLimit } from '../src/theory/index.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { gaussianTruth, traces, uniformDouble } from './support/arbitraries.js';
import { limitMeanCheck, meanModel, tameCovarianceWeight, type CovarianceConvention } from './support/meanLimit.js';
import { swappedWeights, syntheticFromTruth } from './support/wrongEngines.js';

export const claim: ClaimMeta = {
  id: 'GR-2',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3.1 Theorem 1 (mean, limit)',
  statement: 'E‖μ_∞ − μ‖² = (trΣ/n)·f(w, k), f = (w² + k(1 − w)²)/(1 − (1 − w)²), finite for every w ∈ (0, 1] and k.',
  oracle: 'freshMeanLimit; MC: window average of freshMeanError (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'd ∈ 3..6, SPD Σ, n ∈ 8..40, m ∈ 2..40 (estimated Σ: 10..40), w ∈ [0.2, 1] (estimated Σ: a(w, m) ≤ 0.75); Σ known or unbiased per source',
};

const RELATIVE_DETECTABLE = 0.08;

interface Config {
  readonly d: number;
  readonly sigma: Float64Array;
  readonly mean: Float64Array;
  readonly n: number;
  readonly m: number;
  readonly w: number;
  readonly convention: CovarianceConvention;
}

const configs = fc.noBias(
  fc
  .constantFrom<CovarianceConvention>('known', 'unbiased')
  .chain((convention) =>
    fc.record({
      truth: gaussianTruth({ min: 3, max: 6 }),
      n: fc.integer({ min: 8, max: 40 }),
      m: fc.integer({ min: convention === 'known' ? 2 : 10, max: 40 }),
      u: uniformDouble(0, 1),
      convention: fc.constant(convention),
    }),
  )
  .map(({ truth, n, m, u, convention }): Config => {
    const low = convention === 'known' ? 0.2 : Math.max(0.2, tameCovarianceWeight(m));
    return { ...truth, n, m, convention, w: Math.min(1, low + (1 - low) * u) };
  }),
);

/** (trΣ/n)·(w² + k(1 − w)²)/(1 − (1 − w)²), written out here independently of limitFactor. */
function limitByHand(traceSigma: number, n: number, m: number, w: number): number {
  const k = n / m;
  return ((traceSigma / n) * (w * w + k * (1 - w) * (1 - w))) / (1 - (1 - w) * (1 - w));
}

function check(config: Config, ctx: ClaimContext, makeModel: (base: Model<GaussianTheta>, truth: GaussianTheta) => Model<GaussianTheta> = (b) => b) {
  const { d, sigma, mean, n, m, w, convention } = config;
  const truth: GaussianTheta = { mean, cov: sigma };
  const model = makeModel(meanModel(d, sigma, convention), truth);
  const { trace, frobeniusSquared } = traces(sigma, d);
  const setting = { traceSigma: trace, frobeniusSquared, n, m };
  const limit = limitByHand(trace, n, m, w);
  const detectable = RELATIVE_DETECTABLE * limit;
  const { result, oracle } = limitMeanCheck({
    label: `GR-2 E‖μ_∞ − μ‖² (d=${d}, n=${n}, m=${m}, w=${w.toFixed(3)}, Σ ${convention})`,
    arm: { model, w },
    truth,
    setting,
    theoryWeight: w,
    detectable,
    alpha: ctx.alpha,
    beta: ctx.beta,
    key: ctx.key,
  });
  // The window's exact mean is the limit to within 1 % of the declared detectable error (by the choice of start).
  expect(Math.abs(oracle - limit)).toBeLessThanOrEqual(0.01 * detectable);
  return result;
}

describe('GR-2: the fresh-data Gaussian-mean error converges to (trΣ/n)·f(w, k)', () => {
  it('the exact finite-t error tends to (trΣ/n)·f(w, k) (deterministic)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1e-3, max: 1, noNaN: true }), (traceSigma, n, m, w) => {
        const B = (1 - w) ** 2;
        const t = B === 0 ? 1 : Math.ceil(-17 / Math.log10(B)) + 1;
        const expected = limitByHand(traceSigma, n, m, w);
        expect(Math.abs(freshMeanError({ traceSigma, n, m, w, t }) - expected)).toBeLessThanOrEqual(1e-12 * expected);
        expect(Math.abs(freshMeanLimit({ traceSigma, n, m, w }) - expected)).toBeLessThanOrEqual(1e-12 * expected);
      }),
      { numRuns: 200, seed: 2 },
    );
  });

  it('the Monte Carlo limiting error matches across generated configurations', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = {
    d: 4,
    sigma: Float64Array.of(1, 0.1, 0, 0, 0.1, 0.9, 0.05, 0, 0, 0.05, 0.8, 0.1, 0, 0, 0.1, 0.7),
    mean: Float64Array.of(1, -1, 0.5, 2),
    n: 10,
    m: 10,
    w: 0.4,
    convention: 'unbiased',
  };
  it('negative control: w and 1 − w swapped is rejected', () => {
    // the engine runs at 0.6: limit f(0.6, 1)·trΣ/n = 0.619·trΣ/n against f(0.4, 1)·trΣ/n = 0.8125·trΣ/n, −24 %
    rejectsWrongEngine(claim, 'swapped weights', control, (c, ctx) => check(c, ctx, (base) => swappedWeights(base)));
  });
  const controlNoFeedback: Config = {
    d: 6,
    sigma: (() => {
      const s = new Float64Array(36);
      for (let i = 0; i < 6; i++) s[i * 7] = 1 - 0.1 * i;
      return s;
    })(),
    mean: Float64Array.of(1, -1, 0.5, 2, 0, 1),
    n: 10,
    m: 10,
    w: 0.4,
    convention: 'known',
  };
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    // without feedback the error is (w² + k(1 − w)²)·trΣ/n = 0.52·trΣ/n against f(0.4, 1)·trΣ/n = 0.8125·trΣ/n: −36 %
    rejectsWrongEngine(claim, 'synthetic from truth', controlNoFeedback, (c, ctx) => check(c, ctx, (base, truth) => syntheticFromTruth(base, truth)));
  });
});

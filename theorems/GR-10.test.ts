/**
 * @claim GR-10
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3.1 Theorem 1 regimes (1)/(2)
 * @statement With the unbiased per-source covariance, the fresh-data covariance error E‖Σ_t − Σ‖_F² diverges
 *   as t → ∞ iff w ≤ 1 − √((m−1)/(m+1)) (≈ 1/m; 0.00995 at m = 100), i.e. iff the leading growth rate
 *   a(w, m) = (1−w)²(m+1)/(m−1) is ≥ 1, and stays finite (converges) otherwise. The threshold does not depend
 *   on d or n.
 * @provenance DERIVED (CLAIMS.md §1.4, §8 GR-10)
 *
 * The divergence is a statement about t → ∞, which no finite simulation reaches; it is proved here about the
 * exact moment recursion, and the Monte Carlo checks that the simulated process follows that recursion on
 * both sides of the threshold. Parts:
 *
 * Deterministic (independent computations).
 *   (1) The threshold. The second moments (u_t, v_t) = (E‖Σ_t − Σ‖_F², E(tr(Σ_t − Σ))²) obey the linear
 *       recursion (u_t, v_t) = M(u_{t−1}, v_{t−1}) + g of CLAIMS §1.4, M = B·[[1 + 1/(m−1), 1/(m−1)],
 *       [2/(m−1), 1]], g > 0. Its spectral radius, computed from the entries of M by the quadratic formula
 *       (support/covariance.ts), equals covarianceGrowthRate = a, and the w solving ρ(M) = 1 (bisection)
 *       equals covarianceCollapseThreshold(m) to 1e-12; a ≥ 1 ⇔ w ≤ threshold on generated (w, m) (away
 *       from the threshold by 1e-9); the printed table (m = 5, 10, 50, 100, 1000 → 0.1835, 0.0955, 0.0198,
 *       0.00995, 0.0010) and the 1/m rule (|m·θ(m) − 1| ≤ 1/m, from θ = 1/(m+1) + O(m⁻²)) hold.
 *   (2) Divergence below. Both terms of the closed form of GR-9 are ≥ 0 (Q ≥ P), so
 *       u_t ≥ (4P+2Q)/3·a^t/(n−1) → ∞ when a > 1; checked on the recursion (freshCovarianceError): u_t is
 *       increasing, passes 10⁶·u_0, and u_{t+1}/u_t → a (to 1e-6, where a ≥ 1.01). At w = threshold (a = 1
 *       up to rounding) u_t ≥ 0.999·(4P+2Q)/3·c·t grows linearly — still divergent.
 *   (3) Convergence above. For w above the threshold u_t → freshCovarianceLimit, which equals the fixed point
 *       of the recursion solved by Cramer's rule (to 1e-9), and sup_t u_t < ∞.
 *
 * Monte Carlo: each configuration (d ∈ 3..4, random SPD Σ and μ with uniform entries as in GR-9, n ∈ 20..60,
 * m ∈ 40..60, t ∈ 3..4) is simulated at TWO weights, one below the threshold, w_b uniform in [0, θ(m)]
 * (a ∈ [1, (m+1)/(m−1)]: the divergent regime, w = 0 included), and one above, w_a in (θ(m), w₀.₇₅(m)] with
 * a(w₀.₇₅, m) = 0.75 (the convergent band just above the threshold, which GR-9's generator leaves out). At
 * each, R replications of ‖Σ_t − Σ‖_F² are compared with the exact freshCovarianceError by checkMean (α split
 * over the two). Why these ranges: near and below a = 1 the error is heavy-tailed (CLAIMS §6.5: n = m = 5,
 * w = 0.2, t = 30 gave a Monte Carlo mean 5.77 ± 0.66 against an exact 10.56); its sd is governed by the
 * eighth moment of Σ_t, which grows per round relative to the squared mean like (k+4)(k+6)/(k(k+2)) at w = 0,
 * k = m − 1 (1.44 at m = 20, 1.21 at m = 40, 1.14 at m = 60), so m ≥ 40, n ≥ 20, t ≤ 4 and d ≥ 3 keep sd/mean
 * at about 1–2.5 (measured; at m = 25..40, n ≥ 10 single configurations needed 4.6·10⁴ replications).
 * Declared smallest detectable error: 15 % of the oracle at each weight, with false-pass rate ctx.beta. This
 * is wider than GR-9's 10 % because the replications needed grow as 1/δ² and sd/mean is higher in this band;
 * 15 % still detects every wrong engine below (each ≥ 21 % off) and a growth rate wrong by 5 % per round at
 * t = 4 (1.05⁴ − 1 = 22 % on the a^t/(n−1) part). It does NOT resolve rate errors of order 1/m at t ≤ 4 (the
 * width 2/(m−1) of the band around a = 1): that the regime changes exactly at the threshold is the
 * deterministic part's job. R is planned from a 400-replication pilot on ctx.key.child(side, 'pilot'), with
 * one variance-only top-up (support/covariance.ts plannedMeanCheck). Simulation: exact sufficient-statistic
 * fast path (recurseSufficient).
 *
 * Negative controls at d = 4, Σ ≈ diag(1, .9, .8, .7), n = 20, m = 30, t = 3 (w_b = 0, a = 1.069, oracle
 * 2.469; w_a = 0.0976, a = 0.871, oracle 1.555; m = 30 on purpose: the ddof-0 error shrinks like 1/m), both
 * rejected:
 *   (1) the ddof-0 ('pooled-mle') covariance, which never diverges (CLAIMS §1.4 caveat): MC-measured means
 *       1.872 (−24 %) and 1.225 (−21 %);
 *   (2) synthetic data drawn from the truth (no feedback, so no growth at any w): exact error
 *       (w²/(n−1) + B/(m−1))(P+Q) = 0.502 (−80 %) and 0.416 (−73 %).
 *
 * Budget: numRuns 2 (deep profile 20); measured 2.0–2.7 s of CPU for the file beyond vitest's start-up.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type GaussianTheta, type Model } from '../src/models/index.js';
import { covarianceCollapseThreshold, covarianceGrowthRate, freshCovarianceError, freshCovarianceLimit } from '../src/theory/index.js';
import type { CheckResult } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { gaussianTruth, traces } from './support/arbitraries.js';
import { covarianceTransition, errorsAt, fixedPoint2x2, plannedMeanCheck, spectralRadius2x2, syntheticFromTruthEverywhere, uniformGaussianTruth, uniformReal } from './support/covariance.js';

export const claim: ClaimMeta = {
  id: 'GR-10',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3.1 Theorem 1, regimes (1)/(2)',
  statement: 'E‖Σ_t − Σ‖_F² → ∞ iff w ≤ 1 − √((m−1)/(m+1)) (a(w,m) ≥ 1), finite otherwise (unbiased per-source covariance).',
  oracle: 'covarianceCollapseThreshold, covarianceGrowthRate, freshCovarianceError, freshCovarianceLimit (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'MC: d ∈ 3..4, SPD Σ, n ∈ 20..60, m ∈ 40..60, t ∈ 3..4, one w below and one above the threshold (a ≥ 0.75); unbiased covariance',
};

const RELATIVE_DETECTABLE = 0.15;

interface Config {
  readonly d: number;
  readonly sigma: Float64Array;
  readonly mean: Float64Array;
  readonly n: number;
  readonly m: number;
  readonly t: number;
  /** The weight below the threshold (divergent regime). */
  readonly below: number;
  /** The weight above the threshold (convergent regime). */
  readonly above: number;
}

/** The w at which a(w, m) = rate. */
function weightAtGrowthRate(rate: number, m: number): number {
  return 1 - Math.sqrt((rate * (m - 1)) / (m + 1));
}

const configs = fc
  .record({
    truth: uniformGaussianTruth({ min: 3, max: 4 }),
    n: fc.noBias(fc.integer({ min: 20, max: 60 })),
    m: fc.noBias(fc.integer({ min: 40, max: 60 })),
    t: fc.noBias(fc.integer({ min: 3, max: 4 })),
    uBelow: uniformReal(0, 1),
    uAbove: uniformReal(0, 1),
  })
  .map(({ truth, uBelow, uAbove, ...rest }): Config => {
    const threshold = covarianceCollapseThreshold(rest.m);
    const top = weightAtGrowthRate(0.75, rest.m);
    return { ...truth, ...rest, below: uBelow * threshold, above: threshold + (0.02 + 0.98 * uAbove) * (top - threshold) };
  });

function check(config: Config, ctx: ClaimContext, makeModel: (truth: GaussianTheta) => Model<GaussianTheta> = () => gaussianModel({ dim: config.d })): CheckResult[] {
  const { d, sigma, mean, n, m, t } = config;
  const truth: GaussianTheta = { mean, cov: sigma };
  const model = makeModel(truth);
  const { frobeniusSquared, traceSquared } = traces(sigma, d);
  return (['below', 'above'] as const).map((side) => {
    const w = config[side];
    const oracle = freshCovarianceError({ frobeniusSquared, traceSquared, n, m, w, t });
    const policy = { kind: 'fresh', n, m, w } as const;
    const key = ctx.key.child(side);
    return plannedMeanCheck({
      label: `GR-10 E‖Σ_${t} − Σ‖_F² ${side} the threshold (d=${d}, n=${n}, m=${m}, w=${w.toFixed(4)}, a=${covarianceGrowthRate(w, m).toFixed(3)})`,
      key,
      simulate: (k, first, replications) => errorsAt({ model, truth, policy, t, key: k, first, replications, sampling: 'sufficient' }),
      oracle,
      detectable: RELATIVE_DETECTABLE * oracle,
      alpha: ctx.alpha / 2,
      beta: ctx.beta,
    });
  });
}

const exactConfigs = fc.record({
  truth: fc.oneof(gaussianTruth({ min: 1, max: 5 }), uniformGaussianTruth({ min: 1, max: 5 })),
  n: fc.integer({ min: 2, max: 200 }),
  m: fc.integer({ min: 3, max: 200 }),
  u: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), uniformReal(0, 1)),
});

describe('GR-10: covariance collapse threshold w ≤ 1 − √((m−1)/(m+1))', () => {
  it('the threshold is where the spectral radius of the second-moment recursion crosses 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5000 }), fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), uniformReal(0, 1)), (m, w) => {
        const threshold = covarianceCollapseThreshold(m);
        if (Math.abs(w - threshold) > 1e-9) expect(covarianceGrowthRate(w, m) >= 1).toBe(w <= threshold);
        // ρ(M) from the matrix entries equals a (a ≥ |b|: the leading eigenvalue).
        const radius = spectralRadius2x2(covarianceTransition(1, 2, 10, m, w).M);
        expect(Math.abs(radius - covarianceGrowthRate(w, m))).toBeLessThanOrEqual(1e-12 * Math.max(1, radius));
        // The w with ρ(M) = 1, by bisection (ρ decreases in w); P, Q, n do not enter M, d does not enter at all.
        let lo = 0;
        let hi = 1;
        for (let i = 0; i < 80; i++) {
          const mid = (lo + hi) / 2;
          if (spectralRadius2x2(covarianceTransition(3, 5, 7, m, mid).M) >= 1) lo = mid;
          else hi = mid;
        }
        expect(Math.abs(lo - threshold)).toBeLessThanOrEqual(1e-12);
        // ≈ 1/m: θ(m) = 1/(m+1) + O(1/m²), so |m·θ(m) − 1| ≤ 1/m.
        expect(Math.abs(m * threshold - 1)).toBeLessThanOrEqual(1 / m);
        // The n-form of CLAIMS: 1 − √((n − k)/(n + k)) with k = n/m, for any n.
        const n = 3 * m;
        expect(Math.abs(1 - Math.sqrt((n - n / m) / (n + n / m)) - threshold)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 150, seed: 10 },
    );
    // The table printed in CLAIMS §1.4 (to its precision).
    for (const [m, printed, digits] of [[5, 0.1835, 4], [10, 0.0955, 4], [50, 0.0198, 4], [100, 0.00995, 5], [1000, 0.001, 4]] as const) {
      expect(covarianceCollapseThreshold(m)).toBeCloseTo(printed, digits);
    }
  });

  it('below (and at) the threshold the exact error grows without bound; above it converges to the finite limit', () => {
    fc.assert(
      fc.property(exactConfigs, ({ truth, n, m, u }) => {
        const { frobeniusSquared: P, traceSquared: Q } = traces(truth.sigma, truth.d);
        const exact = (w: number, t: number) => freshCovarianceError({ frobeniusSquared: P, traceSquared: Q, n, m, w, t });
        const threshold = covarianceCollapseThreshold(m);
        const u0 = (P + Q) / (n - 1);
        // Below: w = 0.999·u·θ, a > 1.
        const below = 0.999 * u * threshold;
        const a = covarianceGrowthRate(below, m);
        expect(a).toBeGreaterThan(1);
        let previous = exact(below, 0);
        for (let t = 1; t <= 50; t++) {
          const current = exact(below, t);
          expect(current).toBeGreaterThan(previous);
          expect(current).toBeGreaterThanOrEqual(((1 - 1e-12) * ((4 * P + 2 * Q) / 3) * a ** t) / (n - 1));
          previous = current;
        }
        const T = Math.ceil(Math.log(1e7) / Math.log(a));
        expect(exact(below, T)).toBeGreaterThan(1e6 * u0);
        if (a >= 1.01) {
          const late = Math.ceil(Math.log(1e12) / Math.log(a));
          expect(Math.abs(exact(below, late + 1) / exact(below, late) - a)).toBeLessThanOrEqual(1e-6 * a);
        }
        // At the threshold (a = 1 up to rounding): at least linear growth.
        const B = (1 - threshold) ** 2;
        const c = threshold ** 2 / (n - 1) + B / (m - 1);
        expect(exact(threshold, 100_000)).toBeGreaterThanOrEqual(0.999 * ((4 * P + 2 * Q) / 3) * c * 100_000);
        // Above: w = θ + (0.001 + 0.999u)(1 − θ), a < 1: converges to the fixed point, bounded on the way.
        const above = threshold + (0.001 + 0.999 * u) * (1 - threshold);
        const limit = freshCovarianceLimit({ frobeniusSquared: P, traceSquared: Q, n, m, w: above });
        const { M, g } = covarianceTransition(P, Q, n, m, above);
        expect(Math.abs(fixedPoint2x2(M, g)[0] - limit)).toBeLessThanOrEqual(1e-9 * limit);
        const aAbove = covarianceGrowthRate(above, m);
        const late = Math.min(2_000_000, Math.ceil(Math.log(1e-13) / Math.log(Math.max(aAbove, 1e-3))) + 1);
        expect(Math.abs(exact(above, late) - limit)).toBeLessThanOrEqual(1e-9 * limit);
        let sup = 0;
        for (let t = 0; t <= 200; t++) sup = Math.max(sup, exact(above, t));
        expect(sup).toBeLessThan(Infinity);
        expect(sup).toBeLessThanOrEqual(Math.max(u0, limit) * 3);
      }),
      { numRuns: 60, seed: 100 },
    );
  });

  it('the simulated error follows the exact recursion on both sides of the threshold (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const sigma4 = Float64Array.of(1, 0.1, 0, 0, 0.1, 0.9, 0.1, 0, 0, 0.1, 0.8, 0.1, 0, 0, 0.1, 0.7);
  const control: Config = {
    d: 4,
    sigma: sigma4,
    mean: Float64Array.of(0.5, -1, 2, 0),
    n: 20,
    m: 30,
    t: 3,
    below: 0,
    above: covarianceCollapseThreshold(30) + 0.5 * (weightAtGrowthRate(0.75, 30) - covarianceCollapseThreshold(30)),
  };
  it('negative control: the ddof-0 (pooled-mle) covariance is rejected', () => {
    rejectsWrongEngine(claim, 'ddof-0 covariance', control, (c, ctx) => check(c, ctx, () => gaussianModel({ dim: c.d, covariance: 'pooled-mle' })));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (truth) => syntheticFromTruthEverywhere(gaussianModel({ dim: c.d }), truth)));
  });
});

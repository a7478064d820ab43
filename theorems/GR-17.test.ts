/**
 * @claim GR-17
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3 Theorem 3 (nonparametric CDF)
 * @statement In the fresh-data scheme p_t = w·PMF(D_t^r) + (1 − w)·PMF(D_t^s) (n new real points, m synthetic
 *   points drawn from p_{t−1}), for any continuous F the Cramér–von Mises error Err_t = E∫(F_t − F)² dF obeys,
 *   exactly, Err_0 = 1/(6n), Err_t = (1/6)(w²/n + B/m) + B(1 − 1/m)·Err_{t−1} (B = (1 − w)²), and tends to
 *   (1/6)(w²/n + B/m)/(1 − B(1 − 1/m)).
 * @provenance DERIVED (CLAIMS.md §1.10; MC-verified there)
 *
 * Check (Monte Carlo, the engine's process): for each generated configuration (a continuous law among normal,
 * exponential and logistic with location in [−5, 5] and scale in [0.1, 10]; n, m ∈ 2..50; w ∈ [0, 1];
 * t ∈ 1..15), R replications of the exact CvM error ∫(F_t − F)² dF (src/metrics/cramerVonMises.ts) at round t
 * are compared with the exact oracle cvmError by checkMean (CLT). The error lies in [0, 1/3], so it has every
 * moment; its skewness (≈ 2.6 for the real-only error: κ₃/κ₂^{3/2} of the limiting W² law, whose cumulants are
 * 2^{r−1}(r−1)!·ζ(2r)/π^{2r}) is divided by √R, so the CLT is accurate at R ≥ 1000. checkBoundedMean would be
 * distribution-free but needs 10–20× more replications at errors of order 1/(6n): its empirical-Bernstein term
 * 7·(1/3)·ln(8/α)/(3R) scales with the range 1/3, not with the error.
 * Declared smallest detectable error: 10 % of the oracle, false-pass rate ctx.beta.
 *
 * Planning of R: Stein's two-stage design, `plannedSample` (theorems/support/accumulate.ts), as every claim whose
 * R comes from a pilot: an independent pilot of 600 replications on ctx.key.child('pilot') (discarded) plans R
 * from its sd inflated by `pilotSd` (for its own sampling error, from the pilot's kurtosis; at least 1.25×), then
 * replications [0, R) are drawn once and checked — independent of R, they have the law of a fixed-R sample —
 * topped up only if their own sd says R is short (the measured coefficient of variation of the error is
 * 0.55–0.9, so R ≈ 2 000–8 000 at the claim's rate). The sequential (Chow–Robbins) rule that planned R before,
 * `replicateUntilPowered`, gave GR-17 a false-failure rate ≈ 2× its declared rate in calibration (20/210 at
 * nominal 0.05 over 70 suite seeds): with a skewed statistic at R ≈ 1 000–2 000 the sd that decides when to stop
 * is correlated with the mean (docs/calibration.md).
 *
 * The limit: deterministic. The exact error converges geometrically, Err_t − L = ρ^t (Err_0 − L) with
 * ρ = B(1 − 1/m) ≤ 1 − 1/m < 1 for every w and finite m, so the Monte Carlo verification of the exact recursion (at t up
 * to 15) and the deterministic verification of the recursion's fixed point and convergence rate prove the
 * limit; it is checked against an independent closed form of the geometric sum.
 *
 * Negative controls (normal law, n = m = 5, w = 0.3, t = 4; oracle 0.03183): (1) w and 1 − w swapped (oracle
 * 0.02083, −35 %); (2) synthetic data drawn from the truth (no feedback: (1/6)(w²/n + B/m) = 0.01933, −39 %);
 * (3) the CvM distance measured against the truth shifted by 0.3 sd in the metric only, at n = m = 4, w = 0.5,
 * t = 3 (oracle 0.02575; expected error 6·Err_t·∫F(1−F)dF′ + ∫(F − F′)²dF′ = 0.03328 for a normal law, +29 %, by
 * quadrature; Var F_t(x) = 6·Err_t·F(1 − F) because the recursion is linear in F(1 − F)). Each is above the 10 %
 * declared.
 *
 * Budget: about 2 CPU-seconds measured (3 configurations and three controls; depends on the generated n + m and t:
 * 1.5–3 s over suite seeds).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { empiricalModel, type EmpiricalTheta, type Model } from '../src/models/index.js';
import { cvmError, cvmLimit } from '../src/theory/index.js';
import { checkMean } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { swappedWeights, syntheticFromTruth } from './support/wrongEngines.js';
import { continuousLaw, uniformOn, truthOf, finalErrors, metricAgainst, type ContinuousLaw } from './support/nonparametric.js';
import { plannedSample } from './support/accumulate.js';

export const claim: ClaimMeta = {
  id: 'GR-17',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3 Theorem 3 (nonparametric CDF, CvM)',
  statement: 'Err_t = (1/6)(w²/n + B/m) + B(1 − 1/m)Err_{t−1}, Err_0 = 1/(6n), exactly for any continuous F; limit (1/6)(w²/n + B/m)/(1 − B(1 − 1/m)).',
  oracle: 'cvmError, cvmLimit (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'F continuous (normal, exponential, logistic; any location and scale), n, m ∈ 2..50, w ∈ [0, 1], t ∈ 1..15',
};

const RELATIVE_DETECTABLE = 0.1;
/** Replications of the independent pilot that plans R (discarded). */
const PILOT = 600;

interface Config {
  readonly law: ContinuousLaw;
  readonly n: number;
  readonly m: number;
  readonly w: number;
  readonly t: number;
}

// noBias: with 3 runs, fast-check's bias towards the bounds would test w = 0 (or n = 2) every time.
const configs: fc.Arbitrary<Config> = fc.noBias(
  fc.record({
    law: continuousLaw(),
    n: fc.integer({ min: 2, max: 50 }),
    m: fc.integer({ min: 2, max: 50 }),
    w: uniformOn(0, 1),
    t: fc.integer({ min: 1, max: 15 }),
  }),
);

type Wrong = (base: Model<EmpiricalTheta>, law: ContinuousLaw) => Model<EmpiricalTheta>;

function check(config: Config, ctx: ClaimContext, wrong: Wrong = (b) => b) {
  const { law, n, m, w, t } = config;
  const truth = truthOf(law);
  const model = wrong(empiricalModel(), law);
  const oracle = cvmError({ n, m, w, t });
  const detectable = RELATIVE_DETECTABLE * oracle;
  const policy = { kind: 'fresh', n, m, w } as const;
  const draw = (key: ClaimContext['key'], first: number, count: number) =>
    finalErrors({ model, truth, policy, generations: t, key, replications: count, first });
  const values = plannedSample(ctx, {
    detectable,
    alpha: ctx.alpha,
    pilot: () => draw(ctx.key.child('pilot'), 0, PILOT),
    draw: (first, count) => draw(ctx.key, first, count),
  });
  return checkMean({
    label: `GR-17 E∫(F_${t} − F)²dF (${truthOf(law).label}, n=${n}, m=${m}, w=${w.toFixed(3)})`,
    samples: values,
    oracle,
    alpha: ctx.alpha,
    beta: ctx.beta,
    detectable,
  });
}

describe('GR-17: exact CvM error of the weighted-ECDF recursion', () => {
  it('holds across generated configurations (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 3, check: (c, ctx) => check(c, ctx) });
  });

  it('the recursion equals the independent closed form ρ^t/(6n) + (1/6)(w²/n + B/m)(1 − ρ^t)/(1 − ρ) (deterministic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), uniformOn(0, 1), fc.integer({ min: 0, max: 300 }), (n, m, w, t) => {
        const B = (1 - w) ** 2;
        const rho = B * (1 - 1 / m);
        const drive = (w * w / n + B / m) / 6;
        const sum = rho === 1 ? t : (1 - rho ** t) / (1 - rho);
        const closed = rho ** t / (6 * n) + drive * sum;
        expect(Math.abs(cvmError({ n, m, w, t }) - closed)).toBeLessThanOrEqual(1e-12 * closed);
      }),
      { numRuns: 300, seed: 171 },
    );
  });

  it('the limit is the fixed point and Err_t − L = ρ^t(Err_0 − L) (deterministic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 2, max: 200 }), uniformOn(0, 1), fc.integer({ min: 0, max: 300 }), (n, m, w, t) => {
        const B = (1 - w) ** 2;
        const rho = B * (1 - 1 / m);
        const limit = cvmLimit({ n, m, w });
        // fixed point of the recursion
        expect(Math.abs((w * w / n + B / m) / 6 + rho * limit - limit)).toBeLessThanOrEqual(1e-14);
        // geometric convergence from Err_0 = 1/(6n)
        const gap = cvmError({ n, m, w, t }) - limit;
        expect(Math.abs(gap - rho ** t * (1 / (6 * n) - limit))).toBeLessThanOrEqual(1e-13);
        // the second form of eq. (10): (1/(6n))(w² + k(1 − w)²)/(1 − (1 − w)²(1 − k/n)), k = n/m
        const k = n / m;
        const secondForm = ((w * w + k * B) / (1 - B * (1 - k / n))) / (6 * n);
        expect(Math.abs(secondForm - limit)).toBeLessThanOrEqual(1e-12 * limit);
      }),
      { numRuns: 300, seed: 172 },
    );
    expect(cvmError({ n: 7, m: 9, w: 1, t: 5 })).toBeCloseTo(1 / 42, 15); // real-only: 1/(6n) at every t
  });

  const control: Config = { law: { family: 'normal', location: 2, scale: 3 }, n: 5, m: 5, w: 0.3, t: 4 };
  it('negative control: w and 1 − w swapped is rejected', () => {
    rejectsWrongEngine(claim, 'swapped weights', control, (c, ctx) => check(c, ctx, (base) => swappedWeights(base)));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (base, law) => syntheticFromTruth(base, truthOf(law))));
  });
  // smaller n, m and t than `control`: the shifted metric adds a cross term to the variance, and a larger oracle
  // keeps the replications needed at the control's β small
  const shiftControl: Config = { law: { family: 'normal', location: -1, scale: 0.5 }, n: 4, m: 4, w: 0.5, t: 3 };
  it('negative control: CvM measured against a truth shifted by 0.3 sd is rejected', () => {
    rejectsWrongEngine(claim, 'metric against shifted truth', shiftControl, (c, ctx) => check(c, ctx, (base, law) => metricAgainst(base, truthOf(law, 0.3))));
  });
});

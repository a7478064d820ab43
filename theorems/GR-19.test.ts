/**
 * @claim GR-19
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3 Theorem 3 (finite-sample optimum)
 * @statement The limiting CvM error (1/6)(w²/n + B/m)/(1 − B(1 − 1/m)) is minimised over w ∈ [0, 1] at
 *   w_opt = 1 − s, s = [(1 + k + q) − √((1 + k + q)² − 4q)]/(2q), q = 1 − 1/m, k = n/m; n = m = 10 gives 0.6073,
 *   n = 10, m = 20 gives 0.4916; w_opt → w*(k) = (√(k² + 4k) − k)/2 as n → ∞ with n/m = k.
 * @provenance DERIVED (CLAIMS.md §1.10; the seed: "when n → ∞ with n/m = k, w_opt → w*")
 *
 * Deterministic (the statement about the closed form): cvmOptimalWeight equals the argmin of cvmLimit found
 * numerically (a 2 001-point grid, then golden-section search in the bracketing cells; no use of the quadratic
 * formula) to 1e−7 for n ∈ 1..500, m ∈ 2..500; the two published examples; and |w_opt(n, n/k) − w*(k)| → 0
 * (monotonically, below 1e−4 at m = 2·10⁵) for k ∈ {1/4, 1/2, 1, 2, 4}.
 *
 * Monte Carlo (the simulated process): for each configuration (a continuous law among normal, exponential and
 * logistic; n, m ∈ 2..50 with w_opt ∈ [0.3, 0.8]), the three schemes w_opt − 0.2, w_opt, w_opt + 0.2 are run
 * on the SAME replication keys (common random numbers: the same real data in every round) to round T, and
 * checkArgminOnGrid requires both paired excesses err(w_opt ± 0.2) − err(w_opt) to be significantly positive
 * (checkPairedSign, Bonferroni over the two). The theory's expected excesses are the exact finite-T values
 * cvmError(w_opt ± 0.2, T) − cvmError(w_opt, T) (used for power; the check refuses to run if it cannot detect
 * them with false-failure rate ctx.alpha/2 each). T is the first round at which all three exact errors are
 * within 2 % of their limits (at least 4, capped at 30; the exact finite-T gaps make the test exact at any T, and a
 * deterministic assertion checks that at T the order of the three errors is that of the limits).
 * R: replicateUntilPowered (Chow–Robbins sequential rule on the paired differences' sd).
 * Declared smallest detectable error: for each neighbour, the exact expected excess (10–30 % of the error at
 * w_opt); a scheme without that excess passes with probability ≤ ctx.beta.
 *
 * Negative controls (normal law, n = 4, m = 12, w_opt = 0.4172, T = 7; exact errors 0.02422, 0.01739, 0.02068,
 * excesses +39 % and +19 %): (1) w and 1 − w swapped: the fits use 0.7828, 0.5828, 0.3828, with errors 0.02737,
 * 0.01972, 0.01753 — the upper neighbour beats "w_opt" by 0.0022 — rejected; (2) synthetic data drawn from the
 * truth: the errors are (1/6)(w²/n + B/m) = 0.01048, 0.01197, 0.01791, minimised at w = n/(n + m) = 1/4, so the
 * lower neighbour beats w_opt by 0.0015 — rejected. In both a neighbour's true excess is negative, so the paired
 * check passes with probability ≤ β = alphaFor('GR-19.negative').
 *
 * Budget: about 1.2 CPU-seconds measured.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { empiricalModel, type EmpiricalTheta, type Model } from '../src/models/index.js';
import { cvmError, cvmLimit, cvmOptimalWeight, optimalWeight } from '../src/theory/index.js';
import { checkArgminOnGrid, requiredReplications } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { swappedWeights, syntheticFromTruth } from './support/wrongEngines.js';
import { continuousLaw, truthOf, finalErrors, replicateUntilPowered, columnSd, type ContinuousLaw } from './support/nonparametric.js';

export const claim: ClaimMeta = {
  id: 'GR-19',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3 Theorem 3, finite-sample optimal weight',
  statement: 'argmin_w of the CvM limit is w_opt = 1 − [(1+k+q) − √((1+k+q)² − 4q)]/(2q), q = 1 − 1/m; w_opt(10,10) = 0.6073; w_opt → w*(k) as n → ∞, n/m = k.',
  oracle: 'cvmOptimalWeight, cvmLimit, cvmError (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'F continuous (normal, exponential, logistic), n, m ∈ 2..50 with w_opt ∈ [0.3, 0.8]; grid w_opt ± 0.2',
};

/** Distance of the compared neighbours from w_opt. */
const STEP = 0.2;
/** T: all three exact errors within this relative distance of their limits. */
const LIMIT_GAP = 0.02;
const MAX_ROUNDS = 30;
/** At least this many rounds, so that the synthetic feedback has acted (at k ≫ 1 the error is near its limit at t = 1). */
const MIN_ROUNDS = 4;

interface Config {
  readonly law: ContinuousLaw;
  readonly n: number;
  readonly m: number;
}

const configs: fc.Arbitrary<Config> = fc.noBias(
  fc.record({ law: continuousLaw(), n: fc.integer({ min: 2, max: 50 }), m: fc.integer({ min: 2, max: 50 }) }).filter(({ n, m }) => {
    const w = cvmOptimalWeight(n, m);
    return w >= 0.3 && w <= 0.8;
  }),
);

/** The first round at which cvmError is within LIMIT_GAP of cvmLimit for every weight of the grid (≤ MAX_ROUNDS). */
function roundsNearLimit(n: number, m: number, grid: readonly number[]): number {
  for (let t = MIN_ROUNDS; t < MAX_ROUNDS; t++) {
    if (grid.every((w) => Math.abs(cvmError({ n, m, w, t }) - cvmLimit({ n, m, w })) <= LIMIT_GAP * cvmLimit({ n, m, w }))) return t;
  }
  return MAX_ROUNDS;
}

type Wrong = (base: Model<EmpiricalTheta>, law: ContinuousLaw) => Model<EmpiricalTheta>;

function check(config: Config, ctx: ClaimContext, wrong: Wrong = (b) => b) {
  const { law, n, m } = config;
  const truth = truthOf(law);
  const model = wrong(empiricalModel(), law);
  const wOpt = cvmOptimalWeight(n, m);
  const grid = [wOpt - STEP, wOpt, wOpt + STEP];
  const T = roundsNearLimit(n, m, grid);
  const exact = grid.map((w) => cvmError({ n, m, w, t: T }));
  // at T the finite-T errors are ordered as the limits: w_opt is the smallest of the three
  expect(exact[0]).toBeGreaterThan(exact[1]);
  expect(exact[2]).toBeGreaterThan(exact[1]);
  const G = grid.length;
  const alphaEach = ctx.alpha / 2;
  const draw = (first: number, count: number) => {
    const out = new Float64Array(count * G);
    grid.forEach((w, g) => {
      const errors = finalErrors({ model, truth, policy: { kind: 'fresh', n, m, w }, generations: T, key: ctx.key, replications: count, first });
      for (let r = 0; r < count; r++) out[r * G + g] = errors[r];
    });
    return out;
  };
  const needed = (v: Float64Array, R: number) =>
    Math.max(
      ...[0, 2].map((g) => requiredReplications({ sd: columnSd(v, R, G, g, 1), detectable: exact[g] - exact[1], alpha: alphaEach, beta: ctx.beta, sided: 1 })),
    );
  const { values, replications } = replicateUntilPowered({ initial: 300, max: 40_000, width: G, draw, needed });
  return checkArgminOnGrid({
    label: `GR-19 argmin of the CvM error at T=${T} (${truth.label}, n=${n}, m=${m})`,
    grid,
    values,
    replications,
    target: wOpt,
    tolerance: STEP / 2,
    expectedGap: (g) => cvmError({ n, m, w: g, t: T }) - exact[1],
    alpha: ctx.alpha,
    beta: ctx.beta,
  });
}

/** argmin over [0, 1] of f by a grid of `points` and golden-section search in the cells around the best point. */
function numericArgmin(f: (w: number) => number, points = 2001): number {
  let best = 0;
  for (let i = 1; i < points; i++) if (f(i / (points - 1)) < f(best / (points - 1))) best = i;
  let a = Math.max(0, (best - 1) / (points - 1));
  let b = Math.min(1, (best + 1) / (points - 1));
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  while (b - a > 1e-12) {
    if (f(c) < f(d)) b = d;
    else a = c;
    c = b - phi * (b - a);
    d = a + phi * (b - a);
  }
  return (a + b) / 2;
}

describe('GR-19: finite-sample optimal weight of the CvM limit', () => {
  it('w_opt is the argmin of the limiting error in the simulated process (Monte Carlo, CRN)', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  it('cvmOptimalWeight is the numerical argmin of cvmLimit (deterministic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 2, max: 500 }), (n, m) => {
        const numeric = numericArgmin((w) => cvmLimit({ n, m, w }));
        expect(Math.abs(cvmOptimalWeight(n, m) - numeric)).toBeLessThanOrEqual(1e-7);
      }),
      { numRuns: 60, seed: 191 },
    );
  });

  it('the published examples: w_opt(10, 10) = 0.6073, w_opt(10, 20) = 0.4916 (deterministic)', () => {
    expect(Math.abs(cvmOptimalWeight(10, 10) - 0.6073)).toBeLessThan(5e-5);
    expect(Math.abs(cvmOptimalWeight(10, 20) - 0.4916)).toBeLessThan(5e-5);
    // and they are argmins of the limit, found numerically
    expect(Math.abs(numericArgmin((w) => cvmLimit({ n: 10, m: 10, w })) - 0.6073)).toBeLessThan(5e-5);
    expect(Math.abs(numericArgmin((w) => cvmLimit({ n: 10, m: 20, w })) - 0.4916)).toBeLessThan(5e-5);
  });

  it('w_opt → w*(k) as n → ∞ with n/m = k (deterministic)', () => {
    for (const k of [0.25, 0.5, 1, 2, 4]) {
      const wStar = (Math.sqrt(k * k + 4 * k) - k) / 2; // the positive root of w² + kw − k = 0, computed here
      expect(Math.abs(optimalWeight(k) - wStar)).toBeLessThan(1e-14);
      let previous = Infinity;
      for (const m of [20, 200, 2000, 20_000, 200_000]) {
        const gap = Math.abs(cvmOptimalWeight(k * m, m) - wStar);
        expect(gap).toBeLessThan(previous);
        previous = gap;
      }
      expect(previous).toBeLessThan(1e-4);
    }
    expect(Math.abs(optimalWeight(1) - 0.6180)).toBeLessThan(5e-5);
  });

  const control: Config = { law: { family: 'normal', location: 0.5, scale: 4 }, n: 4, m: 12 };
  it('negative control: w and 1 − w swapped is rejected', () => {
    rejectsWrongEngine(claim, 'swapped weights', control, (c, ctx) => check(c, ctx, (base) => swappedWeights(base)));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (base, law) => syntheticFromTruth(base, truthOf(law))));
  });
});

/**
 * @claim GR-20
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3 Theorem 3 (two stages)
 * @statement Compared with real data only (error 1/(6n)), the limiting CvM error is no better for
 *   w ≤ w_0 = (k − 1/m)/(2 + k − 1/m) (stage 1: ≥ 1/(6n)) and strictly better for w > w_0 (stage 2); w_0 → 0 as
 *   k = n/m → 0 (m ≫ n), so the no-improvement stage disappears.
 * @provenance DERIVED (CLAIMS.md §1.10, "Two stages")
 *
 * Derivation used by the check (exact at every finite t, not only in the limit): with ρ = B(1 − 1/m) < 1, the
 * recursion gives Err_t − L = ρ^t(Err_0 − L) with Err_0 = 1/(6n), hence
 *   Err_t − 1/(6n) = (1 − ρ^t)·(L − 1/(6n)),
 * so at every t ≥ 1 the error lies on the same side of the real-only error 1/(6n) as the limit L does; and
 * L ≥ 1/(6n) ⇔ w² + B(k + 1 − 1/m) ≤ 1 ⇔ (for w < 1) w ≤ (c − 1)/(c + 1) = w_0 with c = k + 1 − 1/m.
 * Real-only (w = 1) has error exactly 1/(6n) at every t.
 *
 * Monte Carlo: for each configuration (a continuous law among normal, exponential and logistic; n, m ∈ 2..50;
 * T ∈ 3..12; a weight w_below ∈ [0, 0.8·w_0] and a weight w_above between (w_0 + w_opt)/2 and w_opt + (w_opt −
 * w_0)/2, kept only if both exact excesses |Err_T(w) − 1/(6n)| are at least 20 % of 1/(6n)), the schemes
 * w_below, w = 1 and w_above are run on the SAME replication keys (common random numbers: the same real data in
 * every round), and two paired checks (checkPairedSign, ctx.alpha/2 each) require err(w_below) − err(1) > 0 and
 * err(w_above) − err(1) < 0. Their expected effects are the exact excesses (1 − ρ^T)|L − 1/(6n)|; a check
 * refuses to run if it cannot detect its effect. Declared smallest detectable error: that effect (≥ 20 % of
 * 1/(6n)); an engine on which the sign is wrong or absent passes with probability ≤ ctx.beta.
 * R: replicateUntilPowered (Chow–Robbins sequential rule on the larger of the two paired sds).
 *
 * Deterministic: the threshold equals (n − 1)/(2m + n − 1) (k − 1/m = (n − 1)/m); the sign of
 * cvmLimit(w) − 1/(6n) is that of w_0 − w on a fine grid for n ∈ 1..200, m ∈ 2..200, with equality at w_0; the
 * finite-t identity above; and w_0 → 0 as m → ∞ at fixed n.
 *
 * Negative controls (normal law, n = m = 4, w_0 = 0.2727, w_below = 0.1, w_above = 0.55, T = 6; exact excesses
 * +103 % and −40 % of 1/(6n) = 0.04167): (1) w and 1 − w swapped: "w = 1" then fits synthetic data only
 * (w = 0: +247 %) and "w_below" fits with 0.9 (−17 %), so err(w_below) − err(1) < 0 — rejected; (2) synthetic data
 * drawn from the truth: errors (1/6)(w²/n + B/m), −18 % at w_below — stage 1 fails — rejected.
 *
 * Budget: about 0.4 CPU-seconds measured.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { empiricalModel, type EmpiricalTheta, type Model } from '../src/models/index.js';
import { cvmError, cvmLimit, cvmImprovementThreshold, cvmOptimalWeight } from '../src/theory/index.js';
import { checkPairedSign, requiredReplications } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { swappedWeights, syntheticFromTruth } from './support/wrongEngines.js';
import { continuousLaw, uniformOn, truthOf, finalErrors, replicateUntilPowered, columnSd, type ContinuousLaw } from './support/nonparametric.js';

export const claim: ClaimMeta = {
  id: 'GR-20',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3 Theorem 3, two stages',
  statement: 'Limiting CvM error ≥ 1/(6n) (real-only) iff w ≤ (k − 1/m)/(2 + k − 1/m), strictly below otherwise; the threshold → 0 as k → 0.',
  oracle: 'cvmImprovementThreshold, cvmLimit, cvmError (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'F continuous (normal, exponential, logistic), n, m ∈ 2..50, T ∈ 3..12, weights with exact excesses ≥ 20 % of 1/(6n)',
};

/** Smallest |Err_T(w) − 1/(6n)|, relative to 1/(6n), of the weights compared. */
const MARGIN = 0.2;

interface Config {
  readonly law: ContinuousLaw;
  readonly n: number;
  readonly m: number;
  readonly T: number;
  readonly wBelow: number;
  readonly wAbove: number;
}

const configs: fc.Arbitrary<Config> = fc.noBias(
  fc
    .record({ law: continuousLaw(), n: fc.integer({ min: 2, max: 50 }), m: fc.integer({ min: 2, max: 50 }), T: fc.integer({ min: 3, max: 12 }), fb: uniformOn(0, 0.8), fa: uniformOn(0, 1) })
    .map(({ law, n, m, T, fb, fa }) => {
      const w0 = cvmImprovementThreshold(n, m);
      const wOpt = cvmOptimalWeight(n, m);
      return { law, n, m, T, wBelow: w0 * fb, wAbove: Math.min(1, wOpt + (fa - 0.5) * (wOpt - w0)) };
    })
    .filter(({ n, m, T, wBelow, wAbove }) => {
      const base = 1 / (6 * n);
      return cvmError({ n, m, w: wBelow, t: T }) - base >= MARGIN * base && base - cvmError({ n, m, w: wAbove, t: T }) >= MARGIN * base;
    }),
);

type Wrong = (base: Model<EmpiricalTheta>, law: ContinuousLaw) => Model<EmpiricalTheta>;

function check(config: Config, ctx: ClaimContext, wrong: Wrong = (b) => b) {
  const { law, n, m, T, wBelow, wAbove } = config;
  const truth = truthOf(law);
  const model = wrong(empiricalModel(), law);
  const base = 1 / (6 * n);
  const weights = [wBelow, 1, wAbove];
  const effects = [cvmError({ n, m, w: wBelow, t: T }) - base, base - cvmError({ n, m, w: wAbove, t: T })];
  const alphaEach = ctx.alpha / 2;
  const G = weights.length;
  const draw = (first: number, count: number) => {
    const out = new Float64Array(count * G);
    weights.forEach((w, g) => {
      const errors = finalErrors({ model, truth, policy: { kind: 'fresh', n, m, w }, generations: T, key: ctx.key, replications: count, first });
      for (let r = 0; r < count; r++) out[r * G + g] = errors[r];
    });
    return out;
  };
  const needed = (v: Float64Array, R: number) =>
    Math.max(
      requiredReplications({ sd: columnSd(v, R, G, 0, 1), detectable: effects[0], alpha: alphaEach, beta: ctx.beta, sided: 1 }),
      requiredReplications({ sd: columnSd(v, R, G, 2, 1), detectable: effects[1], alpha: alphaEach, beta: ctx.beta, sided: 1 }),
    );
  const { values, replications: R } = replicateUntilPowered({ initial: 300, max: 40_000, width: G, draw, needed });
  const below = new Float64Array(R);
  const above = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    below[r] = values[r * G] - values[r * G + 1];
    above[r] = values[r * G + 2] - values[r * G + 1];
  }
  const where = `T=${T} (${truth.label}, n=${n}, m=${m}, w_0=${cvmImprovementThreshold(n, m).toFixed(4)})`;
  return [
    checkPairedSign({ label: `GR-20 stage 1: err(w=${wBelow.toFixed(4)}) > err(real only) at ${where}`, differences: below, direction: 'positive', expectedEffect: effects[0], alpha: alphaEach, beta: ctx.beta }),
    checkPairedSign({ label: `GR-20 stage 2: err(w=${wAbove.toFixed(4)}) < err(real only) at ${where}`, differences: above, direction: 'negative', expectedEffect: effects[1], alpha: alphaEach, beta: ctx.beta }),
  ];
}

describe('GR-20: the two stages of the CvM error against real-only', () => {
  it('below w_0 no improvement, above it an improvement (Monte Carlo, CRN)', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  it('w_0 = (n − 1)/(2m + n − 1), and the limit is ≥ 1/(6n) exactly when w ≤ w_0 (deterministic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 2, max: 200 }), (n, m) => {
        const w0 = cvmImprovementThreshold(n, m);
        expect(Math.abs(w0 - (n - 1) / (2 * m + n - 1))).toBeLessThanOrEqual(1e-15);
        const base = 1 / (6 * n);
        const wrongSide: number[] = [];
        for (let i = 0; i < 400; i++) {
          const w = i / 400;
          if (Math.abs(w - w0) < 1e-9) continue;
          const limit = cvmLimit({ n, m, w });
          if (w < w0 ? !(limit > base) : !(limit < base)) wrongSide.push(w);
        }
        expect(wrongSide).toEqual([]);
        expect(Math.abs(cvmLimit({ n, m, w: w0 }) - base)).toBeLessThanOrEqual(1e-12 * base);
        expect(Math.abs(cvmLimit({ n, m, w: 1 }) - base)).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: 100, seed: 201 },
    );
  });

  it('at every finite t, Err_t − 1/(6n) = (1 − ρ^t)(L − 1/(6n)): the stages hold before the limit (deterministic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 2, max: 200 }), uniformOn(0, 1), fc.integer({ min: 1, max: 100 }), (n, m, w, t) => {
        const rho = (1 - w) ** 2 * (1 - 1 / m);
        const base = 1 / (6 * n);
        const lhs = cvmError({ n, m, w, t }) - base;
        const rhs = (1 - rho ** t) * (cvmLimit({ n, m, w }) - base);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-14);
      }),
      { numRuns: 200, seed: 202 },
    );
  });

  it('w_0 → 0 as k → 0: the no-improvement stage disappears (deterministic)', () => {
    for (const n of [2, 10, 100]) {
      let previous = Infinity;
      for (const m of [10, 100, 1000, 10_000, 100_000, 1_000_000]) {
        const w0 = cvmImprovementThreshold(n, m);
        expect(w0).toBeLessThan(previous);
        previous = w0;
      }
      expect(previous).toBeLessThan(1e-4);
    }
  });

  const control: Config = { law: { family: 'normal', location: 3, scale: 0.5 }, n: 4, m: 4, T: 6, wBelow: 0.1, wAbove: 0.55 };
  it('negative control: w and 1 − w swapped is rejected', () => {
    rejectsWrongEngine(claim, 'swapped weights', control, (c, ctx) => check(c, ctx, (base) => swappedWeights(base)));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (base, law) => syntheticFromTruth(base, truthOf(law))));
  });
});

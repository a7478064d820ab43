/**
 * @claim PP-6
 * @paper 2505.13947 (Xu, He & Cheng, "A Probabilistic Perspective on Model Collapse"), §2.5 (Theorem 5, d-dimensional)
 * @statement For the Gaussian mean in d dimensions with Σ = σ²I_d known and fully synthetic replacement with
 *   n·c_t draws, P(T) = P(‖θ̂_T − θ*‖ < ‖θ̂_0 − θ*‖) = E[Φ(−√S_T·χ_d/2)] (< 1/2, decreasing in d).
 * @provenance DERIVED (CLAIMS.md §2.5; MC-verified there)
 *
 * Derivation: θ̂_0 − θ* = (σ/√n)Z_0, θ̂_T − θ* = (σ/√n)(Z_0 + √S Z_1) with Z_0, Z_1 independent N(0, I_d);
 * improvement ⟺ Z_0·u < −(√S/2)‖Z_1‖ with u = Z_1/‖Z_1‖, and Z_0·u ~ N(0, 1) is independent of ‖Z_1‖ ~ χ_d.
 * Hence also P(T) = ½·P(χ²_1/χ²_d > S/4) = ½·I_{4/(4+S)}(d/2, 1/2) (the Beta(1/2, d/2) law of
 * χ²_1/(χ²_1 + χ²_d)) — an independent closed form the deterministic test compares the oracle's quadrature
 * with, for d = 1..10 (and with ½(1 − √(S/(4 + S))) at d = 2). S_T is the realised Σ_t n/N_t.
 *
 * Check (Monte Carlo, exact fast path): d ∈ 2..4, σ² ∈ [0.1, 10], random μ, n ∈ 2..100, every schedule kind,
 * T ∈ 1..6, keeping configurations with P(T) ≥ 0.1 (so the declared error is at most 40 % of the oracle).
 * One two-sided Clopper–Pearson check of the improvement frequency per configuration (the whole ctx.alpha).
 * Declared smallest error 0.04 absolute, false-pass rate ctx.beta; trials by the rule checkProportion
 * enforces (proportionTrials).
 *
 * Negative controls at d = 3, c_t = t², T = 1, n = 10 (S = 1, oracle ½·I_{0.8}(3/2, 1/2) = 0.2316):
 * (1) the 1-D formula (1/π)arctan(2/√S) = 0.352 used as the oracle (+0.12); (2) synthetic data from the truth:
 * θ̂_1 is an independent fit on as many points as θ̂_0, P = 1/2 (+0.27). Both well above 0.04.
 *
 * Budget: measured ≈ 1–2 s of CPU on a loaded 2-core machine (numRuns 2, fast path).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type GaussianTheta, type Model } from '../src/models/index.js';
import type { Schedule } from '../src/loop/index.js';
import { regularizedBeta } from '../src/special/index.js';
import { improvementProbabilityIsotropic, improvementProbability1D } from '../src/theory/index.js';
import { checkProportion } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { suiteKey } from '../src/stats/budget.js';
import { anySchedule, describeSchedule, proportionTrials, realisedScheduleSum, realisedSizes, scheduleTrajectories, syntheticFromTruthEverywhere, uniformDouble } from './support/schedules.js';

export const claim: ClaimMeta = {
  id: 'PP-6',
  paper: '2505.13947 (Xu, He & Cheng)',
  section: '§2.5 (Theorem 5, d-dimensional isotropic)',
  statement: 'P(‖θ̂_T − θ*‖ < ‖θ̂_0 − θ*‖) = E[Φ(−√S_T·χ_d/2)] for the Gaussian mean with Σ = σ²I_d known.',
  oracle: 'improvementProbabilityIsotropic (src/theory/schedules.ts), realised S_T',
  provenance: 'DERIVED',
  assumptions: 'd ∈ 2..4, Σ = σ²I_d known, σ² ∈ [0.1, 10], n ∈ 2..100, every schedule kind, T ∈ 1..6, P(T) ≥ 0.1',
};

const DETECTABLE = 0.04;
const MIN_PROBABILITY = 0.1;

interface Config {
  readonly d: number;
  readonly sigma2: number;
  readonly mean: Float64Array;
  readonly n: number;
  readonly schedule: Schedule;
  readonly T: number;
}

const configs = fc
  .record({
    d: fc.integer({ min: 2, max: 4 }),
    sigma2: uniformDouble(0.1, 10),
    meanEntries: fc.array(uniformDouble(-3, 3), { minLength: 4, maxLength: 4 }),
    n: fc.integer({ min: 2, max: 100 }),
    schedule: anySchedule(),
    T: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ meanEntries, ...rest }): Config => ({ ...rest, mean: Float64Array.from(meanEntries.slice(0, rest.d)) }))
  .filter((c) => improvementProbabilityIsotropic(realisedScheduleSum(realisedSizes(c.n, c.schedule, c.T)), c.d) >= MIN_PROBABILITY);

const squaredError = (estimate: GaussianTheta, truth: GaussianTheta): number => {
  let s = 0;
  for (let j = 0; j < truth.mean.length; j++) s += (estimate.mean[j] - truth.mean[j]) ** 2;
  return s;
};

interface Variant {
  readonly makeModel?: (base: Model<GaussianTheta>, truth: GaussianTheta) => Model<GaussianTheta>;
  readonly oracle?: (S: number, d: number) => number;
}

function check(config: Config, ctx: ClaimContext, variant: Variant = {}) {
  const { d, sigma2, mean, n, schedule, T } = config;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < d; i++) cov[i * d + i] = sigma2;
  const truth: GaussianTheta = { mean, cov };
  const base = gaussianModel({ dim: d, known: { cov } });
  const model = variant.makeModel ? variant.makeModel(base, truth) : base;
  const S = realisedScheduleSum(realisedSizes(n, schedule, T));
  const p = (variant.oracle ?? improvementProbabilityIsotropic)(S, d);
  const trials = proportionTrials({ p, detectable: DETECTABLE, alpha: ctx.alpha, beta: ctx.beta });
  const paths = scheduleTrajectories({ model, truth, policy: { kind: 'replace', n, schedule }, generations: T, key: ctx.key, replications: trials, metric: squaredError, sampling: 'sufficient' });
  let improved = 0;
  for (let r = 0; r < trials; r++) if (paths[r * (T + 1) + T] < paths[r * (T + 1)]) improved++;
  return checkProportion({
    label: `PP-6 P(T=${T}) (d=${d}, n=${n}, σ²=${sigma2.toFixed(3)}, ${describeSchedule(schedule)}, S_T=${S.toFixed(4)})`,
    successes: improved,
    trials,
    p,
    alpha: ctx.alpha,
    beta: ctx.beta,
    detectable: DETECTABLE,
  });
}

describe('PP-6: improvement probability of the d-dimensional isotropic Gaussian mean', () => {
  it('closed form: the quadrature equals ½·I_{4/(4+S)}(d/2, 1/2), is < 1/2 and decreases in d', () => {
    fc.assert(
      fc.property(uniformDouble(0.01, 100), (S) => {
        let previous = 0.5;
        for (let d = 1; d <= 10; d++) {
          const p = improvementProbabilityIsotropic(S, d);
          expect(p).toBeCloseTo(0.5 * regularizedBeta(4 / (4 + S), d / 2, 0.5), 9);
          expect(p).toBeLessThan(previous);
          previous = p;
        }
        expect(improvementProbabilityIsotropic(S, 2)).toBeCloseTo(0.5 * (1 - Math.sqrt(S / (4 + S))), 9);
      }),
      { numRuns: 15, seed: suiteKey().child('PP-6', 'closed-form', 1).words[0] | 0 },
    );
    // CLAIMS.md §2.5 table, d = 3, T = 50: constant (S = 50) → 0.0044 and t^1.5 (S = 2.3309) → 0.1390 agree; for
    // c_t = t (S = H_50 = 4.4992) the table prints 0.0815 but ½·I_{4/(4+S)}(3/2, 1/2) = 0.08177 (scipy betainc
    // agrees): the table entry is off in the third digit.
    expect(improvementProbabilityIsotropic(50, 3)).toBeCloseTo(0.0044, 4);
    expect(improvementProbabilityIsotropic(4.499205338329425, 3)).toBeCloseTo(0.08177, 5);
    expect(improvementProbabilityIsotropic(2.3309397791178132, 3)).toBeCloseTo(0.139, 3);
  });

  it('holds across generated configurations', () => {
    verifyClaim(claim, { arbitrary: fc.noBias(configs), numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = { d: 3, sigma2: 2, mean: Float64Array.of(1, 0, -1), n: 10, schedule: { kind: 'polynomial', s: 1 }, T: 1 };
  it('negative control: the 1-D formula used in d = 3 is rejected', () => {
    // (1/π)arctan(2) = 0.352 against the engine's 0.232
    rejectsWrongEngine(claim, 'oracle of d = 1', control, (c, ctx) => check(c, ctx, { oracle: (S) => improvementProbability1D(S) }));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    // no feedback: θ̂_1 is an independent copy of θ̂_0 (N_1 = n), P = 1/2 against the oracle 0.232
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, { makeModel: (b, truth) => syntheticFromTruthEverywhere(b, truth) }));
  });
});

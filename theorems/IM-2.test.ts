/**
 * @claim IM-2
 * @paper 2505.19046 (Barzilai & Shamir), Theorem 4.1 (SRC-sum) and the Dey–Donoho "π²/6 pathway" (arXiv 2410.22812)
 * @statement For a regular MLE under accumulation (n points per synthetic set, the real fraction 1/(g + 1) → 0),
 *   n·E‖θ_g − θ*‖² → tr(I(θ*)⁻¹)·Σ_{j=1}^{g+1} 1/j² ≤ (π²/6)·tr(I⁻¹) as n → ∞: bounded uniformly in g.
 * @provenance DERIVED heuristic in CLAIMS §3.2 (SRC-sum claim); the finite-n oracles below are DERIVED here and
 *   exact, so no tolerance is needed
 *
 * Instead of testing the asymptotic constant with an O(1/n) tolerance, this file tests two regular families for
 * which the accumulate recursion has an EXACT finite-n error, and checks deterministically that the exact error
 * has the claimed limit with an O(1/n) gap (properties/theory.accumulate.test.ts):
 *  A. Categorical / multinomial (K classes, MLE = pooled frequencies; tr I⁻¹ = 1 − ‖p‖² in the mean
 *     parametrisation). The pool frequencies are a martingale with E[‖·‖² increment | F] = (1 − ‖p_{j−1}‖²)/(n(j+1)²)
 *     and E‖p_{j−1}‖² = ‖p‖² + D_{j−1}, so D_g = E‖p̂_g − p‖² solves D_0 = v/n,
 *     D_j = D_{j−1} + (v − D_{j−1})/(n(j + 1)²), v = 1 − ‖p‖² (src/theory/accumulateQuadraticVariance.ts);
 *     0 ≤ v·S_{g+1} − n·D_g ≤ v(π²/6)²/n.
 *  B. The rate of a Gamma law of known shape α (α = 1: the exponential rate, MLE 1/x̄; tr I⁻¹ = β²/α): a
 *     non-linear MLE. β̂_g/β = Π_{j=0}^{g} (j + 1)/(j + U_j), U_j i.i.d. Gamma(nα, nα), so
 *     E(β̂_g/β − 1)² = P₂ − 2P₁ + 1 with P_k = Π_j E[((j+1)/(j+U))^k] (src/theory/accumulateRateMle.ts, by
 *     quadrature); nα·E(β̂_g/β − 1)² − S_{g+1} = O(1/n) (e.g. 1.2845 against 1.25 at g = 1, n = 200, α = 1: the
 *     "3 % excess of 1/x̄" that CLAIMS §3.2 measured, here computed exactly).
 * Not covered: the GLMs (Poisson, logistic) and the two-parameter Gamma MLE, whose O(1/n) term has no closed
 * form here; a tolerance for them would have to come from a second-order expansion that was not derived.
 *
 * Check: per configuration, both families on the exact sufficient-statistic path (multinomial counts; the
 * known-shape Gamma's sample mean ~ Gamma(Nα, Nβ), theorems/support/accumulate.ts gammaRateModel), two
 * assertions at ctx.alpha/2: checkMean of ‖p̂_g − p‖² against D_g and of (β̂_g/β − 1)² against the exact
 * oracle, each with declared smallest detectable error 10 % of its oracle (false-pass rate ctx.beta). R: the
 * multinomial from a 600-replication pilot topped up to the declared power (sampleToPower); the rate from its exact variance (the same product formula with
 * moments up to the fourth, accumulateRateSquaredErrorVariance). Configurations: K ∈ 2..6 with probabilities ∝ integers 1..20, n ∈ 5..100, g ∈ 1..6;
 * α ∈ [0.5, 5], β ∈ [0.2, 5], n with nα ≥ 20 (moderate tails of 1/x̄), n ≤ 200.
 *
 * Negative controls (K = 3, p = (0.5, 0.3, 0.2), n = 20; α = 1, β = 2, n = 30; g = 4): (1) a pool that never
 * grows (synthetic sets dropped): errors v/n and the real-only rate error, −32 % and about −32 % against the
 * oracles (S = 1.46); (2) synthetic data drawn from the truth (an i.i.d. pool of 5n points): −86 %.
 *
 * Time budget: ≈ 2 s; measured 1.5 s of test time in the default profile (2 configurations + controls, shared
 * machine), ≈ 8× that in the deep profile.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { categoricalModel, type CategoricalTheta, type GammaTheta, type Model } from '../src/models/index.js';
import { accumulateMeanParameterError, accumulateRateRelativeError, accumulateRateSquaredErrorVariance } from '../src/theory/index.js';
import { checkMean } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { atGeneration } from './support/simulate.js';
import { gammaRateModel, pilotPoweredSample, plannedSample, pooledSetOnly, simulateMetrics, syntheticFromTruthEverywhere } from './support/accumulate.js';

export const claim: ClaimMeta = {
  id: 'IM-2',
  paper: '2505.19046 (Barzilai & Shamir); 2410.22812 (Dey & Donoho)',
  section: 'Theorem 4.1 (SRC-sum); π²/6 pathway',
  statement: 'Accumulate, regular MLE: n·E‖θ_g − θ*‖² → tr(I⁻¹)Σ_{j≤g+1}1/j²; tested through exact finite-n errors (multinomial frequencies, known-shape Gamma rate).',
  oracle: 'accumulateMeanParameterError, accumulateRateRelativeError (src/theory)',
  provenance: 'DERIVED',
  assumptions: 'K ∈ 2..6, n ∈ 5..100 (categorical); α ∈ [0.5, 5], nα ≥ 20, n ≤ 200 (Gamma rate); g ∈ 1..6',
};

const RELATIVE_DETECTABLE = 0.1;
const PILOT = 600;

interface Config {
  readonly probs: Float64Array;
  readonly nCategorical: number;
  readonly shape: number;
  readonly rate: number;
  readonly nRate: number;
  readonly g: number;
}

const configs = fc
  .record({
    weights: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 6 }),
    nCategorical: fc.integer({ min: 5, max: 100 }),
    shape: fc.double({ min: 0.5, max: 5, noNaN: true }),
    rate: fc.double({ min: 0.2, max: 5, noNaN: true }),
    nRaw: fc.integer({ min: 0, max: 200 }),
    g: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ weights, nCategorical, shape, rate, nRaw, g }): Config => {
    const total = weights.reduce((a, b) => a + b, 0);
    const nMin = Math.ceil(20 / shape);
    return { probs: Float64Array.from(weights, (w) => w / total), nCategorical, shape, rate, nRate: nMin + (nRaw % (201 - nMin)), g };
  });

type Wrap = <T>(base: Model<T>, truth: T, n: number) => Model<T>;

function check(config: Config, ctx: ClaimContext, wrap?: Wrap) {
  const { probs, nCategorical, shape, rate, nRate, g } = config;
  const alpha = ctx.alpha / 2;
  const K = probs.length;

  // A. multinomial frequencies
  const categoricalTruth: CategoricalTheta = { probs };
  const categoricalBase = categoricalModel(K);
  const categorical = wrap ? wrap(categoricalBase, categoricalTruth, nCategorical) : categoricalBase;
  let sumSquares = 0;
  for (const p of probs) sumSquares += p * p;
  const oracleCategorical = accumulateMeanParameterError({ variance: 1 - sumSquares, curvature: -1, n: nCategorical, generation: g });
  const categoricalErrors = (key: ClaimContext['key'], replications: number, first = 0) =>
    atGeneration(
      simulateMetrics({ model: categorical, truth: categoricalTruth, policy: { kind: 'accumulate', n: nCategorical }, generations: g, key, replications, first, metrics: { sq: categorical.metrics.sq }, sampling: 'sufficient' }).sq,
      g,
      g,
    );
  const categoricalSamples = pilotPoweredSample(ctx, {
    detectable: RELATIVE_DETECTABLE * oracleCategorical,
    alpha,
    pilot: () => categoricalErrors(ctx.key.child('pilot', 'categorical'), PILOT),
    draw: (first, count) => categoricalErrors(ctx.key.child('categorical'), count, first),
  });

  // B. Gamma rate with known shape
  const gammaTruth: GammaTheta = { shape, rate };
  const gammaBase = gammaRateModel(shape);
  const gamma = wrap ? wrap(gammaBase, gammaTruth, nRate) : gammaBase;
  const oracleRate = accumulateRateRelativeError({ shape, n: nRate, generation: g });
  const rateErrors = (key: ClaimContext['key'], replications: number, first = 0) =>
    atGeneration(
      simulateMetrics({ model: gamma, truth: gammaTruth, policy: { kind: 'accumulate', n: nRate }, generations: g, key, replications, first, metrics: { relativeRate: gamma.metrics.relativeRate }, sampling: 'sufficient' }).relativeRate,
      g,
      g,
    );
  const rateSamples = plannedSample(ctx, {
    detectable: RELATIVE_DETECTABLE * oracleRate,
    alpha,
    theorySd: Math.sqrt(accumulateRateSquaredErrorVariance({ shape, n: nRate, generation: g })),
    pilot: () => rateErrors(ctx.key.child('pilot', 'rate'), PILOT),
    draw: (first, count) => rateErrors(ctx.key.child('rate'), count, first),
  });

  return [
    checkMean({
      label: `IM-2 multinomial E‖p̂_${g} − p‖² (K=${K}, n=${nCategorical})`,
      samples: categoricalSamples,
      oracle: oracleCategorical,
      alpha,
      beta: ctx.beta,
      detectable: RELATIVE_DETECTABLE * oracleCategorical,
    }),
    checkMean({
      label: `IM-2 Gamma rate E(β̂_${g}/β − 1)² (α=${shape.toFixed(3)}, n=${nRate})`,
      samples: rateSamples,
      oracle: oracleRate,
      alpha,
      beta: ctx.beta,
      detectable: RELATIVE_DETECTABLE * oracleRate,
    }),
  ];
}

describe('IM-2: accumulated regular MLEs follow the π²/6 pathway (exact finite-n errors)', () => {
  it('holds across generated configurations', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = { probs: Float64Array.of(0.5, 0.3, 0.2), nCategorical: 20, shape: 1, rate: 2, nRate: 30, g: 4 };
  it('negative control: a pool that never grows (synthetic sets dropped) is rejected', () => {
    rejectsWrongEngine(claim, 'pool never grows', control, (c, ctx) => check(c, ctx, (base, _truth, n) => pooledSetOnly(base, n, 'first')));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (base, truth) => syntheticFromTruthEverywhere(base, truth)));
  });
});

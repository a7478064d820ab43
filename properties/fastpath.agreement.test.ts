/**
 * The sufficient-statistic fast path (recurseSufficient, Model.summaries) and explicit sampling (recurse)
 * agree in distribution: for fresh, replace, augment and accumulate recursions (d = 1 and 2, both covariance
 * conventions, a known covariance, a singular-Wishart case N − 1 < d, and a categorical model whose counts
 * use both regimes of the binomial sampler), the error at a fixed generation t and components of θ̂_t have
 * the same law under R explicit and R sufficient replications (independent streams).
 *
 * Check: `checkTwoSample` (src/stats/checkTwoSample.ts) — two-sample Kolmogorov–Smirnov with the
 * distribution-free DKW threshold sup|F₁ − F₂| ≤ ε₁ + ε₂ (each ECDF within its own band, α/4 each) and a
 * two-sample CLT comparison of means with both variances (α/2).
 *
 * Budget: check id `engine.fastpath` (alphaFor) split, Bonferroni, over its 24 assertions (PLAN below);
 * `engine.fastpath.power` over its 1 negative control, whose failure event is "the check passes on the wrong
 * fast path", i.e. its false-pass rate.
 *
 * Power (declared, and shown on a deliberately wrong fast path). A fast path whose covariance is off by 5 %
 * changes the variance of μ̂_t, i.e. the expected mean error E‖μ̂_t − μ‖², by ≥ 5 %. Configuration
 * `replace-d4-power`: Σ = I_d, d = 4, n = 10, t = 1, unbiased convention, so μ̂_1 − μ = a + b with
 * a ~ N(0, Σ/n), b | Σ̂_0 ~ N(0, Σ̂_0/n), Σ̂_0 ~ Wishart_d(I, ν)/ν, ν = n − 1 = 9 (Wishart moments:
 * E tr W² = ν d(d + 1) + ν² d, Var tr W = 2νd):
 *   E e₁ = (trΣ + E trΣ̂_0)/n = 2d/n = 0.8,  declared δ = 5 % of it = 0.04;
 *   Var e₁ = (2/n²)·E tr((I + Σ̂_0)²) + Var(trΣ̂_0)/n² = (2/n²)(4d + d(d + 2)/ν) = 0.3733 (CV² 0.583);
 *   α_each = 1e-6/24 = 4.2e-8, mean part two-sided at α/2: z_{1−α/4} = 5.60; β = 1e-2: z_{1−β} = 2.33;
 *   R ≥ (5.60 + 2.33)²·(0.3733 + 0.3733)/0.04² = 29 300  →  R = 34 000 per path (margin for the larger
 *   variance under the alternative, ×1.16); `checkTwoSample` re-checks this power with the observed variances
 *   and refuses to run (UnderpoweredError) if it does not hold. (CV² falls like 2/d; d = 4 balances R
 *   against the cost of explicit sampling, measured: d = 2 needs R = 64 000, d = 8 doubles the explicit cost.)
 * Negative control: a fast path drawing the summaries of N(μ, 1.05Σ) data (covariance off by exactly 5 %,
 * in x̄ and in the scatter). Then E e₁ = (1.05 + 1.05²)·d/n = 0.861, a shift of 7.6 % = 0.061 ≥ δ; with
 * se ≈ √((0.373 + 0.433)/34 000) = 0.0049 the control passes with probability Φ(5.60 − 0.061/0.0049)
 * ≈ 1e-12, below its budget (recomputed from the observed se and asserted).
 */
import { describe, expect, it } from 'vitest';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkTwoSample, describeCheck, expectPass, expectReject, type CheckResult } from '../src/stats/assert.js';
import { summarize } from '../src/stats/welford.js';
import { zUpper } from '../src/stats/quantiles.js';
import { normalCdf } from '../src/special/normalCdf.js';
import { recurse } from '../src/loop/recurse.js';
import { recurseSufficient } from '../src/loop/recurseSufficient.js';
import type { Policy, RecurseResult } from '../src/loop/types.js';
import type { Model } from '../src/models/types.js';
import { gaussianModel, type GaussianTheta } from '../src/models/gaussian.js';
import { categoricalModel, type CategoricalTheta } from '../src/models/categorical.js';

const ID = 'engine.fastpath';
const POWER_ID = 'engine.fastpath.power';
/** Assertions per check id (the id's rate is split evenly over them). */
const PLAN: Record<string, number> = { [ID]: 5 * 4 + 2 + 2, [POWER_ID]: 1 };
const used: Record<string, number> = {};
function rateOf(id: string): number {
  used[id] = (used[id] ?? 0) + 1;
  return alphaFor(id) / PLAN[id];
}
const peekRate = (id: string) => alphaFor(id) / PLAN[id];

type Sampling = 'explicit' | 'sufficient' | 'wrong';

interface Statistic<Theta> {
  readonly name: string;
  readonly of: (run: RecurseResult<Theta>, t: number) => number;
}

interface Configuration<Theta> {
  readonly name: string;
  readonly model: Model<Theta>;
  readonly truth: Theta;
  readonly policy: Policy;
  /** The generation compared. */
  readonly t: number;
  readonly replications: number;
  readonly statistics: readonly Statistic<Theta>[];
}

/** R replications of `sampling`, each statistic's values in its own array; streams from suiteKey().child(ID, config, sampling). */
function replicate<Theta>(config: Configuration<Theta>, sampling: Sampling, model: Model<Theta> = config.model): Float64Array[] {
  const base = suiteKey().child(ID, config.name, sampling);
  const out = config.statistics.map(() => new Float64Array(config.replications));
  for (let r = 0; r < config.replications; r++) {
    const run =
      sampling === 'explicit'
        ? recurse({ model, truth: config.truth, policy: config.policy, generations: config.t, key: base.child(r), keepEstimates: true, sampling: 'explicit' })
        : recurseSufficient({ model, truth: config.truth, policy: config.policy, generations: config.t, key: base.child(r), keepEstimates: true, sampling: 'sufficient' });
    for (let k = 0; k < config.statistics.length; k++) out[k][r] = config.statistics[k].of(run, config.t);
  }
  return out;
}

/** Runs both paths and asserts agreement for every statistic (one `engine.fastpath` assertion each). */
function expectAgreement<Theta>(config: Configuration<Theta>, detectable: Record<string, number> = {}): { explicit: Float64Array[]; results: CheckResult[] } {
  const explicit = replicate(config, 'explicit');
  const sufficient = replicate(config, 'sufficient');
  const results = config.statistics.map((statistic, k) =>
    expectPass(
      checkTwoSample({
        label: `${config.name}: ${statistic.name} at t = ${config.t}, explicit vs sufficient`,
        first: explicit[k],
        second: sufficient[k],
        alpha: rateOf(ID),
        detectable: detectable[statistic.name],
        beta: 1e-2,
      }),
    ),
  );
  return { explicit, results };
}

const gaussianStatistics = (dim: number): Statistic<GaussianTheta>[] => [
  { name: '‖μ̂ − μ‖²', of: (run, t) => run.errors.mean[t] },
  { name: '‖Σ̂ − Σ‖_F²', of: (run, t) => run.errors.cov[t] },
  { name: 'μ̂[0]', of: (run, t) => run.estimates[t].mean[0] },
  { name: dim === 1 ? 'Σ̂[0,0]' : 'Σ̂[0,1]', of: (run, t) => run.estimates[t].cov[dim === 1 ? 0 : 1] },
];

const theta = (mean: number[], cov: number[]): GaussianTheta => ({ mean: Float64Array.from(mean), cov: Float64Array.from(cov) });

/** The deliberately wrong fast path: summaries of N(μ, 1.05Σ) data (covariance off by 5 %). */
function inflatedCovariance(model: Model<GaussianTheta>, factor: number): Model<GaussianTheta> {
  const summaries = model.summaries;
  if (summaries === undefined) throw new Error('gaussian model without summaries');
  return {
    ...model,
    summaries: {
      ...summaries,
      sample: (t, size, stream) => summaries.sample({ mean: t.mean, cov: t.cov.map((v) => factor * v) }, size, stream),
    },
  };
}

describe('fast path ≡ explicit sampling in distribution (engine.fastpath)', () => {
  it('replace, d = 4, t = 1 (R = 34 000, detects a 5 % variance error); a covariance ×1.05 fast path is rejected', () => {
    const n = 10;
    const dim = 4;
    const identity = Array.from({ length: dim * dim }, (_, i) => (i % (dim + 1) === 0 ? 1 : 0));
    const config: Configuration<GaussianTheta> = {
      name: 'replace-d4-power',
      model: gaussianModel({ dim }),
      truth: theta(new Array(dim).fill(0), identity),
      policy: { kind: 'replace', n },
      t: 1,
      replications: 34_000,
      statistics: gaussianStatistics(dim),
    };
    const traceSigma = dim;
    const expectedError = (2 * traceSigma) / n; // E e₁ = (trΣ + E trΣ̂_0)/n
    const delta = 0.05 * expectedError;
    const { explicit, results } = expectAgreement(config, { '‖μ̂ − μ‖²': delta });
    if (process.env.FASTPATH_VERBOSE) for (const r of results) console.log(describeCheck(r));

    // Negative control on the same explicit sample.
    const wrong = replicate(config, 'wrong', inflatedCovariance(config.model, 1.05))[0];
    const alpha = peekRate(ID);
    const shift = ((1.05 + 1.05 ** 2) * traceSigma) / n - expectedError; // 0.061 ≥ δ
    expect(shift).toBeGreaterThanOrEqual(delta);
    const a = summarize(explicit[0]);
    const b = summarize(wrong);
    const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
    const falsePass = normalCdf(zUpper(alpha / 4) - shift / se);
    expect(falsePass, `control's false-pass rate ${falsePass} exceeds its budget`).toBeLessThanOrEqual(rateOf(POWER_ID));
    // (no `detectable` here: the control's power is the false-pass rate computed above from its own se)
    const control = checkTwoSample({ label: 'replace-d4-power: ‖μ̂ − μ‖² explicit vs covariance ×1.05 fast path', first: explicit[0], second: wrong, alpha });
    if (process.env.FASTPATH_VERBOSE) console.log(describeCheck(control), `control false-pass ${falsePass}`);
    expectReject(control);
  });

  it('fresh, d = 2 (n = 10, m = 5, w = 0.4), t = 3', () => {
    expectAgreement({
      name: 'fresh-d2',
      model: gaussianModel({ dim: 2 }),
      truth: theta([0.5, -1], [1, 0.3, 0.3, 0.5]),
      policy: { kind: 'fresh', n: 10, m: 5, w: 0.4 },
      t: 3,
      replications: 3000,
      statistics: gaussianStatistics(2),
    });
  });

  it("replace, d = 1, 'pooled-mle' convention (n = 6), t = 3", () => {
    expectAgreement({
      name: 'replace-d1-pooled',
      model: gaussianModel({ dim: 1, covariance: 'pooled-mle' }),
      truth: theta([2], [1.5]),
      policy: { kind: 'replace', n: 6 },
      t: 3,
      replications: 3000,
      statistics: gaussianStatistics(1),
    });
  });

  it('augment, d = 2, m = 2 (singular Wishart: m − 1 < d), λ = 0.5, t = 3', () => {
    expectAgreement({
      name: 'augment-d2-singular',
      model: gaussianModel({ dim: 2 }),
      truth: theta([0, 1], [2, -0.5, -0.5, 1]),
      policy: { kind: 'augment', n: 6, lambda: 0.5, m: 2 },
      t: 3,
      replications: 3000,
      statistics: gaussianStatistics(2),
    });
  });

  it('accumulate, d = 1, linear schedule (sizes 4, 8, 12), t = 3', () => {
    expectAgreement({
      name: 'accumulate-d1',
      model: gaussianModel({ dim: 1 }),
      truth: theta([-1], [0.7]),
      policy: { kind: 'accumulate', n: 4, schedule: { kind: 'linear' } },
      t: 3,
      replications: 3000,
      statistics: gaussianStatistics(1),
    });
  });

  it('fresh, d = 2, known covariance (mean-only summaries), t = 3', () => {
    const cov = Float64Array.of(1, 0.4, 0.4, 2);
    expectAgreement({
      name: 'fresh-d2-known',
      model: gaussianModel({ dim: 2, known: { cov } }),
      truth: { mean: Float64Array.of(1, 1), cov },
      policy: { kind: 'fresh', n: 5, m: 5, w: 0.5 },
      t: 3,
      replications: 3000,
      statistics: gaussianStatistics(2).slice(0, 1).concat([{ name: 'μ̂[0]', of: (run, t) => run.estimates[t].mean[0] }]),
    });
  });

  it('fresh, categorical K = 3 (n = 100, m = 50: inversion and BTRS binomials), t = 3', () => {
    const statistics: Statistic<CategoricalTheta>[] = [
      { name: 'Σ(p̂ − p)²', of: (run, t) => run.errors.sq[t] },
      { name: 'p̂[0]', of: (run, t) => run.estimates[t].probs[0] },
    ];
    expectAgreement({
      name: 'fresh-categorical',
      model: categoricalModel(3),
      truth: { probs: Float64Array.of(0.2, 0.3, 0.5) },
      policy: { kind: 'fresh', n: 100, m: 50, w: 0.5 },
      t: 3,
      replications: 3000,
      statistics,
    });
  });

  it('used exactly the planned number of assertions per check id', () => {
    expect(used).toEqual(PLAN);
  });
});

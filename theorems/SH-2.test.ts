/**
 * @claim SH-2
 * @paper Shumailov et al., Nature 631 (2024), arXiv 2305.17493: the fully synthetic Gaussian (CLAIMS §5.1)
 * @statement Refitting N(μ, σ²) with the UNBIASED variance on M draws from the previous fit (round 0 on n real
 *   points): E σ_g² = σ² for every g, yet log σ_g² drifts to −∞ — exactly,
 *   E log σ_g² = log σ² + [ψ((n−1)/2) − log((n−1)/2)] + g·[ψ((M−1)/2) − log((M−1)/2)] (−0.0536 per step at M = 20),
 *   so σ_g² → 0 almost surely while its mean stays σ² (the mass escapes to ever rarer, ever larger values).
 * @provenance DERIVED (matches Shumailov 2024)
 *
 * Derivation: σ_g² = σ²·(χ²_{n−1}/(n−1))·Π_{i=1}^{g} χ²_{M−1,i}/(M−1), independent factors of mean 1, so
 * E σ_g² = σ², E σ_g⁴ = σ⁴·((n+1)/(n−1))·((M+1)/(M−1))^g, and log σ_g² is a sum of independent
 * log(χ²_k/k) with mean ψ(k/2) − log(k/2) and variance ψ′(k/2) (light tails: every moment finite).
 * About the median: CLAIMS's "median(log σ_t²) ≈ drift·t" is only approximate — log σ_g² is a left-skewed sum
 * (each log χ² has negative skewness), so its median sits slightly above its mean; only the mean is exact,
 * and only the mean is asserted.
 *
 * Check: per configuration (σ² ∈ [0.2, 5], n ∈ 10..60 real points, M ∈ 15..60 synthetic points per round via a
 * constant schedule c = M/n, g ∈ 2..10), one run of the replace policy on the exact sufficient-statistic path,
 * two assertions at ctx.alpha/2:
 *  (a) checkMean of log σ_g² against shumailovLogVarianceMean; exact sd √(ψ′((n−1)/2) + g·ψ′((M−1)/2));
 *      declared smallest detectable error 0.1 nat (a 10 % error in the geometric mean of σ_g²);
 *  (b) E σ_h²/σ² = 1 at the largest h ≤ g whose E σ_h⁴/σ⁴ = ρ_h ≤ 1.5 — the heavy-tail caveat of CLAIMS §5.1:
 *      at large h the sample mean of σ_h² is biased low in any feasible R, so the exact mean is tested where
 *      the variance ρ_h − 1 ≤ 0.5 is finite and small; exact sd √(ρ_h − 1); detectable 10 % of σ².
 * R from theory (the larger of the two plans), false-pass rate ctx.beta, topped up (plannedSamples, at most three
 * times) while either statistic's realised sd says R is short of the declared power: calibration under 30 suite
 * seeds found 2 of 57 configurations refused as under-powered when R was planned once (σ_h²/σ² is right-skewed,
 * so its realised sd at finite R often exceeds the plan).
 *
 * Negative controls (σ² = 1, n = M = 15, g = 6): (1) the ddof-0 ('pooled-mle') variance adds log(14/15) per
 * fit: E log σ_6² shifts by 7·log(14/15) = −0.48 nat (the declared error is 0.1); (2) synthetic data drawn from
 * the truth (no feedback): E log σ_6² = log σ² + drift(M − 1), off by 6 drifts = +0.44 nat.
 *
 * Time budget: ≈ 2 s; measured 1.2 s of test time in the default profile (2 configurations + controls, shared
 * machine), ≈ 8× that in the deep profile.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type GaussianTheta, type Model } from '../src/models/index.js';
import { shumailovLogVarianceMean } from '../src/theory/index.js';
import { trigamma } from '../src/special/index.js';
import { checkMean } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { atGeneration } from './support/simulate.js';
import { plannedSamples, simulateMetrics, syntheticFromTruthEverywhere } from './support/accumulate.js';

export const claim: ClaimMeta = {
  id: 'SH-2',
  paper: 'Shumailov et al., Nature 2024 (arXiv 2305.17493)',
  section: 'fully synthetic Gaussian (CLAIMS §5.1)',
  statement: 'E σ_g² = σ², while E log σ_g² = log σ² + ψ-drift(n−1) + g·[ψ((M−1)/2) − log((M−1)/2)] → −∞ (unbiased variance refit).',
  oracle: 'shumailovLogVarianceMean (src/theory/shumailov.ts); E σ_h² = σ² where ρ_h ≤ 1.5',
  provenance: 'DERIVED',
  assumptions: 'σ² ∈ [0.2, 5], n ∈ 10..60, M ∈ 15..60, g ∈ 2..10, unbiased (ddof 1) variance',
};

const LOG_DETECTABLE = 0.1;
const RATIO_DETECTABLE = 0.1;
const MAX_SECOND_MOMENT = 1.5;
const PILOT = 600;

interface Config {
  readonly sigma2: number;
  readonly n: number;
  readonly M: number;
  readonly g: number;
}

const configs = fc.record({
  sigma2: fc.double({ min: 0.2, max: 5, noNaN: true }),
  n: fc.integer({ min: 10, max: 60 }),
  M: fc.integer({ min: 15, max: 60 }),
  g: fc.integer({ min: 2, max: 10 }),
});

/** ρ_h = E σ_h⁴/σ⁴ = ((n+1)/(n−1))·((M+1)/(M−1))^h. */
const secondMoment = (n: number, M: number, h: number) => ((n + 1) / (n - 1)) * ((M + 1) / (M - 1)) ** h;

function check(config: Config, ctx: ClaimContext, makeModel: (truth: GaussianTheta) => Model<GaussianTheta> = () => gaussianModel({ dim: 1 })) {
  const { sigma2, n, M, g } = config;
  const truth: GaussianTheta = { mean: Float64Array.of(0), cov: Float64Array.of(sigma2) };
  const model = makeModel(truth);
  const policy = { kind: 'replace', n, schedule: { kind: 'constant', c: M / n } } as const;
  let h = 0;
  while (h < g && secondMoment(n, M, h + 1) <= MAX_SECOND_MOMENT) h++;
  const alpha = ctx.alpha / 2;
  const simulate = (key: ClaimContext['key'], replications: number, first = 0) => {
    const runs = simulateMetrics({
      model,
      truth,
      policy,
      generations: g,
      key,
      replications,
      first,
      metrics: { logVariance: (estimate) => Math.log(estimate.cov[0]), ratio: (estimate) => estimate.cov[0] / sigma2 },
      sampling: model.summaries ? 'sufficient' : 'explicit',
    });
    return { logVariance: atGeneration(runs.logVariance, g, g), ratio: atGeneration(runs.ratio, g, h) };
  };
  const logSd = Math.sqrt(trigamma((n - 1) / 2) + g * trigamma((M - 1) / 2));
  const { logVariance, ratio } = plannedSamples(ctx, {
    alpha,
    statistics: { logVariance: { detectable: LOG_DETECTABLE, theorySd: logSd }, ratio: { detectable: RATIO_DETECTABLE, theorySd: Math.sqrt(secondMoment(n, M, h) - 1) } },
    pilot: () => simulate(ctx.key.child('pilot'), PILOT),
    draw: (first, count) => simulate(ctx.key, count, first),
  });
  const label = `(σ²=${sigma2.toFixed(3)}, n=${n}, M=${M})`;
  return [
    checkMean({
      label: `SH-2 E log σ_${g}² ${label}`,
      samples: logVariance,
      oracle: shumailovLogVarianceMean({ sigma2, n, M, generation: g }),
      alpha,
      beta: ctx.beta,
      detectable: LOG_DETECTABLE,
    }),
    checkMean({ label: `SH-2 E σ_${h}²/σ² ${label}`, samples: ratio, oracle: 1, alpha, beta: ctx.beta, detectable: RATIO_DETECTABLE }),
  ];
}

describe('SH-2: the unbiased variance keeps its mean but its logarithm drifts to −∞', () => {
  it('holds across generated configurations', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = { sigma2: 1, n: 15, M: 15, g: 6 };
  it('negative control: the ddof-0 variance (pooled-mle convention) is rejected', () => {
    rejectsWrongEngine(claim, 'ddof-0 variance', control, (c, ctx) => check(c, ctx, () => gaussianModel({ dim: 1, covariance: 'pooled-mle' })));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (truth) => syntheticFromTruthEverywhere(gaussianModel({ dim: 1 }), truth)));
  });
});

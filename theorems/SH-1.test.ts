/**
 * @claim SH-1
 * @paper Shumailov et al., Nature 631 (2024), arXiv 2305.17493: the fully synthetic Gaussian (CLAIMS §5.1)
 * @statement Refitting N(μ, σ²) by its mean and UNBIASED variance on M_i draws from the previous fit (round 0 on
 *   n real points), the mean performs a random walk: Var(μ_g) = σ²·(1/n + Σ_{i=1}^{g} M_i⁻¹) — CLAIMS's
 *   σ²Σ_{i<t}1/M_i with the real round counted, t = g + 1 fits — unbounded for constant M_i.
 * @provenance DERIVED (matches Shumailov 2024)
 *
 * Derivation: μ_i = μ_{i−1} + σ_{i−1}Z_i/√M_i with Z_i ~ N(0, 1) independent of the past and E σ_{i−1}² = σ²
 * (the unbiased variance of Gaussian draws keeps E σ_i² = E σ_{i−1}² exactly), so the increments are
 * uncorrelated with variances σ²/M_i and E(μ_g − μ)² = σ²(1/n + Σ 1/M_i). The law of μ_g is a scale mixture
 * of normals (heavier tails than Gaussian, finite moments of every order).
 *
 * Check: per configuration (σ² ∈ [0.2, 5], μ ∈ [−3, 3], n ∈ 2..30, g ∈ 1..6, per-round sizes M_i ∈ 10..40 given
 * through a 'function' schedule), checkMean of (μ_g − μ)² against shumailovMeanVariance, on the engine's exact
 * sufficient-statistic path (replace policy, default unbiased-per-source variance). R from theory: given the
 * variance path, μ_g − μ ~ N(0, V) with V = σ²/n + Σ_i σ_{i−1}²/M_i (each round's sample mean is independent
 * of its sample variance), so Var (μ_g − μ)² = 3·E V² − (E V)² with E[σ_j²σ_k²] = E σ_{min(j,k)}⁴ (martingale)
 * and E σ_j⁴ = σ⁴·((n+1)/(n−1))·Π_{l≤j}(M_l+1)/(M_l−1) — exact (`squaredErrorSd`). Declared smallest
 * detectable error: 10 % of the oracle, false-pass rate ctx.beta.
 *
 * Negative controls (σ² = 1, n = 8, M_i = 8, g = 3): (1) the ddof-0 ('pooled-mle') variance: E σ_i² shrinks by
 * 7/8 per fit, so the walk slows: Var(μ_3) = 1/8 + (1/8)·Σ_{i=1}^{3} (7/8)^i = 0.414 against 0.5 (−17 %);
 * (2) synthetic data drawn from the truth: Var(μ_3) = σ²/M_3 = 0.125 (−75 %).
 *
 * Time budget: ≈ 2 s; measured 1.1 s of test time in the default profile (2 configurations + controls, shared
 * machine), ≈ 8× that in the deep profile.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type GaussianTheta, type Model } from '../src/models/index.js';
import { shumailovMeanVariance } from '../src/theory/index.js';
import { checkMean } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { atGeneration } from './support/simulate.js';
import { plannedSample, simulateMetrics, syntheticFromTruthEverywhere } from './support/accumulate.js';

export const claim: ClaimMeta = {
  id: 'SH-1',
  paper: 'Shumailov et al., Nature 2024 (arXiv 2305.17493)',
  section: 'fully synthetic Gaussian (CLAIMS §5.1)',
  statement: 'Var(μ_g) = σ²(1/n + Σ_{i=1}^{g} 1/M_i) for the fully synthetic refit with the unbiased variance.',
  oracle: 'shumailovMeanVariance (src/theory/shumailov.ts)',
  provenance: 'DERIVED',
  assumptions: 'σ² ∈ [0.2, 5], n ∈ 2..30, g ∈ 1..6, M_i ∈ 10..40 (moderate tails), unbiased (ddof 1) variance',
};

const RELATIVE_DETECTABLE = 0.1;
const PILOT = 600;

interface Config {
  readonly sigma2: number;
  readonly mu: number;
  readonly n: number;
  readonly sizes: readonly number[];
}

const configs = fc.record({
  sigma2: fc.double({ min: 0.2, max: 5, noNaN: true }),
  mu: fc.double({ min: -3, max: 3, noNaN: true }),
  n: fc.integer({ min: 2, max: 30 }),
  sizes: fc.array(fc.integer({ min: 10, max: 40 }), { minLength: 1, maxLength: 6 }),
});

/** The exact sd of (μ_g − μ)² (header): √(3·E V² − (E V)²). */
function squaredErrorSd(sigma2: number, n: number, sizes: readonly number[]): number {
  const g = sizes.length;
  const weights = [1 / n, ...sizes.map((M) => 1 / M)]; // a_i² for the terms s_0 = σ², s_i = σ²_{i−1}
  const fourth = new Float64Array(g); // E σ_j⁴ / σ⁴ for j = 0..g−1
  let product = (n + 1) / (n - 1);
  for (let j = 0; j < g; j++) {
    if (j > 0) product *= (sizes[j - 1] + 1) / (sizes[j - 1] - 1);
    fourth[j] = product;
  }
  let meanV = 0;
  let secondV = 0;
  for (let i = 0; i <= g; i++) {
    meanV += weights[i];
    for (let k = 0; k <= g; k++) secondV += weights[i] * weights[k] * (Math.min(i, k) === 0 ? 1 : fourth[Math.min(i, k) - 1]);
  }
  return sigma2 * Math.sqrt(3 * secondV - meanV * meanV);
}

function check(config: Config, ctx: ClaimContext, makeModel: (truth: GaussianTheta) => Model<GaussianTheta> = () => gaussianModel({ dim: 1 })) {
  const { sigma2, mu, n, sizes } = config;
  const g = sizes.length;
  const truth: GaussianTheta = { mean: Float64Array.of(mu), cov: Float64Array.of(sigma2) };
  const model = makeModel(truth);
  const schedule = { kind: 'function', c: (t: number) => sizes[t - 1] / n, label: 'M_t / n' } as const;
  const policy = { kind: 'replace', n, schedule } as const;
  const sampling = model.summaries ? 'sufficient' : 'explicit';
  const errors = (key: ClaimContext['key'], replications: number, first = 0) =>
    atGeneration(simulateMetrics({ model, truth, policy, generations: g, key, replications, first, metrics: { mean: model.metrics.mean }, sampling }).mean, g, g);
  const oracle = shumailovMeanVariance({ sigma2, n, sizes });
  const detectable = RELATIVE_DETECTABLE * oracle;
  const samples = plannedSample(ctx, {
    detectable,
    alpha: ctx.alpha,
    theorySd: squaredErrorSd(sigma2, n, sizes),
    pilot: () => errors(ctx.key.child('pilot'), PILOT),
    draw: (first, count) => errors(ctx.key, count, first),
  });
  return checkMean({
    label: `SH-1 Var(μ_${g}) (σ²=${sigma2.toFixed(3)}, n=${n}, M=${sizes.join(',')})`,
    samples,
    oracle,
    alpha: ctx.alpha,
    beta: ctx.beta,
    detectable,
  });
}

describe('SH-1: the fully synthetic Gaussian mean is a random walk', () => {
  it('holds across generated configurations', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = { sigma2: 1, mu: 0.5, n: 8, sizes: [8, 8, 8] };
  it('negative control: the ddof-0 variance (pooled-mle convention) is rejected', () => {
    rejectsWrongEngine(claim, 'ddof-0 variance', control, (c, ctx) => check(c, ctx, () => gaussianModel({ dim: 1, covariance: 'pooled-mle' })));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (truth) => syntheticFromTruthEverywhere(gaussianModel({ dim: 1 }), truth)));
  });
});

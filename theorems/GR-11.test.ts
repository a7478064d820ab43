/**
 * @claim GR-11
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3.1 Corollary 1 case 1 (w = 0)
 * @statement Fully synthetic 1-D Gaussian (round 0 fits n real points, every later round fits m points drawn
 *   from the previous fit; variance estimated with the unbiased ddof-1 estimator):
 *   E(σ_t² − σ²)² = σ⁴[((m+1)/(m−1))^t·(n+1)/(n−1) − 1], which grows exponentially in t.
 * @provenance DERIVED (CLAIMS.md §1.5 case 1, §5.1, §8 GR-11)
 *
 * Deterministic part (independent routes to the closed form fullySyntheticVarianceError):
 *   - the exact product of chi-square moments: σ_t² = σ²·Π_{i≤t} χ²_{k_i}/k_i with independent factors,
 *     k_0 = n − 1, k_i = m − 1, and E(χ²_k/k)² = (k + 2)/k, so E σ_t⁴ = σ⁴·Π (k_i + 2)/k_i, and with
 *     E σ_t² = σ² the error is E σ_t⁴ − σ⁴ (computed here as a product, not as a power);
 *   - the coupled covariance recursion of GR-9 (freshCovarianceError) at w = 0 with P = Q = σ⁴;
 *   - exponential growth: (Err_t + σ⁴)/(Err_{t−1} + σ⁴) = (m+1)/(m−1) > 1 exactly, so Err_t → ∞ for every n, m;
 *   - the contrast of CLAIMS §1.4 (caveat): with the ddof-0 MLE, E σ_t² = σ²((n−1)/n)((m−1)/m)^t and
 *     E σ_t⁴ = σ⁴((n²−1)/n²)((m²−1)/m²)^t, so the error stays below 2σ⁴ and tends to σ⁴ (bounded; it can
 *     exceed σ⁴ on the way, e.g. 1.7σ⁴ at n = 5, m = 50, t = 100, because E σ_t² decays faster than E σ_t⁴).
 *
 * Monte Carlo (the claim's own quantity, not a log-moment): configurations n ∈ 40..150, m ∈ 40..150,
 * t ∈ 1..4, σ² log-uniform in [0.1, 10], μ uniform in [−3, 3]; the engine runs the replace policy with m = n·c
 * synthetic points per round (schedule constant c = m/n) on the exact sufficient-statistic fast path.
 * R replications of (σ_t² − σ²)² are compared with the closed form by checkMean. Declared smallest
 * detectable error: 10 % of the oracle (false-pass rate ctx.beta). Why these ranges: the error is the
 * square of a product of t + 1 scaled chi-squares, whose upper tail grows with s² = 2/(n−1) + 2t/(m−1)
 * (Var log σ_t² ≈ s²); at n, m ≥ 40 and t ≤ 4, s² ≤ 0.26 and the per-replication sd/mean stays about 1.5–2.5
 * (measured), where a CLT mean needs 10⁴–5·10⁴ replications; at small m or large t the mean is dominated by
 * rare huge values (CLAIMS §5.1, §6.5: at t = 200, M = 20 the sample mean of σ_t² is 0.58 against 1) and a
 * mean test would be biased low. The growth itself (factor (m+1)/(m−1) per round, any t) is checked exactly
 * in the deterministic part. R is planned from a 400-replication pilot on ctx.key.child('pilot') with one
 * variance-only top-up (support/covariance.ts plannedMeanCheck).
 *
 * Negative controls, at n = m = 10, t = 1, σ² = 1 (oracle (11/9)² − 1 = 0.494; a cheap configuration):
 *   (1) the ddof-0 ('pooled-mle') variance: exact error E σ⁴ − 2σ²E σ² + σ⁴ = 0.9801 − 1.62 + 1 = 0.360, −27 %;
 *   (2) synthetic data drawn from the truth: σ_1² = σ²χ²_9/9, error 2σ⁴/9 = 0.222, −55 %.
 * Both are far above the declared 10 %.
 *
 * Budget: numRuns 2 (deep profile 20); measured 1.7–2.1 s of CPU for the file beyond vitest's start-up.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type GaussianTheta, type Model } from '../src/models/index.js';
import { freshCovarianceError, fullySyntheticVarianceError } from '../src/theory/index.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { errorsAt, plannedMeanCheck, syntheticFromTruthEverywhere, uniformReal } from './support/covariance.js';

export const claim: ClaimMeta = {
  id: 'GR-11',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3.1 Corollary 1 case 1 (fully synthetic, covariance)',
  statement: 'Fully synthetic 1-D: E(σ_t² − σ²)² = σ⁴[((m+1)/(m−1))^t·(n+1)/(n−1) − 1] (exponential growth), unbiased variance.',
  oracle: 'fullySyntheticVarianceError (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'MC: d = 1, n, m ∈ 40..150, t ∈ 1..4, σ² ∈ [0.1, 10]; unbiased (ddof 1) variance; exact sufficient-statistic sampling',
};

const RELATIVE_DETECTABLE = 0.1;

interface Config {
  readonly sigma2: number;
  readonly mu: number;
  readonly n: number;
  readonly m: number;
  readonly t: number;
}

const configs = fc.record({
  sigma2: uniformReal(Math.log(0.1), Math.log(10)).map(Math.exp),
  mu: uniformReal(-3, 3),
  n: fc.noBias(fc.integer({ min: 40, max: 150 })),
  m: fc.noBias(fc.integer({ min: 40, max: 150 })),
  t: fc.noBias(fc.integer({ min: 1, max: 4 })),
});

/** The replace policy with m synthetic points per round: round(n·(m/n)) = m. */
function fullySynthetic(n: number, m: number) {
  return { kind: 'replace', n, schedule: { kind: 'constant', c: m / n } } as const;
}

function check(config: Config, ctx: ClaimContext, makeModel: (truth: GaussianTheta) => Model<GaussianTheta> = () => gaussianModel({ dim: 1 })) {
  const { sigma2, mu, n, m, t } = config;
  const truth: GaussianTheta = { mean: Float64Array.of(mu), cov: Float64Array.of(sigma2) };
  const model = makeModel(truth);
  const oracle = fullySyntheticVarianceError({ sigma2, n, m, t });
  const policy = fullySynthetic(n, m);
  return plannedMeanCheck({
    label: `GR-11 E(σ_${t}² − σ²)² (σ²=${sigma2.toPrecision(3)}, n=${n}, m=${m})`,
    key: ctx.key,
    simulate: (key, first, replications) => errorsAt({ model, truth, policy, t, key, first, replications, sampling: 'sufficient' }),
    oracle,
    detectable: RELATIVE_DETECTABLE * oracle,
    alpha: ctx.alpha,
    beta: ctx.beta,
  });
}

const exactConfigs = fc.record({
  sigma2: fc.oneof(fc.double({ min: 0.01, max: 100, noNaN: true }), uniformReal(Math.log(0.01), Math.log(100)).map(Math.exp)),
  n: fc.integer({ min: 2, max: 1000 }),
  m: fc.integer({ min: 2, max: 1000 }),
  t: fc.integer({ min: 0, max: 200 }),
});

describe('GR-11: fully synthetic 1-D variance error (exponential growth)', () => {
  it('closed form = product of chi-square moments = the w = 0 covariance recursion, growing by (m+1)/(m−1) per round', () => {
    fc.assert(
      fc.property(exactConfigs, ({ sigma2, n, m, t }) => {
        const s4 = sigma2 * sigma2;
        const closed = fullySyntheticVarianceError({ sigma2, n, m, t });
        // E σ_t⁴ as a product of the second moments (k + 2)/k of the independent factors χ²_k/k.
        let secondMoment = s4 * ((n - 1 + 2) / (n - 1));
        for (let i = 1; i <= t; i++) secondMoment *= (m - 1 + 2) / (m - 1);
        const product = secondMoment - s4;
        expect(Math.abs(closed - product)).toBeLessThanOrEqual(1e-11 * (secondMoment + s4));
        const recursion = freshCovarianceError({ frobeniusSquared: s4, traceSquared: s4, n, m, w: 0, t });
        expect(Math.abs(closed - recursion)).toBeLessThanOrEqual(1e-11 * (secondMoment + s4));
        if (t >= 1) {
          const previous = fullySyntheticVarianceError({ sigma2, n, m, t: t - 1 });
          const growth = (closed + s4) / (previous + s4);
          expect(Math.abs(growth - (m + 1) / (m - 1))).toBeLessThanOrEqual(1e-12 * growth);
          expect(closed).toBeGreaterThan(previous);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
    // Divergence: for any n, m the error passes any bound (here 10⁶σ⁴) at a finite t.
    for (const [n, m] of [[2, 1000], [1000, 1000], [50, 5]] as const) {
      const t = Math.ceil(Math.log(1e6 + 1) / Math.log((m + 1) / (m - 1)));
      expect(fullySyntheticVarianceError({ sigma2: 1, n, m, t })).toBeGreaterThan(1e6);
    }
  });

  it('contrast (CLAIMS §1.4 caveat): with the ddof-0 MLE the fully synthetic error stays below 2σ⁴ and tends to σ⁴', () => {
    // Exact moments of σ_t² = σ²·((n−1)/n)·χ²_{n−1}/(n−1)·Π ((m−1)/m)·χ²_{m−1}/(m−1) (independent factors).
    const mleError = (n: number, m: number, t: number) =>
      ((n * n - 1) / (n * n)) * ((m * m - 1) / (m * m)) ** t - 2 * ((n - 1) / n) * ((m - 1) / m) ** t + 1;
    for (const [n, m] of [[10, 10], [5, 50], [100, 3]] as const) {
      // E σ_t⁴ ≤ σ⁴ and E σ_t² ≥ 0, so the error E σ_t⁴ − 2σ²E σ_t² + σ⁴ is below 2σ⁴ for every t (bounded).
      for (const t of [1, 10, 100, 10_000]) expect(mleError(n, m, t)).toBeLessThan(2);
      expect(Math.abs(mleError(n, m, 1_000_000) - 1)).toBeLessThan(1e-3);
    }
    // The negative-control numbers quoted in the header.
    expect(mleError(10, 10, 1)).toBeCloseTo(0.3601, 4);
    expect(fullySyntheticVarianceError({ sigma2: 1, n: 10, m: 10, t: 1 })).toBeCloseTo((11 / 9) ** 2 - 1, 12);
  });

  it('holds across generated configurations (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = { sigma2: 1, mu: 0.5, n: 10, m: 10, t: 1 };
  it('negative control: the ddof-0 (pooled-mle) variance is rejected', () => {
    rejectsWrongEngine(claim, 'ddof-0 variance', control, (c, ctx) => check(c, ctx, () => gaussianModel({ dim: 1, covariance: 'pooled-mle' })));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (truth) => syntheticFromTruthEverywhere(gaussianModel({ dim: 1 }), truth)));
  });
});

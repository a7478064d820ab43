/**
 * @claim IM-3
 * @paper 2505.19046 (Barzilai & Shamir), §3.2; Gerstgrasser et al. 2024 (arXiv 2404.01413) replace vs accumulate
 * @statement Fully synthetic replacement (n points per generation) makes the Gaussian-mean error grow
 *   linearly, E‖μ_g − μ‖² = (g + 1)·trΣ/n (unbounded), while accumulating keeps it at
 *   (trΣ/n)·Σ_{j=1}^{g+1} 1/j² ≤ (π²/6)·trΣ/n; the gap (g + 1 − Σ_{j≤g+1} 1/j²)·trΣ/n grows without bound.
 *   (Loop indexing: g = 0 is the real-only fit; CLAIMS writes t = g + 1.)
 * @provenance DERIVED (CLAIMS §3.2, §5.2)
 *
 * Derivation (known Σ): replace: μ_g = μ_{g−1} + ε_g with ε_g ~ N(0, Σ/n) independent, so μ_g − μ ~
 * N(0, (g + 1)Σ/n); accumulate: μ_g = μ_{g−1} + ε_g/(g + 1), so μ_g − μ ~ N(0, S·Σ/n), S = Σ_{j≤g+1} 1/j².
 *
 * Check: per configuration (d ∈ 1..3, random SPD Σ and μ, n ∈ 1..40, g ∈ 2..8) the two policies run on
 * common random numbers (same key: the same D_0 in every replication) on the exact sufficient-statistic path,
 * known covariance. Two assertions at ctx.alpha/2:
 *  (a) replace: checkMean of ‖μ_g − μ‖² against (g + 1)·trΣ/n — R from theory, sd = √(2‖Σ‖_F²)(g + 1)/n, topped
 *      up (plannedSamples) when the realised sd of the χ²-like statistic says R is short;
 *      declared smallest detectable error 10 % of the oracle, false-pass rate ctx.beta;
 *  (b) paired CRN difference replace − accumulate at g: checkPairedSign 'positive' with the theory's effect
 *      (g + 1 − S)·trΣ/n (≥ 1.64·trΣ/n at g = 2); it passes with rate ≤ ctx.beta when there is no gap.
 * Accumulate's exact value (and so its π²/6 bound) is IM-1's assertion; here it enters through the gap.
 *
 * Negative controls (d = 3, Σ = I, n = 8, g = 2): (1) "replace presented as accumulate" (accumulate's fit sees
 * only the latest synthetic set): the paired gap vanishes (theory 1.64·trΣ/n); (2) synthetic data drawn from
 * the truth: replace's error stays trΣ/n, −67 % against (a)'s oracle 3·trΣ/n.
 *
 * Time budget: ≈ 2 s; measured 1.1 s of test time in the default profile (2 configurations + controls, shared
 * machine), ≈ 8× that in the deep profile.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type GaussianTheta, type Model } from '../src/models/index.js';
import { replaceMeanError, inverseSquareSum } from '../src/theory/index.js';
import { checkMean, checkPairedSign } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { gaussianTruth, traces } from './support/arbitraries.js';
import { atGeneration } from './support/simulate.js';
import { latestSetOnly, pairedDifference, plannedSamples, simulateMetrics, syntheticFromTruthEverywhere } from './support/accumulate.js';

export const claim: ClaimMeta = {
  id: 'IM-3',
  paper: '2505.19046 (Barzilai & Shamir); 2404.01413 (Gerstgrasser et al.)',
  section: '§3.2; replace vs accumulate',
  statement: 'Replace: E‖μ_g − μ‖² = (g+1)trΣ/n (unbounded); accumulate: (trΣ/n)Σ_{j≤g+1}1/j² ≤ (π²/6)trΣ/n; replace − accumulate > 0 on common random numbers.',
  oracle: 'replaceMeanError, inverseSquareSum (src/theory/accumulate.ts)',
  provenance: 'DERIVED',
  assumptions: 'd ∈ 1..3, SPD Σ, n ∈ 1..40, g ∈ 2..8, known covariance, n points per generation',
};

const RELATIVE_DETECTABLE = 0.1;
const PILOT = 600;

interface Config {
  readonly d: number;
  readonly sigma: Float64Array;
  readonly mean: Float64Array;
  readonly n: number;
  readonly g: number;
}

const configs = fc
  .record({ truth: gaussianTruth({ min: 1, max: 3 }), n: fc.integer({ min: 1, max: 40 }), g: fc.integer({ min: 2, max: 8 }) })
  .map(({ truth, ...rest }): Config => ({ ...truth, ...rest }));

type Wrap = (base: Model<GaussianTheta>, truth: GaussianTheta, policy: 'replace' | 'accumulate') => Model<GaussianTheta>;

function check(config: Config, ctx: ClaimContext, wrap?: Wrap) {
  const { d, sigma, mean, n, g } = config;
  const truth: GaussianTheta = { mean, cov: sigma };
  const { trace, frobeniusSquared } = traces(sigma, d);
  const alpha = ctx.alpha / 2;
  const base = gaussianModel({ dim: d, known: { cov: sigma } });
  const replaceModel = wrap ? wrap(base, truth, 'replace') : base;
  const accumulateModel = wrap ? wrap(base, truth, 'accumulate') : base;
  const run = (kind: 'replace' | 'accumulate', key: ClaimContext['key'], replications: number, first = 0) => {
    const model = kind === 'replace' ? replaceModel : accumulateModel;
    const sampling = model.summaries ? 'sufficient' : 'explicit';
    return atGeneration(simulateMetrics({ model, truth, policy: { kind, n }, generations: g, key, replications, first, metrics: { mean: model.metrics.mean }, sampling }).mean, g, g);
  };

  const oracleReplace = replaceMeanError({ traceSigma: trace, n, generation: g });
  const S = inverseSquareSum(g + 1);
  // R from theory (the pilot for a negative control), topped up if the realised sd says R is short (calibration
  // found one refusal in 400 configurations when R was planned once: seed calibration-132, d = 3, n = 3, g = 2)
  const { replace, accumulate } = plannedSamples<'replace' | 'accumulate'>(ctx, {
    alpha,
    statistics: { replace: { detectable: RELATIVE_DETECTABLE * oracleReplace, theorySd: (Math.sqrt(2 * frobeniusSquared) * (g + 1)) / n } },
    pilot: () => ({ replace: run('replace', ctx.key.child('pilot'), PILOT) }),
    // same key for both schemes: common random numbers
    draw: (first, count) => ({ replace: run('replace', ctx.key, count, first), accumulate: run('accumulate', ctx.key, count, first) }),
  });
  const label = `(d=${d}, n=${n}, g=${g})`;
  return [
    checkMean({ label: `IM-3 replace E‖μ_${g} − μ‖² ${label}`, samples: replace, oracle: oracleReplace, alpha, beta: ctx.beta, detectable: RELATIVE_DETECTABLE * oracleReplace }),
    checkPairedSign({
      label: `IM-3 replace − accumulate > 0 on CRN ${label}`,
      differences: pairedDifference(replace, accumulate),
      direction: 'positive',
      expectedEffect: ((g + 1 - S) * trace) / n,
      alpha,
      beta: ctx.beta,
    }),
  ];
}

describe('IM-3: replace grows linearly, accumulate stays below π²/6', () => {
  it('holds across generated configurations', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = { d: 3, sigma: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), mean: Float64Array.of(1, -1, 0), n: 8, g: 2 };
  it('negative control: replace presented as accumulate (accumulate fits only the latest set) is rejected', () => {
    // accumulate then has replace's law: the paired gap is 0 against the theory's (3 − 1.36)·trΣ/n
    rejectsWrongEngine(claim, 'latest set only', control, (c, ctx) => check(c, ctx, (b, _truth, kind) => (kind === 'accumulate' ? latestSetOnly(b, c.n) : b)));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    // replace's error stays trΣ/n against the oracle 3·trΣ/n (−67 %)
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => check(c, ctx, (b, truth) => syntheticFromTruthEverywhere(b, truth)));
  });
});

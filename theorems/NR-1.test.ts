/**
 * @claim NR-1
 * @paper 2505.19046 (Barzilai & Shamir, "When Models Don't Collapse"), §3.3 negative results: "some assumptions
 *   (beyond MLE consistency) are indeed necessary" — here the support assumption (Assumption 1, §3.2) fails
 * @statement For the non-regular Uniform(0, θ) family (support depending on θ) with its consistent MLE θ̂ = max x_i:
 *   - replace (n points per generation): n·log(θ/θ̂_g) ~ Gamma(g + 1, 1) exactly, so E log(θ̂_g/θ) = −(g + 1)/n and
 *     E θ̂_g/θ = (n/(n + 1))^{g+1} → 0: the loop collapses to 0 geometrically, because the MLE's O(1/n) downward
 *     bias compounds multiplicatively — consistency alone does not protect the loop;
 *   - accumulate: θ̂_g = θ̂_0 for every g, pathwise (every synthetic point lies below the pool's max), so
 *     n·log(θ/θ̂_g) ~ Exponential(1) for every g.
 *   (Loop indexing: g = 0 is the real-only fit; the brief's E log(θ̂_t/θ) = −(t + 1)/n with t = g.)
 * @provenance DERIVED here (src/theory/uniformCollapse.ts); illustrates the SRC-sum negative result (the paper's
 *   own construction was not recovered)
 *
 * Derivation: the max of N i.i.d. Uniform(0, θ′) is θ′·U^{1/N}, and −N·log U^{1/N} = −log U ~ Exp(1). Under
 * replace θ̂_g = θ̂_{g−1}·U_g^{1/n} with independent U_g, so n·log(θ/θ̂_g) is a sum of g + 1 independent Exp(1);
 * E θ̂_g/θ = (E U^{1/n})^{g+1} = (n/(n+1))^{g+1}, E(θ̂_g/θ)² = (n/(n+2))^{g+1}. Under accumulate the pool's max
 * is D_0's max forever.
 *
 * Check: per configuration (θ ∈ [0.5, 5], n ∈ 5..30, g ∈ 1..12), both policies on the same key (explicit
 * sampling; the model is src/models/uniform.ts). Assertions:
 *  (a) replace, distribution: checkDKW of n·log(θ/θ̂_g) against the Gamma(g + 1, 1) CDF (distribution-free;
 *      detects a CDF error of 2ε ≈ 0.1 at R = 2500);
 *  (b) replace, mean: checkMean of θ̂_g/θ against (n/(n+1))^{g+1}, R from the exact sd; detectable 10 % of it;
 *  (c) accumulate, pathwise: θ̂_g = θ̂_0 exactly in every replication (exactCheck, no tolerance);
 *  (d) accumulate, distribution: checkDKW of n·log(θ/θ̂_g) against Exp(1).
 * The three statistical assertions share ctx.alpha/3 each; false-pass rate ctx.beta for (b).
 *
 * Negative controls (θ = 2, n = 10, g = 6): (1) "replace presented as accumulate" (the accumulate fit sees only
 * the latest synthetic set): (c) fails and (d) sees Gamma(7, 1) instead of Exp(1); (2) a wrong drift constant:
 * the bias-corrected estimator θ̂ = max·(N + 1)/N ("unbiased" at each step) — under replace n·log(θ/θ̂_6) is
 * Gamma(7, 1) shifted by −7n·log(11/10) = −6.7 (sup CDF error ≈ 0.8) and E θ̂_6/θ = 1 against 0.51.
 *
 * Time budget: ≈ 2 s; measured 0.8 s of test time in the default profile (2 configurations + controls, shared
 * machine), ≈ 8× that in the deep profile.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { uniformModel, type UniformTheta } from '../src/models/uniform.js';
import type { Model, WeightedSource } from '../src/models/index.js';
import { uniformReplaceLogShrinkageCdf, uniformReplaceMeanRatio } from '../src/theory/index.js';
import { checkDKW, checkMean, requiredReplications } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { atGeneration } from './support/simulate.js';
import { exactCheck, latestSetOnly, simulateMetrics } from './support/accumulate.js';

export const claim: ClaimMeta = {
  id: 'NR-1',
  paper: '2505.19046 (Barzilai & Shamir)',
  section: '§3.3 negative results (support assumption violated)',
  statement: 'Uniform(0, θ), MLE max x_i: replace gives n·log(θ/θ̂_g) ~ Gamma(g+1, 1) and E θ̂_g/θ = (n/(n+1))^{g+1} → 0; accumulate keeps θ̂_g = θ̂_0 pathwise.',
  oracle: 'uniformReplaceLogShrinkageCdf, uniformReplaceMeanRatio (src/theory/uniformCollapse.ts)',
  provenance: 'DERIVED',
  assumptions: 'θ ∈ [0.5, 5], n ∈ 5..30, g ∈ 1..12, n points per generation',
};

const DKW_REPLICATIONS = 2500;
const RELATIVE_DETECTABLE = 0.1;

interface Config {
  readonly theta: number;
  readonly n: number;
  readonly g: number;
}

const configs = fc.record({ theta: fc.double({ min: 0.5, max: 5, noNaN: true }), n: fc.integer({ min: 5, max: 30 }), g: fc.integer({ min: 1, max: 12 }) });

type Wrap = (base: Model<UniformTheta>, policy: 'replace' | 'accumulate', n: number) => Model<UniformTheta>;

/** WRONG ENGINE: the bias-corrected estimator θ̂ = max·(N + 1)/N (N the points of positive weight). */
function biasCorrected(model: Model<UniformTheta>): Model<UniformTheta> {
  return {
    ...model,
    name: 'uniform/bias-corrected',
    fit: (sources: readonly WeightedSource[]) => {
      let size = 0;
      for (const s of sources) if (s.weight > 0) size += s.data.size;
      return { upper: (model.fit(sources).upper * (size + 1)) / size };
    },
  };
}

function check(config: Config, ctx: ClaimContext, wrap?: Wrap) {
  const { theta, n, g } = config;
  const truth: UniformTheta = { upper: theta };
  const base = uniformModel();
  const alpha = ctx.alpha / 3;
  const oracleMean = uniformReplaceMeanRatio({ n, generation: g });
  const sd = Math.sqrt((n / (n + 2)) ** (g + 1) - oracleMean * oracleMean);
  const replications = Math.max(DKW_REPLICATIONS, requiredReplications({ sd: 1.08 * sd, detectable: RELATIVE_DETECTABLE * oracleMean, alpha, beta: ctx.beta }));
  const metrics = {
    logShrinkage: (estimate: UniformTheta) => n * Math.log(theta / estimate.upper),
    ratio: (estimate: UniformTheta) => estimate.upper / theta,
  };
  const run = (kind: 'replace' | 'accumulate') => {
    const model = wrap ? wrap(base, kind, n) : base;
    return simulateMetrics({ model, truth, policy: { kind, n }, generations: g, key: ctx.key, replications, metrics });
  };
  const replace = run('replace');
  const accumulate = run('accumulate');
  let deviation = 0;
  for (let r = 0; r < replications; r++) {
    const row = accumulate.ratio.subarray(r * (g + 1), (r + 1) * (g + 1));
    for (let t = 1; t <= g; t++) deviation = Math.max(deviation, Math.abs(row[t] - row[0]));
  }
  const label = `(θ=${theta.toFixed(3)}, n=${n}, g=${g})`;
  return [
    checkDKW({ label: `NR-1 replace n·log(θ/θ̂_${g}) ~ Gamma(${g + 1}, 1) ${label}`, samples: atGeneration(replace.logShrinkage, g, g), cdf: uniformReplaceLogShrinkageCdf({ generation: g }), alpha }),
    checkMean({ label: `NR-1 replace E θ̂_${g}/θ ${label}`, samples: atGeneration(replace.ratio, g, g), oracle: oracleMean, alpha, beta: ctx.beta, detectable: RELATIVE_DETECTABLE * oracleMean }),
    exactCheck(`NR-1 accumulate θ̂_t = θ̂_0 for t ≤ ${g} ${label}`, deviation, 0, replications, 'pathwise identity (the pool max never moves)'),
    checkDKW({ label: `NR-1 accumulate n·log(θ/θ̂_${g}) ~ Exp(1) ${label}`, samples: atGeneration(accumulate.logShrinkage, g, g), cdf: uniformReplaceLogShrinkageCdf({ generation: 0 }), alpha }),
  ];
}

describe('NR-1: a non-regular MLE (Uniform(0, θ)) collapses under replace, freezes under accumulate', () => {
  it('holds across generated configurations', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 2, check: (c, ctx) => check(c, ctx) });
  });

  const control: Config = { theta: 2, n: 10, g: 6 };
  it('negative control: replace presented as accumulate (the pool fit sees only the latest set) is rejected', () => {
    rejectsWrongEngine(claim, 'latest set only', control, (c, ctx) => check(c, ctx, (base, kind, n) => (kind === 'accumulate' ? latestSetOnly(base, n) : base)));
  });
  it('negative control: a wrong drift (the bias-corrected estimator max·(N+1)/N) is rejected', () => {
    rejectsWrongEngine(claim, 'bias-corrected estimator', control, (c, ctx) => check(c, ctx, (base) => biasCorrected(base)));
  });
});

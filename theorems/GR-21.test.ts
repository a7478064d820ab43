/**
 * @claim GR-21
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), discrete analogue of Theorem 3 (the
 *   Adult workclass / education / marital-status experiment)
 * @statement For a categorical p over K classes and the weighted frequencies p̂_t = w·p̂_real + (1 − w)·p̂_syn,
 *   err_t = E Σ_c (p̂_{t,c} − p_c)² is exactly err_0 = g/n, err_t = g(w²/n + B/m) + B(1 − 1/m)·err_{t−1} with
 *   g = 1 − Σp_c², B = (1 − w)²; the limit is g(w²/n + B/m)/(1 − B(1 − 1/m)); at w = 0 the limit is g = 1 − Σp²
 *   (Wright–Fisher fixation on one category).
 * @provenance DERIVED (CLAIMS.md §1.10, "Discrete (categorical) analogue"; MC-verified there)
 *
 * Part A (finite t): for each configuration (K ∈ 2..8, p with independent uniform weights in [0.2, 1]
 * normalised, n, m ∈ 2..50, w ∈ [0, 1], t ∈ 1..15) R replications of the squared error Σ_c(p̂_{t,c} − p_c)² are
 * compared with the exact categoricalError by checkMean (CLT; the error lies in [0, 2], so it has every moment;
 * its coefficient of variation is at most about √2, the χ²₁ value reached at K = 2). Declared smallest
 * detectable error: 10 % of the oracle.
 *
 * Part B (w = 0, t → ∞): K ∈ 3..8, n ∈ 2..50, m ∈ 2..6, T (≤ 38) the first round with (1 − 1/n)(1 − 1/m)^T ≤
 * 10⁻³, so the exact error g − g(1 − 1/n)(1 − 1/m)^T is within 0.1 % of the limit g. (At fixation the error's
 * coefficient of variation is 2√(Σp³ − (Σp²)²)/(1 − Σp²): up to 1.8 at K = 2 against ≤ 1.2 for K ≥ 3 with these p,
 * and every round costs a generation; K ≥ 3 and m ≤ 6 keep part B near 1 CPU-second.) Three assertions:
 *   (1) E err_T = 1 − Σp², checkMean with the DERIVED tolerance g(1 − 1/n)(1 − 1/m)^T (the exact gap of the
 *       finite-T mean); declared detectable 10 % of g;
 *   (2) fixation: P(p̂_T is not a point mass) ≤ b_T = g(1 − 1/n)(1 − 1/m)^T·m²/(2(m − 1)); derivation: the
 *       heterozygosity H_t = 1 − Σ_c p̂_{t,c}² has E H_0 = g(1 − 1/n) and E H_t = (1 − 1/m)E H_{t−1} (multinomial
 *       resampling of m), and H_t ≥ 2(m − 1)/m² unless p̂_t is a point mass, so Markov's inequality gives b_T;
 *       checkProportion ('at-most', exact Clopper–Pearson), declared detectable 0.1 in probability;
 *   (3) every fixed replication on category c has error (1 − p_c)² + Σ_{c′≠c} p_{c′}² = 1 − 2p_c + Σp² (an exact
 *       identity, to 1e−12); its mean over c ~ p is 1 − 2Σp² + Σp² = 1 − Σp².
 * Part B runs the policy `replace` with c = m/n, bit-identical to the fresh scheme at w = 0 without its unused
 * real draws (asserted for the empirical model in GR-18; the loop code is the same for every model).
 *
 * Rates: the claim's α is split in half between the parts, and part B's half over its two statistical
 * assertions. R: replicateUntilPowered (Chow–Robbins sequential rule; support/nonparametric.ts).
 * Sampling: the exact sufficient-statistic path (`sampling: 'sufficient'`: multinomial counts drawn directly,
 * src/models/categoricalSummaries.ts), whose estimates have exactly the law of explicit sampling; the claim is
 * thus also a check of that path. The negative controls wrap both the explicit model and its summaries
 * (support/nonparametric.ts, *AllPaths): the wrappers of wrongEngines.ts alone do not reach the fast path.
 *
 * Deterministic: categoricalError equals the closed geometric form; the limit is its fixed point; w = 0 gives
 * 1 − Σp² for every n, m; err_0 = (1 − Σp²)/n.
 *
 * Negative controls (K = 3, p = (0.2, 0.3, 0.5), n = m = 5, w = 0.3, t = 4; oracle 0.1185): (1) the frequencies
 * computed with the wrong weights (w on synthetic, 1 − w on real): oracle at 1 − w = 0.0776 (−35 %); (2)
 * synthetic data drawn from the truth: g(w²/n + B/m) = 0.0720 (−39 %). Both far above the 10 % declared.
 *
 * Budget: about 0.8 CPU-seconds measured with the sufficient-statistic path (several times more with explicit rows).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { categoricalModel, type CategoricalTheta, type Model } from '../src/models/index.js';
import { categoricalError, categoricalLimit } from '../src/theory/index.js';
import { checkMean, checkProportion, requiredReplications, type CheckResult } from '../src/stats/assert.js';
import { zUpper } from '../src/stats/quantiles.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { uniformOn, finalErrors, atFinalGeneration, replicateUntilPowered, columnSd, swappedWeightsAllPaths, syntheticFromTruthAllPaths } from './support/nonparametric.js';

export const claim: ClaimMeta = {
  id: 'GR-21',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: 'discrete analogue of Theorem 3 (Adult categorical experiment)',
  statement: 'err_t = g(w²/n + B/m) + B(1 − 1/m)err_{t−1}, err_0 = g/n, g = 1 − Σp²; limit g(w²/n + B/m)/(1 − B(1 − 1/m)); w = 0 gives 1 − Σp².',
  oracle: 'categoricalError, categoricalLimit (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'K ∈ 2..8, random p (weights in [0.2, 1]), n, m ∈ 2..50, w ∈ [0, 1], t ∈ 1..15 (finite t); w = 0, K ∈ 3..8, m ∈ 2..6 (t → ∞)',
};

const SAMPLING = 'sufficient' as const;
const RELATIVE_DETECTABLE = 0.1;
const LIMIT_GAP = 1e-3;
const UNFIXED_DETECTABLE = 0.1;

/**
 * A probability vector over K ∈ minK..8 classes: independent weights uniform on [0.2, 1], normalised (so every
 * p_c ≥ 0.2/(0.2 + K − 1)). The lower bound on the weights bounds the error's coefficient of variation, hence
 * the cost: at p = (0.93, 0.07) and small w it reaches 2.4 and R ≈ 30 000.
 */
function probabilities(minK = 2): fc.Arbitrary<number[]> {
  return fc.integer({ min: minK, max: 8 }).chain((K) =>
    fc.array(uniformOn(0.2, 1), { minLength: K, maxLength: K }).map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      return weights.map((x) => x / total);
    }),
  );
}

function sumOfSquares(p: readonly number[]): number {
  return p.reduce((s, x) => s + x * x, 0);
}

/** A truth whose entries sum to 1 to rounding (normalised once more in double precision). */
function truthOf(p: readonly number[]): CategoricalTheta {
  const probs = Float64Array.from(p);
  let total = 0;
  for (const x of probs) total += x;
  for (let c = 0; c < probs.length; c++) probs[c] /= total;
  return { probs };
}

type Wrong = (base: Model<CategoricalTheta>, truth: CategoricalTheta) => Model<CategoricalTheta>;

// ---------------------------------------------------------------------------------------------- part A: finite t
interface FiniteConfig {
  readonly p: readonly number[];
  readonly n: number;
  readonly m: number;
  readonly w: number;
  readonly t: number;
}

const finiteConfigs: fc.Arbitrary<FiniteConfig> = fc.noBias(
  fc.record({ p: probabilities(), n: fc.integer({ min: 2, max: 50 }), m: fc.integer({ min: 2, max: 50 }), w: uniformOn(0, 1), t: fc.integer({ min: 1, max: 15 }) }),
);

function checkFinite(config: FiniteConfig, ctx: ClaimContext, wrong: Wrong = (b) => b) {
  const { p, n, m, w, t } = config;
  const truth = truthOf(p);
  const model = wrong(categoricalModel(p.length), truth);
  const alpha = ctx.alpha / 2;
  const oracle = categoricalError({ sumSquares: sumOfSquares(p), n, m, w, t });
  const detectable = RELATIVE_DETECTABLE * oracle;
  const policy = { kind: 'fresh', n, m, w } as const;
  const { values } = replicateUntilPowered({
    initial: 600,
    max: 60_000,
    draw: (first, count) => finalErrors({ model, truth, policy, generations: t, key: ctx.key, replications: count, first, sampling: SAMPLING, metric: 'sq' }),
    needed: (v, R) => requiredReplications({ sd: columnSd(v, R), detectable, alpha, beta: ctx.beta }),
  });
  return checkMean({
    label: `GR-21 E Σ(p̂_${t} − p)² (K=${p.length}, Σp²=${sumOfSquares(p).toFixed(4)}, n=${n}, m=${m}, w=${w.toFixed(3)})`,
    samples: values,
    oracle,
    alpha,
    beta: ctx.beta,
    detectable,
  });
}

// ---------------------------------------------------------------------------------------------- part B: w = 0, t → ∞
interface LimitConfig {
  readonly p: readonly number[];
  readonly n: number;
  readonly m: number;
}

const limitConfigs: fc.Arbitrary<LimitConfig> = fc.noBias(fc.record({ p: probabilities(3), n: fc.integer({ min: 2, max: 50 }), m: fc.integer({ min: 2, max: 6 }) }));

function checkLimit(config: LimitConfig, ctx: ClaimContext): CheckResult[] {
  const { p, n, m } = config;
  const truth = truthOf(p);
  const model = categoricalModel(p.length);
  const metric = model.metrics.sq;
  const S = sumOfSquares(p);
  const g = 1 - S;
  const alpha = ctx.alpha / 4;
  const T = Math.ceil(Math.log(LIMIT_GAP / (1 - 1 / n)) / Math.log(1 - 1 / m));
  const tolerance = g * (1 - 1 / n) * (1 - 1 / m) ** T; // = categoricalLimit(w = 0) − categoricalError(w = 0, T)
  const detectable = RELATIVE_DETECTABLE * g;
  const bound = tolerance * (m * m) / (2 * (m - 1));
  const policy = { kind: 'replace', n, schedule: { kind: 'constant', c: m / n } } as const;
  const draw = (first: number, count: number) => {
    const out = new Float64Array(count * 3);
    atFinalGeneration({ model, truth, policy, generations: T, key: ctx.key, replications: count, first, sampling: SAMPLING }, (estimate, r) => {
      const error = metric(estimate, truth);
      const row = (r - first) * 3;
      out[row] = error;
      // a point mass: exactly one class with positive frequency ((1/m)·m need not round to exactly 1)
      let fixedOn = -1;
      let positive = 0;
      estimate.probs.forEach((x, c) => {
        if (x > 0) {
          positive++;
          fixedOn = c;
        }
      });
      if (positive === 1) {
        out[row + 1] = 1;
        out[row + 2] = Math.abs(error - (1 - 2 * truth.probs[fixedOn] + S));
      }
      return error;
    });
    return out;
  };
  const zSum = zUpper(alpha) + zUpper(ctx.beta);
  const q = Math.min(0.5, bound + UNFIXED_DETECTABLE);
  const proportionTrials = Math.ceil(((zSum * Math.sqrt(q * (1 - q))) / UNFIXED_DETECTABLE) ** 2);
  const { values, replications: R } = replicateUntilPowered({
    initial: Math.max(600, proportionTrials),
    max: 60_000,
    width: 3,
    draw,
    needed: (v, R) => requiredReplications({ sd: columnSd(v, R, 3, 0), detectable: detectable - tolerance, alpha, beta: ctx.beta }),
  });
  const errors = new Float64Array(R);
  let unfixed = 0;
  let worst = 0;
  for (let r = 0; r < R; r++) {
    errors[r] = values[r * 3];
    if (values[r * 3 + 1] === 0) unfixed++;
    else worst = Math.max(worst, values[r * 3 + 2]);
  }
  const where = `(K=${p.length}, Σp²=${S.toFixed(4)}, n=${n}, m=${m}, T=${T})`;
  return [
    checkMean({ label: `GR-21 E err_T → 1 − Σp² at w = 0 ${where}`, samples: errors, oracle: g, alpha, beta: ctx.beta, detectable, tolerance }),
    checkProportion({ label: `GR-21 P(p̂_T not a point mass) ≤ ${bound.toPrecision(3)} ${where}`, successes: unfixed, trials: R, p: bound, side: 'at-most', alpha, beta: ctx.beta, detectable: UNFIXED_DETECTABLE }),
    {
      label: `GR-21 fixed replications: err_T = 1 − 2p_c + Σp² ${where}`,
      kind: 'exact identity (every fixed replication)',
      pass: R - unfixed > 0 && worst <= 1e-12,
      alpha: 0,
      estimate: worst,
      interval: [0, 1e-12],
      oracle: 0,
      replications: R - unfixed,
      assumption: 'none (deterministic, to 1e-12)',
    },
  ];
}

describe('GR-21: exact categorical frequency recursion', () => {
  it('finite t: the exact error (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: finiteConfigs, numRuns: 2, check: (c, ctx) => checkFinite(c, ctx) });
  });

  it('w = 0, t → ∞: mean 1 − Σp², fixation on one category, per-replication error 1 − 2p_c + Σp² (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: limitConfigs, numRuns: 1, check: (c, ctx) => checkLimit(c, ctx) });
  });

  it('the recursion, its closed form, its limit and the w = 0 limit 1 − Σp² (deterministic)', () => {
    fc.assert(
      fc.property(probabilities(), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 2, max: 200 }), uniformOn(0, 1), fc.integer({ min: 0, max: 300 }), (p, n, m, w, t) => {
        const S = sumOfSquares(p);
        const g = 1 - S;
        const B = (1 - w) ** 2;
        const rho = B * (1 - 1 / m);
        const drive = g * (w * w / n + B / m);
        const sum = rho === 1 ? t : (1 - rho ** t) / (1 - rho);
        const closed = (rho ** t * g) / n + drive * sum;
        const exact = categoricalError({ sumSquares: S, n, m, w, t });
        expect(Math.abs(exact - closed)).toBeLessThanOrEqual(1e-12 * closed);
        const limit = categoricalLimit({ sumSquares: S, n, m, w });
        expect(Math.abs(drive + rho * limit - limit)).toBeLessThanOrEqual(1e-14);
        expect(Math.abs(categoricalLimit({ sumSquares: S, n, m, w: 0 }) - g)).toBeLessThanOrEqual(1e-14);
        expect(Math.abs(categoricalError({ sumSquares: S, n, m, w, t: 0 }) - g / n)).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: 300, seed: 211 },
    );
  });

  const control: FiniteConfig = { p: [0.2, 0.3, 0.5], n: 5, m: 5, w: 0.3, t: 4 };
  it('negative control: frequencies with the wrong weights (w on synthetic) are rejected', () => {
    rejectsWrongEngine(claim, 'swapped weights', control, (c, ctx) => checkFinite(c, ctx, (base) => swappedWeightsAllPaths(base)));
  });
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => checkFinite(c, ctx, (base, truth) => syntheticFromTruthAllPaths(base, truth)));
  });
});

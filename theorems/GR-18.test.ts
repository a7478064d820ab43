/**
 * @claim GR-18
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3 Theorem 3 (the case w = 0)
 * @statement Fully synthetic (w = 0), the Cramér–von Mises error of the recursively refitted empirical
 *   distribution converges to 1/6 whatever n and m: the pmf fixes on one original atom X_J and
 *   ∫(1{x ≥ X_J} − F)² dF = ((1 − u)³ + u³)/3 with u = F(X_J) ~ U(0, 1), whose mean is 1/6.
 * @provenance DERIVED (CLAIMS.md §1.10); SRC-seed prose ("converges to the fixed value, independent of the sample
 *   sizes"); SRC-code (a commented-out hlines(1/6) in the Fig. 7 script)
 *
 * Part A (finite t, the fresh scheme at w = 0): for each configuration (a continuous law among normal, exponential
 * and logistic, any location and scale; n, m ∈ 2..50; t ∈ 1..15) R replications of the exact CvM error at round
 * t are compared with the exact oracle cvmError(w = 0) = 1/6 − (1/6)(1 − 1/n)(1 − 1/m)^t by checkMean (CLT; the
 * error lies in [0, 1/3]). Declared smallest detectable error: 10 % of the oracle.
 *
 * Part B (t → ∞): n ∈ 2..50, m ∈ 2..8, and T the first round at which the exact error is within 0.1 % of 1/6,
 * i.e. (1 − 1/n)(1 − 1/m)^T ≤ 10⁻³ (T ≤ 52). Three assertions per configuration:
 *   (1) E err_T = 1/6: checkMean with the DERIVED tolerance 1/6 − cvmError(w = 0, T) ≤ 1.7e−4 (the exact gap of
 *       the finite-T mean to its limit); declared detectable 10 % of 1/6. The per-replication sd at fixation is
 *       √(1/180) = 0.0745 (Var of ((1 − u)³ + u³)/3 = 1/12 + (u − 1/2)² for u ~ U(0, 1)), so R ≈ 1 100.
 *   (2) fixation: the fraction of replications whose θ̂_T is NOT a single atom is at most
 *       b_T = (1 − 1/n)(1 − 1/m)^T·m²/(2(m − 1)) (≤ 0.0046). Derivation: H_t = 1 − Σ_j π_j², π_j the mass on
 *       original atom j, is Wright–Fisher heterozygosity, E H_t = (1 − 1/m)·E H_{t−1} with H_0 = 1 − 1/n; when the
 *       pmf is not fixed H_t ≥ 1 − ((m − 1)² + 1)/m² = 2(m − 1)/m², so P(unfixed) ≤ E H_T·m²/(2(m − 1)) (Markov).
 *       checkProportion ('at-most', exact Clopper–Pearson), declared detectable 0.1 in probability.
 *   (3) every fixed replication's error equals ((1 − u)³ + u³)/3 at u = F(atom) (an exact identity, to 1e−12).
 * Part B simulates the policy `replace` with c = m/n, which is the fresh scheme at w = 0 without its unused real
 * draws: both fit [{S_t, 1}] with S_t = m draws from θ̂_{t−1} on the stream key.child(t, 'synthetic'), so they
 * give bit-identical estimates (asserted by a deterministic test below); the real draws of weight 0 would cost
 * n quantile evaluations per round for nothing.
 *
 * Rates: the claim's α is split in half between the parts (each part's check uses ctx.alpha/2), and part B's
 * half again over its two statistical assertions. Part A runs one configuration per profile run (GR-17 covers the
 * same recursion at every w; part A pins w = 0 exactly), part B two. R: replicateUntilPowered (Chow–Robbins sequential rule).
 *
 * Negative controls (part B, n = 5, m = 4, T = 24): (1) synthetic data drawn from the truth: no fixation at all
 * (unfixed rate 1) and E err = 1/(6m) = 0.042 (−75 %); (2) the CvM distance measured against the truth shifted by
 * 1 sd in the metric only: E g(F′(X_J)) = 0.2068 (+24 %, by quadrature) and identity (3) fails. A 0.3 sd shift
 * would change the limit by only 2.4 % (g(u) − 1/12 = (u − 1/2)² is even about 1/2, so the change is second order).
 *
 * Budget: about 0.6–1.5 CPU-seconds measured (depends on the generated n + m and t of part A).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { empiricalModel, type EmpiricalAtoms, type EmpiricalTheta, type Model } from '../src/models/index.js';
import { recurse } from '../src/loop/index.js';
import { cvmError, cvmLimit } from '../src/theory/index.js';
import { checkMean, checkProportion, requiredReplications, type CheckResult } from '../src/stats/assert.js';
import { zUpper } from '../src/stats/quantiles.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { rootKey } from '../src/rng/stream.js';
import { syntheticFromTruth } from './support/wrongEngines.js';
import { continuousLaw, truthOf, finalErrors, atFinalGeneration, metricAgainst, replicateUntilPowered, columnSd, type ContinuousLaw } from './support/nonparametric.js';

export const claim: ClaimMeta = {
  id: 'GR-18',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3 Theorem 3, w = 0 (fixation)',
  statement: 'Fully synthetic (w = 0) CvM error → 1/6 whatever n, m: the pmf fixes on one atom with error ((1−u)³+u³)/3, u ~ U(0,1).',
  oracle: 'cvmError(w = 0), cvmLimit(w = 0) = 1/6 (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'F continuous (normal, exponential, logistic), n, m ∈ 2..50 and t ∈ 1..15 (finite t); n ∈ 2..50, m ∈ 2..8 (t → ∞)',
};

const RELATIVE_DETECTABLE = 0.1;
/** Part B runs until the exact error is within this relative distance of 1/6. */
const LIMIT_GAP = 1e-3;
/** Declared detectable excess of the unfixed rate over its bound b_T (probability units). */
const UNFIXED_DETECTABLE = 0.1;

type Wrong = (base: Model<EmpiricalTheta>, law: ContinuousLaw) => Model<EmpiricalTheta>;

/** ((1 − u)³ + u³)/3: the CvM distance of a single atom at u = F(atom). */
function singleAtomError(u: number): number {
  return ((1 - u) ** 3 + u ** 3) / 3;
}

/** The first T with (1 − 1/n)(1 − 1/m)^T ≤ LIMIT_GAP, i.e. 1/6 − cvmError(w = 0, T) ≤ LIMIT_GAP/6. */
function roundsToLimit(n: number, m: number): number {
  return Math.ceil(Math.log(LIMIT_GAP / (1 - 1 / n)) / Math.log(1 - 1 / m));
}

// ---------------------------------------------------------------------------------------------- part A: finite t
interface FiniteConfig {
  readonly law: ContinuousLaw;
  readonly n: number;
  readonly m: number;
  readonly t: number;
}

const finiteConfigs: fc.Arbitrary<FiniteConfig> = fc.noBias(
  fc.record({ law: continuousLaw(), n: fc.integer({ min: 2, max: 50 }), m: fc.integer({ min: 2, max: 50 }), t: fc.integer({ min: 1, max: 15 }) }),
);

function checkFinite(config: FiniteConfig, ctx: ClaimContext) {
  const { law, n, m, t } = config;
  const truth = truthOf(law);
  const model = empiricalModel();
  const alpha = ctx.alpha / 2;
  const oracle = cvmError({ n, m, w: 0, t });
  const detectable = RELATIVE_DETECTABLE * oracle;
  const policy = { kind: 'fresh', n, m, w: 0 } as const;
  const { values } = replicateUntilPowered({
    initial: 600,
    max: 40_000,
    draw: (first, count) => finalErrors({ model, truth, policy, generations: t, key: ctx.key, replications: count, first }),
    needed: (v, R) => requiredReplications({ sd: columnSd(v, R), detectable, alpha, beta: ctx.beta }),
  });
  return checkMean({ label: `GR-18 E err_${t} at w = 0 (${truth.label}, n=${n}, m=${m})`, samples: values, oracle, alpha, beta: ctx.beta, detectable });
}

// ---------------------------------------------------------------------------------------------- part B: t → ∞
interface LimitConfig {
  readonly law: ContinuousLaw;
  readonly n: number;
  readonly m: number;
}

const limitConfigs: fc.Arbitrary<LimitConfig> = fc.noBias(fc.record({ law: continuousLaw(), n: fc.integer({ min: 2, max: 50 }), m: fc.integer({ min: 2, max: 8 }) }));

/** True when every atom of the estimate is the same number (the pmf sits on one point). */
function isFixed(estimate: EmpiricalAtoms): boolean {
  const a = estimate.atoms;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}

function checkLimit(config: LimitConfig, ctx: ClaimContext, wrong: Wrong = (b) => b): CheckResult[] {
  const { law, n, m } = config;
  const truth = truthOf(law);
  const model = wrong(empiricalModel(), law);
  const metric = model.metrics.cvm;
  const alpha = ctx.alpha / 4; // half of the claim's share, over two statistical assertions
  const T = roundsToLimit(n, m);
  const tolerance = 1 / 6 - cvmError({ n, m, w: 0, t: T });
  const detectable = RELATIVE_DETECTABLE / 6;
  const bound = (1 - 1 / n) * (1 - 1 / m) ** T * (m * m) / (2 * (m - 1));
  const policy = { kind: 'replace', n, schedule: { kind: 'constant', c: m / n } } as const;
  // per replication: [error, fixed ? 1 : 0, |error − single-atom error| when fixed]
  const draw = (first: number, count: number) => {
    const out = new Float64Array(count * 3);
    atFinalGeneration({ model, truth, policy, generations: T, key: ctx.key, replications: count, first }, (estimate, r) => {
      const atoms = estimate as EmpiricalAtoms;
      const error = metric(atoms, truth);
      const row = (r - first) * 3;
      out[row] = error;
      if (isFixed(atoms)) {
        out[row + 1] = 1;
        out[row + 2] = Math.abs(error - singleAtomError(truth.cdf(atoms.atoms[0])));
      }
      return error;
    });
    return out;
  };
  // trials the proportion check needs: ((z_{α} + z_β)·sd/δ)², sd the largest binomial sd on [0, b + δ]
  const zSum = zUpper(alpha) + zUpper(ctx.beta);
  const q = Math.min(0.5, bound + UNFIXED_DETECTABLE);
  const proportionTrials = Math.ceil(((zSum * Math.sqrt(q * (1 - q))) / UNFIXED_DETECTABLE) ** 2);
  const { values, replications: R } = replicateUntilPowered({
    initial: Math.max(600, proportionTrials),
    max: 40_000,
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
  const where = `(${truth.label}, n=${n}, m=${m}, T=${T})`;
  const identity: CheckResult = {
    label: `GR-18 fixed replications: err_T = ((1−u)³+u³)/3, u = F(atom) ${where}`,
    kind: 'exact identity (every fixed replication)',
    pass: R - unfixed > 0 && worst <= 1e-12,
    alpha: 0,
    estimate: worst,
    interval: [0, 1e-12],
    oracle: 0,
    replications: R - unfixed,
    assumption: 'none (deterministic, to 1e-12)',
  };
  return [
    checkMean({ label: `GR-18 E err_T → 1/6 ${where}`, samples: errors, oracle: 1 / 6, alpha, beta: ctx.beta, detectable, tolerance }),
    checkProportion({ label: `GR-18 P(θ̂_T not fixed) ≤ ${bound.toPrecision(3)} ${where}`, successes: unfixed, trials: R, p: bound, side: 'at-most', alpha, beta: ctx.beta, detectable: UNFIXED_DETECTABLE }),
    identity,
  ];
}

describe('GR-18: fully synthetic CvM error converges to 1/6 whatever n and m', () => {
  it('finite t: the exact w = 0 error (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: finiteConfigs, numRuns: 1, check: (c, ctx) => checkFinite(c, ctx) });
  });

  it('t → ∞: mean 1/6, fixation on one atom, per-replication error ((1−u)³+u³)/3 (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: limitConfigs, numRuns: 2, check: (c, ctx) => checkLimit(c, ctx) });
  });

  it('the exact error at w = 0 is 1/6 − (1/6)(1 − 1/n)(1 − 1/m)^t and its limit is 1/6 for every n, m (deterministic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 2, max: 500 }), fc.integer({ min: 0, max: 2000 }), (n, m, t) => {
        const closed = 1 / 6 - (1 / 6) * (1 - 1 / n) * (1 - 1 / m) ** t;
        expect(Math.abs(cvmError({ n, m, w: 0, t }) - closed)).toBeLessThanOrEqual(1e-14);
        expect(Math.abs(cvmLimit({ n, m, w: 0 }) - 1 / 6)).toBeLessThanOrEqual(1e-14);
      }),
      { numRuns: 200, seed: 181 },
    );
  });

  it('∫₀¹ ((1−u)³+u³)/3 du = 1/6 and the metric of one atom is ((1−u)³+u³)/3 (deterministic)', () => {
    // Simpson's rule is exact for the quadratic 1/12 + (u − 1/2)²
    expect((singleAtomError(0) + 4 * singleAtomError(0.5) + singleAtomError(1)) / 6).toBeCloseTo(1 / 6, 15);
    const model = empiricalModel();
    fc.assert(
      fc.property(continuousLaw(), fc.integer({ min: 1, max: 999 }), (law, i) => {
        const truth = truthOf(law);
        const x = truth.quantile(i / 1000);
        const atoms: EmpiricalAtoms = { kind: 'atoms', atoms: Float64Array.of(x, x, x), weights: Float64Array.of(0.2, 0.3, 0.5) };
        expect(Math.abs(model.metrics.cvm(atoms, truth) - singleAtomError(truth.cdf(x)))).toBeLessThanOrEqual(1e-13);
      }),
      { numRuns: 100, seed: 182 },
    );
  });

  it('replace with c = m/n gives bit-identical estimates to the fresh scheme at w = 0 (deterministic)', () => {
    const model = empiricalModel();
    const truth = truthOf({ family: 'logistic', location: 1, scale: 2 });
    for (const [n, m] of [[7, 3], [2, 8], [50, 5], [3, 3]] as const) {
      for (let r = 0; r < 3; r++) {
        const key = rootKey('GR-18 replace ≡ fresh(w = 0)').child(n, m, r);
        const fresh = recurse({ model, truth, policy: { kind: 'fresh', n, m, w: 0 }, generations: 12, key, keepEstimates: true, metrics: {} });
        const replace = recurse({ model, truth, policy: { kind: 'replace', n, schedule: { kind: 'constant', c: m / n } }, generations: 12, key, keepEstimates: true, metrics: {} });
        for (let t = 0; t <= 12; t++) {
          const a = fresh.estimates[t] as EmpiricalAtoms;
          const b = replace.estimates[t] as EmpiricalAtoms;
          expect(Array.from(b.atoms)).toEqual(Array.from(a.atoms));
          expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
        }
      }
    }
  });

  const control: LimitConfig = { law: { family: 'normal', location: -1, scale: 2 }, n: 5, m: 4 };
  it('negative control: synthetic data drawn from the truth is rejected', () => {
    rejectsWrongEngine(claim, 'synthetic from truth', control, (c, ctx) => checkLimit(c, ctx, (base, law) => syntheticFromTruth(base, truthOf(law))));
  });
  it('negative control: CvM measured against a truth shifted by 1 sd is rejected', () => {
    rejectsWrongEngine(claim, 'metric against shifted truth', control, (c, ctx) => checkLimit(c, ctx, (base, law) => metricAgainst(base, truthOf(law, 1))));
  });
});

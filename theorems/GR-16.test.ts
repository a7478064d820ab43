/**
 * @claim GR-16
 * @paper 2502.18049 (He, Xu & Cheng, "Recursive Learning Without Collapse"), §3.2 (GLMs) and the authors' code
 *   (`LR`, fixed design)
 * @statement Fixed-design linear regression (design X, rows × p, noise variance σ²) in the fresh-data scheme with
 *   m = n = rows: every generation draws NEW real responses on the same design and synthetic responses on the
 *   same design from the previous fit, weights w and 1 − w. Exactly, given X:
 *   E‖β_t − β‖² = σ²·tr((XᵀX)⁻¹)·[B^t + (w² + B)(1 − B^t)/(1 − B)],  B = (1 − w)².
 * @provenance DERIVED (CLAIMS.md §1.9, §8 GR-16; the code's LR)
 *
 * Derivation (re-done here): with equal sizes the weighted normal equations are
 * XᵀX·β_t = Xᵀ(w·y_r + (1 − w)·y_s), y_r = Xβ + σε, y_s = Xβ_{t−1} + σε', so
 * β_t − β = (1 − w)(β_{t−1} − β) + σ(XᵀX)⁻¹Xᵀ(wε + (1 − w)ε'): exactly Gaussian, β_t − β ~ N(0, c_t·σ²(XᵀX)⁻¹)
 * with c_0 = 1, c_t = B·c_{t−1} + w² + B. Hence the oracle, and Var‖β_t − β‖² = 2c_t²σ⁴·tr((XᵀX)⁻²) exactly,
 * from which R is planned (no pilot).
 *
 * Deterministic part: (1) the engine's fresh policy on a fixed design draws real data whose covariates ARE the
 * design, with new responses at every generation, and synthetic data on the same design from θ̂_{t−1} (a
 * recording wrapper around the model's `sample`; src/loop/policy.ts and src/models/glm/sample.ts tile the
 * design); (2) fixedDesignError equals the trace of the covariance recursion C_t = B·C_{t−1} + (w² + B)σ²(XᵀX)⁻¹
 * computed with matrices (spdInverse), to 1e-12.
 *
 * Monte Carlo: configurations p ∈ 2..3, rows ∈ 2p + 2..12, entries of X on a 0.01 grid in [−2, 2] with
 * tr(XᵀX)·tr((XᵀX)⁻¹) ≤ 20p², β ∈ [−2, 2]^p, σ² ∈ [0.25, 4], w ∈ [0, 1], t ∈ 1..2; checkMean of ‖β_t − β‖²
 * against the exact oracle. Declared smallest detectable error: 5 % of the oracle, false-pass rate ctx.beta.
 * R from the exact variance (×1.2, with one variance-only top-up). p = 1 is left out for cost only: its relative
 * sd is √2 (a χ²₁), three times the replications of p = 3 at ≈ 50 µs of loop overhead per generation.
 *
 * Negative controls (p = 2, rows = 8, orthogonal design, σ² = 1, t = 2):
 *   (1) w and 1 − w swapped, at w = 0.2: c_2 at w = 0.8 is 0.71 against 1.53 (−54 %; a control whose error is
 *       LARGER than the oracle would need R ∝ its variance, 5 times more for w = 0.8 → 0.2);
 *   (2) the synthetic copy of the design scaled by 2 (a wrong covariate law for the synthetic set): then
 *       (w + 4(1 − w))β_t = w(β + σMXᵀε) + 4(1 − w)β_{t−1} + 2(1 − w)σMXᵀε', M = (XᵀX)⁻¹, so
 *       c_t = ρ²c_{t−1} + (w² + 4(1 − w)²)/(4 − 3w)² with ρ = 4(1 − w)/(4 − 3w): at w = 0.8, c_2 = 0.45 against 0.71 (−36 %).
 *
 * Budget: numRuns 1 (deep 10); about 1–2 s of CPU (R ≈ 10⁴ replications of ≤ 3 generations, dominated by the
 * loop's ≈ 40 µs per-generation overhead at these sizes).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { glmModel, type GlmModel, type GlmTheta, type Model } from '../src/models/index.js';
import { recurse } from '../src/loop/index.js';
import { fixedDesignError } from '../src/theory/index.js';
import { spdInverse, trace } from '../src/linalg/index.js';
import { checkMean, requiredReplications } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { rootKey } from '../src/rng/stream.js';
import { trajectories, atGeneration } from './support/simulate.js';
import { swappedWeights } from './support/wrongEngines.js';
import { replicateUntilPowered, columnSd } from './support/nonparametric.js';
import { syntheticCovariatesScaled } from './support/glm.js';
import { designConditioning, gram } from './support/design.js';

export const claim: ClaimMeta = {
  id: 'GR-16',
  paper: '2502.18049 (He, Xu & Cheng)',
  section: '§3.2 / code LR (fixed design)',
  statement: 'Fixed design, m = n: E‖β_t − β‖² = σ²tr((XᵀX)⁻¹)[B^t + (w² + B)(1 − B^t)/(1 − B)] exactly given X.',
  oracle: 'fixedDesignError (src/theory/weighting.ts)',
  provenance: 'DERIVED',
  assumptions: 'p ∈ 2..3, rows ∈ 2p+2..12, tr(XᵀX)tr((XᵀX)⁻¹) ≤ 20p², σ² ∈ [0.25, 4], w ∈ [0, 1], t ∈ 1..2; m = n = rows',
};

const RELATIVE_DETECTABLE = 0.05;

interface Config {
  readonly p: number;
  readonly rows: number;
  readonly design: Float64Array;
  readonly beta: Float64Array;
  readonly sigma2: number;
  readonly w: number;
  readonly t: number;
}

const grid = (lo: number, hi: number, step: number) => fc.noBias(fc.integer({ min: Math.round(lo / step), max: Math.round(hi / step) })).map((i) => i * step);

const configs: fc.Arbitrary<Config> = fc
  .noBias(fc.integer({ min: 2, max: 3 }))
  .chain((p) =>
    fc.noBias(fc.integer({ min: 2 * p + 2, max: 12 })).chain((rows) =>
      fc.record({
        p: fc.constant(p),
        rows: fc.constant(rows),
        design: fc.array(grid(-2, 2, 0.01), { minLength: rows * p, maxLength: rows * p }).map((a) => Float64Array.from(a)),
        beta: fc.array(grid(-2, 2, 0.001), { minLength: p, maxLength: p }).map((a) => Float64Array.from(a)),
        sigma2: grid(0.25, 4, 0.001),
        w: grid(0, 1, 0.0001),
        t: fc.noBias(fc.integer({ min: 1, max: 2 })),
      }),
    ),
  )
  .filter((c) => designConditioning(c.design, c.rows, c.p) <= 20 * c.p * c.p);

type Wrong = (base: GlmModel, truth: GlmTheta) => Model<GlmTheta>;

function check(config: Config, ctx: ClaimContext, wrong?: Wrong) {
  const { p, rows, design, beta, sigma2, w, t } = config;
  const truth: GlmTheta = { beta };
  const base = glmModel({ family: 'linear', dim: p, fixedDesign: design, noiseVariance: sigma2 });
  const model = wrong ? wrong(base, truth) : base;
  const inverse = spdInverse(gram(design, rows, p), p);
  const traceInverse = trace(inverse, p);
  let frobenius = 0;
  for (let k = 0; k < p * p; k++) frobenius += inverse[k] * inverse[k];
  const oracle = fixedDesignError({ sigma2, traceXtXInverse: traceInverse, w, t });
  const theorySd = Math.sqrt(2 * frobenius) * sigma2 * (oracle / (sigma2 * traceInverse)); // √(2tr(C_t²)), C_t = c_t σ² M
  const detectable = RELATIVE_DETECTABLE * oracle;
  const policy = { kind: 'fresh', n: rows, m: rows, w } as const;
  const needed = (sd: number) => requiredReplications({ sd, detectable, alpha: ctx.alpha, beta: ctx.beta });
  const { values } = replicateUntilPowered({
    // the exact sd plans R for the claimed law; a wrong engine's own variance decides its R (variance-only rule)
    initial: Math.min(2000, Math.ceil(1.2 * needed(theorySd))),
    max: 400_000,
    draw: (first, count) => atGeneration(trajectories({ model, truth, policy, generations: t, key: ctx.key, replications: count, first, metric: 'beta' }), t, t),
    needed: (v, R) => needed(columnSd(v, R)),
  });
  return checkMean({
    label: `GR-16 E‖β_${t} − β‖² (p=${p}, rows=${rows}, σ²=${sigma2.toFixed(3)}, w=${w.toFixed(4)})`,
    samples: values,
    oracle,
    alpha: ctx.alpha,
    beta: ctx.beta,
    detectable,
  });
}

// orthogonal columns of equal norm: (XᵀX)⁻¹ = I/8, the smallest relative sd at p = 2 (1, that of a χ²₂/2)
const controlDesign = Float64Array.of(1, 1, -1, 1, 1, -1, -1, -1, 1, 1, -1, 1, 1, -1, -1, -1);
const control: Config = { p: 2, rows: 8, design: controlDesign, beta: Float64Array.of(1, -1), sigma2: 1, w: 0.8, t: 2 };
// the swapped engine's error must be SMALLER than the oracle (else its larger sd makes the check's power cost explode)
const swapControl: Config = { ...control, w: 0.2 };

describe('GR-16: fixed-design linear regression, m = n (exact)', () => {
  it('the fresh policy draws real responses on the design, new at every generation, and synthetic ones on the same design (deterministic)', () => {
    const base = glmModel({ family: 'linear', dim: 2, fixedDesign: controlDesign, noiseVariance: 1 });
    const truth: GlmTheta = { beta: Float64Array.of(1, -1) };
    const calls: { role: 'real' | 'synthetic'; theta: GlmTheta; x: Float64Array; y: Float64Array }[] = [];
    const recording: Model<GlmTheta> = {
      ...base,
      sample: (theta, size, stream) => {
        const data = base.sample(theta, size, stream);
        calls.push({ role: theta === truth ? 'real' : 'synthetic', theta, x: data.x, y: data.y as Float64Array });
        return data;
      },
    };
    const run = recurse({ model: recording, truth, policy: { kind: 'fresh', n: 8, m: 8, w: 0.4 }, generations: 4, key: rootKey('GR-16-design'), keepEstimates: true });
    expect(calls.length).toBe(1 + 2 * 4);
    for (const call of calls) expect(Array.from(call.x)).toEqual(Array.from(controlDesign));
    const real = calls.filter((c) => c.role === 'real');
    const synthetic = calls.filter((c) => c.role === 'synthetic');
    expect(real.length).toBe(5);
    expect(synthetic.length).toBe(4);
    // fresh real responses every generation
    for (let i = 1; i < real.length; i++) expect(Array.from(real[i].y)).not.toEqual(Array.from(real[i - 1].y));
    // synthetic data of generation t come from θ̂_{t−1}
    synthetic.forEach((call, i) => expect(call.theta).toBe(run.estimates[i]));
    // the fit is the weighted least squares (XᵀX)⁻¹Xᵀ(w y_r + (1 − w) y_s) (equal sizes)
    const inverse = spdInverse(gram(controlDesign, 8, 2), 2);
    for (let g = 1; g <= 4; g++) {
      const yr = real[g].y;
      const ys = synthetic[g - 1].y;
      const rhs = [0, 0];
      for (let i = 0; i < 8; i++) for (let a = 0; a < 2; a++) rhs[a] += controlDesign[i * 2 + a] * (0.4 * yr[i] + 0.6 * ys[i]);
      for (let a = 0; a < 2; a++) {
        const expected = inverse[a * 2] * rhs[0] + inverse[a * 2 + 1] * rhs[1];
        expect(Math.abs(run.estimates[g].beta[a] - expected)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(expected)));
      }
    }
  });

  it('fixedDesignError equals the trace of the matrix covariance recursion (deterministic)', () => {
    fc.assert(
      fc.property(configs, (c) => {
        const M = spdInverse(gram(c.design, c.rows, c.p), c.p);
        const B = (1 - c.w) ** 2;
        let C = Float64Array.from(M, (v) => c.sigma2 * v);
        for (let s = 1; s <= c.t; s++) C = Float64Array.from(C, (v, k) => B * v + (c.w * c.w + B) * c.sigma2 * M[k]);
        const expected = trace(C, c.p);
        expect(Math.abs(fixedDesignError({ sigma2: c.sigma2, traceXtXInverse: trace(M, c.p), w: c.w, t: c.t }) - expected)).toBeLessThanOrEqual(1e-12 * expected);
      }),
      { numRuns: 100, seed: 1601 },
    );
  });

  it('holds across generated configurations (Monte Carlo)', () => {
    verifyClaim(claim, { arbitrary: configs, numRuns: 1, check: (c, ctx) => check(c, ctx) });
  });

  it('negative control: w and 1 − w swapped is rejected', () => {
    const c = (w: number) => fixedDesignError({ sigma2: 1, traceXtXInverse: 1, w, t: 2 });
    expect(c(0.8) / c(0.2)).toBeLessThan(0.47); // −54 %
    rejectsWrongEngine(claim, 'swapped weights', swapControl, (cfg, ctx) => check(cfg, ctx, (base) => swappedWeights(base)));
  });
  it('negative control: the synthetic copy of the design scaled by 2 is rejected', () => {
    const w = 0.8;
    const rho = (4 * (1 - w)) / (4 - 3 * w);
    let c = 1;
    for (let s = 1; s <= 2; s++) c = rho * rho * c + (w * w + 4 * (1 - w) ** 2) / (4 - 3 * w) ** 2;
    expect(c / fixedDesignError({ sigma2: 1, traceXtXInverse: 1, w, t: 2 })).toBeLessThan(0.65); // −36 %
    rejectsWrongEngine(claim, 'synthetic design scaled by 2', control, (cfg, ctx) => check(cfg, ctx, (base, truth) => syntheticCovariatesScaled(base, truth, 4)));
  });
});

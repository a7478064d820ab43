/**
 * Direct tests that kill surviving mutants of src/models/glm/newton.ts (`fitNewton`, the logistic / Poisson
 * Newton–Armijo fit and its failure reports) and src/models/glm/linear.ts (`fitWeightedLeastSquares`, the
 * exact weighted least squares of the linear family). Mutants with no observable effect (out-of-range typed-array
 * writes, self-assignments, bit-identical fast paths) are argued equivalent in the mutation notes, not tested here.
 *
 * Expected values come from independent references, never from numbers printed by the code under test:
 * - weighted least squares: the normal equations solved by hand (2×2 by Cramer's rule, 3×3 via
 *   (I + J)⁻¹ = I − J/4 for J the all-ones matrix);
 * - intercept-only MLEs in closed form: Poisson β̂ = log ȳ (weighted mean), logistic β̂ = logit(ȳ);
 * - the first Newton steps of a one-covariate logistic fit by hand: at β = 0 the score is ½ − ȳ and the
 *   Hessian ¼ (so Δ₀ = 4ȳ − 2, exact in binary for ȳ = 3/4, 7/8), and at β₁ the step (ȳ − σ(β₁))/(σ(1 − σ))
 *   with σ from the tanh identity σ(η) = (1 + tanh(η/2))/2;
 * - the Poisson start (McCullagh & Nelder §2.5, documented in newton.ts): one weighted least-squares step on
 *   the working response z = log μ₀ + (y − μ₀)/μ₀, μ₀ = y + 0.1, weights ω μ₀ — recomputed here by hand;
 * - overflow thresholds from the double range: e^(−|η|) underflows to 0 for |η| > 745.2, y·η overflows
 *   for y·η > 1.798e308, and accepted Poisson iterates must keep η ≤ 700 (POISSON_ETA_LIMIT);
 * - separation certificates checked directly on the data (margins of the reported direction);
 * - documented contracts: the error kinds, the parameter / quantity named in each message, the
 *   ‖Δβ‖∞ ≤ tol·max(1, ‖β‖∞) stopping rule, the reach-certified acceptance that needs no loss (hence no
 *   Math.log1p call — counted with a spy, as properties/mutation.glm.test.ts counts Math.exp), and the
 *   drift candidate β_k − β_{k−8} of the separation search (read from the scratch buffer that holds it).
 * All values are deterministic; tolerances are floating-point ones (stated at each check).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GlmScratch } from '../src/models/glm/scratch.js';
import { fitNewton, POISSON_ETA_LIMIT } from '../src/models/glm/newton.js';
import { fitWeightedLeastSquares } from '../src/models/glm/linear.js';
import { packSources } from '../src/models/glm/sources.js';
import { glmModel } from '../src/models/glm/index.js';
import type { WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError, NumericalError, type NumericalFailure } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';

afterEach(() => {
  vi.restoreAllMocks();
});

interface Src {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly w?: number;
}

function sources(p: number, list: readonly Src[]): WeightedSource[] {
  return list.map((s) => ({
    data: { size: s.y.length, dim: p, x: Float64Array.from(s.x), y: Float64Array.from(s.y) },
    weight: s.w ?? 1,
  }));
}

/** Packs the sources into `scratch` and runs fitNewton; returns the result or the thrown error. */
function newton(
  family: 'logistic' | 'poisson',
  p: number,
  list: readonly Src[],
  options: { tolerance?: number; maxIterations?: number; scratch?: GlmScratch } = {},
): { beta?: Float64Array; error?: unknown; scratch: GlmScratch } {
  const scratch = options.scratch ?? new GlmScratch(p);
  const n = packSources(family, sources(p, list), p, scratch);
  try {
    return { beta: fitNewton(family, scratch, n, p, options.tolerance ?? 1e-10, options.maxIterations ?? 50), scratch };
  } catch (error) {
    return { error, scratch };
  }
}

function expectNumerical(error: unknown, kind: NumericalFailure): NumericalError {
  expect(error).toBeInstanceOf(NumericalError);
  expect((error as NumericalError).kind).toBe(kind);
  return error as NumericalError;
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** σ by the tanh identity (not the code's e^(−|η|) form). */
const sigma = (eta: number): number => 0.5 + 0.5 * Math.tanh(eta / 2);

/** Number of significant digits of a decimal string like "-5.60516" or "0.00000" (zero: digits after the point + 1). */
function significantDigits(s: string): number {
  const mantissa = s.replace(/^-/, '').replace(/e.*$/, '');
  const digits = mantissa.replace('.', '');
  const stripped = digits.replace(/^0+/, '');
  return stripped.length === 0 ? digits.length : stripped.length;
}

/** Parses "d = [a, b, …]" at the end of a separation message and checks it against details.direction (6 digits). */
function checkDirectionInMessage(error: NumericalError): number[] {
  const direction = error.details.direction as number[];
  const match = /; d = \[([^\]]*)\]$/.exec(error.message);
  expect(match).not.toBeNull();
  const parts = match![1].split(', ');
  expect(parts.length).toBe(direction.length);
  parts.forEach((part, j) => {
    expect(significantDigits(part)).toBe(6);
    // 6 significant digits: |printed − value| ≤ half a unit in the 6th digit
    expect(Math.abs(Number(part) - direction[j])).toBeLessThanOrEqual(5e-6 * Math.max(Math.abs(direction[j]), 1e-300) + 1e-300);
  });
  return direction;
}

// ---------------------------------------------------------------------------------------------------------
// linear.ts — fitWeightedLeastSquares
// ---------------------------------------------------------------------------------------------------------

describe('fitWeightedLeastSquares (linear.ts)', () => {
  const fitLinear = (p: number, list: readonly Src[]): Float64Array => fitWeightedLeastSquares(sources(p, list), p, new GlmScratch(p));

  it('p = 2 (fast path): the normal equations by Cramer — rows (1,0),(0,1),(1,1), y = (1,2,4) → β = (4/3, 7/3)', () => {
    // XᵀX = [[2,1],[1,2]], Xᵀy = (5, 6): β = ((2·5 − 6)/3, (2·6 − 5)/3); the common weight 1/3 cancels.
    const beta = fitLinear(2, [{ x: [1, 0, 0, 1, 1, 1], y: [1, 2, 4] }]);
    expect(relErr(beta[0], 4 / 3)).toBeLessThan(1e-14);
    expect(relErr(beta[1], 7 / 3)).toBeLessThan(1e-14);
  });

  it('p = 3 (general path): rows e₁, e₂, e₃, (1,1,1), y = (1,2,3,10) → (I + J)⁻¹(11,12,13) = (2, 3, 4)', () => {
    const beta = fitLinear(3, [{ x: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1], y: [1, 2, 3, 10] }]);
    [2, 3, 4].forEach((b, j) => expect(relErr(beta[j], b)).toBeLessThan(1e-14));
  });

  for (const p of [2, 3]) {
    it(`p = ${p}: a weight-0 source is skipped entirely (its NaN response is never read) and the weights are per source`, () => {
      const good = p === 2 ? { x: [1, 0, 0, 1, 1, 1], y: [1, 2, 4] } : { x: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1], y: [1, 2, 3, 10] };
      const ignored = { x: new Array(2 * p).fill(1), y: [Number.NaN, 1e6], w: 0 };
      const beta = fitLinear(p, [ignored, good, ignored]);
      const expected = p === 2 ? [4 / 3, 7 / 3] : [2, 3, 4];
      expected.forEach((b, j) => expect(relErr(beta[j], b)).toBeLessThan(1e-14));
      // a positive-weight source with a NaN response is rejected, naming it
      expect(() => fitLinear(p, [good, { ...ignored, w: 1 }])).toThrow(InvalidArgumentError);
      expect(() => fitLinear(p, [good, { ...ignored, w: 1 }])).toThrow(/sources\[1\]\.data\.y\[0\].*finite number.*NaN/);
    });

    it(`p = ${p}: two sources are weighted w_s/size_s — the fit equals the hand-weighted normal equations`, () => {
      // p = 2: source A rows (1,0),(0,1) y = (1, 1) weight 3; source B row (1,1) y = 5 weight 1.
      // ω = 3/2 per A row, 1 per B row (up to a common factor): XᵀΩX = [[2.5, 1],[1, 2.5]], XᵀΩy = (6.5, 6.5)
      // → β = 6.5/3.5 · (1, 1) = (13/7, 13/7).
      if (p === 2) {
        const beta = fitLinear(2, [{ x: [1, 0, 0, 1], y: [1, 1], w: 3 }, { x: [1, 1], y: [5], w: 1 }]);
        expect(relErr(beta[0], 13 / 7)).toBeLessThan(1e-14);
        expect(relErr(beta[1], 13 / 7)).toBeLessThan(1e-14);
      } else {
        // p = 3: A = e₁, e₂, e₃ with y = (1, 1, 1), weight 3 (ω = 1 each); B = (1,1,1), y = 7, weight 1 (ω = 1):
        // (I + J)β = (8, 8, 8) → β = 8·(1 − 3/4) = 2 per entry.
        const beta = fitLinear(3, [{ x: [1, 0, 0, 0, 1, 0, 0, 0, 1], y: [1, 1, 1], w: 3 }, { x: [1, 1, 1], y: [7], w: 1 }]);
        for (let j = 0; j < 3; j++) expect(relErr(beta[j], 2)).toBeLessThan(1e-14);
      }
    });
  }

  it('XᵀΩy beyond the double range → NumericalError("overflow") naming the least-squares solution, the entry and sources', () => {
    // p = 2: rows (1,0) y = 1 and (0,4) y = 1e308, ω = ½: (XᵀΩy)₁ = ½·1e308·4 = 2e308 = ∞ while XᵀΩX = diag(½, 8).
    // p = 3: rows e₁, e₂ (y = 1) and (0,0,8) y = 1e308, ω = ⅓: (XᵀΩy)₂ = 8e308/3 = ∞.
    for (const [p, list, entry] of [
      [2, [{ x: [1, 0, 0, 4], y: [1, 1e308] }], 1],
      [3, [{ x: [1, 0, 0, 0, 1, 0, 0, 0, 8], y: [1, 1, 1e308] }], 2],
    ] as const) {
      let caught: unknown;
      try {
        fitLinear(p, list);
      } catch (error) {
        caught = error;
      }
      const error = expectNumerical(caught, 'overflow');
      expect(error.message).toMatch(new RegExp(`weighted least-squares solution \\(XᵀΩX\\)⁻¹XᵀΩy is beyond the double range at entry ${entry} \\(Infinity\\).*responses or covariates of sources are too large`));
      expect(error.details).toEqual({ parameter: 'sources', index: entry });
    }
  });

  it('a collinear design → NumericalError("singular") naming the weighted design Gram matrix', () => {
    let caught: unknown;
    try {
      fitLinear(2, [{ x: [1, 2, 2, 4, 3, 6], y: [1, 2, 3] }]);
    } catch (error) {
      caught = error;
    }
    const error = expectNumerical(caught, 'singular');
    expect(error.message).toMatch(/^singular: the weighted design Gram matrix XᵀΩX is numerically singular: column 1/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// newton.ts — fitNewton
// ---------------------------------------------------------------------------------------------------------

describe('fitNewton: separation reports (newton.ts)', () => {
  /** y = 1{x₁ > 0} with |x₁| ≥ 0.2 (a margin), x uniform, p = 2 — completely separated. */
  function separatedRows(size: number): Src {
    const stream = rootKey('mutation.glmNewton').child('separated').stream();
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < size; i++) {
      const u = 2 * stream.nextDouble() - 1;
      x.push(u >= 0 ? u + 0.2 : u - 0.2, 2 * stream.nextDouble() - 1);
      y.push(u >= 0 ? 1 : 0);
    }
    return { x, y };
  }

  it('logistic: an iterate that separates the labels is reported with the logistic wording and d = [6 digits, …]', () => {
    const data = separatedRows(40);
    const { error: caught } = newton('logistic', 2, [data]);
    const error = expectNumerical(caught, 'separation');
    expect(error.message).toMatch(/^separation: the labels are \(quasi-\)separated: a direction d has s_i x_iᵀd ≥ 0 for every point \(s_i = 2y_i − 1\), so the logistic MLE does not exist \(‖β‖ → ∞\); found an iterate β that separates the labels at iteration \d+; d = \[/);
    expect(error.message).not.toMatch(/Poisson/);
    const iteration = Number(/at iteration (\d+);/.exec(error.message)![1]);
    expect(error.details.iteration).toBe(iteration);
    const d = checkDirectionInMessage(error);
    // the reported direction separates: s_i x_iᵀd > 0 for every point
    for (let i = 0; i < data.y.length; i++) {
      const dot = data.x[2 * i] * d[0] + data.x[2 * i + 1] * d[1];
      expect((2 * data.y[i] - 1) * dot).toBeGreaterThan(0);
    }
  });

  it('logistic: a zero row (margin exactly 0) does not hide a separating iterate (all margins ≥ 0, some > 0)', () => {
    const data = separatedRows(40);
    const withZero = { x: [...data.x, 0, 0], y: [...data.y, 0] };
    const { error: caught } = newton('logistic', 2, [withZero]);
    const error = expectNumerical(caught, 'separation');
    expect(error.message).toMatch(/found an iterate β that separates the labels at iteration \d+; d = \[/);
  });

  it('Poisson: a Hessian singular at the accepted start is certified from the iterate alone (iteration 0)', () => {
    // Rows a = (1,0), y = 0, source weight ε, and b = (1,1), y = 100, weight 1. For a 2×2 Gram with rows a, b and
    // weights w_a, w_b the rank-test ratio of column 1 is L₁₁²/A₁₁ = w_a/(w_a + w_b). Start Gram (weights ω μ₀):
    // w_a/w_b = ε·0.1/100.1 ≈ 1.5e-10 ≥ 1e-10 (passes). The start fits z exactly (2 rows, 2 parameters):
    // η_a = log 0.1 − 1, η_b = log 100.1 − 0.1/100.1, so the Hessian weights ω e^η give
    // w_a/w_b = ε·(0.1/e)/(100.1·e^(−0.000999)) ≈ 5.5e-11 < 1e-10: numerically singular at iteration 0, where the
    // only candidate is the iterate. Separation: d ⊥ b with −x_aᵀd > 0 exists (d ∝ (−1, 1)).
    const eps = 1.5e-7;
    const { error: caught } = newton('poisson', 2, [{ x: [1, 0], y: [0], w: eps }, { x: [1, 1], y: [100] }]);
    const error = expectNumerical(caught, 'separation');
    expect(error.message).toMatch(/^separation: the Poisson MLE does not exist: a direction d has x_iᵀd ≤ 0 for every point, with equality wherever y_i > 0, so the fit runs to η → −∞; found a verified separating direction after Newton stalled \(Hessian numerically singular at column 1\) at iteration 0; d = \[/);
    expect(error.details.iteration).toBe(0);
    const d = checkDirectionInMessage(error);
    const norm = Math.hypot(d[0], d[1]);
    expect(-(1 * d[0] + 0 * d[1])).toBeGreaterThan(1e-9 * norm); // row a (y = 0): strictly negative x_aᵀd
    expect(Math.abs(d[0] + d[1])).toBeLessThanOrEqual(1e-9 * norm * Math.SQRT2); // row b (y > 0): x_bᵀd = 0
  });

  it('logistic: separation certified at the iteration cap names the cap as the reason', () => {
    // The quasi-separated rows of the underflow case below, stopped after 3 iterations: no iterate separates (the
    // (0,1) rows have margins ±β₂ of both signs) and Newton has not stalled, so the certificate comes from the
    // final check at the cap.
    const { error: caught } = newton('logistic', 2, [{ x: [1, 0, -1, 0, 0, 1, 0, 1, 0, 1], y: [1, 0, 1, 1, 0] }], { maxIterations: 3 });
    const error = expectNumerical(caught, 'separation');
    expect(error.message).toMatch(/found a verified separating direction after Newton stalled \(iteration cap\) at iteration 3; d = \[/);
    expect(error.details.iteration).toBe(3);
  });

  it('Poisson: separated data with covariates near 1e140 whose λ² overflows: a step is accepted on the finite predicted decrease, and the next Hessian Gram overflows → "overflow" naming the sources (regression: the line search used to exhaust its 60 trials on t·∞)', () => {
    // Rows a = (1, 0) y = Y = 1e295, c = (x_c, 0) y = 0, e = (−K, 0) y = 0, b = (0, L) y = 0, K = 1e140,
    // L = 1e142 (d = (0, −1) separates: the MLE does not exist). At β = 0, λ² ≈ ¼Y·Y/K² = ∞; the first step is
    // accepted by the Armijo test on −∇Lᵀ(tΔβ), after which Σ ω e^η x_c² (x_c² ≈ 2.6e250) exceeds the doubles.
    const Y = 1e295;
    const K = 1e140;
    const L = 1e142;
    const xc = (K * 709) / (1.5 * 2 ** 58);
    const { error: caught, scratch } = newton('poisson', 2, [{ x: [1, 0, xc, 0, -K, 0, 0, L], y: [Y, 0, 0, 0] }]);
    const error = expectNumerical(caught, 'overflow');
    expect(error.message).toMatch(/Gram \/ Hessian matrix accumulated from the sources is beyond the double range/);
    expect(error.details.parameter).toBe('sources');
    expect(scratch.history[0]).toBe(0);
    expect(scratch.beta[0]).toBeGreaterThan(0); // one accepted step, β₀ > 0
  });

  it('logistic: a Hessian column negligible against the others (Cholesky pivot ≤ p·ε·max a_kk) is certified at "column 0"', () => {
    // Rows (±1, 0) separated by x₁ (β₁ → ∞), rows (0, 1) with labels 1, 1, 0 (β₂ → logit(2/3) = log 2, not
    // separable): no iterate separates (the (0,1) rows have margins ±β₂). H = diag(⅖ v(β₁), ⅗ v(β₂)) with
    // v(η) = 1/(4 cosh²(η/2)) shrinking like e^(−β₁), so Newton stalls when the first pivot drops below
    // 2ε·H₂₂ (linalg cholesky's threshold): the failing column is 0, and the iterate's direction ∝ e₁ separates.
    const v = (eta: number): number => 1 / (4 * Math.cosh(eta / 2) ** 2);
    const { error: caught, scratch } = newton('logistic', 2, [{ x: [1, 0, -1, 0, 0, 1, 0, 1, 0, 1], y: [1, 0, 1, 1, 0] }], { maxIterations: 2000 });
    const error = expectNumerical(caught, 'separation');
    expect(error.message).toMatch(/found a verified separating direction after Newton stalled \(Hessian numerically singular at column 0\) at iteration \d+; d = \[/);
    const [b1, b2] = scratch.beta;
    expect(0.4 * v(b1)).toBeLessThanOrEqual(2 * Number.EPSILON * 0.6 * v(b2) * (1 + 1e-6));
    expect(Math.abs(b2 - Math.log(2))).toBeLessThan(1e-6);
    const d = error.details.direction as number[];
    expect(d[0]).toBeGreaterThan(0);
    expect(Math.abs(d[1])).toBeLessThanOrEqual(1e-9 * d[0]);
  });
});

describe('fitNewton: singular designs and Hessians (newton.ts)', () => {
  it('logistic, collinear design at β = 0 → "singular" naming XᵀΩX (the Hessian at β = 0 is XᵀΩX/4), iteration 0', () => {
    const { error: caught } = newton('logistic', 2, [{ x: [1, 2, 2, 4, -1, -2, 3, 6], y: [1, 0, 1, 0] }]);
    const error = expectNumerical(caught, 'singular');
    expect(error.message).toMatch(/^singular: the weighted design Gram matrix XᵀΩX \(the Hessian at β = 0 is XᵀΩX\/4\) is numerically singular: column 1/);
    expect(error.details).toEqual({ column: 1, iteration: 0 });
  });

  it('Poisson, collinear design → "singular" from the start step, naming the design Gram matrix (not a Hessian)', () => {
    const { error: caught } = newton('poisson', 2, [{ x: [1, 2, 2, 4, 3, 6], y: [1, 0, 3] }]);
    const error = expectNumerical(caught, 'singular');
    expect(error.message).toMatch(/^singular: the weighted design Gram matrix XᵀΩX is numerically singular: column 1/);
    expect(error.message).not.toMatch(/Hessian/);
  });

  it('logistic, Hessian singular at iteration 1 with no separation → "singular" naming XᵀΩVX (not the β = 0 Gram)', () => {
    // Group A: rows (1,0) with labels 1,1,1,0, source weight ε = 1.2e-10; group B: rows (1,1) with labels 1,0, weight 1.
    // Each group has both labels: no separation. The 2×2 rank-test ratio of column 1 is w_A/(w_A + w_B) with
    // w_g = Σ ω_i v_i over the group: at β = 0 (v = ¼) it is ε/(1 + ε) = 1.2e-10 ≥ 1e-10 (passes). The first Newton
    // step is per group in η (saturated design): Δη_g = 4(p_g − ½) = (1, 0), reach 1 (certified), so at iteration 1
    // the ratio is ε·v(1)/(ε·v(1) + v(0)) = 1.2e-10·0.19661/0.25 = 0.94e-10 < 1e-10.
    const eps = 1.2e-10;
    expect((eps * 0.25) / (eps * 0.25 + 0.25)).toBeGreaterThan(1e-10);
    const v1 = 1 / (4 * Math.cosh(0.5) ** 2);
    expect((eps * v1) / (eps * v1 + 0.25)).toBeLessThan(1e-10);
    const { error: caught } = newton('logistic', 2, [{ x: [1, 0, 1, 0, 1, 0, 1, 0], y: [1, 1, 1, 0], w: eps }, { x: [1, 1, 1, 1], y: [1, 0] }]);
    const error = expectNumerical(caught, 'singular');
    expect(error.message).toMatch(/^singular: the weighted Hessian XᵀΩVX is numerically singular: column 1/);
    expect(error.details).toEqual({ column: 1, iteration: 1 });
  });

  it('Poisson, Hessian singular at the start with no separation → "singular" naming XᵀΩVX with the iteration', () => {
    // As the separation case above but y_a = 0.001 > 0: both rows are forced (x_iᵀd = 0), so only d = 0 — no
    // certificate. Start Gram ratio ε·0.101/100.1 ≈ 1.5e-10 passes; Hessian ratio ε·0.101e^(−0.99)/100 ≈ 5.6e-11 fails.
    const { error: caught } = newton('poisson', 2, [{ x: [1, 0], y: [0.001], w: 1.5e-7 }, { x: [1, 1], y: [100] }]);
    const error = expectNumerical(caught, 'singular');
    expect(error.message).toMatch(/^singular: the weighted Hessian XᵀΩVX is numerically singular: column 1/);
    expect(error.details).toEqual({ column: 1, iteration: 0 });
  });
});

describe('fitNewton: a reused scratch does not change the outcome (newton.ts)', () => {
  it('Poisson, Hessian singular at β = 0: the same report on a fresh scratch and after another fit left its step behind', () => {
    // D2: a = (1,0), y = 1e305, source weight 1e-291; b = (1,1), y = 0, weight 1. The start (η_a = log 1e305 ≈ 702 > 700)
    // is refused; at β = 0 the Hessian weights are ω, and the rank-test ratio of column 1 is ω_a/(ω_a + ω_b) = 1e-291:
    // singular at iteration 0, where no Newton step of this fit exists yet. D1 (another fit on the same scratch,
    // stopped after one iteration) leaves a step (Δ₀, Δ₁) with Δ₁ < 0, a direction that would pass D2's separation
    // check (it is ⊥ row a after projection and has x_bᵀd < 0) — it must not be used.
    const d2 = [{ x: [1, 0], y: [1e305], w: 1e-291 }, { x: [1, 1], y: [0] }];
    const fresh = newton('poisson', 2, d2);
    const freshError = expectNumerical(fresh.error, 'singular');
    expect(freshError.message).toMatch(/the weighted Hessian XᵀΩVX is numerically singular: column 1/);
    const scratch = new GlmScratch(2);
    const d1 = newton('poisson', 2, [{ x: [1, 0, 1, 1, 1, 2], y: [20, 1, 3] }], { maxIterations: 1, scratch });
    expectNumerical(d1.error, 'non-convergence');
    expect(scratch.step[1]).toBeLessThan(0);
    const reused = newton('poisson', 2, d2, { scratch });
    const reusedError = expectNumerical(reused.error, 'singular');
    expect(reusedError.message).toBe(freshError.message);
    expect(reusedError.details).toEqual(freshError.details);
  });
});

describe('fitNewton: Poisson overflow reports (newton.ts)', () => {
  it('an accepted iterate with η > 700 → "overflow" naming η, the row and the iteration (= Newton iterations done)', () => {
    // One point, x = 1, y = 2e304: the MLE is η̂ = log y = 700.67 > 700. The start (η = log y) is refused
    // (η > 700), so Newton climbs from β = 0 and must stop at the first accepted iterate above 700.
    const list = [{ x: [1], y: [2e304] }];
    const { error: caught } = newton('poisson', 1, list, { maxIterations: 5000 });
    const error = expectNumerical(caught, 'overflow');
    const match = /^overflow: Poisson fit reached η = x_iᵀβ = (\S+) > 700 at packed row 0 \(iteration (\d+)\): the mean e\^η overflows double precision$/.exec(error.message);
    expect(match).not.toBeNull();
    const eta = error.details.eta as number;
    expect(eta).toBeGreaterThan(POISSON_ETA_LIMIT);
    expect(eta).toBeLessThanOrEqual(709);
    expect(Math.abs(Number(match![1]) - eta)).toBeLessThanOrEqual(5e-6 * eta);
    expect(error.details.row).toBe(0);
    const iterations = error.details.iteration as number;
    expect(Number(match![2])).toBe(iterations);
    // details.iteration counts the Newton iterations: with exactly that cap the overflow is still reached,
    // with one fewer the fit stops at the cap first.
    expectNumerical(newton('poisson', 1, list, { maxIterations: iterations }).error, 'overflow');
    expectNumerical(newton('poisson', 1, list, { maxIterations: iterations - 1 }).error, 'non-convergence');
  });

  it('a start whose loss overflows (y·η = ∞) → "overflow" at iteration 0 with the start η from the hand-computed WLS step', () => {
    // Ten points x = 1, y = (1e306, 0 × 9), ω = 1/10. Start: μ₀ = y + 0.1, z = log μ₀ + (y − μ₀)/μ₀,
    // β_s = Σ μ₀ z / Σ μ₀ ≈ log 1e306 = 704.59; then y₀·η₀ = 7e308 = ∞ and the loss is −∞.
    const y = [1e306, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const den = y.reduce((a, yi) => a + yi + 0.1, 0);
    let start = 0;
    for (const yi of y) {
      const mu0 = yi + 0.1;
      start += (mu0 / den) * (Math.log(mu0) + (yi - mu0) / mu0); // μ₀·z itself would overflow
    }
    const { error: caught } = newton('poisson', 1, [{ x: new Array(10).fill(1), y }]);
    const error = expectNumerical(caught, 'overflow');
    expect(error.message).toMatch(/^overflow: the weighted Poisson log-likelihood Σ ω_i \(e\^η_i − y_i η_i\) overflowed double precision at iteration 0 \(responses too large: y_i·η_i is not finite; largest η = x_iᵀβ = 704\.59\d at packed row 0\)$/);
    expect(error.details.iteration).toBe(0);
    expect(error.details.row).toBe(0);
    expect(relErr(error.details.eta as number, start)).toBeLessThan(1e-12);
  });

  it('a line-search trial whose loss overflows → "overflow" at iteration 0 at the capped η = 709', () => {
    // One point x = 1, y = 2.55e305: y·log y = 1.7929e308 is finite (the start loss is finite) but the start has
    // η = 703.2 > 700 and is refused; from β = 0 the Newton step y − 1 is capped so that η ≤ 709
    // (EXP_ARGUMENT_MAX), where y·709 = 1.808e308 = ∞: the trial loss is −∞.
    expect(Number.isFinite(2.55e305 * Math.log(2.55e305))).toBe(true);
    expect(2.55e305 * 709).toBe(Infinity);
    const { error: caught } = newton('poisson', 1, [{ x: [1], y: [2.55e305] }]);
    const error = expectNumerical(caught, 'overflow');
    expect(error.message).toMatch(/^overflow: the weighted Poisson log-likelihood .* at iteration 0 \(responses too large: y_i·η_i is not finite; largest η = x_iᵀβ = 70\d\.\d+ at packed row 0\)$/);
    expect(error.details.iteration).toBe(0);
    const eta = error.details.eta as number;
    expect(eta).toBeGreaterThan(708.9);
    expect(eta).toBeLessThanOrEqual(709);
  });

  it('the step cap only looks at rows whose η increases (a row moving down cannot cap, or reverse, the step)', () => {
    // Rows x = 1 (y = 2.55e305) and x = −1 (y = 0), ω = ½: the start has η₀ = log y > 700 (refused); from β = 0 the
    // step Δ ≈ y/2 sends row 0 up (cut at η₀ = 709, where y·709 = ∞: the trial loss is −∞) and row 1 down.
    const { error: caught } = newton('poisson', 1, [{ x: [1, -1], y: [2.55e305, 0] }]);
    const error = expectNumerical(caught, 'overflow');
    expect(error.message).toMatch(/log-likelihood .* at iteration 0/);
    expect(error.details.iteration).toBe(0);
    expect(error.details.row).toBe(0);
    expect(error.details.eta as number).toBeGreaterThan(708.9);
    expect(error.details.eta as number).toBeLessThanOrEqual(709);
  });

  it('the step cap reads only the packed rows: stale rows left in a reused scratch do not shorten it', () => {
    // First fit 2 points (x = 1, y = 5): the scratch keeps η ≈ log 5 in row 1. The second fit packs 1 point; a cap
    // computed over row 1 too would stop the step at η = 709 − log 5 ≈ 707.4 instead of 709.
    const scratch = new GlmScratch(1);
    const first = newton('poisson', 1, [{ x: [1, 1], y: [5, 5] }], { scratch });
    expect(relErr(first.beta![0], Math.log(5))).toBeLessThan(1e-12);
    const { error: caught } = newton('poisson', 1, [{ x: [1], y: [2.55e305] }], { scratch });
    const error = expectNumerical(caught, 'overflow');
    expect(error.details.iteration).toBe(0);
    expect(error.details.eta as number).toBeGreaterThan(708.9);
  });
});

describe('fitNewton: the Poisson start (newton.ts)', () => {
  /** The documented start: one WLS step on z = log μ₀ + (y − μ₀)/μ₀ with weights μ₀ (equal ω), solved by hand. */
  function handStart(x: readonly number[], y: readonly number[], p: 1 | 2): number[] {
    let a00 = 0, a01 = 0, a11 = 0, b0 = 0, b1 = 0;
    for (let i = 0; i < y.length; i++) {
      const mu0 = y[i] + 0.1;
      const z = Math.log(mu0) + (y[i] - mu0) / mu0;
      const x0 = x[p * i];
      const x1 = p === 2 ? x[p * i + 1] : 0;
      a00 += mu0 * x0 * x0;
      a01 += mu0 * x0 * x1;
      a11 += mu0 * x1 * x1;
      b0 += mu0 * x0 * z;
      b1 += mu0 * x1 * z;
    }
    if (p === 1) return [b0 / a00];
    const det = a00 * a11 - a01 * a01;
    return [(a11 * b0 - a01 * b1) / det, (a00 * b1 - a01 * b0) / det];
  }

  /** L(β) = mean_i (e^(x_iᵀβ) − y_i x_iᵀβ). */
  function poissonLoss(x: readonly number[], y: readonly number[], p: number, beta: readonly number[]): number {
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += x[p * i + j] * beta[j];
      sum += Math.exp(eta) - y[i] * eta;
    }
    return sum / y.length;
  }

  for (const [p, x, y] of [
    [1, [1, 1, 1], [2, 5, 9]],
    [2, [1, 0, 1, 1, 1, 2, 1, -1, 1, 0.5], [1, 3, 7, 0, 2]],
    [1, [1, 1, 1, 1], [0, 300, 2.5, 17.25]], // counts outside the log table (≥ 256) and non-integer counts
  ] as const) {
    it(`p = ${p}, y = [${y.join(', ')}]: the first stored iterate is the hand-computed WLS start (it beats L(0) = 1)`, () => {
      const start = handStart(x, y, p);
      expect(poissonLoss(x, y, p, start)).toBeLessThan(1); // so the start is accepted
      const { beta, scratch } = newton('poisson', p, [{ x, y }]);
      expect(beta).toBeDefined();
      for (let j = 0; j < p; j++) expect(relErr(scratch.history[j], start[j])).toBeLessThan(1e-13);
    });
  }

  it('counts of exactly 256 and non-integer counts fit to the closed-form MLE log ȳ (intercept only)', () => {
    for (const y of [[256, 256, 256], [2.5, 3.5], [255, 256, 257], [0.5, 0, 1]]) {
      const mean = y.reduce((a, b) => a + b, 0) / y.length;
      const { beta } = newton('poisson', 1, [{ x: y.map(() => 1), y }]);
      expect(beta).toBeDefined();
      expect(Math.abs(beta![0] - Math.log(mean))).toBeLessThan(1e-12 * Math.max(1, Math.abs(Math.log(mean))));
    }
  });

  /**
   * The start of a one-point fit (x = 1, ω = 1) evaluated as documented: the 1×1 WLS step β_s = (h z/√h)/√h with
   * h = μ₀ = y + 0.1, z = log μ₀ + (y − μ₀)/μ₀ (Cholesky of a 1×1 Gram), and its loss L = e^β_s − y β_s.
   */
  function onePointStart(y: number): { beta: number; loss: number } {
    const mu0 = y + 0.1;
    const z = Math.log(mu0) + (y - mu0) / mu0;
    const root = Math.sqrt(mu0);
    const beta = (mu0 * z) / root / root;
    return { beta, loss: Math.exp(beta) - y * beta };
  }

  it('the start is used only when its loss is strictly below L(0) = 1: a tie L(start) = 1 keeps β = 0', () => {
    // L(start(y)) crosses 1 near y = 0.99557 (the start then sits at β ≈ −2e-14); bisection finds the first double
    // y with L(start) = 1 exactly, and its predecessor with L(start) < 1.
    let lo = 0.99;
    let hi = 0.9999;
    expect(onePointStart(lo).loss).toBeLessThan(1);
    expect(onePointStart(hi).loss).toBeGreaterThanOrEqual(1);
    for (let k = 0; k < 100; k++) {
      const mid = (lo + hi) / 2;
      if (onePointStart(mid).loss < 1) lo = mid;
      else hi = mid;
    }
    expect(onePointStart(hi).loss).toBe(1);
    expect(onePointStart(lo).loss).toBeLessThan(1);
    const tie = newton('poisson', 1, [{ x: [1], y: [hi] }]);
    expect(onePointStart(hi).beta).not.toBe(0);
    expect(tie.scratch.history[0]).toBe(0); // refused
    const below = newton('poisson', 1, [{ x: [1], y: [lo] }]);
    expect(below.scratch.history[0]).toBe(onePointStart(lo).beta); // accepted
    for (const r of [tie, below]) expect(Math.abs(r.beta![0] - Math.log(hi))).toBeLessThan(1e-12);
  });

  it('a start with η exactly 700 = POISSON_ETA_LIMIT is accepted (the limit is inclusive) and the fit converges there', () => {
    // Scan the doubles y ≈ e^700 for one whose start is exactly 700 (z = log y since y + 0.1 = y at this size).
    let y = Number.NaN;
    const base = Math.exp(700);
    for (let k = 0; k < 6000 && Number.isNaN(y); k++) {
      for (const candidate of [base * (1 + k * 1e-16), base * (1 - k * 1e-16)]) if (onePointStart(candidate).beta === 700) { y = candidate; break; }
    }
    expect(Number.isNaN(y)).toBe(false);
    expect(onePointStart(y).loss).toBeLessThan(1);
    const { beta, scratch } = newton('poisson', 1, [{ x: [1], y: [y] }]);
    expect(scratch.history[0]).toBe(700);
    expect(Math.abs(beta![0] - Math.log(y))).toBeLessThan(1e-12 * 700);
  });

  it('an accepted Newton iterate with η exactly 700 is not an overflow (the limit is inclusive in the loop too)', () => {
    // One point x = 1 near y = e^700, tolerance 1e-17 (so the first, ~1e-13 step is taken), one iteration. From the
    // start β_s (< 700, accepted) the Newton step is −((e^β_s − y)/√e^β_s)/√e^β_s (1×1 Cholesky), certified (reach ≪ 1):
    // scan y for a start whose next iterate is exactly 700.
    let y = Number.NaN;
    const base = Math.exp(700);
    for (let k = 0; k < 40000 && Number.isNaN(y); k++) {
      for (const candidate of [base * (1 + k * 1e-16), base * (1 - k * 1e-16)]) {
        const start = onePointStart(candidate);
        const mu = Math.exp(start.beta);
        const root = Math.sqrt(mu);
        const step = -((mu - candidate) / root / root);
        if (start.beta < 700 && start.loss < 1 && Math.abs(step) > 1e-17 * 700 && start.beta + step === 700) { y = candidate; break; }
      }
    }
    expect(Number.isNaN(y)).toBe(false);
    const { error, scratch } = newton('poisson', 1, [{ x: [1], y: [y] }], { tolerance: 1e-17, maxIterations: 1 });
    expectNumerical(error, 'non-convergence'); // the cap, not an overflow
    expect(scratch.beta[0]).toBe(700);
    expect(scratch.history[0]).toBe(onePointStart(y).beta);
  });

  it('y ≡ 1: the start (L > 1 = L(0)) is refused, β = 0 is already the MLE (score exactly 0) — returned at iteration 0', () => {
    // start: z = log 1.1 − 0.1/1.1 = 0.0044 ≠ 0, so L(start) = e^0.0044 − 0.0044 > 1 = L(0)
    const z = Math.log(1.1) - 0.1 / 1.1;
    expect(Math.exp(z) - z).toBeGreaterThan(1);
    const { beta } = newton('poisson', 1, [{ x: [1, 1, 1], y: [1, 1, 1] }], { maxIterations: 1 });
    expect(beta).toBeDefined();
    expect(beta![0]).toBe(0);
  });
});

describe('fitNewton: stopping rule and line search (newton.ts)', () => {
  it('ȳ = 3/4, tolerance 1: the first step Δ₀ = 4ȳ − 2 = 1 meets ‖Δ‖∞ ≤ tol·max(1, 0) with equality → β = Δ₀ = 1', () => {
    const { beta } = newton('logistic', 1, [{ x: [1, 1, 1, 1], y: [1, 1, 1, 0] }], { tolerance: 1 });
    expect(beta).toEqual(Float64Array.of(1));
  });

  it('ȳ = 7/8, tolerance 0.3: stops at iteration 1 because ‖Δ₁‖ ≤ 0.3·‖β₁‖ (the relative part of max(1, ‖β‖))', () => {
    // Δ₀ = 4·7/8 − 2 = 1.5 > 0.3: a step (accepted at t = 1: L(1.5) < L(0) − 1e-4·1.5·λ²); then
    // Δ₁ = (7/8 − σ(1.5))/(σ(1.5)(1 − σ(1.5))) = 0.385 ∈ (0.3, 0.3·1.5]: returned as β₁ + Δ₁.
    const s = sigma(1.5);
    const delta1 = (7 / 8 - s) / (s * (1 - s));
    expect(delta1).toBeGreaterThan(0.3);
    expect(delta1).toBeLessThanOrEqual(0.3 * 1.5);
    const list = [{ x: new Array(8).fill(1), y: [1, 1, 1, 1, 1, 1, 1, 0] }];
    const { beta } = newton('logistic', 1, list, { tolerance: 0.3 });
    expect(relErr(beta![0], 1.5 + delta1)).toBeLessThan(1e-12);
    // the same fit capped at one iteration has not met the rule yet
    const capped = newton('logistic', 1, list, { tolerance: 0.3, maxIterations: 1 });
    const error = expectNumerical(capped.error, 'non-convergence');
    expect(error.message).toMatch(/Newton did not reach ‖Δβ‖∞ ≤ 0\.3·max\(1, ‖β‖∞\) in 1 iterations for the weighted logistic likelihood/);
    expect(error.details.iterations).toBe(1);
  });

  it('reach-certified steps need no loss: a fit whose steps all move η by ≤ 1 calls Math.log1p 0 times', () => {
    // ȳ = 3/4: Δ₀ = 1 exactly, so the reach max|x_iΔ| = 1 = CERTIFIED_REACH (the boundary is accepted), then
    // steps shrink quadratically toward logit(3/4) = log 3.
    const spy = vi.spyOn(Math, 'log1p');
    const { beta } = newton('logistic', 1, [{ x: [1, 1, 1, 1], y: [1, 1, 1, 0] }]);
    expect(spy).toHaveBeenCalledTimes(0);
    expect(relErr(beta![0], Math.log(3))).toBeLessThan(1e-12);
  });

  it('reach-certified steps with correlated covariates (some g_j/Δ_j > 0): still no loss evaluation', () => {
    // Small covariates (|x| ≤ 0.5), strongly correlated columns. At β = 0 the score is g = Xᵀ(½ − y)/n and the
    // Hessian XᵀX/(4n); here Σ_j g_j/Δ_j > 0 (one component of the step has the sign of its score component),
    // while λ² = −Σ_j g_j Δ_j > 0 as always.
    const x = [0.489, 0.453, -0.028, 0.11, -0.13, -0.157, -0.07, -0.046, -0.366, -0.458, -0.483, -0.393, 0.378, 0.49, 0.319, 0.355];
    const y = [1, 0, 0, 0, 0, 1, 1, 0];
    const n = y.length;
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const r = 0.5 - y[i];
      g0 += (r * x[2 * i]) / n;
      g1 += (r * x[2 * i + 1]) / n;
      h00 += (x[2 * i] * x[2 * i]) / (4 * n);
      h01 += (x[2 * i] * x[2 * i + 1]) / (4 * n);
      h11 += (x[2 * i + 1] * x[2 * i + 1]) / (4 * n);
    }
    const det = h00 * h11 - h01 * h01;
    const d0 = -(h11 * g0 - h01 * g1) / det;
    const d1 = -(h00 * g1 - h01 * g0) / det;
    expect(g0 / d0 + g1 / d1).toBeGreaterThan(0);
    expect(-(g0 * d0 + g1 * d1)).toBeGreaterThan(0);
    const spy = vi.spyOn(Math, 'log1p');
    const { beta } = newton('logistic', 2, [{ x, y }]);
    expect(spy).toHaveBeenCalledTimes(0);
    // the result is the MLE: the score Σ (σ(x_iᵀβ) − y_i) x_i vanishes (relative to Σ|x_i|)
    let s0 = 0, s1 = 0;
    for (let i = 0; i < n; i++) {
      const r = sigma(x[2 * i] * beta![0] + x[2 * i + 1] * beta![1]) - y[i];
      s0 += r * x[2 * i];
      s1 += r * x[2 * i + 1];
    }
    expect(Math.abs(s0) + Math.abs(s1)).toBeLessThan(1e-12);
  });

  it('steps that are not certified (reach > 1) are accepted by the Armijo test on the loss (log1p evaluated)', () => {
    // ȳ = 7/8 from β = 0: Δ₀ = 1.5 > 1 — the loss is needed; the fit still reaches logit(7/8) = log 7.
    const spy = vi.spyOn(Math, 'log1p');
    const { beta } = newton('logistic', 1, [{ x: new Array(8).fill(1), y: [1, 1, 1, 1, 1, 1, 1, 0] }]);
    expect(spy.mock.calls.length).toBeGreaterThan(0);
    expect(relErr(beta![0], Math.log(7))).toBeLessThan(1e-12);
  });

  it('large covariates (reach ≫ 1 every step) still converge to the closed-form logit(ȳ) through the Armijo search', () => {
    // x = 40 for every row: η = 40β, so every early step moves η by more than 1 and needs the loss.
    const y = [1, 1, 1, 0, 0, 1, 1, 1, 1, 0];
    const { beta } = newton('logistic', 1, [{ x: y.map(() => 40), y }]);
    expect(relErr(40 * beta![0], Math.log(7 / 3))).toBeLessThan(1e-12);
  });
});

describe('fitNewton: the Poisson line search step by step (newton.ts)', () => {
  // Intercept-only Poisson (x = 1, one parameter β = η): L(β) = e^β − ȳβ, ∇L = e^β − ȳ, H = e^β, so the Newton step
  // is Δ = (ȳ − e^β)/e^β and λ² = (e^β − ȳ)²/e^β. Documented line search: t = 1, ½, ¼, …; a trial with η > 709 is
  // cut back to η = 709 (t ← min(t/2, (709 − η)/Δ)); a trial is accepted without the loss when its reach |tΔ| ≤ 1,
  // else when L(β + tΔ) ≤ L(β) − 1e-4·t·λ² + 64ε·scale. The iterates land in the history ring buffer.

  /** The first step from β = 0 by the documented line search, with the closed-form loss (ΣΩ = 1, L(0) = 1). */
  function handFirstStep(ybar: number): number {
    const delta = ybar - 1; // Newton step at β = 0
    const lambda2 = delta * delta;
    const loss = (b: number): number => Math.exp(b) - ybar * b;
    let t = 1;
    for (;;) {
      if (t * delta > 709) { t = Math.min(t / 2, 709 / delta); continue; }
      if (t * delta <= 1) break;
      if (loss(t * delta) <= 1 - 1e-4 * t * lambda2 + 64 * Number.EPSILON) break;
      t /= 2;
    }
    return t * delta;
  }

  for (const [big, ybar, hand] of [
    // ȳ = 1000: L(999/128) = e^7.80 − 7805 < L(0) − 1e-4·λ²/128, while L(999/64) = e^15.6 − … > 1: t = 1/128
    [10000, 1000, 999 / 128],
    // ȳ = 2.6: L(1.6) = e^1.6 − 4.16 = 0.79 ≤ L(0) − 1e-4·2.56: the full step t = 1 (a decrease that stays > 0)
    [26, 2.6, 1.6],
  ] as const) {
    it(`ȳ = ${ybar} from β = 0 (start refused): the first accepted step is the Armijo one, β₁ = ${hand}`, () => {
      const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, big]; // the start (β_s ≈ log big) has L ≫ 1 and is refused
      const step = handFirstStep(ybar);
      expect(relErr(step, hand)).toBeLessThan(1e-15);
      const { beta, scratch } = newton('poisson', 1, [{ x: y.map(() => 1), y }]);
      expect(scratch.history[0]).toBe(0); // the refused start
      expect(relErr(scratch.history[1], step)).toBeLessThan(1e-14);
      expect(relErr(beta![0], Math.log(ybar))).toBeLessThan(1e-12);
    });
  }

  it('the rounding slack 64ε·scale admits a full step that misses the Armijo decrease by less than 64ε', () => {
    // y = (0 × 7, 8ȳ), ω = 1/8: L(0) = 1 and scale = Σ ω (e^0 + 0) = 1 exactly. The full step Δ = ȳ − 1 has
    // f(ȳ) = L(Δ) − (1 − 1e-4·Δ²) = e^Δ − ȳΔ − 1 + 1e-4Δ², which crosses 0 near ȳ = 2.79. Bisection picks ȳ with
    // f ≈ ½·64ε: accepted only thanks to the slack (L is summed here in the packed row order, as documented).
    const slack = 64 * Number.EPSILON;
    const f = (ybar: number): number => {
      const y = [0, 0, 0, 0, 0, 0, 0, 8 * ybar];
      let g = 0;
      for (const yi of y) g += 0.125 * (1 - yi);
      const delta = -g; // Newton step at β = 0 (H = 1)
      let trial = 0;
      for (const yi of y) trial += 0.125 * (Math.exp(delta) - yi * delta);
      return trial - (1 - 1e-4 * delta * delta);
    };
    let lo = 2.7; // f(2.7) < 0
    let hi = 2.9; // f(2.9) > 0
    expect(f(lo)).toBeLessThan(0);
    expect(f(hi)).toBeGreaterThan(0);
    for (let k = 0; k < 200 && Math.abs(f(hi) - slack / 2) > 0.1 * slack; k++) {
      const mid = (lo + hi) / 2;
      if (f(mid) > slack / 2) hi = mid;
      else lo = mid;
    }
    const ybar = hi;
    expect(f(ybar)).toBeGreaterThan(0.35 * slack);
    expect(f(ybar)).toBeLessThan(0.65 * slack);
    const y = [0, 0, 0, 0, 0, 0, 0, 8 * ybar];
    const { scratch } = newton('poisson', 1, [{ x: y.map(() => 1), y }]);
    expect(scratch.history[0]).toBe(0); // start refused: L(start) ≈ e^2.9 − 2.79·2.9 > 1
    expect(relErr(scratch.history[1], ybar - 1)).toBeLessThan(1e-14); // t = 1, not ½
  });

  it('y = (1 + 5e-5)·e^709/709: the trial cut at η = 709 lowers L by 5e-5·e^709, less than 1e-4 × the predicted decrease −∇Lᵀ(tΔβ) = 709·y (λ² = ∞), so it is refused and the halved trial η = 354.5 accepted', () => {
    // L(η) = e^η − yη (one row, x = 1, ω = 1), start refused → β = 0, L(0) = 1, Δ = y − 1. At η = 709:
    // L = e^709 − 709y = −5e-5·e^709 ≈ −4.1e303, a decrease of 4.1e303 < 1e-4·709y ≈ 8.2e303: refused.
    // At η = 354.5 the decrease ≈ 354.5y ≫ 1e-4·354.5y: accepted. A predicted decrease of 0, negative or
    // mis-scaled would accept η = 709 > 700 and end the fit there ("overflow" at β = 709).
    const y = (1 + 5e-5) * (Math.exp(709) / 709);
    expect(Math.exp(709) - 709 * y).toBeLessThan(0);
    expect(1 - (Math.exp(709) - 709 * y)).toBeLessThan(1e-4 * 709 * (y - 1));
    const { error, scratch } = newton('poisson', 1, [{ x: [1], y: [y] }], { maxIterations: 50 });
    expectNumerical(error, 'overflow'); // η̂ = ln y ≈ 702.5 > 700: the climb crosses 700 later
    expect(relErr(scratch.history[1], 354.5)).toBeLessThan(1e-12);
    expect(scratch.beta[0]).toBeGreaterThan(700);
    expect(scratch.beta[0]).toBeLessThan(708);
  });

  it('y = 2e304: each step is cut at η = 709, then halved until its reach is ≤ 1 or the Armijo test (with the predicted decrease −∇Lᵀ(tΔβ), λ² being ∞) passes; the iterate reaching η̂ = ln 2e304 > 700 → "overflow"', () => {
    const run = simulateEtaNewton([[1]], [2e304], 50);
    expect(run.outcome).toBe('overflow');
    expect(run.infiniteDecrement).toBe(true); // the case the finite predicted decrease is for
    const { error, scratch } = newton('poisson', 1, [{ x: [1], y: [2e304] }], { maxIterations: 50 });
    expectNumerical(error, 'overflow');
    const k = run.iterates.length - 1;
    for (let i = Math.max(0, k - 7); i < k; i++) expect(Math.abs(scratch.history[i % 8] - run.iterates[i][0])).toBeLessThanOrEqual(1e-12 * Math.max(1, run.iterates[i][0]));
    expect(relErr(scratch.beta[0], run.iterates[k][0])).toBeLessThan(1e-12);
    expect(scratch.beta[0]).toBeGreaterThan(700);
    expect(scratch.beta[0] - Math.log(2e304)).toBeLessThan(1); // within a unit of η̂ = 700.68 when it crossed 700
  });
});

/**
 * The documented Poisson Newton iteration (newton.ts) for n = p rows with X invertible and weights 1/n, simulated
 * in η = Xβ, where L = (1/n)Σ(e^{η_i} − y_iη_i) is separable: the Newton step is Δη_i = (y_i − e^{η_i})/e^{η_i},
 * λ² = (1/n)Σ e^{η_i}Δη_i². Line search: t = 1; a trial with some η > 709 is cut to t = min(t/2, min_i (709 − η_i)/Δη_i);
 * a trial is accepted when its reach t·max|Δη_i| ≤ 1, or when L(trial) ≤ L − 1e-4·(predicted decrease) with the
 * predicted decrease t·λ², computed as (1/n)Σ e^{η_i}(tΔη_i)Δη_i when t·λ² overflows; an accepted iterate with
 * η > 700 ends the fit ("overflow"). 2 × 2 designs: the rank test of the Hessian Gram (rows a, b with weights
 * w = e^η/n) fails when w_a/(w_a + w_b) < 1e-10 ("singular"). Starts at β = 0 (the documented start is refused
 * for these counts, η > 700). Returns the iterates (in β) and the outcome.
 */
function simulateEtaNewton(rows: readonly (readonly number[])[], y: readonly number[], maxIterations: number) {
  const n = y.length;
  const toBeta = (eta: number[]): number[] => (n === 1 ? [eta[0] / rows[0][0]] : [eta[0], eta[1] - eta[0]]); // rows (1,0), (1,1)
  const loss = (eta: number[]): number => eta.reduce((acc, e, i) => acc + (Math.exp(e) - y[i] * e) / n, 0);
  let eta = y.map(() => 0);
  const iterates: number[][] = [toBeta(eta)];
  let infiniteDecrement = false;
  for (let k = 0; k < maxIterations; k++) {
    const w = eta.map((e) => Math.exp(e) / n);
    if (n === 2 && w[0] / (w[0] + w[1]) < 1e-10) return { iterates, outcome: 'singular', infiniteDecrement };
    const d = eta.map((e, i) => (y[i] - Math.exp(e)) / Math.exp(e));
    const decrement = w.reduce((acc, wi, i) => acc + wi * d[i] * d[i], 0);
    if (!Number.isFinite(decrement)) infiniteDecrement = true;
    let t = 1;
    let accepted: number[] | undefined;
    for (let halving = 0; halving < 60 && accepted === undefined; halving++) {
      let trial = eta.map((e, i) => e + t * d[i]);
      if (trial.some((e) => e > 709.78)) {
        let cap = t / 2;
        for (let i = 0; i < n; i++) if (d[i] > 0) cap = Math.min(cap, (709 - eta[i]) / d[i]);
        t = cap;
        continue;
      }
      if (t * Math.max(...d.map(Math.abs)) <= 1) accepted = trial;
      else {
        let predicted = t * decrement;
        if (!Number.isFinite(predicted)) predicted = w.reduce((acc, wi, i) => acc + wi * (t * d[i]) * d[i], 0);
        if (loss(trial) <= loss(eta) - 1e-4 * predicted) accepted = trial;
        else t *= 0.5;
      }
      trial = [];
    }
    if (accepted === undefined) return { iterates, outcome: 'no decrease', infiniteDecrement };
    eta = accepted;
    iterates.push(toBeta(eta));
    if (eta.some((e) => e > 700)) return { iterates, outcome: 'overflow', infiniteDecrement };
  }
  return { iterates, outcome: 'cap', infiniteDecrement };
}

describe('fitNewton: the step cut at η = 709 with two covariates (newton.ts)', () => {
  it('rows (1,0), (1,1), y = (2e304, 3e304): the iterates follow the η-space recurrence until the Hessian Gram fails its rank test → "singular"', () => {
    const y = [2e304, 3e304];
    const run = simulateEtaNewton([[1, 0], [1, 1]], y, 50);
    expect(run.outcome).toBe('singular');
    expect(run.infiniteDecrement).toBe(true);
    const { error, scratch } = newton('poisson', 2, [{ x: [1, 0, 1, 1], y }], { maxIterations: 50 });
    expectNumerical(error, 'singular');
    const k = run.iterates.length - 1;
    for (let i = 0; i <= k && i < 8; i++) {
      for (let j = 0; j < 2; j++) {
        expect(Math.abs(scratch.history[2 * i + j] - run.iterates[i][j])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(run.iterates[i][j])));
      }
    }
    for (let j = 0; j < 2; j++) expect(Math.abs(scratch.beta[j] - run.iterates[k][j])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(run.iterates[k][j])));
  });
});

describe('fitNewton: the drift candidate β_k − β_{k−8} of the separation search (newton.ts)', () => {
  // At the iteration cap the separation search gets the candidates β, the last step and the drift between the
  // current iterate and the oldest stored one (scratch.gradTry holds it afterwards; the data are not separated
  // so the fit then reports non-convergence). Reference iterates come from the same fit stopped earlier
  // (the iterates are deterministic): β after k iterations is scratch.beta of a run capped at k.
  // A regular Poisson fit with tolerance 1e-300: it converges to rounding and then keeps taking steps of the order
  // of ε·|β| (never exactly 0 here), so it runs to the iteration cap and reports non-convergence.
  const climb = [{ x: [1, 0, 1, 1, 1, 2, 1, -1, 1, 0.5], y: [1, 3, 7, 0, 2] }];
  const TIGHT = 1e-300;

  function iterateAfter(list: readonly Src[], k: number): Float64Array {
    const { error, scratch } = newton('poisson', 2, list, { maxIterations: k, tolerance: TIGHT });
    expectNumerical(error, 'non-convergence');
    return Float64Array.from(scratch.beta);
  }

  it('10 iterations (ring buffer wrapped): drift = β₁₀ − β₂', () => {
    const { error, scratch } = newton('poisson', 2, climb, { maxIterations: 10, tolerance: TIGHT });
    expectNumerical(error, 'non-convergence');
    const b2 = iterateAfter(climb, 2);
    const b10 = Float64Array.from(scratch.beta);
    expect(b10[0]).not.toBe(b2[0]);
    for (let j = 0; j < 2; j++) expect(scratch.gradTry[j]).toBe(b10[j] - b2[j]);
    // the ring buffer holds the iterates 2..9 in slots 2..7, 0, 1
    for (let j = 0; j < 2; j++) expect(scratch.history[2 * 2 + j]).toBe(b2[j]);
    const b9 = iterateAfter(climb, 9);
    for (let j = 0; j < 2; j++) expect(scratch.history[2 * 1 + j]).toBe(b9[j]);
  });

  it('8 iterations (buffer just full): drift = β₈ − β₀', () => {
    const { error, scratch } = newton('poisson', 2, climb, { maxIterations: 8, tolerance: TIGHT });
    expectNumerical(error, 'non-convergence');
    const start = Float64Array.from(scratch.history.subarray(0, 2)); // β₀, the (accepted) start
    for (let j = 0; j < 2; j++) expect(scratch.gradTry[j]).toBe(scratch.beta[j] - start[j]);
  });

  it('2 iterations from an accepted start: drift = β₂ − β_start', () => {
    const list = [{ x: [1, 0, 1, 1, 1, 2, 1, -1, 1, 0.5], y: [1, 3, 7, 0, 2] }];
    const { error, scratch } = newton('poisson', 2, list, { maxIterations: 2 });
    expectNumerical(error, 'non-convergence');
    const start = Float64Array.from(scratch.history.subarray(0, 2));
    expect(start[0]).not.toBe(0);
    for (let j = 0; j < 2; j++) expect(scratch.gradTry[j]).toBe(scratch.beta[j] - start[j]);
  });
});

describe('fitNewton through glmModel (newton.ts)', () => {
  it('logistic and Poisson intercept-only fits give the closed forms logit(ȳ) and log ȳ', () => {
    const y = [1, 0, 1, 1, 0, 1, 1, 1];
    const x = Float64Array.from(y.map(() => 1));
    const logistic = glmModel({ family: 'logistic', dim: 1 }).fit([{ data: { size: 8, dim: 1, x, y: Float64Array.from(y) }, weight: 1 }]);
    expect(relErr(logistic.beta[0], Math.log(6 / 2))).toBeLessThan(1e-12);
    const counts = [3, 0, 7, 2, 9, 4, 1, 6];
    const poisson = glmModel({ family: 'poisson', dim: 1 }).fit([{ data: { size: 8, dim: 1, x, y: Float64Array.from(counts) }, weight: 1 }]);
    expect(relErr(poisson.beta[0], Math.log(32 / 8))).toBeLessThan(1e-12);
  });
});

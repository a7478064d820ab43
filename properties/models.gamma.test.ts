/**
 * The Gamma model: the weighted MLE satisfies its score equations, the shape solver inverts
 * ln α − ψ(α) at published values (ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(n) = H_{n−1} − γ), the Fisher
 * information equals the negated Hessian of the log-likelihood by finite differences of logGamma,
 * invariances (row order, weight scale, weight-0 sources), degenerate data and bad input.
 * Statistical (engine.models.gamma): at n = 20 000 the shape MLE is unbiased and has the Cramér–Rao
 * variance: z = (α̂ − α)/sd with sd² = α/((αψ′(α) − 1)n) from the inverse Fisher information has
 * E z = 0 and E z² = 1, each shown to reject a deliberately wrong fit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gammaModel, gammaShapeMle, gammaFisherInformation, type GammaTheta } from '../src/models/gamma.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { digamma } from '../src/special/digamma.js';
import { trigamma } from '../src/special/trigamma.js';
import { logGamma } from '../src/special/logGamma.js';
import { fillGamma } from '../src/rng/gamma.js';
import { rootKey } from '../src/rng/stream.js';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkMean, expectPass, expectReject } from '../src/stats/assert.js';
import { refused } from './helpers/refused.js';

const EULER_GAMMA = 0.5772156649015329; // A&S 6.1.3
const data = (x: number[] | Float64Array): Dataset => ({ size: x.length, dim: 1, x: Float64Array.from(x), y: null });
const model = gammaModel();

/** Weighted sources of positive data, log-uniform over [e^−7, e^7]. */
const sourcesArb = fc.array(
  fc
    .record({ size: fc.integer({ min: 1, max: 12 }), weight: fc.double({ min: 0.01, max: 10, noNaN: true }) })
    .chain(({ size, weight }) =>
      fc
        .array(fc.double({ min: -7, max: 7, noNaN: true }).map(Math.exp), { minLength: size, maxLength: size })
        .map((values): WeightedSource => ({ data: data(values), weight })),
    ),
  { minLength: 1, maxLength: 3 },
);

const notAllEqual = (sources: readonly WeightedSource[]): boolean => {
  const all = sources.flatMap((s) => Array.from(s.data.x));
  return all.some((v) => v !== all[0]);
};

/** x̄_ω and (ln x)‾_ω with ω_i = w_s/(W n_s), by per-point loops. */
function weightedMoments(sources: readonly WeightedSource[]): { mean: number; meanLog: number } {
  const W = sources.reduce((s, src) => s + src.weight, 0);
  let mean = 0;
  let meanLog = 0;
  for (const { data: d, weight } of sources) {
    for (let i = 0; i < d.size; i++) {
      mean += (weight / (W * d.size)) * d.x[i];
      meanLog += (weight / (W * d.size)) * Math.log(d.x[i]);
    }
  }
  return { mean, meanLog };
}

function expectNumerical(call: () => unknown, kind: string): void {
  try {
    call();
    expect.unreachable('no error thrown');
  } catch (error) {
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).kind).toBe(kind);
  }
}

describe('gammaModel.fit: the weighted MLE', () => {
  it('satisfies the score equations ∂ℓ/∂α = ln β − ψ(α) + (ln x)‾_ω = 0 and ∂ℓ/∂β = α/β − x̄_ω = 0 to 1e−8', () => {
    fc.assert(
      fc.property(sourcesArb, (sources) => {
        fc.pre(notAllEqual(sources));
        const { shape, rate } = model.fit(sources);
        const { mean, meanLog } = weightedMoments(sources);
        expect(Math.abs(Math.log(rate) - digamma(shape) + meanLog)).toBeLessThan(1e-8);
        expect(Math.abs(shape / rate - mean) / mean).toBeLessThan(1e-8);
        // The α-equation in its un-cancelled form, relative to s = ln x̄_ω − (ln x)‾_ω:
        const s = Math.log(mean) - meanLog;
        expect(Math.abs(Math.log(shape) - digamma(shape) - s)).toBeLessThan(1e-9 * s + 1e-13);
      }),
      { seed: 0x6a3001, numRuns: 300 },
    );
  });

  it('satisfies the score equations for large and tiny shapes (data drawn at α = 1e4, 1e-2)', () => {
    for (const shape of [1e4, 300, 10, 9.99, 1, 0.05, 0.01]) {
      const x = fillGamma(rootKey('models.gamma.test').child('extreme', shape).stream(), shape, 1, new Float64Array(500));
      fc.pre(x.every((v) => v > 0));
      const fit = model.fit([{ data: data(x), weight: 1 }]);
      const { mean, meanLog } = weightedMoments([{ data: data(x), weight: 1 }]);
      expect(Math.abs(Math.log(fit.rate) - digamma(fit.shape) + meanLog)).toBeLessThan(1e-8);
      expect(Math.abs(fit.shape / fit.rate - mean) / mean).toBeLessThan(1e-12);
      expect(fit.shape / shape).toBeGreaterThan(0.5); // in the right region (n = 500)
      expect(fit.shape / shape).toBeLessThan(2);
    }
  });

  it('the exponential case: data {1, 3} with weights … fits the closed form of a two-point sample', () => {
    // Two points a, b with equal weight: s = ln((a + b)/2) − ½ ln(ab); α̂ solves ln α − ψ(α) = s.
    const fit = model.fit([{ data: data([1, 3]), weight: 1 }]);
    const s = Math.log(2) - 0.5 * Math.log(3);
    expect(Math.abs(Math.log(fit.shape) - digamma(fit.shape) - s)).toBeLessThan(1e-15);
    expect(fit.rate).toBeCloseTo(fit.shape / 2, 14);
  });
});

describe('gammaShapeMle: inverts ln α − ψ(α) = s at published values', () => {
  it('ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(2) = 1 − γ (A&S 6.3.2–6.3.4)', () => {
    expect(Math.abs(gammaShapeMle(EULER_GAMMA) - 1)).toBeLessThan(1e-13);
    expect(Math.abs(gammaShapeMle(Math.log(0.5) + EULER_GAMMA + 2 * Math.log(2)) - 0.5)).toBeLessThan(1e-13);
    expect(Math.abs(gammaShapeMle(Math.log(2) - 1 + EULER_GAMMA) - 2) / 2).toBeLessThan(1e-13);
  });

  it('ψ(n) = H_{n−1} − γ for n = 10, 1000, 100 000 (harmonic numbers summed in the test; exercises the series branch)', () => {
    for (const n of [10, 1000, 100_000]) {
      let harmonic = 0;
      let compensation = 0;
      for (let k = n - 1; k >= 1; k--) {
        // Kahan summation, smallest terms first
        const y = 1 / k - compensation;
        const t = harmonic + y;
        compensation = t - harmonic - y;
        harmonic = t;
      }
      const s = Math.log(n) - (harmonic - EULER_GAMMA);
      expect(Math.abs(gammaShapeMle(s) - n) / n).toBeLessThan(1e-8);
    }
  });

  it('round-trips α ↦ ln α − ψ(α) ↦ α across the grid 1e−8 … 1e6 (including both sides of α = 10)', () => {
    fc.assert(
      fc.property(fc.double({ min: Math.log(1e-8), max: Math.log(1e6), noNaN: true }).map(Math.exp), (alpha) => {
        const s = Math.log(alpha) - digamma(alpha);
        fc.pre(s > 0);
        // ln α − ψ(α) by subtraction loses about log₁₀(2α ln α) digits at large α: allow for it.
        const tolerance = 1e-12 + 4e-16 * 2 * alpha * Math.max(1, Math.log(alpha));
        expect(Math.abs(gammaShapeMle(s) - alpha) / alpha).toBeLessThan(tolerance);
      }),
      { seed: 0x6a3002, numRuns: 300 },
    );
  });

  it('s ≤ 0 → NumericalError degenerate; non-finite s → InvalidArgumentError', () => {
    expectNumerical(() => gammaShapeMle(0), 'degenerate');
    expectNumerical(() => gammaShapeMle(-1e-3), 'degenerate');
    refused(() => gammaShapeMle(NaN), 's');
  });

  it('every positive double s: a root accurate to 1e−14 relative, or NumericalError overflow beyond the normal doubles (regression: s = 1e−300 and s = 1e20 failed)', () => {
    // 1e−14: ten times digamma's documented ~1e−15 relative accuracy (src/special/digamma.ts), which bounds the
    // large-s reference ln α − ψ(α); the small-s reference (the series) and the asymptotic branches are exact to a few
    // roundings, and Newton's branch stops after a step below 1e−12·α, beyond which its quadratic convergence leaves
    // only rounding.
    // small s (α → ∞): s = 1/(2α) + 1/(12α²) + O(α⁻⁴) (A&S 6.3.18), which is s = 1/(2α) to rounding once α > 1e16
    for (const gap of [1e-16, 1e-50, 1e-99, 1e-101, 1e-154, 1e-155, 1e-200, 1e-300, 1e-308]) {
      const alpha = gammaShapeMle(gap);
      const series = 1 / (2 * alpha) + 1 / (12 * alpha * alpha);
      expect(Math.abs(series - gap) / gap).toBeLessThan(1e-14);
    }
    // large s (α → 0): ln α − ψ(α) by subtraction, with ψ from src/special (recurrence ψ(α) = ψ(α + 1) − 1/α)
    for (const gap of [1e3, 1e6, 9e11, 1.1e12, 1.5e17, 1e20, 1e100, 1e300, 1e307]) {
      const alpha = gammaShapeMle(gap);
      expect(Math.abs(Math.log(alpha) - digamma(alpha) - gap) / gap).toBeLessThan(1e-14);
    }
    // roots outside the normal doubles: α̂ ≈ 1/(2s) > 1.8e308, α̂ ≈ 1/s < 2.2e−308
    expectNumerical(() => gammaShapeMle(5e-324), 'overflow');
    expectNumerical(() => gammaShapeMle(2e-309), 'overflow');
    expectNumerical(() => gammaShapeMle(1e308), 'overflow');
  });
});

describe('gammaFisherInformation', () => {
  /** −Hessian of ℓ(a, b) = a ln b − lnΓ(a) + (a − 1)m₁ − b m₂ by central differences (m₁, m₂ drop out). */
  function negativeHessian(a: number, b: number): number[] {
    const ell = (x: number, y: number) => x * Math.log(y) - logGamma(x) + (x - 1) * 0.3 - y * 1.7;
    const ha = 1e-3 * a;
    const hb = 1e-3 * b;
    const faa = (ell(a + ha, b) - 2 * ell(a, b) + ell(a - ha, b)) / (ha * ha);
    const fbb = (ell(a, b + hb) - 2 * ell(a, b) + ell(a, b - hb)) / (hb * hb);
    const fab = (ell(a + ha, b + hb) - ell(a + ha, b - hb) - ell(a - ha, b + hb) + ell(a - ha, b - hb)) / (4 * ha * hb);
    return [-faa, -fab, -fab, -fbb];
  }

  it('equals −∇²ℓ by finite differences of logGamma, and I(1, 2) = [π²/6, −½, −½, ¼]', () => {
    const exact = gammaFisherInformation(1, 2);
    expect(exact[0]).toBeCloseTo(Math.PI ** 2 / 6, 14);
    expect(Array.from(exact.subarray(1))).toEqual([-0.5, -0.5, 0.25]);
    fc.assert(
      fc.property(
        fc.double({ min: Math.log(0.05), max: Math.log(200), noNaN: true }).map(Math.exp),
        fc.double({ min: Math.log(0.01), max: Math.log(100), noNaN: true }).map(Math.exp),
        (a, b) => {
          const info = gammaFisherInformation(a, b);
          const numeric = negativeHessian(a, b);
          for (let i = 0; i < 4; i++) expect(Math.abs(info[i] - numeric[i])).toBeLessThan(1e-5 * Math.max(Math.abs(numeric[i]), 1e-3));
          // Its inverse's (α, α) entry is α/(αψ′(α) − 1), the asymptotic variance used below.
          const det = info[0] * info[3] - info[1] * info[2];
          expect(Math.abs(info[3] / det - a / (a * trigamma(a) - 1))).toBeLessThan(1e-9 * (a / (a * trigamma(a) - 1)));
        },
      ),
      { seed: 0x6a3003, numRuns: 200 },
    );
  });

  it('rejects non-positive parameters', () => {
    refused(() => gammaFisherInformation(0, 1), 'shape');
    refused(() => gammaFisherInformation(1, -1), 'rate');
  });
});

describe('gammaModel.fit: invariances', () => {
  it('row order, weight scale (exact for 2^k, 1e−13 otherwise) and weight-0 sources do not change the fit', () => {
    fc.assert(
      fc.property(sourcesArb, fc.integer({ min: 1, max: 50 }), fc.integer({ min: -20, max: 20 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (sources, shift, k, c) => {
        fc.pre(notAllEqual(sources));
        const base = model.fit(sources);
        const close = (t: GammaTheta, tolerance: number) => {
          expect(Math.abs(t.shape - base.shape) / base.shape).toBeLessThanOrEqual(tolerance);
          expect(Math.abs(t.rate - base.rate) / base.rate).toBeLessThanOrEqual(tolerance);
        };
        const permuted = sources.map(({ data: d, weight }) => ({ data: data(Array.from(d.x, (_, i) => d.x[(i + shift) % d.size])), weight }));
        close(model.fit(permuted), 1e-11);
        expect(model.fit(sources.map((s) => ({ data: s.data, weight: s.weight * 2 ** k })))).toEqual(base);
        close(model.fit(sources.map((s) => ({ data: s.data, weight: s.weight * c }))), 1e-11);
        expect(model.fit([{ data: data([1e6, 5]), weight: 0 }, ...sources, { data: data([]), weight: 0 }])).toEqual(base);
      }),
      { seed: 0x6a3004, numRuns: 200 },
    );
  });

  it('data near the largest double: the fit is exactly the 2^1000-scaled fit of the same data scaled by 2^−1000 (regression: 11 sources at MAX threw an error about s)', () => {
    // 11 sources of weight 1: fl(1/11) > 1/11, so Σ_s ω_s·x̄_s with every x̄_s ≈ MAX rounds above MAX although the
    // weighted mean (MAX − 2^971) is representable. Scaling the data by a power of two scales the rate and leaves
    // the shape (the MLE is scale-equivariant; powers of two keep every operation exact up to the same roundings).
    const M = Number.MAX_VALUE;
    const sources = (scale: number): WeightedSource[] =>
      Array.from({ length: 11 }, () => ({ data: data([M * scale, (M - 2 ** 972) * scale]), weight: 1 }));
    let sum = 0;
    for (let s = 0; s < 11; s++) sum += (1 / 11) * (M - 2 ** 971);
    expect(sum).toBe(Infinity); // the premise: the plain weighted sum overflows
    const big = model.fit(sources(1));
    const small = model.fit(sources(2 ** -1000));
    expect(big.shape).toBe(small.shape);
    expect(big.rate).toBe(small.rate * 2 ** -1000);
  });
});

describe('gammaModel: degenerate data, bad input, sampling, metrics', () => {
  it('all observations equal → NumericalError degenerate', () => {
    expectNumerical(() => model.fit([{ data: data([2.5, 2.5, 2.5]), weight: 1 }, { data: data([2.5]), weight: 3 }]), 'degenerate');
    expectNumerical(() => model.fit([{ data: data([4]), weight: 1 }, { data: data([1, 9]), weight: 0 }]), 'degenerate');
  });

  it('bad input names the parameter', () => {
    const good = data([1, 2, 3]);
    refused(() => model.fit([{ data: data([1, 0, 3]), weight: 1 }]), 'sources[0].data.x[1]');
    refused(() => model.fit([{ data: good, weight: 1 }, { data: data([1, -2]), weight: 1 }]), 'sources[1].data.x[1]');
    refused(() => model.fit([{ data: data([1, NaN]), weight: 1 }]), 'sources[0].data.x[1]');
    refused(() => model.fit([{ data: good, weight: -1 }]), 'sources[0].weight');
    refused(() => model.fit([{ data: good, weight: 0 }]), 'sources (sum of weights)');
    refused(() => model.fit([{ data: { size: 1, dim: 2, x: Float64Array.of(1, 2), y: null }, weight: 1 }]), 'sources[0].data.dim');
    refused(() => model.fit([{ data: data([]), weight: 1 }, { data: good, weight: 1 }]), 'sources[0].data.size');
    refused(() => model.validate({ shape: 0, rate: 1 }), 'theta.shape');
    refused(() => model.validate({ shape: 1, rate: Infinity }, 'truth'), 'truth.rate');
    refused(() => model.sample({ shape: 1, rate: 1 }, 1.5, rootKey('x').stream()), 'size');
    refused(() => model.metrics.params({ shape: -1, rate: 1 }, { shape: 1, rate: 1 }), 'estimate.shape');
  });

  it('sample is fillGamma on the same stream; params = (α̂ − α)² + (β̂ − β)²', () => {
    const key = rootKey('models.gamma.test').child('wiring');
    const drawn = model.sample({ shape: 2.5, rate: 0.5 }, 9, key.stream());
    expect(drawn).toMatchObject({ size: 9, dim: 1, y: null });
    expect(Array.from(drawn.x)).toEqual(Array.from(fillGamma(key.stream(), 2.5, 0.5, new Float64Array(9))));
    expect(model.metrics.params({ shape: 3, rate: 1 }, { shape: 1, rate: 2 })).toBe(5);
  });
});

describe('gammaModel: the MLE at n = 20 000 is unbiased with the Cramér–Rao variance (engine.models.gamma)', () => {
  // z = (α̂ − α)/sd, sd² = (I⁻¹)_αα/n = α/((αψ′(α) − 1)n).
  // (α, β) = (1.5, 2), R = 1000 replications:
  //  - checkMean(z, 0) detects a bias of 0.35·sd(α̂) (se of z̄ = 1/√R = 0.032, z-factor 5.2 + 4.9);
  //  - checkMean(z², 1) detects a variance 2.5× the Cramér–Rao bound (E z² = 2.5).
  // (α, β) = (20, 0.25) (the series branch of the shape solver), R = 300: checkMean(z, 0) detects 0.6·sd(α̂).
  // R = 200 (the first plan) cannot satisfy the z² power requirement at this budget: under an alternative
  // E z² = 1 + δ the se of the mean of z² is √2(1 + δ)/√R, and 10.05·√2(1 + δ)/√200 > δ for every δ; R = 1000
  // is the smallest round R that can show a variance check (δ = 1.5).
  // The finite-n bias of the MLE (O(1/n), ≈ 0.02 sd here) and the O(1/n) excess of E z² are far below these
  // detectable effects. A ddof-style (n − 1)/n rescaling of β̂, the brief's suggested negative control, shifts
  // β̂ by β/n ≈ 0.004 sd(β̂) at (1.5, 2), n = 20 000 (and α̂ not at all) — about 90× below what this check (or
  // any R ≤ 10⁵) detects — so the controls are instead a shift of α̂ by the declared amount and the MLE on
  // 40 % of each sample (variance × 2.5).
  const n = 20_000;
  const alpha = alphaFor('engine.models.gamma') / 3; // 3 assertions
  const beta = alphaFor('engine.models.gamma.power') / 3; // 3 negative controls

  /** z of the full-data MLE and, optionally, of the MLE on the first 40 % of each sample. */
  function zScores(truth: GammaTheta, R: number, withPartial: boolean): { z: Float64Array; zPartial: Float64Array } {
    const sd = Math.sqrt(truth.shape / ((truth.shape * trigamma(truth.shape) - 1) * n));
    const key = suiteKey().child('engine.models.gamma', 'z', truth.shape, truth.rate);
    const z = new Float64Array(R);
    const zPartial = new Float64Array(withPartial ? R : 0);
    const partial = Math.round(0.4 * n);
    for (let r = 0; r < R; r++) {
      const sample = model.sample(truth, n, key.child(r).stream());
      z[r] = (model.fit([{ data: sample, weight: 1 }]).shape - truth.shape) / sd;
      if (!withPartial) continue;
      const head: Dataset = { size: partial, dim: 1, x: sample.x.subarray(0, partial), y: null };
      zPartial[r] = (model.fit([{ data: head, weight: 1 }]).shape - truth.shape) / sd;
    }
    return { z, zPartial };
  }

  it('(α, β) = (1.5, 2), R = 1000: E z = 0 and E z² = 1; controls α̂ + 0.35 sd and 40 % of the data are rejected', () => {
    const { z, zPartial } = zScores({ shape: 1.5, rate: 2 }, 1000, true);
    const square = (v: number) => v * v;
    expectPass(checkMean({ label: 'E z, α = 1.5', samples: z, oracle: 0, alpha, beta, detectable: 0.35 }));
    expectPass(checkMean({ label: 'E z², α = 1.5', samples: z.map(square), oracle: 1, alpha, beta, detectable: 1.5 }));
    expectReject(checkMean({ label: 'E z, α̂ + 0.35 sd', samples: z.map((v) => v + 0.35), oracle: 0, alpha, beta, detectable: 0.35 }));
    expectReject(checkMean({ label: 'E z², 40 % of the data', samples: zPartial.map(square), oracle: 1, alpha, beta, detectable: 1.5 }));
  });

  it('(α, β) = (20, 0.25), R = 300: E z = 0; control α̂ + 0.6 sd is rejected', () => {
    const { z } = zScores({ shape: 20, rate: 0.25 }, 300, false);
    expectPass(checkMean({ label: 'E z, α = 20', samples: z, oracle: 0, alpha, beta, detectable: 0.6 }));
    expectReject(checkMean({ label: 'E z, α̂ + 0.6 sd', samples: z.map((v) => v + 0.6), oracle: 0, alpha, beta, detectable: 0.6 }));
  });
});

/**
 * Deterministic properties of the support code of the Gaussian-mean claims (GR-2 … GR-8, GR-13):
 * theorems/support/meanLimit.ts (window variance, burn-in, oracles), theorems/support/linearRule.ts (the
 * linear-rule wrapper) and src/theory/linearRule.ts. Reference values are independent computations (brute-force double sums,
 * i.i.d. special cases, hand-written weighted sums).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type Dataset } from '../src/models/index.js';
import { InvalidArgumentError } from '../src/errors.js';
import { covarianceGrowthRate, freshMeanError, freshMeanLimit, linearRuleError } from '../src/theory/index.js';
import { burnIn, crnWindowVariance, gaussianArWindowVariance, tameCovarianceWeight, windowOracle } from '../theorems/support/meanLimit.js';
import { linearRuleModel } from '../theorems/support/linearRule.js';

/** Var of Σ_a λ_a·(window mean of ‖e^a_t‖²) by the brute-force double sum over (s, t) of 2 tr(Σ²)·c_st². */
function bruteForceVariance(fro: number, r: number[], lambda: number[], q: number[][], c0: number[][], start: number, end: number): number {
  const W = end - start;
  let total = 0;
  for (let a = 0; a < r.length; a++) {
    for (let b = 0; b < r.length; b++) {
      const diag: number[] = [c0[a][b]];
      for (let t = 1; t < end; t++) diag.push(r[a] * r[b] * diag[t - 1] + q[a][b]);
      for (let s = start; s < end; s++) {
        for (let t = start; t < end; t++) {
          const c = s <= t ? r[b] ** (t - s) * diag[s] : r[a] ** (s - t) * diag[t];
          total += lambda[a] * lambda[b] * 2 * fro * c * c;
        }
      }
    }
  }
  return total / (W * W);
}

describe('theorems/support/meanLimit.ts', () => {
  it('gaussianArWindowVariance equals the brute-force double sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 15 }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        (r, start, W, fro) => {
          const G = r.length;
          const lambda = G === 1 ? [1] : [1, -1];
          const q = Array.from({ length: G }, (_, a) => Array.from({ length: G }, (_, b) => 0.1 + 0.05 * (a + b)));
          const c0 = Array.from({ length: G }, () => Array.from({ length: G }, () => 0.2));
          const expected = bruteForceVariance(fro, r, lambda, q, c0, start, start + W);
          const got = gaussianArWindowVariance({ frobeniusSquared: fro, r, coefficients: lambda, q: (a, b) => q[a][b], c0: (a, b) => c0[a][b], start, end: start + W });
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-10 * Math.abs(expected) + 1e-15);
        },
      ),
      { numRuns: 200, seed: 21 },
    );
  });

  it('crnWindowVariance at w = 1 is that of W i.i.d. batch means: 2tr(Σ²)/(n²W)', () => {
    const setting = { traceSigma: 2, frobeniusSquared: 1.5, n: 8, m: 3 };
    for (const W of [1, 5, 17]) expect(crnWindowVariance(setting, [1], [1], 4, 4 + W)).toBeCloseTo((2 * 1.5) / (64 * W), 14);
  });

  it('burnIn is the first generation whose exact transient is within the tolerance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 1e-6, max: 1e-2, noNaN: true }), (n, m, w, negligible) => {
        const setting = { traceSigma: 1.7, frobeniusSquared: 1, n, m };
        const limit = freshMeanLimit({ traceSigma: 1.7, n, m, w });
        const gap = (t: number) => Math.abs(freshMeanError({ traceSigma: 1.7, n, m, w, t }) - limit);
        const t = burnIn(setting, [w], negligible);
        expect(gap(t)).toBeLessThanOrEqual(negligible);
        if (t > 1) expect(gap(t - 1)).toBeGreaterThan(negligible);
      }),
      { numRuns: 200, seed: 22 },
    );
  });

  it('windowOracle is the mean of freshMeanError over the window (trΣ/n at w = 1)', () => {
    const setting = { traceSigma: 3, frobeniusSquared: 4, n: 6, m: 9 };
    expect(windowOracle(setting, 1, 2, 9)).toBeCloseTo(0.5, 15);
    const by = (t: number) => freshMeanError({ traceSigma: 3, n: 6, m: 9, w: 0.3, t });
    expect(windowOracle(setting, 0.3, 3, 6)).toBeCloseTo((by(3) + by(4) + by(5)) / 3, 15);
  });

  it('tameCovarianceWeight is where a(w, m) = 0.75', () => {
    for (const m of [2, 3, 10, 40, 1000]) expect(covarianceGrowthRate(tameCovarianceWeight(m), m)).toBeCloseTo(0.75, 12);
  });
});

describe('theorems/support/linearRule.ts and src/theory/linearRule.ts', () => {
  it('the rule’s fit is Σ a_i x_i + Σ b_j y_j; round 0 is the base fit; no sufficient-statistic path', () => {
    const base = gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0, 0, 1) } });
    const rule = linearRuleModel(base, Float64Array.of(0.5, 0.2), Float64Array.of(0.1, 0.2));
    const real: Dataset = { size: 2, dim: 2, x: Float64Array.of(1, 2, 3, 4), y: null };
    const synthetic: Dataset = { size: 2, dim: 2, x: Float64Array.of(10, 20, 30, 40), y: null };
    const fitted = rule.fit([{ data: real, weight: 0.7 }, { data: synthetic, weight: 0.3 }]);
    expect(fitted.mean[0]).toBeCloseTo(0.5 * 1 + 0.2 * 3 + 0.1 * 10 + 0.2 * 30, 13);
    expect(fitted.mean[1]).toBeCloseTo(0.5 * 2 + 0.2 * 4 + 0.1 * 20 + 0.2 * 40, 13);
    expect(Array.from(rule.fit([{ data: real, weight: 1 }]).mean)).toEqual([2, 3]);
    expect(rule.summaries).toBeUndefined();
  });

  it('bad input names the parameter', () => {
    const base = gaussianModel({ dim: 1, known: { cov: Float64Array.of(1) } });
    const named = (fn: () => unknown, parameter: string) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as Error).message).toContain(parameter);
        return;
      }
      throw new Error(`expected an InvalidArgumentError naming ${parameter}`);
    };
    named(() => linearRuleModel(base, Float64Array.of(0.5), Float64Array.of(0.4)), 'weights');
    named(() => linearRuleModel(base, Float64Array.of(-0.5), Float64Array.of(1.5)), 'syntheticWeights');
    const rule = linearRuleModel(base, Float64Array.of(0.5, 0.2), Float64Array.of(0.3));
    const one: Dataset = { size: 1, dim: 1, x: Float64Array.of(1), y: null };
    named(() => rule.fit([{ data: one, weight: 0.7 }, { data: one, weight: 0.3 }]), 'sources[0].data.size');
    named(() => linearRuleError({ traceSigma: 1, n: 1, realWeights: [0.5], syntheticWeights: [0.4], t: 1 }), 'weights');
    named(() => linearRuleError({ traceSigma: 1, n: 1, realWeights: [-0.5], syntheticWeights: [1.5], t: 1 }), 'syntheticWeights');
    named(() => linearRuleError({ traceSigma: 0, n: 1, realWeights: [0.5], syntheticWeights: [0.5], t: 1 }), 'traceSigma');
  });

  it('linearRuleError follows e_t = trΣ(Σa² + Σb²) + (Σb)²e_{t−1}, e_0 = trΣ/n', () => {
    const a = [0.3, 0.1, 0.2];
    const b = [0.25, 0.15];
    let e = 2 / 3;
    for (let t = 0; t <= 20; t++) {
      if (t > 0) e = 2 * (0.09 + 0.01 + 0.04 + 0.0625 + 0.0225) + 0.16 * e;
      expect(linearRuleError({ traceSigma: 2, n: 3, realWeights: a, syntheticWeights: b, t })).toBeCloseTo(e, 14);
    }
  });
});

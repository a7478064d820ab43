/**
 * The oracles of src/theory against independent references: the numbers tabulated in CLAIMS.md (computed
 * there with numpy/scipy), numerical minimisation, the coupled recursion versus the eigen closed form, and
 * special cases with elementary answers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as th from '../src/theory/index.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Golden-section search for the minimiser of a unimodal function on [a, b]. */
function argmin(f: (x: number) => number, a: number, b: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  for (let i = 0; i < 200; i++) {
    if (f(x1) < f(x2)) { b = x2; x2 = x1; x1 = b - g * (b - a); } else { a = x1; x1 = x2; x2 = a + g * (b - a); }
  }
  return (a + b) / 2;
}

describe('golden-ratio weighting (paper 003)', () => {
  it('w*(k) matches CLAIMS GR-4: w*(1) = 1/φ, w*(0.01) = 0.0951, w*(0.19) = 0.3511, w*(2) = 0.7321', () => {
    expect(rel(th.optimalWeight(1), 2 / (1 + Math.sqrt(5)))).toBeLessThan(1e-15);
    expect(Math.abs(th.optimalWeight(0.01) - 0.0951)).toBeLessThan(5e-5);
    expect(Math.abs(th.optimalWeight(0.19) - 0.3511)).toBeLessThan(5e-5);
    expect(Math.abs(th.optimalWeight(2) - 0.7321)).toBeLessThan(5e-5);
  });
  it('w*(k) is the numerical argmin of f(·, k) and f(w*, k) = w* (GR-4, GR-5)', () => {
    fc.assert(fc.property(fc.double({ min: 0.005, max: 50, noNaN: true }), (k) => {
      const w = th.optimalWeight(k);
      expect(Math.abs(argmin((x) => th.limitFactor(x, k), 1e-6, 1) - w)).toBeLessThan(1e-6);
      expect(rel(th.limitFactor(w, k), w)).toBeLessThan(1e-12);
    }), { seed: 1, numRuns: 200 });
  });
  it('naive pooling: f(k/(1+k), k) = (1+k)/(2+k), k/(1+k) < w*(k), and R(k) matches the CLAIMS table', () => {
    for (const k of [0.01, 0.05, 0.19, 0.5, 1, 2, 10]) {
      expect(rel(th.limitFactor(th.naiveWeight(k), k), (1 + k) / (2 + k))).toBeLessThan(1e-13);
      expect(th.naiveWeight(k)).toBeLessThan(th.optimalWeight(k));
    }
    const table: [number, number, number][] = [[0.01, 5.28, 0.005], [0.05, 2.56, 0.005], [0.19, 1.55, 0.005], [0.5, 1.20, 0.005], [1, 1.079, 5e-4], [2, 1.025, 5e-4], [10, 1.0006, 5e-5]];
    for (const [k, R, tol] of table) expect(Math.abs(th.naiveToOptimalRatio(k) - R)).toBeLessThan(tol);
    expect(Math.abs(th.naiveToOptimalRatio(1) - 1.0787)).toBeLessThan(5e-5);
    // R(k) ~ 1/(2√k) as k → 0
    expect(rel(th.naiveToOptimalRatio(1e-8), 1 / (2 * Math.sqrt(1e-8)))).toBeLessThan(1e-3);
  });
  it('improvement threshold: f(w, k) < 1 ⇔ w > k/(2+k) (GR-6), 1/3 at k = 1', () => {
    expect(rel(th.improvementThreshold(1), 1 / 3)).toBeLessThan(1e-15);
    fc.assert(fc.property(fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 1e-3, max: 1 - 1e-6, noNaN: true }), (k, w) => {
      // for w < 1: f < 1 ⇔ (1 − w)[k(1 − w) − 2w] < 0 ⇔ w > k/(2 + k); at w = 1, f = 1 exactly
      const t = th.improvementThreshold(k);
      if (Math.abs(w - t) > 1e-9) expect(th.limitFactor(w, k) < 1).toBe(w > t);
    }), { seed: 2, numRuns: 500 });
  });
  it('mean error: t = 0 is trΣ/n, t → ∞ is (trΣ/n)·f, w = 0 is trΣ(1/n + t/m), and it solves its recursion (GR-1–3)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (n, m, w, tr) => {
      expect(rel(th.freshMeanError({ traceSigma: tr, n, m, w, t: 0 }), tr / n)).toBeLessThan(1e-12);
      let e = tr / n;
      for (let t = 1; t <= 30; t++) {
        e = (tr / n) * (w * w + (n / m) * (1 - w) ** 2) + (1 - w) ** 2 * e; // CLAIMS §1.3 recursion
        expect(rel(th.freshMeanError({ traceSigma: tr, n, m, w, t }), e)).toBeLessThan(1e-10);
      }
      if (w > 0.05) expect(rel(th.freshMeanError({ traceSigma: tr, n, m, w, t: 5000 }), th.freshMeanLimit({ traceSigma: tr, n, m, w }))).toBeLessThan(1e-10);
    }), { seed: 3, numRuns: 300 });
    expect(rel(th.freshMeanError({ traceSigma: 2, n: 10, m: 5, w: 0, t: 7 }), 2 * (1 / 10 + 7 / 5))).toBeLessThan(1e-15);
  });
  it('covariance: the coupled recursion equals the two-eigenvalue closed form (GR-9), both at t = 0 give (P+Q)/(n−1)', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 300 }), fc.integer({ min: 3, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 60 }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n, m, w, t, P, extra) => {
      const Q = P * (1 + 3 * extra); // any Q ≥ P (true for trΣ² ≥ ‖Σ‖_F²)
      const a = th.freshCovarianceError({ frobeniusSquared: P, traceSquared: Q, n, m, w, t });
      const b = th.freshCovarianceErrorClosedForm({ frobeniusSquared: P, traceSquared: Q, n, m, w, t });
      expect(rel(a, b)).toBeLessThan(1e-9);
    }), { seed: 4, numRuns: 300 });
    expect(rel(th.freshCovarianceError({ frobeniusSquared: 2, traceSquared: 4, n: 11, m: 7, w: 0.3, t: 0 }), 6 / 10)).toBeLessThan(1e-15);
  });
  it('covariance threshold table (GR-10): m = 5 → 0.1835, 10 → 0.0955, 50 → 0.0198, 100 → 0.00995, 1000 → 0.0010', () => {
    for (const [m, v, tol] of [[5, 0.1835, 5e-5], [10, 0.0955, 5e-5], [50, 0.0198, 5e-5], [100, 0.00995, 5e-6], [1000, 0.0010, 5e-5]]) {
      expect(Math.abs(th.covarianceCollapseThreshold(m) - v)).toBeLessThan(tol);
      expect(rel(th.covarianceGrowthRate(th.covarianceCollapseThreshold(m), m), 1)).toBeLessThan(1e-12);
    }
  });
  it('covariance limit equals the recursion at large t above the threshold; fully synthetic 1-D matches GR-11', () => {
    const P = 1.3;
    const Q = 2.9;
    for (const [n, m, w] of [[20, 10, 0.3], [50, 50, 0.618], [10, 40, 0.05]]) {
      expect(rel(th.freshCovarianceError({ frobeniusSquared: P, traceSquared: Q, n, m, w, t: 4000 }), th.freshCovarianceLimit({ frobeniusSquared: P, traceSquared: Q, n, m, w }))).toBeLessThan(1e-9);
    }
    // 1-D: P = Q = σ⁴; w = 0 gives σ⁴[((m+1)/(m−1))^t (n+1)/(n−1) − 1]... plus σ⁴ for the bias-free part: E(σ_t²−σ²)² = Eσ_t⁴ − σ⁴
    const s4 = 2.25 ** 2;
    for (const t of [0, 1, 5, 20]) {
      expect(rel(th.freshCovarianceError({ frobeniusSquared: s4, traceSquared: s4, n: 12, m: 9, w: 0, t }), th.fullySyntheticVarianceError({ sigma2: 2.25, n: 12, m: 9, t }))).toBeLessThan(1e-12);
    }
  });
  it('BLUE (GR-13): equal within-group weights w*/n, (1−w*)/m beat random perturbations that keep the group totals', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }), (n, m, noise) => {
      const w = th.optimalWeight(n / m);
      const a = new Float64Array(n).fill(w / n);
      const b = new Float64Array(m).fill((1 - w) / m);
      const best = th.linearRuleLimit(1, a, b);
      expect(rel(best, w / n)).toBeLessThan(1e-12);
      const a2 = a.map((x, i) => x + 0.01 * (noise[i] - noise[(i + 1) % n]));
      const b2 = b.map((x, j) => x + 0.01 * (noise[12 + j] - noise[12 + ((j + 1) % m)]));
      expect(th.linearRuleLimit(1, a2, b2)).toBeGreaterThanOrEqual(best * (1 - 1e-12));
    }), { seed: 5, numRuns: 200 });
  });
  it('CvM: w_opt(10, 10) = 0.6073, w_opt(10, 20) = 0.4916 (GR-19) and it minimises the limit; limit 1/6 at w = 0 (GR-18)', () => {
    expect(Math.abs(th.cvmOptimalWeight(10, 10) - 0.6073)).toBeLessThan(5e-5);
    expect(Math.abs(th.cvmOptimalWeight(10, 20) - 0.4916)).toBeLessThan(5e-5);
    for (const [n, m] of [[10, 10], [10, 20], [100, 100], [7, 300]]) {
      expect(Math.abs(argmin((w) => th.cvmLimit({ n, m, w }), 1e-6, 1) - th.cvmOptimalWeight(n, m))).toBeLessThan(1e-6);
      expect(rel(th.cvmLimit({ n, m, w: 0 }), 1 / 6)).toBeLessThan(1e-13); // a few ulps of rounding
    }
    // w_opt → w*(k) as n → ∞ with k fixed
    expect(Math.abs(th.cvmOptimalWeight(100000, 50000) - th.optimalWeight(2))).toBeLessThan(1e-4);
  });
  it('CvM two stages (GR-20): limit < 1/(6n) exactly when w > (k − 1/m)/(2 + k − 1/m)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 2, max: 200 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (n, m, w) => {
      const threshold = th.cvmImprovementThreshold(n, m);
      if (Math.abs(w - threshold) > 1e-9) expect(th.cvmLimit({ n, m, w }) < 1 / (6 * n)).toBe(w > threshold);
    }), { seed: 6, numRuns: 500 });
  });
  it('fixed-design LR (GR-16) at m = n equals the mean formula with trΣ/n → σ²tr((XᵀX)⁻¹)', () => {
    for (const [w, t] of [[0.3, 7], [0.618, 50], [0, 12], [1, 3]]) {
      expect(rel(th.fixedDesignError({ sigma2: 1, traceXtXInverse: 0.1, w, t }), th.freshMeanError({ traceSigma: 1, n: 10, m: 10, w, t }))).toBeLessThan(1e-12);
    }
  });
});

describe('schedules (paper 000)', () => {
  // d = 3 references from an independent quadrature in Python (Riemann sum, 200 000 panels on [0, 30], math.erfc):
  // 0.004377206, 0.081766392, 0.138936378. CLAIMS §2.5 prints 0.0044, 0.0815, 0.1390 ("closed"): its last two
  // differ from both quadratures by 2–3e-4; its own Monte Carlo (0.0812 ± 0.0006, 0.1386 ± 0.0008) fits either.
  it('P(T) matches CLAIMS §2.5: S = 50 → 0.0877, S = 4.499 → 0.2406, S = 2.330 → 0.2925 (d = 1), and the d = 3 values of an independent quadrature', () => {
    const S1 = th.inverseScheduleSum(Array.from({ length: 50 }, () => 1));
    const S2 = th.inverseScheduleSum(Array.from({ length: 50 }, (_, i) => i + 1));
    const S3 = th.inverseScheduleSum(Array.from({ length: 50 }, (_, i) => (i + 1) ** 1.5));
    expect(S1).toBe(50);
    expect(Math.abs(S2 - 4.499)).toBeLessThan(5e-4);
    expect(Math.abs(S3 - 2.3309)).toBeLessThan(5e-5);
    expect(Math.abs(th.improvementProbability1D(S1) - 0.0877)).toBeLessThan(5e-5);
    expect(Math.abs(th.improvementProbability1D(S2) - 0.2406)).toBeLessThan(5e-5);
    expect(Math.abs(th.improvementProbability1D(S3) - 0.2925)).toBeLessThan(5e-5);
    expect(Math.abs(th.improvementProbabilityIsotropic(S1, 3) - 0.004377206)).toBeLessThan(1e-8);
    expect(Math.abs(th.improvementProbabilityIsotropic(S2, 3) - 0.081766392)).toBeLessThan(1e-8);
    expect(Math.abs(th.improvementProbabilityIsotropic(S3, 3) - 0.138936378)).toBeLessThan(1e-8);
  });
  it('the isotropic quadrature at d = 1 equals the arctan closed form; the 2-D general form with V = I equals the isotropic d = 2', () => {
    fc.assert(fc.property(fc.double({ min: 1e-3, max: 200, noNaN: true }), (S) => {
      expect(Math.abs(th.improvementProbabilityIsotropic(S, 1) - th.improvementProbability1D(S))).toBeLessThan(1e-9);
      expect(Math.abs(th.improvementProbabilityGeneral2D(S, Float64Array.of(1, 0, 0, 1)) - th.improvementProbabilityIsotropic(S, 2))).toBeLessThan(1e-9);
      // scale invariance: V and cV give the same probability
      expect(Math.abs(th.improvementProbabilityGeneral2D(S, Float64Array.of(2, 0.6, 0.6, 1)) - th.improvementProbabilityGeneral2D(S, Float64Array.of(20, 6, 6, 10)))).toBeLessThan(1e-12);
      expect(th.improvementProbability1D(S)).toBeLessThan(0.5);
    }), { seed: 7, numRuns: 100 });
  });
  it('bias drift and variance-MLE product have their elementary special cases', () => {
    expect(rel(th.biasDrift({ v: 2, n: 4, rho: 1, c: [1, 1, 1] }), 2 * 0.25 * 4)).toBeLessThan(1e-15);
    expect(rel(th.varianceMleExpectation({ sigma2: 3, sizes: [10, 10] }), 3 * 0.81)).toBeLessThan(1e-15);
    expect(rel(th.scheduleMeanError({ d: 2, sigma2: 4, n: 10, S: 1.5 }), 2 * 0.4 * 2.5)).toBeLessThan(1e-15);
    expect(th.maximalInequalityBound({ n: 100, delta: 0.5, sigma2: 1, Sinfinity: Math.PI ** 2 / 6 })).toBeCloseTo(2 * Math.exp(-25 / (2 * (1 + Math.PI ** 2 / 6))), 14);
  });
});

describe('accumulate, Shumailov, real-data proportion', () => {
  it('Σ1/j² → π²/6; accumulate error at generation g is (trΣ/n)Σ_{j≤g+1} 1/j²', () => {
    expect(Math.abs(th.inverseSquareSum(1e6) - Math.PI ** 2 / 6)).toBeLessThan(1.1e-6);
    expect(rel(th.accumulateMeanError({ traceSigma: 2, n: 10, generation: 1 }), 0.2 * 1.25)).toBeLessThan(1e-15);
    expect(rel(th.replaceMeanError({ traceSigma: 2, n: 10, generation: 4 }), 1)).toBeLessThan(1e-15);
  });
  it('Shumailov log drift at M = 20 is −0.0536 per step; the drift is negative and ≈ −1/(M−1)', () => {
    expect(Math.abs(th.logChiSquaredMeanDrift(19) - -0.0536)).toBeLessThan(5e-5);
    for (const M of [5, 20, 100, 1000]) {
      expect(th.logChiSquaredMeanDrift(M - 1)).toBeLessThan(0);
      expect(Math.abs(th.logChiSquaredMeanDrift(M - 1) * (M - 1) + 1)).toBeLessThan(2 / (M - 1));
    }
  });
  it('RS-1 matches the CLAIMS §4.2 table (n = 20, σ = 1.5, j = 40, m_s = (1−λ)n)', () => {
    for (const [lambda, v, tol] of [[0.5, 0.1875, 5e-5], [0.2, 0.3625, 5e-5], [0.05, 1.1906, 5e-5], [0, 4.6125, 5e-5]]) {
      expect(Math.abs(th.augmentMeanError({ sigma2: 2.25, n: 20, m: Math.round((1 - lambda) * 20), lambda, generation: 40 }) - v)).toBeLessThan(tol);
    }
  });
});

describe('bad input is refused with the parameter named', () => {
  it.each([
    [() => th.optimalWeight(0), /k must be/],
    [() => th.limitFactor(0, 1), /w must be/],
    [() => th.freshMeanError({ traceSigma: 1, n: 0, m: 1, w: 0.5, t: 1 }), /n must be/],
    [() => th.freshMeanError({ traceSigma: 1, n: 1, m: 1, w: 1.5, t: 1 }), /w must be/],
    [() => th.freshCovarianceLimit({ frobeniusSquared: 1, traceSquared: 1, n: 10, m: 10, w: 0.01 }), /collapse threshold/],
    [() => th.inverseScheduleSum([1, NaN]), /c\[1\]/],
    [() => th.improvementProbability1D(-1), /S must be/],
  ])('%#', (f, message) => {
    expect(f).toThrow(message);
  });
});

describe('numerical edges of the closed forms', () => {
  it('augmentMeanError is continuous at λ → 0 (no 0/0): λ = 1e-17 equals the λ = 0 linear growth to 1e-12', () => {
    const at0 = th.augmentMeanError({ sigma2: 1, n: 10, m: 10, lambda: 0, generation: 7 });
    const tiny = th.augmentMeanError({ sigma2: 1, n: 10, m: 10, lambda: 1e-17, generation: 7 });
    expect(Number.isFinite(tiny)).toBe(true);
    expect(Math.abs(tiny - at0) / at0).toBeLessThan(1e-12);
  });
  it('freshMeanError is continuous at w → 0', () => {
    const at0 = th.freshMeanError({ traceSigma: 1, n: 5, m: 7, w: 0, t: 9 });
    expect(Math.abs(th.freshMeanError({ traceSigma: 1, n: 5, m: 7, w: 1e-300, t: 9 }) - at0) / at0).toBeLessThan(1e-12);
  });
});

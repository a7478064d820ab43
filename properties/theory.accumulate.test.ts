/**
 * Deterministic properties of the accumulate / fully synthetic / real-proportion oracles added for IM-1, IM-2,
 * NR-1, RS-1 and RS-2 (src/theory/accumulatePool.ts, accumulateQuadraticVariance.ts, accumulateRateMle.ts,
 * uniformCollapse.ts, recursiveStability.ts, and stability.ts's augmentMeanError), each against an independent
 * computation: the within/between scatter decomposition, the unrolled (non-recursive) solution of a linear
 * recursion, direct integration over the Gamma density, the Erlang CDF series, the CLAIMS §3.2 Monte Carlo table,
 * and the limits the claims state (π²/6, O(1/n) gaps, boundedness iff λ > 0).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as th from '../src/theory/index.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const ZETA2 = Math.PI ** 2 / 6;

describe('accumulate with the covariance estimated on the pool (IM-1)', () => {
  it('E[Σ_{t+1} | F_t]/Σ_t = 1 − n/(N′(N′ − 1)) equals the within/between decomposition (N − 1 + n − 1 + N/(N + n))/(N + n − 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), fc.integer({ min: 1, max: 60 }), (n, t) => {
        const N = n * t; // pool before the new set
        const decomposition = (N - 1 + (n - 1) + N / (N + n)) / (N + n - 1);
        const factorRatio = th.accumulatePoolCovarianceFactor({ n, generation: t }) / th.accumulatePoolCovarianceFactor({ n, generation: t - 1 });
        expect(rel(factorRatio, decomposition)).toBeLessThan(1e-13);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
  it('c_g decreases to a positive limit, c_0 = 1, c_1 = 0.9 at n = 3', () => {
    expect(th.accumulatePoolCovarianceFactor({ n: 3, generation: 0 })).toBe(1);
    expect(th.accumulatePoolCovarianceFactor({ n: 3, generation: 1 })).toBeCloseTo(0.9, 15);
    let previous = 1;
    for (let g = 1; g <= 200; g++) {
      const c = th.accumulatePoolCovarianceFactor({ n: 2, generation: g });
      expect(c).toBeLessThan(previous);
      previous = c;
    }
    expect(previous).toBeGreaterThan(0.6); // c_∞ ≈ 0.668 at n = 2
    expect(previous - th.accumulatePoolCovarianceFactor({ n: 2, generation: 400 })).toBeLessThan(2e-3);
  });
  it('the estimated-covariance error is below the known one by O(trΣ/n²), and both stay below (π²/6)trΣ/n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2000 }), fc.integer({ min: 0, max: 100 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (n, g, tr) => {
        const known = th.accumulateMeanError({ traceSigma: tr, n, generation: g });
        const estimated = th.accumulateEstimatedMeanError({ traceSigma: tr, n, generation: g });
        expect(estimated).toBeLessThanOrEqual(known * (1 + 1e-15));
        expect(known).toBeLessThan((ZETA2 * tr) / n);
        // gap ≤ (trΣ/n)·Σ_j (1 − c_{j−1})/(j+1)² ≤ (trΣ/n)·Σ_j Σ_{i<j} 1/((i+1)(n(i+1)−1)(j+1)²) ≤ (trΣ/n²)·ζ(2)²
        expect((known - estimated) * n * n / tr).toBeLessThanOrEqual(ZETA2 * ZETA2 * (n / (n - 1)));
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('accumulate for mean-parameter MLEs with quadratic variance (IM-2, multinomial)', () => {
  it('equals the unrolled solution of its linear recursion', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: -1, max: 2, noNaN: true }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 40 }), (v, q, n, g) => {
        // D_g = (v/n) Σ_{k=0}^{g} (1/(k+1)²) Π_{i=k+1}^{g} (1 + q/(n(i+1)²))
        let unrolled = 0;
        for (let k = 0; k <= g; k++) {
          let product = 1;
          for (let i = k + 1; i <= g; i++) product *= 1 + q / (n * (i + 1) ** 2);
          unrolled += product / (k + 1) ** 2;
        }
        unrolled *= v / n;
        expect(rel(th.accumulateMeanParameterError({ variance: v, curvature: q, n, generation: g }), unrolled)).toBeLessThan(1e-12);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
  it('curvature 0 gives exactly (v/n)Σ 1/j² (the Gaussian mean, Poisson), and the multinomial (q = −1) has 0 ≤ vS − nD ≤ v·ζ(2)²/n', () => {
    for (const g of [0, 1, 5, 50]) {
      expect(rel(th.accumulateMeanParameterError({ variance: 2, curvature: 0, n: 7, generation: g }), th.accumulateMeanError({ traceSigma: 2, n: 7, generation: g }))).toBeLessThan(1e-14);
    }
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 100 }), (v, n, g) => {
        const D = th.accumulateMeanParameterError({ variance: v, curvature: -1, n, generation: g });
        const gap = v * th.inverseSquareSum(g + 1) - n * D;
        expect(gap).toBeGreaterThanOrEqual(-1e-12);
        expect(gap).toBeLessThanOrEqual((v * ZETA2 * ZETA2) / n + 1e-12);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('accumulated Gamma-rate MLE with known shape (IM-2)', () => {
  /**
   * E[((j+1)/(j+U))^k], U ~ Gamma(a, a), by the Laplace form (j + 1)^k/Γ(k)·∫_0^∞ s^{k−1}e^{−sj}(1 + s/a)^{−a} ds
   * (from 1/x^k = (1/Γ(k))∫ s^{k−1}e^{−sx} ds and E e^{−sU} = (1 + s/a)^{−a}) — independent of the density
   * integration of the source.
   */
  function laplace(j: number, a: number, k: number): number {
    const upper = (60 + 2 * k) / j;
    const N = 20000;
    const h = upper / N;
    const f = (s: number) => s ** (k - 1) * Math.exp(-s * j - a * Math.log1p(s / a));
    let sum = f(0) + f(upper);
    for (let i = 1; i < N; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i * h);
    return ((j + 1) ** k * ((sum * h) / 3)) / [1, 1, 1, 2, 6][k];
  }
  it('shiftedInverseGammaMoment agrees with the Laplace-transform integral', () => {
    for (const [j, a] of [[1, 200], [3, 40], [10, 25], [1, 30], [25, 100], [2, 5]]) {
      for (const k of [1, 2, 3, 4]) {
        expect(rel(th.shiftedInverseGammaMoment(j, a, k), laplace(j, a, k))).toBeLessThan(1e-10);
        expect(rel(th.shiftedInverseGammaExcess(j, a, k), laplace(j, a, k) - 1)).toBeLessThan(1e-5);
      }
    }
  });
  it('g = 0 is the exact i.i.d. result (a + 2)/((a − 1)(a − 2)) for 1/x̄', () => {
    for (const a of [3, 10, 200, 1e4]) expect(rel(th.accumulateRateRelativeError({ shape: 1, n: a, generation: 0 }), (a + 2) / ((a - 1) * (a - 2)))).toBeLessThan(1e-12);
  });
  it('reproduces the CLAIMS §3.2 Monte Carlo of the exponential rate at n = 200 (1.03, 1.29, 1.51, 1.66 at t = 1, 2, 5, 30)', () => {
    const table: Array<[number, number]> = [[0, 1.03], [1, 1.29], [4, 1.51], [29, 1.66]];
    for (const [g, mc] of table) expect(Math.abs(200 * th.accumulateRateRelativeError({ shape: 1, n: 200, generation: g }) - mc)).toBeLessThan(0.01);
  });
  it('n·α·E(β̂_g/β − 1)² → Σ_{j≤g+1} 1/j² with an O(1/n) gap: nα·(gap) converges, its increments shrink tenfold per decade', () => {
    for (const g of [1, 4, 10]) {
      const S = th.inverseSquareSum(g + 1);
      const scaledGap = (a: number) => a * (a * th.accumulateRateRelativeError({ shape: 1, n: a, generation: g }) - S);
      const [g2, g3, g4, g5] = [100, 1000, 10000, 100000].map(scaledGap);
      expect(g3).toBeGreaterThan(0);
      expect(Math.abs(g4 - g5)).toBeLessThan(Math.abs(g3 - g4) / 5);
      expect(Math.abs(g3 - g4)).toBeLessThan(Math.abs(g2 - g3) / 5);
      // shape α enters only through a = nα
      expect(rel(th.accumulateRateRelativeError({ shape: 2.5, n: 400, generation: g }), th.accumulateRateRelativeError({ shape: 1, n: 1000, generation: g }))).toBeLessThan(1e-12);
    }
  });
  it('the variance of (β̂/β − 1)² tends to the χ²₁ value 2(E)² and is finite only for nα > 4', () => {
    const a = 1e4;
    const m = th.accumulateRateRelativeError({ shape: 1, n: a, generation: 3 });
    expect(rel(th.accumulateRateSquaredErrorVariance({ shape: 1, n: a, generation: 3 }), 2 * m * m)).toBeLessThan(0.01);
    expect(() => th.accumulateRateSquaredErrorVariance({ shape: 1, n: 4, generation: 0 })).toThrow(/n·shape/);
  });
  it('bad input is refused with the parameter named', () => {
    expect(() => th.accumulateRateRelativeError({ shape: 1, n: 2, generation: 1 })).toThrow(/n·shape/);
    expect(() => th.shiftedInverseGammaMoment(1, 10, 5)).toThrow(/k must be an integer/);
    expect(() => th.shiftedInverseGammaExcess(0, 2, 2)).toThrow(/a must be a number > 2/);
    expect(() => th.accumulateMeanParameterError({ variance: 0, curvature: 0, n: 1, generation: 0 })).toThrow(/variance/);
    expect(() => th.accumulatePoolCovarianceFactor({ n: 1, generation: 0 })).toThrow(/n must be an integer ≥ 2/);
  });
});

describe('Uniform(0, θ) under replace (NR-1)', () => {
  it('the CDF of n·log(θ/θ̂_g) is the Erlang(g + 1) CDF 1 − e^{−x}Σ_{k≤g} x^k/k!', () => {
    for (const g of [0, 1, 4, 12]) {
      const cdf = th.uniformReplaceLogShrinkageCdf({ generation: g });
      for (const x of [0.1, 1, 3, 10, 25]) {
        let term = 1;
        let sum = 1;
        for (let k = 1; k <= g; k++) {
          term *= x / k;
          sum += term;
        }
        expect(Math.abs(cdf(x) - (1 - Math.exp(-x) * sum))).toBeLessThan(1e-13);
      }
      expect(cdf(0)).toBe(0);
      expect(cdf(-1)).toBe(0);
    }
  });
  it('E θ̂_g/θ = (n/(n+1))^{g+1}: 0.25 at n = g = 1, and → 0 as g grows', () => {
    expect(th.uniformReplaceMeanRatio({ n: 1, generation: 1 })).toBe(0.25);
    expect(th.uniformReplaceMeanRatio({ n: 10, generation: 1000 })).toBeLessThan(1e-40);
  });
});

describe('real-data proportion λ with a fixed real set (RS-1) and recursive stability (RS-2)', () => {
  it('augmentMeanError: bounded iff λ > 0, decreasing in λ, never below σ²/n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.001, max: 0.2, noNaN: true }), (n, m, lambda, step) => {
        const f = (l: number, j: number) => th.augmentMeanError({ sigma2: 1, n, m, lambda: l, generation: j });
        const B = (1 - lambda) ** 2;
        const limit = 1 / n + (B / (1 - B)) / m;
        expect(f(lambda, 10000)).toBeLessThanOrEqual(limit * (1 + 1e-12));
        expect(f(lambda, 10)).toBeGreaterThanOrEqual(1 / n);
        expect(f(Math.min(1, lambda + step), 10)).toBeLessThan(f(lambda, 10));
        expect(f(0, 10000)).toBeCloseTo(1 / n + 10000 / m, 8); // λ = 0: linear growth, unbounded
      }),
      { seed: 15, numRuns: 300 },
    );
  });
  it('augmentStabilityMeanGap = (gap/m)Σ_{i=1}^{j}(1−λ)^{2i}, linear at λ = 0, bounded by gap(1−λ)²/(mλ(2−λ)) for λ > 0', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1e-300, 1e-17, 1)), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 0, max: 60 }), (lambda, m, j) => {
        let sum = 0;
        for (let i = 1; i <= j; i++) sum += (1 - lambda) ** (2 * i);
        const value = th.augmentStabilityMeanGap({ sdGapSquared: 2, m, lambda, generation: j });
        expect(Math.abs(value - (2 / m) * sum)).toBeLessThan(1e-12 * (1 + (2 / m) * sum));
        if (lambda > 0) expect(value).toBeLessThanOrEqual((2 * (1 - lambda) ** 2) / (m * lambda * (2 - lambda)) + 1e-12);
      }),
      { seed: 16, numRuns: 300 },
    );
    expect(th.augmentStabilityMeanGap({ sdGapSquared: 1, m: 10, lambda: 0, generation: 5 })).toBe(0.5);
  });
});

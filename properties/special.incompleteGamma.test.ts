/**
 * Deterministic checks of regularizedGammaP/Q, chiSquaredCdf, gammaCdf and poissonCdf against closed forms
 * (a = 1 and χ²₂: exponential; a = ½: 2Φ − 1 via Cody's normal CDF, an unrelated algorithm), exact
 * finite Poisson sums (integer a, with exact BigInt rationals for the leading term), the asymptotic median of
 * the Gamma distribution for large a (Choi 1994), and the identity P + Q = 1.
 */
import { describe, expect, it } from 'vitest';
import {
  chiSquaredCdf, gammaCdf, normalCdf, poissonCdf, regularizedGammaP, regularizedGammaQ,
} from '../src/special/index.js';
import { InvalidArgumentError } from '../src/errors.js';

const relativeError = (computed: number, expected: number): number => Math.abs(computed - expected) / Math.abs(expected);

/** num/den as the nearest-ish double (≤ 2 ulps), for huge BigInts. */
function ratioToNumber(num: bigint, den: bigint): number {
  const digits = (num.toString().length - den.toString().length) | 0;
  const shift = 20 - digits; // make the integer quotient ~20 digits long
  const quotient = shift >= 0 ? (num * 10n ** BigInt(shift)) / den : num / (den * 10n ** BigInt(-shift));
  return Number(quotient) * 10 ** -shift;
}

/** e^(−x) Σ_{j<n} x^j / j! for integer x, n: exact rational x^(n−1)/(n−1)! then downward recursion of positive terms. */
function poissonLowerSum(n: number, x: number): number {
  let fact = 1n;
  for (let i = 2n; i < BigInt(n); i++) fact *= i;
  let term = ratioToNumber(BigInt(x) ** BigInt(n - 1), fact) * Math.exp(-x);
  let sum = 0;
  for (let j = n - 1; j >= 0; j--) {
    sum += term;
    term *= j / x;
  }
  return sum;
}

describe('regularized incomplete gamma', () => {
  it('a = 1: P = 1 − e^(−x), Q = e^(−x) to ~1e-15·(1 + x) relative', () => {
    for (let x = 1e-6; x < 700; x *= 1.7) {
      const tolerance = 4e-16 * (1 + x); // e^(−x) itself is conditioned by x
      expect(relativeError(regularizedGammaP(1, x), -Math.expm1(-x))).toBeLessThan(tolerance);
      expect(relativeError(regularizedGammaQ(1, x), Math.exp(-x))).toBeLessThan(tolerance);
    }
  });

  it('χ² with 2 df has CDF 1 − e^(−x/2); gammaCdf(x, 1, rate) = 1 − e^(−rate·x)', () => {
    for (const x of [1e-8, 0.01, 0.5, 1, 2, 7.5, 30]) {
      expect(relativeError(chiSquaredCdf(x, 2), -Math.expm1(-x / 2))).toBeLessThan(1e-15 * (1 + x));
      expect(relativeError(gammaCdf(x, 1, 3), -Math.expm1(-3 * x))).toBeLessThan(1e-15 * (1 + 3 * x));
    }
    expect(chiSquaredCdf(-1, 3)).toBe(0);
    expect(gammaCdf(0, 2, 1)).toBe(0);
  });

  it('a = ½: P(½, z²/2) = 2Φ(z) − 1 and Q(½, z²/2) = 2Φ(−z) (Cody’s algorithm as the reference)', () => {
    for (let z = 0.05; z < 37; z *= 1.3) {
      const x = (z * z) / 2;
      const xExact = x; // Φ is evaluated at √(2x) so both sides see the same argument
      const zUsed = Math.sqrt(2 * xExact);
      expect(relativeError(regularizedGammaQ(0.5, x), 2 * normalCdf(-zUsed))).toBeLessThan(1e-14 * (1 + x));
      if (z < 6) expect(relativeError(regularizedGammaP(0.5, x), 2 * normalCdf(zUsed) - 1)).toBeLessThan(1e-14);
    }
  });

  it('integer a: Q(n, x) = e^(−x) Σ_{j<n} x^j/j! (exact finite sums), n ≤ 150, both tails', () => {
    for (const n of [2, 3, 5, 10, 11, 30, 80, 150]) {
      for (const x of [1, 2, 5, 9, 10, 20, 50, 100, 170]) {
        const q = poissonLowerSum(n, x);
        if (q < 1e-300) continue;
        expect(relativeError(regularizedGammaQ(n, x), q)).toBeLessThan(5e-14);
        expect(relativeError(poissonCdf(n - 1, x), q)).toBeLessThan(5e-14);
      }
    }
  });

  it('poissonCdf equals exact rational sums for small cases (λ = 1/2, 3)', () => {
    // P(N ≤ 2 | λ = 3) = e^(−3)(1 + 3 + 9/2) = 8.5 e^(−3)
    expect(relativeError(poissonCdf(2, 3), 8.5 * Math.exp(-3))).toBeLessThan(1e-15);
    expect(relativeError(poissonCdf(0, 0.5), Math.exp(-0.5))).toBeLessThan(1e-15);
    expect(relativeError(poissonCdf(1, 0.5), 1.5 * Math.exp(-0.5))).toBeLessThan(1e-15);
    expect(poissonCdf(-1, 2)).toBe(0);
    expect(poissonCdf(3, 0)).toBe(1);
  });

  it('large a: P(a, ν(a)) = ½ at the asymptotic median ν(a) = a − 1/3 + 8/(405a) + 184/(25515a²) (Choi 1994)', () => {
    for (const a of [1e3, 1e4, 1e6, 1e8]) {
      const median = a - 1 / 3 + 8 / (405 * a) + 184 / (25515 * a * a);
      // next term is O(a⁻³); times the density ≈ 1/√(2πa) it is negligible; rounding of median: ε·a·density
      const tolerance = 1e-13 + Number.EPSILON * Math.sqrt(a);
      expect(Math.abs(regularizedGammaP(a, median) - 0.5)).toBeLessThan(tolerance);
      expect(Math.abs(regularizedGammaQ(a, median) - 0.5)).toBeLessThan(tolerance);
    }
  });

  it('P + Q = 1 on a grid spanning both branches', () => {
    for (const a of [0.01, 0.3, 1, 4.5, 10, 55.5, 1e3, 1e5]) {
      for (const r of [0.01, 0.5, 0.9, 1, 1.1, 2, 5]) {
        const x = a * r;
        expect(Math.abs(regularizedGammaP(a, x) + regularizedGammaQ(a, x) - 1)).toBeLessThan(1e-14);
      }
    }
  });

  it('x = 0 gives P = 0, Q = 1; bad input throws InvalidArgumentError naming the parameter', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(() => regularizedGammaP(0, 1)).toThrow(/^a must be/);
    expect(() => regularizedGammaQ(1, -1)).toThrow(/^x must be/);
    expect(() => chiSquaredCdf(1, 0)).toThrow(/^df must be/);
    expect(() => gammaCdf(1, 1, -2)).toThrow(/^rate must be/);
    expect(() => gammaCdf(1, Number.NaN, 2)).toThrow(/^shape must be/);
    expect(() => poissonCdf(1.5, 2)).toThrow(/^k must be/);
    expect(() => poissonCdf(1, -2)).toThrow(InvalidArgumentError);
  });
});

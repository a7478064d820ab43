/**
 * Deterministic checks of regularizedBeta, regularizedBetaComplement, logBeta, betaQuantile and binomialCdf
 * against closed forms (I_x(1,1) = x, I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b, I_x(2,2) = 3x² − 2x³,
 * I_x(½,½) = (2/π) arcsin √x), exact rational binomial sums (BigInt), symmetry identities, and the inverse
 * relation betaQuantile ∘ regularizedBeta (fast-check, fixed seed).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  betaQuantile, binomialCdf, logBeta, logGamma, regularizedBeta, regularizedBetaComplement,
} from '../src/special/index.js';
import { InvalidArgumentError } from '../src/errors.js';

const relativeError = (computed: number, expected: number): number =>
  expected === 0 ? Math.abs(computed) : Math.abs(computed - expected) / Math.abs(expected);

/** num/den as a double (≤ 2 ulps) for huge BigInts. */
function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const digits = num.toString().length - den.toString().length;
  const shift = 20 - digits;
  const quotient = shift >= 0 ? (num * 10n ** BigInt(shift)) / den : num / (den * 10n ** BigInt(-shift));
  return Number(quotient) * 10 ** -shift;
}

/** P(X ≤ k) and P(X > k) for X ~ Binomial(n, s/t) as exact rationals converted at the end. */
function exactBinomialTails(k: number, n: number, s: bigint, t: bigint): [number, number] {
  let lower = 0n;
  let upper = 0n;
  let choose = 1n;
  for (let j = 0; j <= n; j++) {
    if (j > 0) choose = (choose * BigInt(n - j + 1)) / BigInt(j);
    const term = choose * s ** BigInt(j) * (t - s) ** BigInt(n - j);
    if (j <= k) lower += term;
    else upper += term;
  }
  const total = t ** BigInt(n);
  return [ratioToNumber(lower, total), ratioToNumber(upper, total)];
}

describe('regularizedBeta: closed forms', () => {
  const xs = [1e-300, 1e-12, 1e-5, 0.001, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.999];
  it('I_x(1, 1) = x and I_x(a, 1) = x^a', () => {
    for (const x of xs) {
      expect(relativeError(regularizedBeta(x, 1, 1), x)).toBeLessThan(4 * Number.EPSILON);
      for (const a of [0.01, 0.5, 2.5, 9, 30, 400]) {
        const expected = Math.pow(x, a);
        if (expected < 1e-290) continue;
        // x^a is conditioned by a: relative error ~ a·ε from the argument
        expect(relativeError(regularizedBeta(x, a, 1), expected)).toBeLessThan(1e-14 * (1 + a));
      }
    }
  });

  it('I_x(1, b) = 1 − (1 − x)^b, i.e. 1 − I_x(1, b) = (1 − x)^b for x with exact 1 − x', () => {
    for (const x of [0.5, 0.625, 0.75, 0.875, 0.9375, 1 - 2 ** -20, 2 ** -10, 2 ** -30]) {
      for (const b of [0.02, 0.5, 3.5, 12, 250]) {
        const survival = Math.pow(1 - x, b); // 1 − x exact for dyadic x
        if (survival < 1e-290) continue;
        expect(relativeError(regularizedBetaComplement(x, 1, b), survival)).toBeLessThan(1e-14 * (1 + b));
        if (survival < 0.5) expect(Math.abs(regularizedBeta(x, 1, b) - (1 - survival))).toBeLessThan(4 * Number.EPSILON);
      }
    }
  });

  it('I_x(2, 2) = 3x² − 2x³ and I_x(½, ½) = (2/π) arcsin √x', () => {
    for (const x of xs) {
      expect(relativeError(regularizedBeta(x, 2, 2), x * x * (3 - 2 * x))).toBeLessThan(1e-14);
      expect(relativeError(regularizedBeta(x, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(x)))).toBeLessThan(1e-14);
    }
  });

  it('symmetry: I_x(a, b) = 1 − I_{1−x}(b, a) and I_½(a, a) = ½', () => {
    for (const [a, b] of [[0.1, 0.2], [2, 7], [15, 40], [1e4, 3e4], [0.7, 2000]]) {
      for (const x of [0.5, 0.625, 0.75, 0.96875]) {
        expect(Math.abs(regularizedBeta(x, a, b) - regularizedBetaComplement(1 - x, b, a))).toBeLessThan(1e-15);
        expect(relativeError(regularizedBetaComplement(x, a, b), regularizedBeta(1 - x, b, a))).toBeLessThan(1e-13);
      }
      expect(Math.abs(regularizedBeta(0.5, a, a) - 0.5)).toBeLessThan(1e-14);
    }
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });

  it('logBeta(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) where that sum is exact-ish, and ln B(a, 1) = −ln a', () => {
    expect(relativeError(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(4 * Number.EPSILON);
    for (const a of [0.01, 0.5, 3, 9.5, 10, 25, 1e4, 1e9]) expect(relativeError(logBeta(a, 1), -Math.log(a))).toBeLessThan(1e-14);
    // ln B(n, m) = ln((n−1)!(m−1)!/(n+m−1)!) exactly for integers: use n, m ≥ 10 (Stirling branch)
    for (const [n, m] of [[10, 10], [12, 30], [40, 90]]) {
      const expected = logGamma(n) + logGamma(m) - logGamma(n + m); // ln Γ is validated against factorials
      expect(Math.abs(logBeta(n, m) - expected)).toBeLessThan(1e-13 * Math.abs(logGamma(n + m)));
    }
  });
});

describe('binomialCdf', () => {
  it('equals exact rational sums (p = 3/8, 1/16, 15/16) for n ≤ 300, both tails, to 1e-14 + 8 ulps of the log', () => {
    // A tail probability P = e^(−L) is computed from its exponent L; rounding L costs ~ε·L relative, so
    // the tolerance is 1e-14 + 8ε·|ln P| (e.g. 2e-13 for P = 1e-96).
    const tolerance = (value: number): number => 1e-14 + 8 * Number.EPSILON * Math.abs(Math.log(value));
    for (const [s, t] of [[3n, 8n], [1n, 16n], [15n, 16n]] as const) {
      const p = Number(s) / Number(t);
      for (const n of [1, 2, 5, 17, 60, 300]) {
        for (const k of [0, 1, Math.floor(n / 4), Math.floor(n / 2), n - 2, n - 1]) {
          if (k < 0 || k >= n) continue;
          const [lower, upper] = exactBinomialTails(k, n, s, t);
          if (lower > 1e-290) expect(relativeError(binomialCdf(k, n, p), lower)).toBeLessThan(tolerance(lower));
          if (upper > 1e-290) expect(relativeError(regularizedBeta(p, k + 1, n - k), upper)).toBeLessThan(tolerance(upper));
        }
      }
    }
  });

  it('edge cases: k < 0 → 0, k ≥ n → 1, p = 0 → 1, p = 1 → 0', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(3, 10, 0)).toBe(1);
    expect(binomialCdf(3, 10, 1)).toBe(0);
    expect(binomialCdf(0, 0, 0.5)).toBe(1);
  });
});

describe('betaQuantile', () => {
  it('closed forms: Q(p; a, 1) = p^(1/a), Q(p; 1, b) = 1 − (1 − p)^(1/b), Q(p; ½, ½) = sin²(πp/2)', () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.5]) {
      for (const a of [0.05, 0.5, 3, 40]) {
        const expected = Math.pow(p, 1 / a);
        if (expected < 1e-290) continue;
        expect(relativeError(betaQuantile(p, a, 1), expected)).toBeLessThan(1e-13 * (1 + 1 / a));
      }
      for (const b of [0.05, 0.5, 3, 40]) {
        expect(relativeError(betaQuantile(p, 1, b), -Math.expm1(Math.log1p(-p) / b))).toBeLessThan(1e-13);
      }
      expect(relativeError(betaQuantile(p, 0.5, 0.5), Math.sin((Math.PI * p) / 2) ** 2)).toBeLessThan(1e-13);
    }
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(0.5, 7, 7)).toBeCloseTo(0.5, 14);
  });

  it('inverts regularizedBeta for a, b ∈ [0.05, 500] (log-uniform) and p ∈ [1e-12, 1 − 1e-12] (fast-check, seed 20240611)', () => {
    const logParameter = fc.double({ min: Math.log(0.05), max: Math.log(500), noNaN: true });
    const logTail = fc.double({ min: Math.log(1e-12), max: Math.log(0.5), noNaN: true });
    fc.assert(
      fc.property(logParameter, logParameter, logTail, fc.boolean(), (logA, logB, logQ, upperTail) => {
        const a = Math.exp(logA);
        const b = Math.exp(logB);
        const q = Math.exp(logQ); // the smaller tail probability
        const p = upperTail ? 1 - q : q;
        const tail = upperTail ? 1 - p : p; // what the caller actually asked for (1 − p exact for p ≥ ½)
        const x = betaQuantile(p, a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        if (x === 0 || x === 1) return; // quantile beyond double resolution
        const back = upperTail ? regularizedBetaComplement(x, a, b) : regularizedBeta(x, a, b);
        // tolerance: 1e-12 relative in the tail, plus what rounding x to a double can change: density · ulp(x)
        const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
        const ulp = Math.max(Number.MIN_VALUE, Math.abs(x) * Number.EPSILON);
        expect(Math.abs(back - tail)).toBeLessThanOrEqual(1e-12 * tail + 2 * density * ulp);
      }),
      { seed: 20240611, numRuns: 400 },
    );
  });

  it('rejects bad input naming the parameter', () => {
    expect(() => betaQuantile(-0.1, 1, 1)).toThrow(/^p must be/);
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(/^a must be/);
    expect(() => betaQuantile(0.5, 1, Infinity)).toThrow(/^b must be/);
    expect(() => regularizedBeta(1.1, 1, 1)).toThrow(/^x must be/);
    expect(() => regularizedBetaComplement(0.5, -1, 1)).toThrow(InvalidArgumentError);
    expect(() => binomialCdf(1, 2.5, 0.5)).toThrow(/^n must be/);
    expect(() => binomialCdf(1, 5, 2)).toThrow(/^p must be/);
    expect(() => binomialCdf(Number.NaN, 5, 0.5)).toThrow(/^k must be/);
    expect(() => logBeta(0, 1)).toThrow(/^a must be/);
  });
});

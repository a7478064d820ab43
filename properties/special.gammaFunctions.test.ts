/**
 * Deterministic checks of logGamma, digamma and trigamma against exact values: integer factorials (BigInt),
 * half-integer closed forms, Gauss's digamma theorem, harmonic numbers, the Taylor series of ln Γ at 1 and 2
 * with published ζ values, and the recurrences (A&S 6.1.15, 6.3.5, 6.4.6).
 */
import { describe, expect, it } from 'vitest';
import { digamma, logGamma, trigamma } from '../src/special/index.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';

const EULER_GAMMA = 0.5772156649015329;
const ZETA3 = 1.2020569031595942; // Apéry's constant
const ZETA5 = 1.0369277551433699;
const ZETA7 = 1.0083492773819228;
const CATALAN = 0.915965594177219;
const relativeError = (computed: number, expected: number): number =>
  expected === 0 ? Math.abs(computed) : Math.abs(computed - expected) / Math.abs(expected);

function factorial(n: number): bigint {
  let f = 1n;
  for (let i = 2n; i <= BigInt(n); i++) f *= i;
  return f;
}

describe('logGamma', () => {
  it('ln Γ(n) = ln((n − 1)!) from exact integer factorials, n = 1 … 171, to 1e-15 relative', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    for (let n = 3; n <= 171; n++) {
      const expected = Math.log(Number(factorial(n - 1)));
      expect(relativeError(logGamma(n), expected)).toBeLessThan(1e-15);
    }
  });

  it('ln Γ(n + ½) = ln((2n)! √π / (4ⁿ n!)) for n = 0 … 80', () => {
    expect(relativeError(logGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(2e-16);
    for (let n = 1; n <= 80; n++) {
      const ratio = Number((factorial(2 * n) * 10n ** 30n) / (4n ** BigInt(n) * factorial(n))) / 1e30;
      const expected = Math.log(ratio) + 0.5 * Math.log(Math.PI);
      expect(relativeError(logGamma(n + 0.5), expected)).toBeLessThan(1e-14);
    }
  });

  it('keeps relative precision near its zeros: Taylor series at x = 1 and x = 2', () => {
    // ζ(2..7) from closed forms (even) and published values (odd); the series is truncated after h⁷
    const zeta = [0, 0, Math.PI ** 2 / 6, ZETA3, Math.PI ** 4 / 90, ZETA5, Math.PI ** 6 / 945, ZETA7];
    for (const requested of [1e-12, 1e-8, 1e-5, 1e-3, -1e-3, -1e-6]) {
      const h1 = 1 + requested - 1; // the increments actually represented in 1 + h and 2 + h (exact differences)
      const h2 = 2 + requested - 2;
      let nearOne = -EULER_GAMMA * h1; // A&S 6.1.33: ln Γ(1+h) = −γh + Σ_{k≥2} (−1)^k ζ(k) h^k / k
      let nearTwo = (1 - EULER_GAMMA) * h2; // ln Γ(2+h) = ln Γ(1+h) + ln(1+h)
      for (let k = 2; k <= 7; k++) {
        nearOne += ((-1) ** k * zeta[k] * h1 ** k) / k;
        nearTwo += ((-1) ** k * (zeta[k] - 1) * h2 ** k) / k;
      }
      expect(relativeError(logGamma(1 + h1), nearOne)).toBeLessThan(1e-14);
      expect(relativeError(logGamma(2 + h2), nearTwo)).toBeLessThan(1e-14);
    }
  });

  it('satisfies ln Γ(x + 1) = ln Γ(x) + ln x across every branch boundary', () => {
    for (const x of [1e-300, 1e-10, 0.1, 0.4999, 0.5, 0.75, 1.25, 1.4999, 1.5, 2.4999, 2.5, 3.3, 7.7, 9.5, 9.99, 10, 33.3, 1e4, 1e10]) {
      const lhs = logGamma(x + 1);
      const rhs = logGamma(x) + Math.log(x);
      const scale = Math.abs(logGamma(x)) + Math.abs(Math.log(x)) + Math.abs(lhs);
      expect(Math.abs(lhs - rhs)).toBeLessThan(4 * Number.EPSILON * scale);
    }
  });

  it('ln Γ(n) for n = 10⁴ equals Σ ln k (compensated summation)', () => {
    let sum = 0;
    let compensation = 0;
    for (let k = 2; k < 10000; k++) {
      const y = Math.log(k) - compensation;
      const t = sum + y;
      compensation = t - sum - y;
      sum = t;
    }
    expect(relativeError(logGamma(10000), sum)).toBeLessThan(1e-15);
  });

  it('rejects x ≤ 0 and throws NumericalError("overflow") when ln Γ overflows', () => {
    for (const bad of [0, -1, -0.5, Number.NaN, Infinity]) expect(() => logGamma(bad)).toThrow(InvalidArgumentError);
    expect(() => logGamma(1e307)).toThrow(NumericalError);
  });
});

describe('digamma', () => {
  it('ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(¼) = −γ − π/2 − 3 ln 2, ψ(¾) = −γ + π/2 − 3 ln 2 (Gauss)', () => {
    expect(relativeError(digamma(1), -EULER_GAMMA)).toBeLessThan(1e-15);
    expect(relativeError(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2)).toBeLessThan(1e-15);
    expect(relativeError(digamma(0.25), -EULER_GAMMA - Math.PI / 2 - 3 * Math.LN2)).toBeLessThan(1e-15);
    expect(relativeError(digamma(0.75), -EULER_GAMMA + Math.PI / 2 - 3 * Math.LN2)).toBeLessThan(1e-15);
  });

  it('ψ(n) = −γ + H_{n−1} with exact harmonic sums, n = 2 … 2000', () => {
    let harmonic = 0;
    for (let n = 2; n <= 2000; n++) {
      harmonic += 1 / (n - 1);
      expect(relativeError(digamma(n), -EULER_GAMMA + harmonic)).toBeLessThan(2e-15);
    }
  });

  it('satisfies ψ(x + 1) = ψ(x) + 1/x', () => {
    for (const x of [1e-8, 0.01, 0.3, 1, 1.4616321449683622, 2.5, 9.3, 10, 12.5, 100, 1e6]) {
      const scale = Math.abs(digamma(x)) + 1 / x + Math.abs(digamma(x + 1));
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(4 * Number.EPSILON * scale);
    }
  });

  it('rejects x ≤ 0 with InvalidArgumentError naming x', () => {
    for (const bad of [0, -1, -2.5, Number.NaN]) expect(() => digamma(bad)).toThrow(/^x must be/);
  });
});

describe('trigamma', () => {
  it('ψ′(1) = π²/6, ψ′(½) = π²/2, ψ′(¼) = π² + 8G (Catalan)', () => {
    expect(relativeError(trigamma(1), (Math.PI * Math.PI) / 6)).toBeLessThan(1e-15);
    expect(relativeError(trigamma(0.5), (Math.PI * Math.PI) / 2)).toBeLessThan(1e-15);
    expect(relativeError(trigamma(0.25), Math.PI * Math.PI + 8 * CATALAN)).toBeLessThan(1e-15);
  });

  it('ψ′(n) = π²/6 − Σ_{k<n} 1/k² for n ≤ 20 (no cancellation to speak of)', () => {
    let sum = 0;
    for (let n = 2; n <= 20; n++) {
      sum += 1 / ((n - 1) * (n - 1));
      const expected = (Math.PI * Math.PI) / 6 - sum;
      // the subtraction loses log10(π²/6 / ψ′(n)) digits of the *reference*; scale the tolerance by it
      expect(relativeError(trigamma(n), expected)).toBeLessThan(4 * Number.EPSILON * ((Math.PI * Math.PI) / 6 / expected));
    }
  });

  it('satisfies ψ′(x + 1) = ψ′(x) − 1/x² to a few ulps of the terms', () => {
    for (const x of [0.01, 0.3, 1, 2.5, 9.3, 10, 12.5, 100, 1e6]) {
      // the subtraction ψ′(x) − 1/x² amplifies rounding by (ψ′(x) + 1/x²)/ψ′(x + 1)
      const amplification = (trigamma(x) + 1 / (x * x)) / trigamma(x + 1);
      expect(relativeError(trigamma(x + 1), trigamma(x) - 1 / (x * x))).toBeLessThan(4 * Number.EPSILON * amplification);
    }
  });

  it('behaves like 1/x + 1/(2x²) for large x and 1/x² for tiny x', () => {
    expect(relativeError(trigamma(1e8), 1e-8 + 0.5e-16)).toBeLessThan(1e-15);
    expect(relativeError(trigamma(1e-10), 1e20 + (Math.PI * Math.PI) / 6)).toBeLessThan(1e-15);
  });

  it('rejects x ≤ 0 and reports overflow as NumericalError', () => {
    for (const bad of [0, -3, Number.NaN]) expect(() => trigamma(bad)).toThrow(InvalidArgumentError);
    expect(() => trigamma(1e-200)).toThrow(NumericalError);
  });
});

/**
 * Deterministic checks of normalCdf and normalQuantile against published values (Abramowitz & Stegun
 * table 26.1 / 26.5 to 16 digits, as quoted in the brief and standard references), an independent
 * evaluation of the Mills ratio by Laplace's continued fraction, and exact identities.
 */
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../src/special/index.js';
import { InvalidArgumentError } from '../src/errors.js';

const relativeError = (computed: number, expected: number): number => Math.abs(computed - expected) / Math.abs(expected);

/**
 * Φ(−x) for x ≥ 3 by Laplace's continued fraction φ(x)/(x + 1/(x + 2/(x + 3/(x + …)))) (A&S 26.2.14),
 * evaluated backward from 4000 terms: an algorithm unrelated to Cody's rational approximations.
 */
function upperTailLaplace(x: number): number {
  let fraction = x;
  for (let n = 4000; n >= 1; n--) fraction = x + n / fraction;
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) / fraction;
}

describe('normalCdf', () => {
  it('matches published values to ~1e-15 relative', () => {
    expect(relativeError(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(2e-16 * 4);
    expect(relativeError(normalCdf(-8), 6.22096057427178e-16)).toBeLessThan(2e-14); // 15 published digits
    expect(relativeError(normalCdf(-1), 0.15865525393145705)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(-3), 0.0013498980316300946)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(0.5), 0.6914624612740131)).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
  });

  it('agrees with Laplace’s continued fraction in the lower tail (−38 ≤ x ≤ −3) to 1e-14 relative', () => {
    for (let x = 3; x <= 38; x += 0.37) {
      // conditioning: exp(−x²/2) amplifies the rounding of x by x²·ε, so allow a few x²·ε as well
      const tolerance = 1e-14 + 4 * x * x * Number.EPSILON;
      expect(relativeError(normalCdf(-x), upperTailLaplace(x))).toBeLessThan(tolerance);
    }
  });

  it('Φ(x) + Φ(−x) = 1 and Φ is monotone', () => {
    let previous = 0;
    for (let x = -40; x <= 10; x += 0.01) {
      const value = normalCdf(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
      if (Math.abs(x) < 8) expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(4 * Number.EPSILON);
    }
  });

  it('handles ±Infinity and rejects NaN', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(() => normalCdf(Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => normalCdf(Number.NaN)).toThrow(/x must be/);
  });
});

describe('normalQuantile', () => {
  it('matches published percentage points', () => {
    expect(relativeError(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(4 * Number.EPSILON);
    expect(relativeError(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(4 * Number.EPSILON);
    expect(relativeError(normalQuantile(0.95), 1.6448536269514722)).toBeLessThan(4 * Number.EPSILON);
    expect(relativeError(normalQuantile(0.99), 2.3263478740408408)).toBeLessThan(4 * Number.EPSILON);
    expect(relativeError(normalQuantile(0.999), 3.090232306167813)).toBeLessThan(4 * Number.EPSILON);
    expect(relativeError(normalQuantile(0.9), 1.2815515655446004)).toBeLessThan(4 * Number.EPSILON);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is odd about ½: Φ⁻¹(1 − p) = −Φ⁻¹(p) for p with exact complements', () => {
    for (let k = 2; k <= 52; k++) {
      const p = 2 ** -k;
      expect(normalQuantile(1 - p)).toBe(-normalQuantile(p));
    }
  });

  it('inverts normalCdf: Φ(Φ⁻¹(p)) = p to 1e-15·(1 + z²) relative, for p from 1e-300 to ½', () => {
    for (let e = -300; e <= -1; e += 0.5) {
      for (const m of [1, 2.5, 5]) {
        const p = m * 10 ** e;
        if (p > 0.5) continue;
        const z = normalQuantile(p);
        expect(relativeError(normalCdf(z), p)).toBeLessThan(2e-15 * (1 + z * z));
      }
    }
  });

  it('rejects p outside (0, 1) naming the parameter', () => {
    for (const bad of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(() => normalQuantile(bad)).toThrow(InvalidArgumentError);
      expect(() => normalQuantile(bad)).toThrow(/^p must be/);
    }
  });
});

/**
 * checkTwoSample (src/stats/checkTwoSample.ts), deterministic properties: the two-sample KS distance equals
 * its definition sup_x |F₁(x) − F₂(x)| evaluated by brute force at every pooled point (ties included); the
 * thresholds are the DKW bands ε(R_i, α/4) and z_{1−α/4}·se; identical samples pass, separated samples fail
 * both parts; an under-powered request is refused; bad input is named.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkTwoSample, dkwEpsilon, twoSampleKolmogorovDistance, UnderpoweredError } from '../src/stats/assert.js';
import { zUpper } from '../src/stats/quantiles.js';
import { InvalidArgumentError } from '../src/errors.js';

/** sup_x |F₁(x) − F₂(x)| by definition: F_i(x) = #{v ≤ x}/R_i at every pooled point x. */
function bruteForce(a: number[], b: number[]): number {
  let sup = 0;
  for (const x of [...a, ...b]) {
    const f1 = a.filter((v) => v <= x).length / a.length;
    const f2 = b.filter((v) => v <= x).length / b.length;
    sup = Math.max(sup, Math.abs(f1 - f2));
  }
  return sup;
}

const range = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

describe('checkTwoSample', () => {
  it('twoSampleKolmogorovDistance = the definition, ties included (seed 71)', () => {
    const values = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(twoSampleKolmogorovDistance(a, b)).toBeCloseTo(bruteForce(a, b), 14);
      }),
      { seed: 71, numRuns: 500 },
    );
  });

  it('identical samples pass with distance 0; thresholds are ε(R₁, α/4) + ε(R₂, α/4) and z_{1−α/4}·se', () => {
    const x = range(400, (i) => Math.sin(i) * 3);
    const result = checkTwoSample({ label: 'same', first: x, second: x, alpha: 1e-6 });
    expect(result.pass).toBe(true);
    expect(result.estimate).toBe(0);
    expect(result.detail).toContain(`ε₁ + ε₂ = ${(2 * dkwEpsilon(400, 1e-6 / 4)).toPrecision(4)}`);
    // se = √(2s²/R) with s² the sample variance of x
    const mean = x.reduce((s, v) => s + v, 0) / 400;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / 399;
    const se = Math.sqrt((2 * variance) / 400);
    expect(result.interval[1]).toBeCloseTo(zUpper(1e-6 / 4) * se, 12);
    expect(result.detectable).toBeCloseTo((zUpper(1e-6 / 4) + zUpper(1e-2)) * se, 12);
  });

  it('samples on disjoint ranges fail (both parts)', () => {
    const result = checkTwoSample({ label: 'apart', first: range(200, (i) => i), second: range(200, (i) => 1000 + i), alpha: 1e-6 });
    expect(result.pass).toBe(false);
    expect(result.detail).toContain('sup|F₁ − F₂| = 1.000');
    expect((result.detail ?? '').match(/REJECT/g)?.length).toBe(2);
  });

  it('a same-mean, different-spread pair is caught by the distribution part alone', () => {
    const narrow = range(2000, (i) => ((i % 100) - 49.5) / 100);
    const wide = range(2000, (i) => (((i * 37) % 100) - 49.5) / 10);
    const result = checkTwoSample({ label: 'spread', first: narrow, second: wide, alpha: 1e-6 });
    expect(result.pass).toBe(false);
    expect(result.detail).toMatch(/\(REJECT; detects/);
    expect(result.detail).toMatch(/\(ok\)$/);
  });

  it('refuses to run under-powered, and names bad input', () => {
    const x = range(200, (i) => i % 7);
    expect(() => checkTwoSample({ label: 'tiny δ', first: x, second: x, alpha: 1e-6, detectable: 1e-6 })).toThrow(UnderpoweredError);
    const name = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        return (error as InvalidArgumentError).parameter;
      }
      throw new Error('no throw');
    };
    expect(name(() => checkTwoSample({ label: 'short', first: range(99, (i) => i), second: x, alpha: 1e-6 }))).toBe('first.length');
    expect(name(() => checkTwoSample({ label: 'nan', first: x, second: range(200, (i) => (i === 5 ? NaN : i)), alpha: 1e-6 }))).toBe('second[5]');
    expect(name(() => checkTwoSample({ label: 'alpha', first: x, second: x, alpha: 0.7 }))).toBe('alpha');
  });
});

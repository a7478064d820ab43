/**
 * The saddle-point terms shared by the Poisson and binomial samplers (src/special/stirlingRemainder.ts,
 * devianceTerm.ts), against independent computations:
 * - δ(j) = ln j! − [(j + ½) ln j − j + ½ ln 2π] against ln Γ(j + 1) from logGamma (a different algorithm),
 *   absolute error ≤ 4 ulps of the terms that cancel, 4ε·(ln j! + (j + ½) ln j + j): the reference itself is
 *   a difference of numbers of that size, so it carries that rounding;
 * - bd0(x, m) = x ln(x/m) + m − x near x = m (the series branch) against m·Σ_{k≥2} (−1)^k ε^k/(k(k−1)) with
 *   ε = x/m − 1, the Taylor series of m[(1 + ε) ln(1 + ε) − ε] (a different series), relative error ≤ 1e-12;
 *   away from it against the direct formula, relative error ≤ 1e-14.
 * Deterministic: no random draws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stirlingRemainder } from '../src/special/stirlingRemainder.js';
import { devianceTerm } from '../src/special/devianceTerm.js';
import { logGamma } from '../src/special/logGamma.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

describe('stirlingRemainder', () => {
  it('equals ln Γ(j + 1) − [(j + ½) ln j − j + ½ ln 2π] for j = 1 … 200 (both branches, and the switch at 16)', () => {
    for (let j = 1; j <= 200; j++) {
      const logFactorial = logGamma(j + 1);
      const reference = logFactorial - ((j + 0.5) * Math.log(j) - j + HALF_LOG_TWO_PI);
      const rounding = 4 * Number.EPSILON * (logFactorial + (j + 0.5) * Math.log(j) + j);
      expect(Math.abs(stirlingRemainder(j) - reference), `j = ${j}`).toBeLessThanOrEqual(rounding);
    }
  });
  it('is 1/(12j) to first order at large j', () => {
    expect(stirlingRemainder(1e6) * 12e6).toBeCloseTo(1, 10);
  });
});

describe('devianceTerm', () => {
  it('matches the Taylor series m·Σ (−1)^k ε^k/(k(k − 1)) near x = m (the v-series branch)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 0.15, noNaN: true }), fc.boolean(), (m, size, below) => {
        const epsilon = below ? -size : size;
        const x = m * (1 + epsilon);
        const e = (x - m) / m; // the ε of the x actually passed (x − m is exact: Sterbenz)
        let series = 0;
        let power = e;
        for (let k = 2; k < 200; k++) {
          power *= e;
          series += ((k % 2 === 0 ? 1 : -1) * power) / (k * (k - 1));
        }
        const reference = m * series;
        const value = devianceTerm(x, m);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(Math.abs(value - reference)).toBeLessThanOrEqual(1e-12 * reference + 1e-300);
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });
  it('equals x ln(x/m) + m − x away from x = m, and m at x = 0', () => {
    for (const [x, m] of [[0, 3], [1, 10], [50, 10], [1e6, 3], [7, 1e-3]]) {
      const direct = x === 0 ? m : x * Math.log(x / m) + m - x;
      expect(Math.abs(devianceTerm(x, m) - direct)).toBeLessThanOrEqual(1e-14 * direct);
    }
  });
});

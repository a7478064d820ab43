/**
 * squaredL2, frobeniusSquared, categoricalSquaredError and totalVariation: hand-computed values, their
 * defining identities, and bad input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { squaredL2 } from '../src/metrics/squaredL2.js';
import { frobeniusSquared } from '../src/metrics/frobeniusSquared.js';
import { categoricalSquaredError } from '../src/metrics/categoricalSquaredError.js';
import { totalVariation } from '../src/metrics/totalVariation.js';
import { probabilityVector } from '../src/metrics/probabilityVector.js';
import { InvalidArgumentError } from '../src/errors.js';
import { refused } from './helpers/refused.js';

/** A random probability vector of length k from positive raw weights. */
const pmf = (k: number) =>
  fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: k, maxLength: k }).map((raw) => {
    const total = raw.reduce((a, b) => a + b, 0);
    return Float64Array.from(raw.map((r) => r / total));
  });

describe('squaredL2 and frobeniusSquared', () => {
  it('hand values', () => {
    expect(squaredL2(Float64Array.of(1, 2), Float64Array.of(0, 0))).toBe(5);
    expect(squaredL2(Float64Array.of(3), Float64Array.of(-1))).toBe(16);
    expect(frobeniusSquared(Float64Array.of(1, 0, 0, 1), new Float64Array(4), 2)).toBe(2);
    expect(frobeniusSquared(Float64Array.of(1, 2, 2, 5), Float64Array.of(0, 1, 1, 3))).toBe(1 + 1 + 1 + 4);
  });

  it('‖a − b‖² = ‖a‖² + ‖b‖² − 2⟨a, b⟩ and symmetry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).chain((d) => fc.tuple(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d }), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d }))), ([a, b]) => {
        const A = Float64Array.from(a);
        const B = Float64Array.from(b);
        let aa = 0, bb = 0, ab = 0;
        for (let i = 0; i < a.length; i++) { aa += a[i] * a[i]; bb += b[i] * b[i]; ab += a[i] * b[i]; }
        expect(Math.abs(squaredL2(A, B) - (aa + bb - 2 * ab))).toBeLessThan(1e-11 * (1 + aa + bb));
        expect(squaredL2(A, B)).toBe(squaredL2(B, A));
        expect(frobeniusSquared(A, B)).toBe(squaredL2(A, B));
      }),
      { seed: 0x5eed11, numRuns: 200 },
    );
  });

  it('bad input names the parameter', () => {
    refused(() => squaredL2(Float64Array.of(1, 2), Float64Array.of(1)), 'b.length');
    refused(() => squaredL2(Float64Array.of(NaN), Float64Array.of(1)), 'a[0]');
    refused(() => frobeniusSquared(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3), 2), 'a.length');
    refused(() => frobeniusSquared(Float64Array.of(1), Float64Array.of(Infinity)), 'b[0]');
    refused(() => frobeniusSquared(Float64Array.of(1), Float64Array.of(1), 0), 'dim');
  });
});

describe('categoricalSquaredError and totalVariation', () => {
  it('hand values', () => {
    const a = Float64Array.of(0.5, 0.5);
    const b = Float64Array.of(1, 0);
    expect(categoricalSquaredError(a, b)).toBe(0.5);
    expect(totalVariation(a, b)).toBe(0.5);
    expect(totalVariation(Float64Array.of(0.2, 0.3, 0.5), Float64Array.of(0.5, 0.3, 0.2))).toBeCloseTo(0.3, 15);
    expect(categoricalSquaredError(Float64Array.of(0.2, 0.3, 0.5), Float64Array.of(0.5, 0.3, 0.2))).toBeCloseTo(0.18, 15);
  });

  it('TV equals max over events |p̂(A) − p(A)| (all 2^K events), and sq ≤ 2·TV ≤ 2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }).chain((k) => fc.tuple(pmf(k), pmf(k))), ([p, q]) => {
        const k = p.length;
        let best = 0;
        for (let mask = 0; mask < 1 << k; mask++) {
          let diff = 0;
          for (let c = 0; c < k; c++) if (mask & (1 << c)) diff += p[c] - q[c];
          best = Math.max(best, Math.abs(diff));
        }
        const tv = totalVariation(p, q);
        expect(Math.abs(tv - best)).toBeLessThan(1e-14);
        expect(tv).toBeLessThanOrEqual(1 + 1e-15);
        expect(categoricalSquaredError(p, q)).toBeLessThanOrEqual(2 * tv + 1e-15);
      }),
      { seed: 0x5eed12, numRuns: 200 },
    );
  });

  it('bad input names the parameter', () => {
    refused(() => totalVariation(Float64Array.of(0.5, 0.5), Float64Array.of(1)), 'truth.length');
    refused(() => totalVariation(Float64Array.of(0.5, 0.6), Float64Array.of(0.5, 0.5)), 'estimate (sum of entries)');
    refused(() => categoricalSquaredError(Float64Array.of(0.5, 0.5), Float64Array.of(1.5, -0.5)), 'truth[1]');
    refused(() => categoricalSquaredError(Float64Array.of(NaN, 1), Float64Array.of(0, 1)), 'estimate[0]');
    refused(() => probabilityVector('p', new Float64Array(0)), 'p.length');
  });
});

/**
 * matVec, matMul, transpose, trace, frobeniusNormSquared and lowerTimesUpper: exact small cases, algebraic
 * identities on random matrices with small-integer entries (so every product and sum is exact in double
 * precision and the identities hold bit-for-bit), and shape validation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frobeniusNormSquared, lowerTimesUpper, matMul, matVec, trace, transpose } from '../src/linalg/index.js';
import { InvalidArgumentError } from '../src/errors.js';

/** An r×c matrix with integer entries in [−9, 9] (exact arithmetic for all the identities below). */
const integerMatrix = (rows: number, cols: number) =>
  fc.array(fc.integer({ min: -9, max: 9 }), { minLength: rows * cols, maxLength: rows * cols }).map((v) => Float64Array.from(v));
const dims = fc.record({ n: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 6 }) });

describe('exact small cases', () => {
  it('matMul, matVec, transpose, trace, frobeniusNormSquared, lowerTimesUpper', () => {
    // [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
    expect(Array.from(matMul([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], 2, 3, 2))).toEqual([58, 64, 139, 154]);
    expect(Array.from(matVec([1, 2, 3, 4, 5, 6], 2, 3, [1, 0, -1]))).toEqual([-2, -2]);
    expect(Array.from(transpose([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(trace([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toBe(15);
    expect(frobeniusNormSquared([1, 2, 2, 4])).toBe(25);
    expect(Array.from(lowerTimesUpper([2, 0, 1, 2], 2))).toEqual([4, 2, 2, 5]);
    expect(Array.from(lowerTimesUpper([2, 99, 1, 2], 2))).toEqual([4, 2, 2, 5]); // strict upper triangle ignored
  });
});

describe('identities on random integer matrices (fast-check, seed 12)', () => {
  it('(AB)ᵀ = BᵀAᵀ, tr(AB) = tr(BA), ‖A‖²_F = tr(AᵀA), A·(Bv) = (AB)·v', () => {
    const arbitrary = dims.chain(({ n, k, m }) =>
      fc.record({ n: fc.constant(n), k: fc.constant(k), m: fc.constant(m), a: integerMatrix(n, k), b: integerMatrix(k, m), v: integerMatrix(m, 1) }),
    );
    fc.assert(
      fc.property(arbitrary, ({ n, k, m, a, b, v }) => {
        const ab = matMul(a, b, n, k, m);
        expect(transpose(ab, n, m)).toEqual(matMul(transpose(b, k, m), transpose(a, n, k), m, k, n));
        expect(transpose(transpose(a, n, k), k, n)).toEqual(a);
        if (n === m) expect(trace(ab, n)).toBe(trace(matMul(b, a, k, n, k), k));
        expect(frobeniusNormSquared(a)).toBe(trace(matMul(transpose(a, n, k), a, k, n, k), k));
        expect(matVec(a, n, k, matVec(b, k, m, v))).toEqual(matVec(ab, n, m, v));
        expect(matVec(ab, n, m, v)).toEqual(matMul(ab, v, n, m, 1));
        const out = new Float64Array(n * m).fill(Number.NaN);
        expect(matMul(a, b, n, k, m, out)).toBe(out);
        expect(out).toEqual(ab);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('lowerTimesUpper(L) = L·Lᵀ and is exactly symmetric', () => {
    const arbitrary = fc.integer({ min: 1, max: 6 }).chain((d) => fc.record({ d: fc.constant(d), l: integerMatrix(d, d) }));
    fc.assert(
      fc.property(arbitrary, ({ d, l }) => {
        for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) l[i * d + j] = 0;
        expect(lowerTimesUpper(l, d)).toEqual(matMul(l, transpose(l, d, d), d, d, d));
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});

describe('shape validation', () => {
  it('names the offending argument', () => {
    expect(() => matMul([1, 2], [1, 2, 3], 1, 2, 2)).toThrow(/^b\.length must be 4/);
    expect(() => matMul([1, 2], [1, 2], 1, 0, 2)).toThrow(/^k must be/);
    expect(() => matVec([1, 2, 3, 4], 2, 2, [1])).toThrow(/^v\.length must be 2/);
    expect(() => matVec([1, 2, 3, 4], 2, 2, [1, Infinity])).toThrow(/^v\[1\] must be a finite number/);
    expect(() => transpose([1, 2, 3], 2, 2)).toThrow(/^a\.length must be 4/);
    expect(() => trace([1, 2, 3, 4], -1)).toThrow(/^d must be/);
    expect(() => frobeniusNormSquared([])).toThrow(InvalidArgumentError);
    expect(() => lowerTimesUpper([1, 0, 0, 1], 2, new Float64Array(2))).toThrow(/^out\.length must be 4/);
  });

  it('rejects outputs that alias an input where that would corrupt the result', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    expect(() => matMul(a, a, 2, 2, 2, a)).toThrow(/^out must be a buffer that does not overlap/);
    expect(() => transpose(a, 2, 2, a)).toThrow(/^out must be/);
    const v = Float64Array.of(1, 1);
    expect(() => matVec(a, 2, 2, v, v)).toThrow(/^out must be/);
    expect(() => lowerTimesUpper(a, 2, a)).toThrow(/^out must be/);
  });
});

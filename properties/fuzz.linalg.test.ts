/**
 * Fuzzed inputs for src/linalg and src/metrics (issue 7): every kernel and every metric on arbitrary arguments
 * (edge numbers in the entries — 1e308 whose products overflow, 5e-324 whose reciprocals overflow — wrong
 * lengths, wrong types, aliased output buffers) either returns finite numbers of the right shape or throws
 * InvalidArgumentError / NumericalError naming the parameter (contract in fuzz.harness.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyNumber, anyVector, anything, float64, fuzz, mostly, seedOf, wrongType, type FuzzTarget } from './fuzz.harness.js';
import {
  cholesky, choleskySolve, spdInverse, logDetFromCholesky, matVec, matMul, transpose, frobeniusNormSquared, trace,
  isSymmetricPositiveDefinite, lowerTimesUpper,
} from '../src/linalg/index.js';
import { squaredL2, frobeniusSquared, cramerVonMises, categoricalSquaredError, totalVariation, probabilityVector } from '../src/metrics/index.js';
import { normalCdf } from '../src/special/normalCdf.js';

const RUNS = 250;

/** Matrix entries: mostly modest, sometimes huge or tiny (overflow of products and reciprocals). */
const entry = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 1e200, 5e-324, 1e-310, 0, -0) },
  { weight: 1, arbitrary: anyNumber },
);
const dim = fc.integer({ min: 1, max: 4 });

/** A d×d matrix: symmetric positive definite (B Bᵀ + εI), an arbitrary one, a wrong length, or a wrong type. */
function matrix(d: number): fc.Arbitrary<unknown> {
  const arbitrary = fc.array(entry, { minLength: d * d, maxLength: d * d }).map((a) => Float64Array.from(a));
  const spd = fc.tuple(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d * d, maxLength: d * d }), fc.constantFrom(1e-12, 1e-3, 1, 1e-300, 1e150)).map(([b, eps]) => {
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = i === j ? eps : 0;
      for (let k = 0; k < d; k++) s += b[i * d + k] * b[j * d + k];
      a[i * d + j] = s;
    }
    return a;
  });
  return fc.oneof({ weight: 3, arbitrary: spd }, { weight: 2, arbitrary: arbitrary }, { weight: 1, arbitrary: fc.array(entry, { maxLength: d * d }) }, { weight: 1, arbitrary: anyVector });
}

/** A d×d lower factor with a positive diagonal (sometimes 5e-324), or junk. */
function lowerFactor(d: number): fc.Arbitrary<unknown> {
  const valid = fc.tuple(fc.array(entry, { minLength: d * d, maxLength: d * d }), fc.constantFrom(1, 1e-3, 5e-324, 1e-200, 1e200)).map(([a, diag]) => {
    const l = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) l[i * d + j] = i === j ? diag + Math.abs(a[i * d + j]) * (diag < 1e-100 ? 0 : 1) : a[i * d + j];
    return l;
  });
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyVector });
}

const outArg = (length: number) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: float64(anyNumber, length, length) }, { weight: 1, arbitrary: anything });

const probabilities = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }).filter((a) => a.some((v) => v > 0)).map((a) => { const s = a.reduce((x, y) => x + y, 0); return Float64Array.from(a, (v) => v / s); }) },
  { weight: 1, arbitrary: anyVector },
);

const cdfs: readonly ((x: number) => number)[] = [
  normalCdf,
  (x) => Math.min(1, Math.max(0, x)),
  () => NaN,
  () => 2,
  (x) => 1 - Math.min(1, Math.max(0, x)), // decreasing
  () => 0.5,
];

const targets: FuzzTarget[] = [
  { name: 'cholesky', args: dim.chain((d) => fc.tuple(matrix(d), mostly(fc.constant(d)), outArg(d * d))), call: (a, d, out) => cholesky(a as Float64Array, d as number, out as Float64Array) },
  {
    name: 'choleskySolve',
    args: dim.chain((d) => fc.tuple(lowerFactor(d), mostly(fc.constant(d)), mostly(float64(entry, d, d)), outArg(d))),
    call: (l, d, b, out) => choleskySolve(l as Float64Array, d as number, b as Float64Array, out as Float64Array),
  },
  { name: 'spdInverse', args: dim.chain((d) => fc.tuple(matrix(d), mostly(fc.constant(d)), outArg(d * d))), call: (a, d, out) => spdInverse(a as Float64Array, d as number, out as Float64Array) },
  { name: 'logDetFromCholesky', args: dim.chain((d) => fc.tuple(lowerFactor(d), mostly(fc.constant(d)))), call: (l, d) => logDetFromCholesky(l as Float64Array, d as number) },
  {
    name: 'matVec',
    args: fc.tuple(dim, dim).chain(([r, c]) => fc.tuple(mostly(float64(entry, r * c, r * c)), mostly(fc.constant(r)), mostly(fc.constant(c)), mostly(float64(entry, c, c)), outArg(r))),
    call: (a, r, c, v, out) => matVec(a as Float64Array, r as number, c as number, v as Float64Array, out as Float64Array),
  },
  {
    name: 'matMul',
    args: fc.tuple(dim, dim, dim).chain(([n, k, m]) => fc.tuple(mostly(float64(entry, n * k, n * k)), mostly(float64(entry, k * m, k * m)), mostly(fc.constant(n)), mostly(fc.constant(k)), mostly(fc.constant(m)), outArg(n * m))),
    call: (a, b, n, k, m, out) => matMul(a as Float64Array, b as Float64Array, n as number, k as number, m as number, out as Float64Array),
  },
  {
    name: 'transpose',
    args: fc.tuple(dim, dim).chain(([r, c]) => fc.tuple(mostly(float64(entry, r * c, r * c)), mostly(fc.constant(r)), mostly(fc.constant(c)), outArg(r * c))),
    call: (a, r, c, out) => transpose(a as Float64Array, r as number, c as number, out as Float64Array),
  },
  { name: 'frobeniusNormSquared', args: fc.tuple(mostly(float64(entry, 0, 6))), call: (a) => frobeniusNormSquared(a as Float64Array) },
  { name: 'trace', args: dim.chain((d) => fc.tuple(matrix(d), mostly(fc.constant(d)))), call: (a, d) => trace(a as Float64Array, d as number) },
  { name: 'isSymmetricPositiveDefinite', args: dim.chain((d) => fc.tuple(matrix(d), mostly(fc.constant(d)))), call: (a, d) => isSymmetricPositiveDefinite(a as Float64Array, d as number) },
  { name: 'lowerTimesUpper', args: dim.chain((d) => fc.tuple(lowerFactor(d), mostly(fc.constant(d)), outArg(d * d))), call: (l, d, out) => lowerTimesUpper(l as Float64Array, d as number, out as Float64Array) },
  // metrics
  { name: 'squaredL2', args: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(mostly(float64(entry, n, n)), mostly(float64(entry, n, n)))), call: (a, b) => squaredL2(a as Float64Array, b as Float64Array), options: { check: (v) => expect(v as number).toBeGreaterThanOrEqual(0) } },
  {
    name: 'frobeniusSquared',
    args: dim.chain((d) => fc.tuple(mostly(float64(entry, d * d, d * d)), mostly(float64(entry, d * d, d * d)), fc.oneof(fc.constant(undefined), mostly(fc.constant(d))))),
    call: (a, b, d) => frobeniusSquared(a as Float64Array, b as Float64Array, d as number),
  },
  {
    name: 'cramerVonMises',
    args: fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(
      mostly(float64(entry, n, n)),
      fc.oneof({ weight: 3, arbitrary: fc.constant(Float64Array.from({ length: n }, () => 1 / n)) }, { weight: 1, arbitrary: anyVector }),
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...cdfs) }, { weight: 1, arbitrary: wrongType }),
    )),
    call: (atoms, weights, cdf) => cramerVonMises(atoms as Float64Array, weights as Float64Array, cdf as (x: number) => number),
    options: { check: (v) => expect((v as number) >= 0 && (v as number) <= 1 / 3 + 1e-15).toBe(true) },
  },
  { name: 'categoricalSquaredError', args: fc.tuple(probabilities, probabilities), call: (a, b) => categoricalSquaredError(a as Float64Array, b as Float64Array) },
  { name: 'totalVariation', args: fc.tuple(probabilities, probabilities), call: (a, b) => totalVariation(a as Float64Array, b as Float64Array), options: { check: (v) => expect((v as number) >= 0 && (v as number) <= 1 + 1e-12).toBe(true) } },
  { name: 'probabilityVector', args: fc.tuple(mostly(fc.string({ maxLength: 5 })), probabilities, fc.oneof(fc.constant(undefined), anything)), call: (name, v, length) => probabilityVector(name as string, v, length as number) },
];

describe('fuzz src/linalg and src/metrics: finite results of the right shape, or InvalidArgumentError / NumericalError', () => {
  for (const target of targets) {
    it(target.name, () => {
      fuzz(target, RUNS, seedOf(target.name));
    });
  }

  it('an output buffer aliasing an input is refused (matVec, matMul, transpose, lowerTimesUpper)', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    expect(() => matVec(a, 2, 2, a.subarray(0, 2), a.subarray(2, 4))).toThrow(/out/);
    expect(() => matMul(a, a, 2, 2, 2, a)).toThrow(/out/);
    expect(() => transpose(a, 2, 2, a)).toThrow(/out/);
    expect(() => lowerTimesUpper(a, 2, a)).toThrow(/out/);
  });
});

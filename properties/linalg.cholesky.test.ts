/**
 * Cholesky factorisation, solves, inverse and log-determinant on random SPD matrices A = BBᵀ + εI
 * (fast-check with fixed seeds), plus the typed failures on non-SPD and non-symmetric input.
 * Tolerances are backward-error bounds in units of ε·d·‖A‖ (Higham, Accuracy and Stability of Numerical
 * Algorithms, Thm 10.3) or forward bounds scaled by the condition number ‖A‖_F‖A⁻¹‖_F.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cholesky, choleskySolve, isSymmetricPositiveDefinite, logDetFromCholesky, lowerTimesUpper, spdInverse,
} from '../src/linalg/index.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';

const EPS = Number.EPSILON;

/** Naive reference product (not the library's matMul), row-major. */
function product(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += a[i * k + l] * b[l * m + j];
    c[i * m + j] = s;
  }
  return c;
}
const norm = (a: Float64Array): number => Math.sqrt(a.reduce((s, v) => s + v * v, 0));
const difference = (a: Float64Array, b: Float64Array): Float64Array => a.map((v, i) => v - b[i]);

/** A = BBᵀ + εI with B ∈ [−1, 1]^{d×d}, ε ∈ [0.01, 1]: SPD with λ_min ≥ ε, so κ₂(A) ≤ (d + 1)/ε. */
const spdMatrix = fc.integer({ min: 1, max: 8 }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    b: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d * d, maxLength: d * d }),
    epsilon: fc.double({ min: 0.01, max: 1, noNaN: true }),
    rhs: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d }),
  }).map(({ d, b, epsilon, rhs }) => {
    const bb = Float64Array.from(b);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = i === j ? epsilon : 0;
      for (let k = 0; k < d; k++) s += bb[i * d + k] * bb[j * d + k];
      a[i * d + j] = s;
    }
    return { d, a, rhs: Float64Array.from(rhs) };
  }),
);

/** det by Laplace expansion (independent of any factorisation), d ≤ 8. */
function determinant(a: Float64Array, d: number): number {
  if (d === 1) return a[0];
  let det = 0;
  for (let j = 0; j < d; j++) {
    const minor = new Float64Array((d - 1) * (d - 1));
    for (let r = 1; r < d; r++) for (let c = 0, cc = 0; c < d; c++) if (c !== j) minor[(r - 1) * (d - 1) + cc++] = a[r * d + c];
    det += (j % 2 === 0 ? 1 : -1) * a[j] * determinant(minor, d - 1);
  }
  return det;
}

describe('cholesky on random SPD matrices', () => {
  it('L is lower triangular with positive diagonal and LLᵀ reproduces A to 1e-12 relative (seed 7)', () => {
    fc.assert(
      fc.property(spdMatrix, ({ d, a }) => {
        const lower = cholesky(a, d);
        for (let i = 0; i < d; i++) {
          expect(lower[i * d + i]).toBeGreaterThan(0);
          for (let j = i + 1; j < d; j++) expect(lower[i * d + j]).toBe(0);
        }
        const lowerTransposed = new Float64Array(d * d);
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) lowerTransposed[j * d + i] = lower[i * d + j];
        const reconstructed = product(lower, lowerTransposed, d, d, d);
        expect(norm(difference(reconstructed, a))).toBeLessThanOrEqual(1e-12 * norm(a));
        expect(norm(difference(lowerTimesUpper(lower, d), a))).toBeLessThanOrEqual(1e-12 * norm(a));
        expect(isSymmetricPositiveDefinite(a, d)).toBe(true);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('choleskySolve: residual ‖Ax − b‖ ≤ 10·d·ε·(‖A‖‖x‖ + ‖b‖) (seed 8)', () => {
    fc.assert(
      fc.property(spdMatrix, ({ d, a, rhs }) => {
        const lower = cholesky(a, d);
        const x = choleskySolve(lower, d, rhs);
        const residual = difference(product(a, x, d, d, 1), rhs);
        expect(norm(residual)).toBeLessThanOrEqual(10 * d * EPS * (norm(a) * norm(x) + norm(rhs)));
        const inPlace = Float64Array.from(rhs);
        choleskySolve(lower, d, inPlace, inPlace);
        expect(inPlace).toEqual(x);
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it('spdInverse: A·A⁻¹ = I to 10·d·ε·κ_F, and A⁻¹ is exactly symmetric (seed 9)', () => {
    fc.assert(
      fc.property(spdMatrix, ({ d, a }) => {
        const inverse = spdInverse(a, d);
        for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) expect(inverse[i * d + j]).toBe(inverse[j * d + i]);
        const identity = new Float64Array(d * d);
        for (let i = 0; i < d; i++) identity[i * d + i] = 1;
        const conditionNumber = norm(a) * norm(inverse);
        expect(norm(difference(product(a, inverse, d, d, d), identity))).toBeLessThanOrEqual(10 * d * EPS * conditionNumber);
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it('logDetFromCholesky = ln det A, det by Laplace expansion, to 1e-12 (seed 10)', () => {
    fc.assert(
      fc.property(spdMatrix, ({ d, a }) => {
        const logDet = logDetFromCholesky(cholesky(a, d), d);
        const det = determinant(a, d);
        // Laplace expansion cancels; its own error is ≲ d!·ε·Π‖rows‖, bounded here relative to det via κ
        const inverse = spdInverse(a, d);
        const tolerance = 1e-12 + 100 * d * EPS * norm(a) * norm(inverse);
        expect(Math.abs(logDet - Math.log(det))).toBeLessThanOrEqual(tolerance);
      }),
      { seed: 10, numRuns: 200 },
    );
  });

  it('closed-form 2×2 case: A = [[4, 2], [2, 5]] → L = [[2, 0], [1, 2]], A⁻¹ = [[5, −2], [−2, 4]]/16, ln det = ln 16', () => {
    expect(Array.from(cholesky([4, 2, 2, 5], 2))).toEqual([2, 0, 1, 2]);
    expect(Array.from(spdInverse([4, 2, 2, 5], 2))).toEqual([5 / 16, -2 / 16, -2 / 16, 4 / 16]);
    expect(logDetFromCholesky([2, 0, 1, 2], 2)).toBeCloseTo(Math.log(16), 15);
    expect(Array.from(choleskySolve([2, 0, 1, 2], 2, [6, 7]))).toEqual([1, 1]);
    const inPlace = Float64Array.of(4, 2, 2, 5);
    expect(cholesky(inPlace, 2, inPlace)).toBe(inPlace);
    expect(Array.from(inPlace)).toEqual([2, 0, 1, 2]);
  });
});

describe('cholesky failures are typed and never regularised', () => {
  /** Q diag(λ) Qᵀ with the Householder reflector Q = I − 2vvᵀ/vᵀv: eigenvalues known exactly. */
  function withEigenvalues(v: Float64Array, lambdas: Float64Array): Float64Array {
    const d = v.length;
    const vv = v.reduce((s, x) => s + x * x, 0);
    const q = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) q[i * d + j] = (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += q[i * d + k] * lambdas[k] * q[j * d + k];
      a[i * d + j] = s;
      a[j * d + i] = s;
    }
    return a;
  }

  it('an indefinite matrix (one eigenvalue −½, others in [1, 3]) throws NumericalError("singular") with its pivot index (seed 11)', () => {
    const arbitrary = fc.integer({ min: 1, max: 7 }).chain((d) =>
      fc.record({
        v: fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
        lambdas: fc.array(fc.double({ min: 1, max: 3, noNaN: true }), { minLength: d, maxLength: d }),
        negativeAt: fc.integer({ min: 0, max: d - 1 }),
      }),
    );
    fc.assert(
      fc.property(arbitrary, ({ v, lambdas, negativeAt }) => {
        const d = v.length;
        const eigenvalues = Float64Array.from(lambdas);
        eigenvalues[negativeAt] = -0.5;
        const a = withEigenvalues(Float64Array.from(v), eigenvalues);
        let caught: unknown;
        try {
          cholesky(a, d);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(NumericalError);
        const error = caught as NumericalError;
        expect(error.kind).toBe('singular');
        expect(error.details.reason).toBe('not positive definite');
        expect(Number.isInteger(error.details.pivotIndex)).toBe(true);
        expect(error.details.pivotIndex as number).toBeGreaterThanOrEqual(0);
        expect(error.details.pivotIndex as number).toBeLessThan(d);
        expect(isSymmetricPositiveDefinite(a, d)).toBe(false);
        expect(() => spdInverse(a, d)).toThrow(NumericalError);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('a singular PSD matrix (exact zero pivot) reports that pivot', () => {
    for (const [a, d, pivot] of [
      [[1, 1, 1, 1], 2, 1],
      [[1, 0, 0, 0, 0, 0, 0, 0, 2], 3, 1],
      [[0, 0, 0, 1], 2, 0],
      [[-1, 0, 0, 1], 2, 0],
    ] as const) {
      try {
        cholesky([...a], d);
        expect.unreachable('should have thrown');
      } catch (error) {
        expect(error).toBeInstanceOf(NumericalError);
        expect((error as NumericalError).kind).toBe('singular');
        expect((error as NumericalError).details.pivotIndex).toBe(pivot);
      }
    }
  });

  it('asymmetry above 1e-12 relative throws ("asymmetric", with row and column); below it is accepted', () => {
    const a = Float64Array.of(4, 2, 0.5, 2, 5, 1, 0.5, 1, 6);
    const skewed = Float64Array.from(a);
    skewed[2 * 3 + 1] = 1 + 1e-9;
    try {
      cholesky(skewed, 3);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(NumericalError);
      expect((error as NumericalError).kind).toBe('singular');
      expect((error as NumericalError).details).toMatchObject({ reason: 'asymmetric', row: 2, column: 1 });
    }
    const nearlySymmetric = Float64Array.from(a);
    nearlySymmetric[2 * 3 + 1] = 1 + 4 * EPS; // a few ulps: rounding noise, accepted
    expect(() => cholesky(nearlySymmetric, 3)).not.toThrow();
    expect(isSymmetricPositiveDefinite(skewed, 3)).toBe(false);
  });

  it('bad shapes throw InvalidArgumentError naming the argument', () => {
    expect(() => cholesky([1, 0, 0], 2)).toThrow(/^a\.length must be 4/);
    expect(() => cholesky([1], 0)).toThrow(/^d must be/);
    expect(() => cholesky([1, 0, 0, 1], 2.5)).toThrow(/^d must be/);
    expect(() => cholesky([1, Number.NaN, Number.NaN, 1], 2)).toThrow(/^a\[1\] must be a finite number/);
    expect(() => cholesky([1, 0, 0, 1], 2, new Float64Array(3))).toThrow(/^out\.length must be 4/);
    expect(() => choleskySolve([1, 0, 0, 1], 2, [1])).toThrow(/^b\.length must be 2/);
    expect(() => choleskySolve([1, 0, 0, 0], 2, [1, 1])).toThrow(/^lower\[3\] must be a positive diagonal entry/);
    expect(() => logDetFromCholesky([1, 0, 0, -1], 2)).toThrow(InvalidArgumentError);
    expect(() => spdInverse('abc' as unknown as number[], 1)).toThrow(/^a must be/);
    expect(() => lowerTimesUpper([1, 0, 1], 2)).toThrow(/^lower\.length/);
    const lower = Float64Array.of(1, 0, 0, 1);
    expect(() => choleskySolve(lower, 2, [1, 1], lower.subarray(0, 2))).toThrow(/^out must be a buffer that does not overlap/);
  });
});

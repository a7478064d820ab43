/**
 * Direct tests that kill surviving mutants of src/models/gaussianSummaries.ts (docs/mutation.md): the Gaussian
 * sufficient-statistic fast path — checkData (fromData's validation), isValidScatterOfTwo / checkScatter (the
 * scatter checks of pool and fit), assertFiniteStats (the overflow errors), the plain-sum / overflow-fallback
 * branches of fromData and pool, the sampler (x̄ = μ + L z/√N, Bartlett vs the singular Wishart, the stream
 * left after a known-covariance draw) and the fit (minimum source size, weight-0 sources, the mirrored covariance).
 *
 * Expected values come from independent references: hand-computed means, scatters and 2×2 / 3×3 Cholesky
 * factors written out below; exact double arithmetic worked by hand (e.g. (1e300 − 1e300 + 1e-300)/3, a
 * product 1e-100·(2^-997) that underflows to 0, (1·0.3 + 2·0.6)/3 = 1.5/3 = 0.5 exactly); the module comment's
 * contract (x̄ = μ + L z/√N from the stream's first d normals, then the scatter by `wishartVariate` when
 * N − 1 ≥ d and as Σ_k (L z_k)(L z_k)ᵀ when N − 1 < d), with the normals drawn by `fillStandardNormal` on an
 * identical stream; and the documented error contract (InvalidArgumentError messages
 * `${parameter} must be ${allowed}; received ${value}`, NumericalError kinds, messages and details).
 * All tolerances are floating-point ones on deterministic values; the streams are seeded (rootKey).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gaussianSummaries } from '../src/models/gaussianSummaries.js';
import { CholeskyCache } from '../src/models/choleskyCache.js';
import type { GaussianTheta } from '../src/models/gaussian.js';
import type { Dataset, Summary } from '../src/models/types.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { rootKey, type Stream } from '../src/rng/stream.js';
import { fillStandardNormal } from '../src/rng/normal.js';
import { wishartVariate } from '../src/rng/wishart.js';

const key = rootKey('mutation.gaussianSummaries');

// Factories, called inside each test: the capability's construction (minimum source size, scratch sizes) then
// runs under the test, as does everything it captures.
const S1 = () => gaussianSummaries({ dim: 1 }); // unbiased-per-source, stats [x̄, scatter]
const S2 = () => gaussianSummaries({ dim: 2 }); // unbiased-per-source, stats [x̄ (2), scatter (4)]
const S3 = () => gaussianSummaries({ dim: 3 });
const P1 = () => gaussianSummaries({ dim: 1, covariance: 'pooled-mle' });
const P2 = () => gaussianSummaries({ dim: 2, covariance: 'pooled-mle' });
const K1 = () => gaussianSummaries({ dim: 1, known: { cov: Float64Array.of(1) } }); // stats [x̄]
const K2 = () => gaussianSummaries({ dim: 2, known: { cov: Float64Array.of(4, 2, 2, 5) } });

const data = (x: readonly number[], dim: number): Dataset => ({ size: x.length / dim, dim, x: Float64Array.from(x), y: null });
const summary = (size: number, stats: readonly number[]): Summary => ({ size, stats: Float64Array.from(stats) });

/** The error a call throws (fails the test when it does not throw). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}

/** Asserts an InvalidArgumentError naming `parameter` with exactly `message`. */
function expectInvalid(f: () => unknown, parameter: string, message: string): void {
  const error = thrown(f);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).parameter).toBe(parameter);
  expect(error.message).toBe(message);
}

/** Asserts a NumericalError('overflow') with exactly `message` (after the "overflow: " prefix) and details. */
function expectOverflow(f: () => unknown, message: string, details: Record<string, unknown>): void {
  const error = thrown(f);
  expect(error).toBeInstanceOf(NumericalError);
  expect((error as NumericalError).kind).toBe('overflow');
  expect(error.message).toBe(`overflow: ${message}`);
  expect((error as NumericalError).details).toEqual(details);
}

/** |a_i − b_i| ≤ tol·max(1, |b_i|) entrywise. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= tol * Math.max(1, Math.abs(expected[i])))) throw new Error(`entry ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** The stream of `label` and the d·count standard normals an identical stream draws first. */
function streamAndNormals(label: string, count: number): { stream: Stream; reference: Stream; z: Float64Array } {
  const reference = key.child(label).stream();
  const z = fillStandardNormal(reference, new Float64Array(count));
  return { stream: key.child(label).stream(), reference, z };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fromData validation (checkData)', () => {
  it('data must be an object', () => {
    expectInvalid(() => S2().fromData(5 as unknown as Dataset), 'data', 'data must be a Dataset { size, dim, x, y }; received 5');
    expectInvalid(() => S2().fromData(null as unknown as Dataset), 'data', 'data must be a Dataset { size, dim, x, y }; received null');
  });

  it("data.dim must be the model's dimension", () => {
    expectInvalid(() => S2().fromData({ size: 1, dim: 3, x: Float64Array.of(1, 2, 3), y: null }), 'data.dim', "data.dim must be 2 (the model's dimension); received 3");
  });

  it('data.size must be a safe integer ≥ 0 (both sides of 0; a fraction)', () => {
    const bad = (size: number) => ({ size, dim: 2, x: new Float64Array(0), y: null });
    expectInvalid(() => S2().fromData(bad(-1)), 'data.size', 'data.size must be an integer ≥ 0; received -1');
    expectInvalid(() => S2().fromData(bad(1.5)), 'data.size', 'data.size must be an integer ≥ 0; received 1.5');
    expectInvalid(() => S2().fromData(bad(2 ** 53)), 'data.size', 'data.size must be an integer ≥ 0; received 9007199254740992');
    const empty = S2().fromData(bad(0));
    expect(empty.size).toBe(0);
    expect(Array.from(empty.stats)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('data.x must be a Float64Array of length size·dim with finite entries', () => {
    expectInvalid(
      () => S2().fromData({ size: 2, dim: 2, x: [1, 2, 3, 4] as unknown as Float64Array, y: null }),
      'data.x',
      'data.x must be a Float64Array; received an array of length 4',
    );
    expectInvalid(() => S2().fromData({ size: 3, dim: 2, x: new Float64Array(5), y: null }), 'data.x.length', 'data.x.length must be 6 (size·dim); received 5');
    expectInvalid(() => S2().fromData(data([1, 2, 3, NaN], 2)), 'data.x[3]', 'data.x[3] must be a finite number; received NaN');
  });
});

describe('fromData: the plain sums and their overflow fallbacks', () => {
  it('hand-computed summary of three rows in d = 2', () => {
    // rows (1,2), (3,6), (5,4): x̄ = (3, 4); deviations (−2,−2), (0,2), (2,0):
    // s00 = 4 + 0 + 4 = 8, s01 = 4 + 0 + 0 = 4, s11 = 4 + 4 + 0 = 8.
    const s = S2().fromData(data([1, 2, 3, 6, 5, 4], 2));
    expect(s.size).toBe(3);
    expect(Array.from(s.stats)).toEqual([3, 4, 8, 4, 4, 8]);
  });

  it('a finite column sum is used as is, not the scaled fallback (exact cancellation 1e300 − 1e300 + 1e-300)', () => {
    // Column 1 = (1e300, −1e300, 1e-300): the plain sum is exactly 1e-300, the mean 1e-300/3. The scaled
    // fallback (s = 2^-997) would lose 1e-300·s < 2^-1074 to underflow and give 0.
    const s = K2().fromData(data([0, 1e300, 0, -1e300, 0, 1e-300], 2));
    expect(s.size).toBe(3);
    expect(s.stats.length).toBe(2);
    expect(s.stats[0]).toBe(0);
    expect(s.stats[1]).toBe(1e-300 / 3);
  });

  it('a finite scatter is used as is, not the scaled fallback (1e-100 deviations next to 1e300 entries)', () => {
    // rows (1e300, 1e-100), (1e300, −1e-100): x̄ = (1e300, 0), deviations (0, ±1e-100), so s00 = s01 = 0 and
    // s11 = 2·(1e-100)² = 2e-200. The scaled fallback (s = 2^-997) would underflow 1e-100·s to 0, giving s11 = 0.
    const s = S2().fromData(data([1e300, 1e-100, 1e300, -1e-100], 2));
    expect(s.stats[0]).toBe(1e300);
    expect(s.stats[1]).toBe(0);
    expect(s.stats[2]).toBe(0);
    expect(s.stats[3]).toBe(0);
    expect(s.stats[4]).toBe(0);
    expect(s.stats[5]).toBe(2 * (1e-100 * 1e-100));
  });

  it('a scatter beyond the double range is NumericalError(overflow) naming data.x', () => {
    // x = (1e308, −1e308): x̄ = 0, scatter 2e616 > MAX_VALUE even after scaling.
    expectOverflow(
      () => S1().fromData(data([1e308, -1e308], 1)),
      'the scatter matrix of data.x is beyond the double range at entry 1 (Infinity); the values of data.x are too large',
      { parameter: 'data.x', index: 1, value: Infinity },
    );
  });
});

describe('pool', () => {
  it('rejects an empty list of parts', () => {
    expectInvalid(() => S2().pool([]), 'parts', 'parts must be a non-empty array of summaries; received an array of length 0');
  });

  it('known covariance: the size-weighted mean, as { size, stats }', () => {
    // sizes 1 and 3, means (1, 2) and (5, 6): x̄ = ((1 + 15)/4, (2 + 18)/4) = (4, 5).
    const pooled = K2().pool([summary(1, [1, 2]), summary(3, [5, 6])]);
    expect(pooled.size).toBe(4);
    expect(Array.from(pooled.stats)).toEqual([4, 5]);
  });

  it('the mean is Σ N_p x̄_p / N when that sum is finite (not the fallback Σ (N_p/N) x̄_p)', () => {
    // (1·0.3 + 2·0.6)/3 = 1.5/3 = 0.5 exactly in doubles; (1/3)·0.3 + (2/3)·0.6 rounds to 0.49999999999999994.
    const pooled = S1().pool([summary(1, [0.3, 0]), summary(2, [0.6, 1])]);
    expect(pooled.size).toBe(3);
    expect(pooled.stats[0]).toBe(0.5);
  });

  it('an overflowing Σ N_p x̄_p falls back to Σ (N_p/N) x̄_p; the scatter is the within + between decomposition', () => {
    // sizes 2, 2; x̄ = (1e308, 1) and (1e308, 3): 2e308 + 2e308 overflows; (1/2)·1e308 + (1/2)·1e308 = 1e308,
    // (1/2)·1 + (1/2)·3 = 2. Deviations from (1e308, 2): (0, −1) and (0, 1):
    // s00 = 3 + 5 = 8, s01 = 1 + 0 = 1, s11 = 2 + 4 + 2·1 + 2·1 = 10.
    const pooled = S2().pool([summary(2, [1e308, 1, 3, 1, 1, 2]), summary(2, [1e308, 3, 5, 0, 0, 4])]);
    expect(pooled.size).toBe(4);
    expect(Array.from(pooled.stats)).toEqual([1e308, 2, 8, 1, 1, 10]);
  });

  it('the overflow fallback in the known-covariance layout', () => {
    // sizes 1, 3 (N = 4); x̄ = −1e308 and −1e308: 4·(−1e308) overflows; (1/4 + 3/4)·(−1e308) = −1e308.
    const pooled = K1().pool([summary(1, [-1e308]), summary(3, [-1e308])]);
    expect(Array.from(pooled.stats)).toEqual([-1e308]);
  });

  it('a pooled mean within ulps of MAX_VALUE is returned exactly (regression: the fallback rounded it past MAX into an overflow error)', () => {
    // Three parts of sizes 1, 2, 2, all with x̄ = MAX_VALUE: Σ N_p x̄_p = 5·MAX overflows, and the fallback
    // (0.2·MAX) + (0.4·MAX) + (0.4·MAX) rounds up past MAX (0.2 and 0.4 are stored slightly above 1/5, 2/5); the
    // pooled mean, a convex combination of equal means, is MAX itself. With unequal means (MAX and MAX − 2^971,
    // sizes 2 and 2) it is their midpoint, which is exact in doubles: MAX − 2^970.
    const M = Number.MAX_VALUE;
    expect(0.2 * M + 0.4 * M + 0.4 * M).toBe(Infinity); // the premise, in plain doubles
    expect(Array.from(K1().pool([summary(1, [M]), summary(2, [M]), summary(2, [M])]).stats)).toEqual([M]);
    expect(Array.from(K1().pool([summary(2, [M]), summary(2, [M - 2 ** 971])]).stats)).toEqual([M - 2 ** 970]);
    // the clamp keeps a lower bound too: all means −MAX
    expect(Array.from(K1().pool([summary(1, [-M]), summary(2, [-M]), summary(2, [-M])]).stats)).toEqual([-M]);
  });

  it('a pooled scatter beyond the double range is NumericalError(overflow) naming parts', () => {
    // sizes 1, 1; x̄ = ±1e308: x̄ = 0, between scatter 2·(1e308)² > MAX_VALUE.
    expectOverflow(
      () => S1().pool([summary(1, [1e308, 0]), summary(1, [-1e308, 0])]),
      'the pooled scatter matrix is beyond the double range at entry 1 (Infinity); the values of parts are too large',
      { parameter: 'parts', index: 1, value: Infinity },
    );
  });

  it('parts of size 0 contribute nothing (not even their scatter); all of size 0 give the zero summary', () => {
    // (2, x̄ 1, scatter 2) ∪ (0, x̄ 5, scatter 3) = (2, 1, 2).
    const pooled = S1().pool([summary(2, [1, 2]), summary(0, [5, 3])]);
    expect(pooled.size).toBe(2);
    expect(Array.from(pooled.stats)).toEqual([1, 2]);
    const empty = S1().pool([summary(0, [1, 2]), summary(0, [3, 4])]);
    expect(empty).toEqual({ size: 0, stats: new Float64Array(2) });
  });

  it('the total size must be a safe integer', () => {
    expectInvalid(
      () => K1().pool([summary(2 ** 52, [1]), summary(2 ** 52, [1])]),
      'parts (total size)',
      'parts (total size) must be a safe integer; received 9007199254740992',
    );
    // just below: 2^52 + (2^52 − 1) = 2^53 − 1 is safe
    expect(K1().pool([summary(2 ** 52, [1]), summary(2 ** 52 - 1, [1])]).size).toBe(2 ** 53 - 1);
  });

  it('checkScatter: a negative diagonal entry, named by part and index (d = 2, second diagonal)', () => {
    expectInvalid(
      () => S2().pool([summary(2, [0, 0, 1, 0, 0, 1]), summary(2, [0, 0, 1, 0, 0, -1])]),
      'parts[1].stats[5]',
      'parts[1].stats[5] must be a scatter diagonal entry ≥ 0; received -1',
    );
    expectInvalid(() => S2().pool([summary(2, [0, 0, -2, 0, 0, 1])]), 'parts[0].stats[2]', 'parts[0].stats[2] must be a scatter diagonal entry ≥ 0; received -2');
  });

  it('checkScatter: an asymmetric pair, named by its upper index and the lower one (d = 3, entry (1, 2))', () => {
    // scatter rows (1, 0, 0), (0, 1, 0.5), (0, 0.25, 1): (1,2) is stats[3 + 1·3 + 2] = stats[8], (2,1) is stats[10].
    expectInvalid(
      () => S3().pool([summary(2, [0, 0, 0, 1, 0, 0, 0, 1, 0.5, 0, 0.25, 1])]),
      'parts[0].stats[8]',
      'parts[0].stats[8] must be equal to parts[0].stats[10] = 0.25 (a symmetric scatter); received 0.5',
    );
    // (0,1) vs (1,0) in d = 3: stats[4] vs stats[6]
    expectInvalid(
      () => S3().pool([summary(2, [0, 0, 0, 1, 0.5, 0, 0, 1, 0, 0, 0, 1])]),
      'parts[0].stats[4]',
      'parts[0].stats[4] must be equal to parts[0].stats[6] = 0 (a symmetric scatter); received 0.5',
    );
  });

  it('checkScatter: the symmetry tolerance is 1e-10 × the largest diagonal entry (both sides)', () => {
    // largest diagonal 1 (first), smallest 1e-6 (last): 1e-12 asymmetry ≤ 1e-10 passes; 2e-10 fails.
    const ok = S2().pool([summary(3, [0, 0, 1, 0, 1e-12, 1e-6])]);
    expect(Array.from(ok.stats)).toEqual([0, 0, 1, 0, 0, 1e-6]); // mirrored from the upper triangle
    expectInvalid(
      () => S2().pool([summary(3, [0, 0, 1, 0, 2e-10, 1e-6])]),
      'parts[0].stats[3]',
      'parts[0].stats[3] must be equal to parts[0].stats[4] = 2e-10 (a symmetric scatter); received 0',
    );
    // largest diagonal 1e6: the tolerance is 1e-4 (not 1e-10/1e6); 1e-6 asymmetry passes, 2e-4 fails.
    const big = S2().pool([summary(3, [0, 0, 1e6, 0, 1e-6, 1])]);
    expect(Array.from(big.stats)).toEqual([0, 0, 1e6, 0, 0, 1]);
    expect(() => S2().pool([summary(3, [0, 0, 1e6, 0, 2e-4, 1])])).toThrow(InvalidArgumentError);
  });
});

describe('fit', () => {
  it("'unbiased-per-source' needs N ≥ 2 for a source of positive weight; 'pooled-mle' accepts N = 1", () => {
    expectInvalid(
      () => S1().fit([{ summary: summary(1, [1, 0]), weight: 1 }]),
      'sources[0].summary.size',
      'sources[0].summary.size must be at least 2 for a source of positive weight (1); received 1',
    );
    const theta = P1().fit([{ summary: summary(1, [1, 0]), weight: 1 }]);
    expect(Array.from(theta.mean)).toEqual([1]);
    expect(Array.from(theta.cov)).toEqual([0]);
  });

  it('a source of weight 0 is skipped in the covariance (even of size 1 or 0)', () => {
    // unbiased: (N = 3, x̄ 1, scatter 2) with weight 1 → μ̂ = 1, Σ̂ = 2/(3 − 1) = 1.
    const u = S1().fit([
      { summary: summary(3, [1, 2]), weight: 1 },
      { summary: summary(1, [7, 0]), weight: 0 },
    ]);
    expect(Array.from(u.mean)).toEqual([1]);
    expect(Array.from(u.cov)).toEqual([1]);
    // pooled-mle: (N = 2, x̄ 1, scatter 2) → Σ̂ = 2/2 + 0 = 1.
    const p = P1().fit([
      { summary: summary(0, [0, 0]), weight: 0 },
      { summary: summary(2, [1, 2]), weight: 1 },
    ]);
    expect(Array.from(p.mean)).toEqual([1]);
    expect(Array.from(p.cov)).toEqual([1]);
  });

  it('pooled-mle in d = 2 by hand, with the covariance mirrored', () => {
    // sources (N = 2, x̄ (0, 0), scatter [[2, 1], [1, 2]]) and (N = 2, x̄ (2, 4), scatter 0), weights 1, 1:
    // μ̂ = (1, 2); Σ̂ = ½[S₁/2 + (−1,−2)(−1,−2)ᵀ] + ½[0 + (1,2)(1,2)ᵀ] = ½[[2,2.5],[2.5,5]] + ½[[1,2],[2,4]]
    //   = [[1.5, 2.25], [2.25, 4.5]].
    const theta = P2().fit([
      { summary: summary(2, [0, 0, 2, 1, 1, 2]), weight: 1 },
      { summary: summary(2, [2, 4, 0, 0, 0, 0]), weight: 1 },
    ]);
    expect(Array.from(theta.mean)).toEqual([1, 2]);
    expect(Array.from(theta.cov)).toEqual([1.5, 2.25, 2.25, 4.5]);
  });

  it('d = 2 scatter checks (the isValidScatterOfTwo fast path rejects what checkScatter rejects)', () => {
    const fit2 = (stats: number[]) => () => S2().fit([{ summary: summary(3, stats), weight: 1 }]);
    expectInvalid(fit2([0, 0, 1, 0, 0, -1]), 'sources[0].summary.stats[5]', 'sources[0].summary.stats[5] must be a scatter diagonal entry ≥ 0; received -1');
    expectInvalid(fit2([0, 0, -1, 0, 0, 1]), 'sources[0].summary.stats[2]', 'sources[0].summary.stats[2] must be a scatter diagonal entry ≥ 0; received -1');
    // antisymmetric off-diagonals: |1 − (−1)| = 2 > 1e-10·4
    expectInvalid(fit2([0, 0, 4, 1, -1, 4]), 'sources[0].summary.stats[3]', 'sources[0].summary.stats[3] must be equal to sources[0].summary.stats[4] = -1 (a symmetric scatter); received 1');
    // small diagonals 1e-6: tolerance 1e-16, so an asymmetry of 1e-8 is rejected
    expectInvalid(fit2([0, 0, 1e-6, 0, 1e-8, 1e-6]), 'sources[0].summary.stats[3]', 'sources[0].summary.stats[3] must be equal to sources[0].summary.stats[4] = 1e-8 (a symmetric scatter); received 0');
    // and the accepted side: 1e-17 ≤ 1e-16 passes, Σ̂ = scatter/2 mirrored from the upper triangle
    const theta = fit2([0, 0, 1e-6, 0, 1e-17, 1e-6])();
    expect(Array.from(theta.cov)).toEqual([5e-7, 0, 0, 5e-7]);
  });

  it('d = 3 scatter checks run whatever stats[2..5] hold (no d = 2 fast path)', () => {
    // x̄ = (0, 0, 1), scatter rows (1, 1, 0), (1, 2, 0), (0, 0, −1): stats[2] = 1, stats[5] = 0, stats[3] = stats[4] = 1
    // would pass the 2×2 test, but the diagonal entry (2, 2) = stats[3 + 2·3 + 2] = stats[11] is negative.
    expectInvalid(
      () => S3().fit([{ summary: summary(3, [0, 0, 1, 1, 1, 0, 1, 2, 0, 0, 0, -1]), weight: 1 }]),
      'sources[0].summary.stats[11]',
      'sources[0].summary.stats[11] must be a scatter diagonal entry ≥ 0; received -1',
    );
  });

  it('a weighted mean within ulps of MAX_VALUE is returned exactly (regression: 0.2·MAX + 0.4·MAX + 0.4·MAX overflowed)', () => {
    // weights 1, 2, 2 → ω = 0.2, 0.4, 0.4 (stored above 1/5, 2/5); x̄ = MAX_VALUE each: the convex combination is MAX.
    const M = Number.MAX_VALUE;
    expect(K1().fit([1, 2, 2].map((weight) => ({ summary: summary(3, [M]), weight }))).mean[0]).toBe(M);
    // two coordinates, one near −MAX and one ordinary: the ordinary one is the plain weighted mean (1·1 + 2·4 + 2·7)/5
    const two = K2().fit([1, 2, 2].map((weight, i) => ({ summary: summary(3, [-M, [1, 4, 7][i]]), weight })));
    expect(two.mean[0]).toBe(-M);
    // a 3-term sum of rounded weights times exact values (scaled by 2^−3, exact): error ≤ (3 + 1)·u·Σ|c_p v_p| = 2ε·23/5
    expect(Math.abs(two.mean[1] - 23 / 5)).toBeLessThanOrEqual(2 * Number.EPSILON * 23 / 5);
  });

  it('a covariance beyond the double range is NumericalError(overflow), at entry 0 or at a later entry', () => {
    // pooled-mle, x̄ = ±1e308 (N = 1, weights 1, 1): μ̂ = 0, Σ̂₀₀ = ½(1e308)² + ½(1e308)² = ∞.
    expectOverflow(
      () => P1().fit([{ summary: summary(1, [1e308, 0]), weight: 1 }, { summary: summary(1, [-1e308, 0]), weight: 1 }]),
      'the weighted covariance estimate of the summaries is beyond the double range at entry 0 (Infinity); the values of sources are too large',
      { parameter: 'sources', index: 0, value: Infinity },
    );
    // d = 2, only the second coordinate is ±1e308: Σ̂ = [[0, 0], [0, ∞]], first non-finite entry 3.
    expectOverflow(
      () => P2().fit([{ summary: summary(1, [0, 1e308, 0, 0, 0, 0]), weight: 1 }, { summary: summary(1, [0, -1e308, 0, 0, 0, 0]), weight: 1 }]),
      'the weighted covariance estimate of the summaries is beyond the double range at entry 3 (Infinity); the values of sources are too large',
      { parameter: 'sources', index: 3, value: Infinity },
    );
  });
});

describe('sample', () => {
  const truth: GaussianTheta = { mean: Float64Array.of(1, -1), cov: Float64Array.of(4, 2, 2, 5) }; // L = [[2, 0], [1, 2]]
  const stream0 = () => key.child('validation').stream();

  it('theta must be an object with Float64Array mean and cov of the model shape', () => {
    expectInvalid(() => S2().sample(null as unknown as GaussianTheta, 3, stream0()), 'theta', 'theta must be an object { mean, cov }; received null');
    expectInvalid(() => S2().sample(5 as unknown as GaussianTheta, 3, stream0()), 'theta', 'theta must be an object { mean, cov }; received 5');
    expectInvalid(
      () => S2().sample({ mean: [1, -1], cov: truth.cov } as unknown as GaussianTheta, 3, stream0()),
      'theta.mean',
      'theta.mean must be a Float64Array of length 2; received an array of length 2',
    );
    expectInvalid(
      () => S2().sample({ mean: truth.mean, cov: [4, 2, 2, 5] } as unknown as GaussianTheta, 3, stream0()),
      'theta.cov',
      'theta.cov must be a Float64Array of length 4; received an array of length 4',
    );
    expectInvalid(() => S2().sample({ mean: truth.mean, cov: Float64Array.of(4, 2, 2) }, 3, stream0()), 'theta.cov.length', 'theta.cov.length must be 4; received 3');
    expectInvalid(() => S2().sample({ mean: truth.mean, cov: Float64Array.of(4, NaN, 2, 5) }, 3, stream0()), 'theta.cov[1]', 'theta.cov[1] must be a finite number; received NaN');
  });

  it('a singular covariance is NumericalError(singular) naming theta.cov, with the factorisation error inside', () => {
    const error = thrown(() => S2().sample({ mean: truth.mean, cov: Float64Array.of(1, 1, 1, 1) }, 3, stream0()));
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).kind).toBe('singular');
    expect(error.message.startsWith(
      'singular: the covariance of the Gaussian model being sampled (theta.cov, 2×2) is singular or not positive definite ' +
        '(e.g. a collapsed covariance), so the summary of N(theta.mean, theta.cov) draws cannot be sampled [singular: matrix is not positive definite',
    )).toBe(true);
    expect(error.message.endsWith(']')).toBe(true);
    expect((error as NumericalError).details).toMatchObject({ parameter: 'theta.cov', reason: 'not positive definite', pivotIndex: 1 });
  });

  it('errors of the factorisation other than singular ones propagate unchanged', () => {
    const other = new NumericalError('overflow', 'a stand-in failure of the factorisation');
    vi.spyOn(CholeskyCache.prototype, 'lower').mockImplementation(() => {
      throw other;
    });
    expect(thrown(() => S2().sample({ mean: truth.mean, cov: Float64Array.of(9, 0, 0, 9) }, 3, stream0()))).toBe(other);
    const plain = new RangeError('not a NumericalError');
    vi.spyOn(CholeskyCache.prototype, 'lower').mockImplementation(() => {
      throw plain;
    });
    expect(thrown(() => S2().sample({ mean: truth.mean, cov: Float64Array.of(9, 0, 0, 9) }, 3, stream0()))).toBe(plain);
  });

  it('known covariance: x̄ = μ + L z/√N from the first d normals, and nothing more is drawn', () => {
    // N = 4: x̄ = (1 + 2 z₀/2, −1 + (z₀ + 2 z₁)/2).
    const { stream, reference, z } = streamAndNormals('known', 2);
    const s = K2().sample(truth, 4, stream);
    expect(s.size).toBe(4);
    expectClose(s.stats, [1 + (2 * z[0]) / 2, -1 + (z[0] + 2 * z[1]) / 2], 1e-15);
    expect(stream.nextU32()).toBe(reference.nextU32()); // the stream is left right after the d normals
  });

  it('N = 1 with the scatter: x̄ from d normals, a zero scatter, nothing more drawn', () => {
    const { stream, reference, z } = streamAndNormals('one', 2);
    const s = S2().sample(truth, 1, stream);
    expectClose(s.stats, [1 + 2 * z[0], -1 + z[0] + 2 * z[1], 0, 0, 0, 0], 1e-15);
    expect(stream.nextU32()).toBe(reference.nextU32());
  });

  it('N − 1 < d: the scatter is Σ_k (L z_k)(L z_k)ᵀ (d = 2, N = 2 and d = 3, N = 3)', () => {
    {
      const { stream, z } = streamAndNormals('singular-2', 4);
      const s = S2().sample(truth, 2, stream);
      const y = [2 * z[2], z[2] + 2 * z[3]]; // L z₁
      expectClose(s.stats, [1 + (2 * z[0]) / Math.SQRT2, -1 + (z[0] + 2 * z[1]) / Math.SQRT2, y[0] * y[0], y[0] * y[1], y[1] * y[0], y[1] * y[1]], 1e-14);
    }
    {
      // Σ = [[4, 2, 0], [2, 5, 3], [0, 3, 10]]: L = [[2, 0, 0], [1, 2, 0], [0, 1.5, √7.75]] (by hand: 3/2 = 1.5, 10 − 2.25 = 7.75).
      const r = Math.sqrt(7.75);
      const theta3: GaussianTheta = { mean: Float64Array.of(0, 0, 0), cov: Float64Array.of(4, 2, 0, 2, 5, 3, 0, 3, 10) };
      const { stream, z } = streamAndNormals('singular-3', 9);
      const s = S3().sample(theta3, 3, stream);
      const L = (w: ArrayLike<number>, o: number) => [2 * w[o], w[o] + 2 * w[o + 1], 1.5 * w[o + 1] + r * w[o + 2]];
      const m = L(z, 0).map((v) => v / Math.sqrt(3));
      const y1 = L(z, 3);
      const y2 = L(z, 6);
      const scatter: number[] = [];
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) scatter.push(y1[a] * y1[b] + y2[a] * y2[b]);
      expectClose(s.stats, [...m, ...scatter], 1e-13);
    }
  });

  it('N − 1 ≥ d: the scatter is wishartVariate(L, N − 1) drawn after the mean (at the boundary N − 1 = d and beyond)', () => {
    const lower = Float64Array.of(2, 0, 1, 2);
    for (const size of [3, 10]) {
      const { stream, reference, z } = streamAndNormals(`wishart-${size}`, 2);
      const s = S2().sample(truth, size, stream);
      const w = wishartVariate(reference, lower, 2, size - 1);
      const scale = 1 / Math.sqrt(size);
      expectClose(s.stats, [1 + scale * 2 * z[0], -1 + scale * (z[0] + 2 * z[1]), w[0], w[1], w[2], w[3]], 1e-14);
    }
  });

  it('a sampled scatter beyond the double range is NumericalError(overflow) naming theta.cov', () => {
    // Σ = MAX_VALUE·I (d = 2, N = 2, the singular path): the scatter is y yᵀ with y = √MAX · z₁; the stream's
    // third normal is −1.169… (checked), so y₀² ≈ 1.37·MAX overflows at stats[2].
    const M = Number.MAX_VALUE;
    const { stream, z } = streamAndNormals('overflow-c', 4);
    expect(Math.abs(z[2])).toBeGreaterThan(1.01);
    expectOverflow(
      () => S2().sample({ mean: Float64Array.of(0, 0), cov: Float64Array.of(M, 0, 0, M) }, 2, stream),
      'the sampled summary (mean and scatter) is beyond the double range at entry 2 (Infinity); the values of theta.cov are too large',
      { parameter: 'theta.cov', index: 2, value: Infinity },
    );
  });
});

describe('gaussianSummaries', () => {
  it('is the capability gaussianModel attaches; a model without one is reported', async () => {
    expect(typeof S2().sample).toBe('function');
    vi.resetModules();
    vi.doMock('../src/models/gaussian.js', () => ({ gaussianModel: () => ({ name: 'gaussian' }) }));
    try {
      const mocked = await import('../src/models/gaussianSummaries.js');
      expect(() => mocked.gaussianSummaries({ dim: 1 })).toThrow('gaussianModel did not attach its summaries (src/models/gaussian.ts)');
    } finally {
      vi.doUnmock('../src/models/gaussian.js');
      vi.resetModules();
    }
  });
});

/**
 * Direct tests that kill surviving mutants of src/models/gaussian.ts (docs/mutation.md): the column means and
 * the centred scatter with their dimension-2 fast paths and their overflow-free fallbacks, the weighted mean of
 * sources, the unbiased sample covariance, the symmetric-PSD test (diagonally pivoted Cholesky), the shape
 * checks of θ and of the metrics' arguments, the options of gaussianModel, fit (weight-0 and underflowed
 * sources, the rescaled recomputation after an overflow, both conventions) and sample (the typed singular error).
 *
 * Expected values come from independent references: hand computations written out below in exact binary
 * arithmetic (powers of two, subnormals: e.g. the mean of {4, −4, 3·2⁻¹⁰⁷⁴} is 2⁻¹⁰⁷⁴ by plain summation, while
 * summing the values pre-scaled by 2⁻² — the overflow fallback — gives 0; the variance of {0, 2⁻⁵⁰⁰} is 2⁻¹⁰⁰¹
 * directly but 0 after scaling by 2⁻¹⁰⁰), closed-form covariances of tiny data sets (e.g. the ddof-1 variance of
 * {a, −a, 0} is a²), per-point reference loops that weight every term before summing (so that they cannot
 * overflow where the code's plain sums do), hand-run steps of the pivoted Cholesky of Higham §10.3 on small
 * matrices, and the documented contracts: the error classes, kinds, parameter names and messages
 * (src/errors.ts, src/validate.ts) and the NumericalError details of src/linalg/cholesky.ts.
 */
import { describe, expect, it } from 'vitest';
import { stableConvexCombination } from '../src/models/stableMoments.js';
import { gaussianModel, sampleCovarianceUnbiased, weightedMeanOfSources, type GaussianTheta } from '../src/models/gaussian.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { refused } from './helpers/refused.js';

const data = (x: readonly number[], dim: number): Dataset => ({ size: x.length / dim, dim, x: Float64Array.from(x), y: null });

const TINY = Number.MIN_VALUE; // 2^-1074, the smallest subnormal
const P100 = 2 ** 100;

/** Runs `call`, expects a NumericalError and returns it. */
function numericalError(call: () => unknown): NumericalError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(NumericalError);
  return caught as NumericalError;
}

function expectRelClose(actual: ArrayLike<number>, expected: readonly number[], rel: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(Math.abs(expected[i]), Number.MIN_VALUE);
    expect(Math.abs(actual[i] - expected[i]) / scale, `entry ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(rel);
  }
}

/**
 * Reference Σ̂ by per-point loops with every term weighted before it is summed (no term or partial sum overflows
 * for the data used here): 'unbiased-per-source' Σ_s Σ_i ω_s/(n_s − 1)·(x_i − x̄_s)(x_i − x̄_s)ᵀ, or 'pooled-mle'
 * Σ_s Σ_i ω_s/n_s·(x_i − μ̂)(x_i − μ̂)ᵀ, with x̄_s, μ̂ given (hand-computed).
 */
function referenceCov(sources: readonly WeightedSource[], dim: number, centers: readonly (readonly number[])[], pooled: boolean): number[] {
  const W = sources.reduce((s, src) => s + src.weight, 0);
  const cov = new Array<number>(dim * dim).fill(0);
  sources.forEach(({ data: d, weight }, s) => {
    if (weight === 0) return;
    const w = weight / W / (pooled ? d.size : d.size - 1);
    const c = centers[s];
    for (let i = 0; i < d.size; i++) {
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) cov[a * dim + b] += w * (d.x[i * dim + a] - c[a]) * (d.x[i * dim + b] - c[b]);
    }
  });
  return cov;
}

describe('column means: plain sums, with the overflow-free recomputation only when a sum overflowed', () => {
  // Column 0 = {4, −4, 3·2⁻¹⁰⁷⁴}: the plain sum is (4 + (−4)) + 3·2⁻¹⁰⁷⁴ = 3·2⁻¹⁰⁷⁴ exactly, and /3 gives 2⁻¹⁰⁷⁴.
  // The fallback (stableColumnMeans) scales by 2⁻² first: 1 + (−1) + fl(0.75·2⁻¹⁰⁷⁴) = 2⁻¹⁰⁷⁴, /3 → 0. So a mean of
  // exactly 2⁻¹⁰⁷⁴ proves that the plain sums were used (and correctly indexed); 0 would mean the fallback ran.
  const col0 = [4, -4, 3 * TINY];
  const rows = (dim: number): number[] => col0.flatMap((v, i) => [v, ...Array.from({ length: dim - 1 }, (_, j) => i + j)]);

  it('weightedMeanOfSources keeps the plain mean 2⁻¹⁰⁷⁴ in dimensions 1, 2 and 3', () => {
    for (const dim of [1, 2, 3]) {
      const mean = weightedMeanOfSources([{ data: data(rows(dim), dim), weight: 1 }], dim);
      expect(mean[0]).toBe(TINY);
      // the other columns hold 0,1,2 (+j): mean 1 + j
      for (let j = 1; j < dim; j++) expect(mean[j]).toBe(1 + (j - 1));
    }
  });

  it('fit keeps the plain mean 2⁻¹⁰⁷⁴ (both conventions, dimensions 1, 2 and 3)', () => {
    for (const dim of [1, 2, 3]) {
      for (const covariance of ['unbiased-per-source', 'pooled-mle'] as const) {
        const fitted = gaussianModel({ dim, covariance }).fit([{ data: data(rows(dim), dim), weight: 1 }]);
        expect(fitted.mean[0]).toBe(TINY);
        for (let j = 1; j < dim; j++) expect(fitted.mean[j]).toBe(j);
      }
    }
  });

  it('a column sum that overflows is recomputed without overflow (mean 1e308 of {1e308, 1e308})', () => {
    expect(weightedMeanOfSources([{ data: data([1e308, 1e308], 1), weight: 1 }], 1)[0]).toBe(1e308);
  });
});

describe('centred scatter: plain products, with the rescaled recomputation only after an overflow', () => {
  // Rows (2¹⁰⁰, 0), (2¹⁰⁰, 2⁻⁵⁰⁰) [, 0]: column means 2¹⁰⁰ and 2⁻⁵⁰¹; centred column 1 = ±2⁻⁵⁰¹, squares 2⁻¹⁰⁰² (normal),
  // sum 2⁻¹⁰⁰¹, divided by n − 1 = 1 (or multiplied by ω/n = 1/2 for the pooled MLE: 2⁻¹⁰⁰²). Every other entry is 0.
  // The rescaled fallback multiplies by s = 2⁻¹⁰⁰ (largest entry 2¹⁰⁰), where ±2⁻⁶⁰¹ squares to 2⁻¹²⁰² → 0: it
  // would return an all-zero matrix.
  const tinyVarianceRows = (dim: number): number[] => (dim === 2 ? [P100, 0, P100, 2 ** -500] : [P100, 0, 0, P100, 2 ** -500, 0]);
  const expected = (dim: number, v: number): number[] => {
    const m = new Array<number>(dim * dim).fill(0);
    m[dim + 1] = v;
    return m;
  };

  it('sampleCovarianceUnbiased, d = 2 (fast path) and d = 3 (general path)', () => {
    for (const dim of [2, 3]) {
      expect(Array.from(sampleCovarianceUnbiased(data(tinyVarianceRows(dim), dim)))).toEqual(expected(dim, 2 ** -1001));
    }
  });

  it('fit, d = 2 and d = 3, both conventions', () => {
    for (const dim of [2, 3]) {
      const sources = [{ data: data(tinyVarianceRows(dim), dim), weight: 1 }];
      const unbiased = gaussianModel({ dim }).fit(sources);
      expect(Array.from(unbiased.cov)).toEqual(expected(dim, 2 ** -1001));
      expect(unbiased.mean[0]).toBe(P100);
      expect(unbiased.mean[1]).toBe(2 ** -501);
      const pooled = gaussianModel({ dim, covariance: 'pooled-mle' }).fit(sources);
      expect(Array.from(pooled.cov)).toEqual(expected(dim, 2 ** -1002));
    }
  });

  it('a source of weight 0 and size 1 is skipped by the covariance (its ddof-1 scale 0/0 would be NaN)', () => {
    const sources = [
      { data: data([P100, 0, P100, 2 ** -500], 2), weight: 1 },
      { data: data([7, 9], 2), weight: 0 },
    ];
    const fitted = gaussianModel({ dim: 2 }).fit(sources);
    expect(Array.from(fitted.cov)).toEqual([0, 0, 0, 2 ** -1001]);
    expect(Array.from(fitted.mean)).toEqual([P100, 2 ** -501]);
  });
});

describe('fit: the rescaled recomputation after a centred product overflowed', () => {
  const a = 1e154; // a² = 1e308 is finite, 2a² is not: the plain scatter of {a, −a, 0} overflows, its variance does not

  it('d = 1: the ddof-1 variance of {a, −a, 0} is (a² + a²)/2 = a²; a weight-0 source of one point is ignored', () => {
    const model = gaussianModel({ dim: 1 });
    const fitted = model.fit([
      { data: data([a, -a, 0], 1), weight: 1 },
      { data: data([5], 1), weight: 0 },
    ]);
    expect(fitted.mean[0]).toBe(0);
    expectRelClose(fitted.cov, [a * a], 1e-15);
    // the pooled MLE: (a² + a²)/3
    const pooled = gaussianModel({ dim: 1, covariance: 'pooled-mle' }).fit([{ data: data([a, -a, 0], 1), weight: 1 }]);
    expectRelClose(pooled.cov, [(2 * (a / 3)) * a], 1e-15);
  });

  // Two sources of weight 1 (ω = 1/2 each) in d = 2: A = (a, 1), (−a, 2), (0, 3) with x̄_A = (0, 2); B = (1, 0), (3, 0),
  // (5, 0) with x̄_B = (3, 0); μ̂ = (1.5, 1). By hand, S_A = [[a², −a/2], [−a/2, 1]], S_B = [[4, 0], [0, 0]], so the
  // unbiased Σ̂ = ½S_A + ½S_B = [[a²/2 + 2, −a/4], [−a/4, 1/2]].
  const sources: WeightedSource[] = [
    { data: data([a, 1, -a, 2, 0, 3], 2), weight: 1 },
    { data: data([1, 0, 3, 0, 5, 0], 2), weight: 1 },
  ];

  it('unbiased-per-source: each source about its own mean, scaled by ω_s/(n_s − 1)', () => {
    const fitted = gaussianModel({ dim: 2 }).fit(sources);
    expect(Array.from(fitted.mean)).toEqual([1.5, 1]);
    expectRelClose(fitted.cov, [(a / 2) * a + 2, -a / 4, -a / 4, 0.5], 1e-14);
    expectRelClose(fitted.cov, referenceCov(sources, 2, [[0, 2], [3, 0]], false), 1e-14);
    // a third, weight-0 source of one point changes nothing (its ddof-1 scale would be 0/0)
    const withIgnored = gaussianModel({ dim: 2 }).fit([...sources, { data: data([8, 8], 2), weight: 0 }]);
    expect(Array.from(withIgnored.cov)).toEqual(Array.from(fitted.cov));
  });

  it('pooled-mle: every point about μ̂, scaled by ω_s/n_s', () => {
    const fitted = gaussianModel({ dim: 2, covariance: 'pooled-mle' }).fit(sources);
    expect(Array.from(fitted.mean)).toEqual([1.5, 1]);
    const ref = referenceCov(sources, 2, [[1.5, 1], [1.5, 1]], true);
    // by hand, entry (1,1): (0² + 1² + 2² + 1 + 1 + 1)/6 = 8/6
    expect(ref[3]).toBeCloseTo(8 / 6, 15);
    expectRelClose(fitted.cov, ref, 1e-14);
  });

  it('a covariance beyond the double range: NumericalError overflow naming sources', () => {
    const error = numericalError(() => gaussianModel({ dim: 1 }).fit([{ data: data([1e308, -1e308], 1), weight: 1 }]));
    expect(error.kind).toBe('overflow');
    expect(error.message).toBe(
      'overflow: the weighted covariance estimate of sources is beyond the double range at entry 0 (Infinity); the entries of sources are too large',
    );
    expect(error.details).toEqual({ parameter: 'sources', index: 0, value: Infinity });
  });
});

describe('weighted mean beyond the double range', () => {
  // 11 sources of weight 1, each of mean MAX: ω = fl(1/11) = 0.09090909090909091 > 1/11, and the sum of the 11
  // products fl(ω·MAX), computed here in the code's order, rounds past the largest double.
  const M = Number.MAX_VALUE;
  const omega = 1 / 11;
  let sum = 0;
  for (let s = 0; s < 11; s++) sum += omega * M;

  it('precondition (hand computation of the code’s sum): Σ fl(ω·MAX) overflows', () => {
    // fl(1/11) is a multiple of 2⁻⁵⁶ (it lies in [2⁻⁴, 2⁻³)); exactly, 11·fl(1/11) > 1
    const scaled = BigInt(omega * 2 ** 56);
    expect(Number(scaled) / 2 ** 56).toBe(omega);
    expect(11n * scaled > 2n ** 56n).toBe(true);
    expect(sum).toBe(Infinity);
  });

  it('weightedMeanOfSources: the mean is MAX exactly, not an overflow (regression: Σ fl(ω·MAX) was reported as beyond the double range)', () => {
    const sources = Array.from({ length: 11 }, () => ({ data: data([M, 1], 2), weight: 1 }));
    expect(Array.from(weightedMeanOfSources(sources, 2))).toEqual([M, 1]);
  });

  it('fit: the mean (MAX, 2), exactly in coordinate 0 (both conventions; known covariance); the covariances from the centred data', () => {
    // each source holds rows (MAX, 1) and (MAX, 3): x̄ = (MAX, 2); centred column 0 is 0, column 1 is ∓1
    const sources = Array.from({ length: 11 }, () => ({ data: data([M, 1, M, 3], 2), weight: 1 }));
    const unbiased = gaussianModel({ dim: 2 }).fit(sources);
    const pooled = gaussianModel({ dim: 2, covariance: 'pooled-mle' }).fit(sources);
    const known = gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0, 0, 1) } }).fit(sources);
    // coordinate 0 overflowed, so the whole mean is the clamped convex combination: column 1's means are all 2,
    // so the clamp makes it exactly 2
    for (const theta of [unbiased, pooled, known]) expect(Array.from(theta.mean)).toEqual([M, 2]);
    // unbiased per source: Σ_s ω_s·((1 − 2)² + (3 − 2)²)/(2 − 1) = Σ_s ω_s·2; pooled MLE: Σ_s (ω_s/2)·2 = Σ_s ω_s. Both
    // are 11-term sums of rounded ω_s = fl(1/11) times an exact value: error ≤ (11 + 1)·u·value (Higham's γ_n for the
    // sum, plus u for the rounding of ω_s), u = ε/2: 12ε at 2, 6ε at 1
    expect(Math.abs(unbiased.cov[3] - 2)).toBeLessThanOrEqual(12 * Number.EPSILON);
    expect(Math.abs(pooled.cov[3] - 1)).toBeLessThanOrEqual(6 * Number.EPSILON);
    expect([unbiased.cov[0], unbiased.cov[1], pooled.cov[0], pooled.cov[1]]).toEqual([0, 0, 0, 0]);
    expect(Array.from(known.cov)).toEqual([1, 0, 0, 1]);
  });
});

describe('weightedMeanOfSources: arguments', () => {
  const sources = [{ data: data([1, 2, 3, 6], 2), weight: 1 }];

  it('a source of weight 0 is skipped, even an empty one (its mean 0/0 would be NaN)', () => {
    const mean = weightedMeanOfSources([{ data: data([], 2), weight: 0 }, ...sources], 2);
    expect(Array.from(mean)).toEqual([2, 4]);
  });

  it('writes into a given out of length d; refuses a wrong length or a plain array', () => {
    const out = new Float64Array(2);
    expect(weightedMeanOfSources(sources, 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([2, 4]);
    const short = refused(() => weightedMeanOfSources(sources, 2, new Float64Array(3)), 'out');
    expect(short.allowed).toBe('a Float64Array of length 2');
    expect(short.message).toBe('out must be a Float64Array of length 2; received Float64Array(length 3)');
    const plain = refused(() => weightedMeanOfSources(sources, 2, [0, 0] as unknown as Float64Array), 'out');
    expect(plain.allowed).toBe('a Float64Array of length 2');
  });
});

describe('sampleCovarianceUnbiased: arguments and overflow', () => {
  it('refuses a non-object with the Dataset shape in the message', () => {
    const error = refused(() => sampleCovarianceUnbiased(null as unknown as Dataset), 'data');
    expect(error.message).toBe('data must be a Dataset { size, dim, x, y }; received null');
  });

  it('names data.x when x has the wrong length', () => {
    const error = refused(() => sampleCovarianceUnbiased({ size: 2, dim: 1, x: Float64Array.of(1), y: null }), 'data.x.length');
    expect(error.value).toBe(1);
  });

  it('writes into a given out of length d²; refuses a wrong length or a plain array', () => {
    const d = data([1, 2, 3, 6], 2); // rows (1, 2), (3, 6): S = [[2, 4], [4, 8]]
    const out = new Float64Array(4);
    expect(sampleCovarianceUnbiased(d, out)).toBe(out);
    expect(Array.from(out)).toEqual([2, 4, 4, 8]);
    const short = refused(() => sampleCovarianceUnbiased(d, new Float64Array(3)), 'out');
    expect(short.message).toBe('out must be a Float64Array of length 4; received Float64Array(length 3)');
    const plain = refused(() => sampleCovarianceUnbiased(d, [0, 0, 0, 0] as unknown as Float64Array), 'out');
    expect(plain.allowed).toBe('a Float64Array of length 4');
  });

  it('rescales after an overflowed product (variance a² of {a, −a, 0}); beyond the double range throws overflow', () => {
    const a = 1e154;
    expectRelClose(sampleCovarianceUnbiased(data([a, -a, 0], 1)), [a * a], 1e-15);
    const error = numericalError(() => sampleCovarianceUnbiased(data([1e308, -1e308], 1)));
    expect(error.kind).toBe('overflow');
    expect(error.message).toBe('overflow: the sample covariance of data.x is beyond the double range at entry 0 (Infinity); the entries of data.x are too large');
    expect(error.details).toEqual({ parameter: 'data.x', index: 0, value: Infinity });
  });
});

describe('symmetric PSD test (validate and options.known)', () => {
  const validate = (dim: number, cov: readonly number[]): void => gaussianModel({ dim }).validate({ mean: new Float64Array(dim), cov: Float64Array.from(cov) });

  it('symmetry is tested up to 1e-10 × the largest diagonal entry (here 100, not an off-diagonal entry or 0)', () => {
    // |0.5 − (0.5 + 5e-9)| = 5e-9 ≤ 1e-10·100 = 1e-8: accepted; 2e-8 > 1e-8: refused
    validate(2, [1, 0.5, 0.5 + 5e-9, 100]);
    gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0.5, 0.5 + 5e-9, 100) } });
    refused(() => validate(2, [1, 0.5, 0.5 + 2e-8, 100]), 'theta.cov[1]');
  });

  it('an asymmetric pair in row 1 of a 3×3 matrix is reported by its indices and values', () => {
    // m[1·3 + 2] = m[5] = 1 but m[2·3 + 1] = m[7] = 2
    const error = refused(() => validate(3, [4, 0, 0, 0, 4, 1, 0, 2, 4]), 'theta.cov[5]');
    expect(error.value).toBe(1);
    expect(error.allowed).toBe('equal to theta.cov[7] = 2 (a symmetric matrix)');
    const known = refused(() => gaussianModel({ dim: 3, known: { cov: Float64Array.of(4, 0, 0, 0, 4, 1, 0, 2, 4) } }), 'options.known.cov[5]');
    expect(known.allowed).toBe('equal to options.known.cov[7] = 2 (a symmetric matrix)');
  });

  it('pivots on the largest remaining diagonal: PSD matrices with zero diagonal entries are accepted', () => {
    // Without pivoting (or pivoting on the wrong entry) the first pivot would be 0 with a non-zero block left.
    validate(2, [0, 0, 0, 1]);
    validate(2, [1, 0, 0, 0]);
    validate(3, [0, 0, 0, 0, 1, 0, 0, 0, 1e-12]); // diag(0, 1, 1e-12): pivot 1, then 1e-12 ≤ tol = 1e-10
    validate(3, [0, 0, 0, 0, 1e-12, 0, 0, 0, 1]); // diag(0, 1e-12, 1): pivot 2
    validate(3, [1e-12, 0, 0, 0, 0, 0, 0, 0, 1]);
    gaussianModel({ dim: 2, known: { cov: Float64Array.of(0, 0, 0, 1) } });
  });

  it('a negative eigenvalue is refused with the PSD message', () => {
    const error = refused(() => validate(2, [1, 2, 2, 1]), 'theta.cov');
    expect(error.allowed).toBe('a symmetric positive semi-definite matrix (it has a negative eigenvalue)');
    refused(() => validate(2, [0, 0, 0, -1]), 'theta.cov');
  });

  it('ties between equal diagonals pivot on the first (Higham §10.3), hand-run on a borderline matrix', () => {
    // M = [[1, 1, 0], [1, 1, c], [0, c, 1/2]], 2c² = 1e-10·(1 − 3e-11), tol = 1e-10·max diag = 1e-10.
    // Pivot 0 (the first of the tied 1s): the Schur complement on {1, 2} is [[0, c], [c, 1/2]]; pivot 2 leaves
    // 0 − c²/(1/2) = −2c², |−2c²| ≤ tol: accepted. Pivoting on 1 instead leaves −c²/(1/2 − c²) ≈ −2c²(1 + 2c²),
    // which exceeds tol by ≈ 1e-20 − 3e-21 > 0 and would be refused.
    const c = Math.sqrt(0.5e-10 * (1 - 3e-11));
    expect(2 * c * c).toBeLessThan(1e-10);
    expect((c * c) / (0.5 - c * c)).toBeGreaterThan(1e-10);
    validate(3, [1, 1, 0, 1, 1, c, 0, c, 0.5]);
  });

  it('a pivot equal to the tolerance ends the factorisation (≤, not <)', () => {
    // M = 1 ⊕ t·[[1, 1, 1], [1, 1, −1], [1, −1, 1]], t = 1e-10 = tol. After pivot 0 the largest remaining diagonal
    // is t = tol, so the remaining block is checked: every |entry| = t ≤ tol, accepted. Eliminating the pivot t
    // instead would leave [[0, −2t], [−2t, 0]] with |−2t| > tol.
    const t = 1e-10;
    validate(4, [1, 0, 0, 0, 0, t, t, t, 0, t, t, -t, 0, t, -t, t]);
  });
});

describe('θ shape checks (validate, sample) and metric arguments', () => {
  const model = gaussianModel({ dim: 2 });
  const theta: GaussianTheta = { mean: Float64Array.of(0, 1), cov: Float64Array.of(1, 0, 0, 1) };

  it('θ must be an object', () => {
    for (const bad of [5, null, 'x']) {
      const error = refused(() => model.validate(bad as unknown as GaussianTheta), 'theta');
      expect(error.allowed).toBe('an object { mean, cov }');
      refused(() => model.sample(bad as unknown as GaussianTheta, 1, rootKey('mutation.gaussian').stream()), 'theta');
    }
    refused(() => model.validate(5 as unknown as GaussianTheta, 'truth'), 'truth');
  });

  it('θ.mean and θ.cov must be Float64Arrays (a number[] is refused) of lengths d and d²', () => {
    const mean = refused(() => model.validate({ mean: [0, 1] as unknown as Float64Array, cov: theta.cov }), 'theta.mean');
    expect(mean.allowed).toBe('a Float64Array of length 2');
    const cov = refused(() => model.validate({ mean: theta.mean, cov: [1, 0, 0, 1] as unknown as Float64Array }), 'theta.cov');
    expect(cov.allowed).toBe('a Float64Array of length 4');
    refused(() => model.validate({ mean: theta.mean, cov: Float64Array.of(1, NaN, 0, 1) }), 'theta.cov[1]');
    refused(() => model.validate({ mean: theta.mean, cov: Float64Array.of(1, 0, 0) }), 'theta.cov.length');
  });

  it('metrics refuse a non-object, a number[] part and a non-finite entry, naming estimate / truth', () => {
    const { mean, cov } = model.metrics;
    const notObject = refused(() => mean(5 as unknown as GaussianTheta, theta), 'estimate');
    expect(notObject.allowed).toBe('an object { mean, cov }');
    refused(() => cov(theta, null as unknown as GaussianTheta), 'truth');
    const arrayMean = refused(() => mean({ mean: [0, 1] as unknown as Float64Array, cov: theta.cov }, theta), 'estimate.mean');
    expect(arrayMean.allowed).toBe('a Float64Array of length 2');
    const arrayCov = refused(() => cov(theta, { mean: theta.mean, cov: [1, 0, 0, 1] as unknown as Float64Array }), 'truth.cov');
    expect(arrayCov.allowed).toBe('a Float64Array of length 4');
    refused(() => cov({ mean: theta.mean, cov: Float64Array.of(NaN, 0, 0, 1) }, theta), 'estimate.cov[0]');
    refused(() => mean(theta, { mean: Float64Array.of(0, Infinity), cov: theta.cov }), 'truth.mean[1]');
    // and the values on valid input: ‖(0,1) − (3,5)‖² = 9 + 16, ‖I − 2I‖_F² = 2
    expect(mean(theta, { mean: Float64Array.of(3, 5), cov: theta.cov })).toBe(25);
    expect(cov(theta, { mean: theta.mean, cov: Float64Array.of(2, 0, 0, 2) })).toBe(2);
  });
});

describe('gaussianModel options', () => {
  it('is named "gaussian"', () => {
    expect(gaussianModel({ dim: 1 }).name).toBe('gaussian');
  });

  it('refuses a non-object options with its shape', () => {
    for (const bad of [null, 5]) {
      const error = refused(() => gaussianModel(bad as unknown as { dim: number }), 'options');
      expect(error.allowed).toBe('an object { dim, covariance?, known? }');
    }
  });

  it('refuses a known that is not an object, and a known.cov that is a number[]', () => {
    for (const bad of [null, 5]) {
      const error = refused(() => gaussianModel({ dim: 2, known: bad as unknown as { cov: Float64Array } }), 'options.known');
      expect(error.allowed).toBe('an object { cov }');
    }
    const error = refused(() => gaussianModel({ dim: 2, known: { cov: [1, 0, 0, 1] as unknown as Float64Array } }), 'options.known.cov');
    expect(error.allowed).toBe('a Float64Array of length 4');
  });
});

describe('fit: sources whose normalised weight underflowed to 0', () => {
  it('are still checked for non-finite entries', () => {
    const sources = [
      { data: data([NaN, 1], 1), weight: Number.MIN_VALUE }, // ω = 5e-324 / 1e300 underflows to 0
      { data: data([1, 2], 1), weight: 1e300 },
    ];
    expect(Number.MIN_VALUE / (1e300 + Number.MIN_VALUE)).toBe(0);
    for (const model of [gaussianModel({ dim: 1 }), gaussianModel({ dim: 1, covariance: 'pooled-mle' })]) {
      const error = refused(() => model.fit(sources), 'sources[0].data.x[0]');
      expect(error.allowed).toBe('a finite number');
    }
    // finite entries: the source is ignored (its ω is 0): the fit is that of the second source alone
    const fitted = gaussianModel({ dim: 1 }).fit([{ data: data([100, 1], 1), weight: Number.MIN_VALUE }, sources[1]]);
    expect(Array.from(fitted.mean)).toEqual([1.5]);
    expect(Array.from(fitted.cov)).toEqual([0.5]);
  });
});

describe('sample from a singular covariance', () => {
  it('throws NumericalError singular naming theta.cov, keeping the Cholesky error and its details', () => {
    const model = gaussianModel({ dim: 2 });
    const error = numericalError(() => model.sample({ mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 1, 1, 1) }, 3, rootKey('mutation.gaussian').stream()));
    expect(error.kind).toBe('singular');
    // cholesky([[1, 1], [1, 1]]): L₀₀ = 1, L₁₀ = 1, pivot 1 = 1 − 1² = 0 ≤ threshold 2·ε·1
    const threshold = 2 * Number.EPSILON;
    expect(error.message).toBe(
      'singular: the covariance of the Gaussian model being sampled (theta.cov, 2×2) is singular or not positive definite ' +
        '(e.g. a collapsed covariance), so N(theta.mean, theta.cov) cannot be sampled ' +
        `[singular: matrix is not positive definite: pivot 1 is 0 (threshold ${threshold})]`,
    );
    expect(error.details).toEqual({ reason: 'not positive definite', pivotIndex: 1, pivot: 0, threshold, maxDiagonal: 1, parameter: 'theta.cov' });
  });
});

describe('stableConvexCombination (stableMoments.ts)', () => {
  const M = Number.MAX_VALUE;
  it('asks vectorOf only for positive weights, once each, and ignores the others entirely (range and sum)', () => {
    const asked: number[] = [];
    const vectors = [[M], [-M], [M]];
    const out = new Float64Array(1);
    stableConvexCombination(out, 1, [0.2, 0, 0.8], (p) => (asked.push(p), vectors[p]));
    expect(asked).toEqual([0, 2]);
    expect(out[0]).toBe(M); // 0.2·M + 0.8·M; had −M (weight 0) counted, the sum and the range would differ
  });

  it('clamps a sum that rounds past MAX_VALUE (and past −MAX_VALUE) to the range of the vectors, per column', () => {
    const out = new Float64Array(2);
    expect(0.2 * M + 0.4 * M + 0.4 * M).toBe(Infinity); // the premise
    stableConvexCombination(out, 2, [0.2, 0.4, 0.4], () => [M, -M]);
    expect(Array.from(out)).toEqual([M, -M]);
  });

  it('scales by a power of two: exact, so ordinary vectors give the plain convex combination bit for bit', () => {
    // c = (1/4, 3/4), v = (8, 16) and (3, 5): 1/4·8 + 3/4·3 = 4.25, 1/4·16 + 3/4·5 = 7.75 (all exact in binary)
    const out = new Float64Array(2);
    stableConvexCombination(out, 2, [0.25, 0.75], (p) => [[8, 16], [3, 5]][p]);
    expect(Array.from(out)).toEqual([4.25, 7.75]);
    // large values: 2^1000·(1/4·3 + 3/4·5) = 2^1000·4.5
    stableConvexCombination(out, 1, [0.25, 0.75], (p) => [[3 * 2 ** 1000], [5 * 2 ** 1000]][p]);
    expect(out[0]).toBe(4.5 * 2 ** 1000);
  });
});

/**
 * Sufficient-statistic summaries of the Gaussian and categorical models (deterministic properties):
 * - fit(fromData(D_s)…) equals Model.fit(D_s…) to 1e-12 (both covariance conventions, a known covariance,
 *   random weights including weight-0 sources; fast-check, fixed seeds);
 * - pool(fromData(A), fromData(B), …) equals fromData(A ∪ B ∪ …) (the within/between scatter decomposition);
 * - hand-computed summaries; the structure of sampled summaries (x̄ = μ + L z/√N from the stream's first d
 *   normals, zero scatter at N = 1, a rank-(N − 1) scatter when N − 1 < d, exact multinomial support);
 * - the same validation and errors as Model.fit / Model.sample.
 * The laws of sampled summaries are tested in fastpath.agreement.test.ts (against explicit sampling).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gaussianModel, type GaussianTheta } from '../src/models/gaussian.js';
import { gaussianSummaries } from '../src/models/gaussianSummaries.js';
import { categoricalModel } from '../src/models/categorical.js';
import { categoricalSummaries } from '../src/models/categoricalSummaries.js';
import { concatRows } from '../src/models/dataset.js';
import type { Dataset, Summary, SummaryCapability, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { fillStandardNormal } from '../src/rng/normal.js';
import { cholesky } from '../src/linalg/cholesky.js';

const data = (x: number[] | Float64Array, dim: number): Dataset => ({ size: x.length / dim, dim, x: Float64Array.from(x), y: null });

/** Weighted sources in dimension `dim` (each ≥ minSize rows, weights in {0} ∪ [0.01, 10], at least one positive). */
function sourcesArb(dim: number, minSize: number) {
  return fc
    .array(
      fc
        .record({
          size: fc.integer({ min: minSize, max: 7 }),
          weight: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })),
        })
        .chain(({ size, weight }) =>
          fc
            .array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: size * dim, maxLength: size * dim })
            .map((values): WeightedSource => ({ data: data(values, dim), weight })),
        ),
      { minLength: 1, maxLength: 4 },
    )
    .filter((sources) => sources.some((s) => s.weight > 0));
}

/** max |a_i − b_i| ≤ tol·(1 + scale). */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= tol * (1 + scale))) throw new Error(`entry ${i}: ${actual[i]} vs ${expected[i]} (|Δ| = ${err}, allowed ${tol * (1 + scale)})`);
  }
}

const maxSquare = (sources: readonly WeightedSource[]) => sources.reduce((m, s) => s.data.x.reduce((mm, v) => Math.max(mm, v * v), m), 0);

/** The error a call throws (fails the test when it does not throw). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
function parameterOf(f: () => unknown): string {
  const error = thrown(f);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return (error as InvalidArgumentError).parameter;
}

describe('Gaussian summaries: hand values', () => {
  it('fromData of {1, 2, 3} is x̄ = 2, scatter = 2; of {(0,0), (2,0), (1,3)} is x̄ = (1, 1), scatter [[2, 0], [0, 6]]', () => {
    const one = gaussianSummaries({ dim: 1 }).fromData(data([1, 2, 3], 1));
    expect(one.size).toBe(3);
    expect(Array.from(one.stats)).toEqual([2, 2]);
    const two = gaussianSummaries({ dim: 2 }).fromData(data([0, 0, 2, 0, 1, 3], 2));
    expect(Array.from(two.stats)).toEqual([1, 1, 2, 0, 0, 6]);
  });

  it('with a known covariance the summary is the mean only (length d), and fit returns the known Σ', () => {
    const cov = Float64Array.of(2, 0.5, 0.5, 1);
    const summaries = gaussianSummaries({ dim: 2, known: { cov } });
    const s = summaries.fromData(data([0, 0, 2, 0, 1, 3], 2));
    expect(Array.from(s.stats)).toEqual([1, 1]);
    const fit = summaries.fit([{ summary: s, weight: 1 }, { summary: { size: 1, stats: Float64Array.of(4, -2) }, weight: 1 }]);
    expect(Array.from(fit.mean)).toEqual([2.5, -0.5]);
    expect(Array.from(fit.cov)).toEqual([2, 0.5, 0.5, 1]);
    expect(fit.cov).not.toBe(cov);
  });

  it('gaussianSummaries(options) validates options exactly as gaussianModel (same parameter names)', () => {
    expect(parameterOf(() => gaussianSummaries({ dim: 0 }))).toBe('options.dim');
    expect(parameterOf(() => gaussianSummaries({ dim: 1, covariance: 'ddof0' as never }))).toBe('options.covariance');
    expect(parameterOf(() => gaussianSummaries({ dim: 2, known: { cov: Float64Array.of(1, 0, 0, -1) } }))).toBe('options.known.cov');
  });
});

describe('Gaussian summaries: fit(fromData) = gaussianModel.fit (to 1e-12)', () => {
  for (const covariance of ['unbiased-per-source', 'pooled-mle'] as const) {
    it(`${covariance}, d = 1..3, random weights (seed ${covariance === 'pooled-mle' ? 32 : 31})`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 3 }).chain((dim) => sourcesArb(dim, covariance === 'pooled-mle' ? 1 : 2).map((sources) => ({ dim, sources }))),
          ({ dim, sources }) => {
            const model = gaussianModel({ dim, covariance });
            const summaries = model.summaries as SummaryCapability<GaussianTheta>;
            const expected = model.fit(sources);
            const actual = summaries.fit(sources.map((s) => ({ summary: summaries.fromData(s.data), weight: s.weight })));
            const scale = maxSquare(sources);
            expectClose(actual.mean, expected.mean, Math.sqrt(scale));
            expectClose(actual.cov, expected.cov, scale);
            for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) expect(actual.cov[a * dim + b]).toBe(actual.cov[b * dim + a]);
          },
        ),
        { seed: covariance === 'pooled-mle' ? 32 : 31, numRuns: 300 },
      );
    });
  }

  it('known covariance, sources of one point allowed (seed 33)', () => {
    fc.assert(
      fc.property(sourcesArb(2, 1), (sources) => {
        const model = gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0.2, 0.2, 3) } });
        const summaries = model.summaries as SummaryCapability<GaussianTheta>;
        const expected = model.fit(sources);
        const actual = summaries.fit(sources.map((s) => ({ summary: summaries.fromData(s.data), weight: s.weight })));
        expectClose(actual.mean, expected.mean, Math.sqrt(maxSquare(sources)));
        expect(Array.from(actual.cov)).toEqual(Array.from(expected.cov));
      }),
      { seed: 33, numRuns: 200 },
    );
  });
});

describe('Gaussian summaries: pool', () => {
  it('pool(fromData(A), fromData(B), …) = fromData(A ∪ B ∪ …), empty parts included (seed 34)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((dim) =>
          fc
            .array(fc.integer({ min: 0, max: 6 }).chain((size) => fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: size * dim, maxLength: size * dim })), {
              minLength: 1,
              maxLength: 4,
            })
            .filter((parts) => parts.some((p) => p.length > 0))
            .map((parts) => ({ dim, parts: parts.map((p) => data(p, dim)) })),
        ),
        ({ dim, parts }) => {
          const summaries = gaussianSummaries({ dim });
          const pooled = summaries.pool(parts.map((p) => summaries.fromData(p)));
          const direct = summaries.fromData(concatRows(parts));
          expect(pooled.size).toBe(direct.size);
          expectClose(pooled.stats, direct.stats, 2500 * direct.size);
        },
      ),
      { seed: 34, numRuns: 300 },
    );
  });
});

describe('Gaussian summaries: sample (structure; the law is tested against explicit sampling)', () => {
  const truth: GaussianTheta = { mean: Float64Array.of(1, -2, 0.5), cov: Float64Array.of(2, 0.3, 0.1, 0.3, 1, -0.2, 0.1, -0.2, 0.5) };
  const summaries = gaussianSummaries({ dim: 3 });

  it('x̄ = μ + L z/√N with z the first d standard normals of the stream', () => {
    const key = rootKey('fastpath-structure').child('mean');
    const s = summaries.sample(truth, 25, key.stream());
    const z = fillStandardNormal(key.stream(), new Float64Array(3));
    const lower = cholesky(truth.cov, 3);
    const expected = [0, 1, 2].map((i) => truth.mean[i] + (lower[i * 3] * z[0] + lower[i * 3 + 1] * z[1] + lower[i * 3 + 2] * z[2]) / 5);
    expectClose(s.stats.subarray(0, 3), expected, 1, 1e-15);
    expect(s.size).toBe(25);
    expect(s.stats.length).toBe(3 + 9);
  });

  it('N = 1 has zero scatter; N = 0 is all zeros; N = 2 < d + 1 gives a rank-1 scatter y yᵀ; N = d + 1 a positive definite one', () => {
    const key = rootKey('fastpath-structure').child('sizes');
    const single = summaries.sample(truth, 1, key.child(1).stream());
    expect(Array.from(single.stats.subarray(3))).toEqual(new Array(9).fill(0));
    expect(Array.from(summaries.sample(truth, 0, key.child(0).stream()).stats)).toEqual(new Array(12).fill(0));
    const two = summaries.sample(truth, 2, key.child(2).stream()).stats.subarray(3);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(two[a * 3 + b] ** 2).toBeCloseTo(two[a * 3 + a] * two[b * 3 + b], 12);
    expect(two[0]).toBeGreaterThan(0);
    const four = summaries.sample(truth, 4, key.child(4).stream()).stats.subarray(3);
    expect(() => cholesky(four, 3)).not.toThrow();
  });

  it('the same stream gives the same summary (replay); the known-covariance summary has length d', () => {
    const key = rootKey('fastpath-structure').child('replay');
    expect(Array.from(summaries.sample(truth, 50, key.stream()).stats)).toEqual(Array.from(summaries.sample(truth, 50, key.stream()).stats));
    const known = gaussianSummaries({ dim: 3, known: { cov: truth.cov } });
    expect(known.sample(truth, 50, key.stream()).stats.length).toBe(3);
  });

  it('a singular covariance throws NumericalError("singular") naming theta.cov, as gaussianModel.sample does', () => {
    const collapsed: GaussianTheta = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 1, 1, 1) };
    const error = thrown(() => gaussianSummaries({ dim: 2 }).sample(collapsed, 10, rootKey('x').stream()));
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).kind).toBe('singular');
    expect((error as NumericalError).details.parameter).toBe('theta.cov');
    const explicit = thrown(() => gaussianModel({ dim: 2 }).sample(collapsed, 10, rootKey('x').stream()));
    expect((explicit as NumericalError).kind).toBe('singular');
  });
});

describe('Gaussian summaries: the errors of gaussianModel.fit', () => {
  const model = gaussianModel({ dim: 2 });
  const summaries = model.summaries as SummaryCapability<GaussianTheta>;
  const rows = data([0, 0, 2, 0, 1, 3], 2);
  const good = summaries.fromData(rows);
  const pairs: [string, () => unknown, () => unknown][] = [
    ['no sources', () => model.fit([]), () => summaries.fit([])],
    ['negative weight', () => model.fit([{ data: rows, weight: -1 }]), () => summaries.fit([{ summary: good, weight: -1 }])],
    ['all weights 0', () => model.fit([{ data: rows, weight: 0 }]), () => summaries.fit([{ summary: good, weight: 0 }])],
    ['a one-point source (unbiased)', () => model.fit([{ data: data([1, 1], 2), weight: 1 }]), () => summaries.fit([{ summary: { size: 1, stats: new Float64Array(6) }, weight: 1 }])],
  ];
  for (const [what, explicit, fast] of pairs) {
    it(`${what}: same parameter name`, () => {
      expect(parameterOf(fast).replace('.summary', '.data')).toBe(parameterOf(explicit));
    });
  }

  it('malformed summaries are refused with the entry named', () => {
    expect(parameterOf(() => summaries.fit([{ summary: { size: 3, stats: new Float64Array(5) }, weight: 1 }]))).toBe('sources[0].summary.stats.length');
    expect(parameterOf(() => summaries.fit([{ summary: { size: 3, stats: Float64Array.of(0, 0, 1, NaN, 0, 1) }, weight: 1 }]))).toBe('sources[0].summary.stats[3]');
    expect(parameterOf(() => summaries.fit([{ summary: { size: 3, stats: Float64Array.of(0, 0, 1, 0.5, 0, 1) }, weight: 1 }]))).toBe('sources[0].summary.stats[3]');
    expect(parameterOf(() => summaries.fit([{ summary: { size: 3, stats: Float64Array.of(0, 0, -1, 0, 0, 1) }, weight: 1 }]))).toBe('sources[0].summary.stats[2]');
    expect(parameterOf(() => summaries.fit([{ summary: { size: 2.5, stats: good.stats }, weight: 1 }]))).toBe('sources[0].summary.size');
    expect(parameterOf(() => summaries.pool([]))).toBe('parts');
    expect(parameterOf(() => summaries.fromData(data([1, 2, 3], 1)))).toBe('data.dim');
    expect(parameterOf(() => summaries.fromData(data([1, NaN], 2)))).toBe('data.x[1]');
    expect(parameterOf(() => summaries.sample({ mean: Float64Array.of(0), cov: Float64Array.of(1, 0, 0, 1) }, 3, rootKey('x').stream()))).toBe('theta.mean.length');
    expect(parameterOf(() => summaries.sample({ mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0, 0, 1) }, -1, rootKey('x').stream()))).toBe('size');
  });
});

describe('categorical summaries', () => {
  it('fromData counts labels; fit(fromData) = categoricalModel.fit to 1e-15 (seed 35)', () => {
    expect(Array.from(categoricalSummaries(3).fromData(data([0, 2, 2, 1, 2], 1)).stats)).toEqual([1, 1, 3]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((k) =>
          fc
            .array(
              fc.record({
                labels: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 1, maxLength: 12 }),
                weight: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })),
              }),
              { minLength: 1, maxLength: 4 },
            )
            .filter((sources) => sources.some((s) => s.weight > 0))
            .map((sources) => ({ k, sources: sources.map((s): WeightedSource => ({ data: data(s.labels, 1), weight: s.weight })) })),
        ),
        ({ k, sources }) => {
          const model = categoricalModel(k);
          const summaries = model.summaries as SummaryCapability<{ probs: Float64Array }>;
          const expected = model.fit(sources).probs;
          const actual = summaries.fit(sources.map((s) => ({ summary: summaries.fromData(s.data), weight: s.weight }))).probs;
          expectClose(actual, expected, 0, 1e-15);
          const pooled = summaries.pool(sources.map((s) => summaries.fromData(s.data)));
          expect(Array.from(pooled.stats)).toEqual(Array.from(summaries.fromData(concatRows(sources.map((s) => s.data))).stats));
        },
      ),
      { seed: 35, numRuns: 300 },
    );
  });

  it('sample: integer counts summing to N, zero in classes of probability 0, all in the one class of probability 1', () => {
    const summaries = categoricalSummaries(4);
    const key = rootKey('fastpath-categorical');
    for (const [i, probs] of [[0.1, 0.2, 0.3, 0.4], [0, 0.5, 0, 0.5], [0, 0, 1, 0], [0.25, 0.25, 0.25, 0.25]].entries()) {
      for (const size of [0, 1, 7, 100, 12345]) {
        const s = summaries.sample({ probs: Float64Array.from(probs) }, size, key.child(i, size).stream());
        expect(s.size).toBe(size);
        let total = 0;
        for (let c = 0; c < 4; c++) {
          expect(Number.isInteger(s.stats[c]) && s.stats[c] >= 0).toBe(true);
          if (probs[c] === 0) expect(s.stats[c]).toBe(0);
          total += s.stats[c];
        }
        expect(total).toBe(size);
        if (probs[2] === 1) expect(s.stats[2]).toBe(size);
      }
    }
    expect(Array.from(categoricalSummaries(1).sample({ probs: Float64Array.of(1) }, 9, key.stream()).stats)).toEqual([9]);
  });

  it('errors: labels, counts and θ named as in categoricalModel', () => {
    const model = categoricalModel(3);
    const summaries = model.summaries as SummaryCapability<{ probs: Float64Array }>;
    expect(parameterOf(() => summaries.fromData(data([0, 3], 1)))).toBe('data.x[1]');
    expect(parameterOf(() => summaries.fromData(data([0, 1.5], 1)))).toBe('data.x[1]');
    expect(parameterOf(() => summaries.fit([{ summary: { size: 3, stats: Float64Array.of(1, 1, 0.5) }, weight: 1 }]))).toBe('sources[0].summary.stats[2]');
    expect(parameterOf(() => summaries.fit([{ summary: { size: 3, stats: Float64Array.of(1, 1, 0) }, weight: 1 }]))).toBe('sources[0].summary.size');
    expect(parameterOf(() => summaries.fit([]))).toBe(parameterOf(() => model.fit([])));
    expect(parameterOf(() => summaries.sample({ probs: Float64Array.of(0.5, 0.6, 0) }, 3, rootKey('x').stream()))).toBe('theta.probs (sum of entries)');
    expect(parameterOf(() => summaries.pool([{ size: 2, stats: Float64Array.of(1, 1) } as Summary]))).toBe('parts[0].stats.length');
    expect(parameterOf(() => categoricalSummaries(0))).toBe('k');
  });
});

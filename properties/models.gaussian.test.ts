/**
 * The Gaussian model: the weighted fit equals its closed forms computed independently (straightforward
 * per-point loops, the law of total covariance, simple-statistics' sample covariance), its invariances
 * (row order, weight scale, weight-0 sources), the known-covariance variant, sampling wiring and the typed
 * singular-covariance error, PSD validation and bad input.
 * Statistical (engine.models.gaussian): one unbiased-fit step has E‖Σ̂ − Σ‖_F² = (P + Q)/(n − 1) and
 * E‖μ̂ − μ‖² = trΣ/n (CLAIMS.md §1.4, Wishart facts), with the ddof-0 convention as negative control.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sampleCovariance } from 'simple-statistics';
import { gaussianModel, weightedMeanOfSources, sampleCovarianceUnbiased, type GaussianTheta } from '../src/models/gaussian.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { cholesky } from '../src/linalg/cholesky.js';
import { fillMultivariateNormal } from '../src/rng/multivariateNormal.js';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkMean, expectPass, expectReject } from '../src/stats/assert.js';
import { refused } from './helpers/refused.js';

const data = (x: number[] | Float64Array, dim: number): Dataset => ({ size: x.length / dim, dim, x: Float64Array.from(x), y: null });

/** Arbitrary weighted sources in dimension d (each with ≥ minSize rows, weights in [0.01, 10]). */
function sourcesArb(minSize: number, maxSources = 4) {
  return fc.integer({ min: 1, max: 4 }).chain((dim) =>
    fc
      .array(
        fc
          .record({ size: fc.integer({ min: minSize, max: 8 }), weight: fc.double({ min: 0.01, max: 10, noNaN: true }) })
          .chain(({ size, weight }) =>
            fc
              .array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: size * dim, maxLength: size * dim })
              .map((values): WeightedSource => ({ data: data(values, dim), weight })),
          ),
        { minLength: 1, maxLength: maxSources },
      )
      .map((sources) => ({ dim, sources })),
  );
}

/** Reference μ̂ = Σ_i ω_i x_i with ω_i = w_s/(W n_s), by per-point loops. */
function referenceMean(sources: readonly WeightedSource[], dim: number): number[] {
  const W = sources.reduce((s, src) => s + src.weight, 0);
  const mean = new Array<number>(dim).fill(0);
  for (const { data: d, weight } of sources) {
    for (let i = 0; i < d.size; i++) for (let j = 0; j < dim; j++) mean[j] += (weight / (W * d.size)) * d.x[i * dim + j];
  }
  return mean;
}

/** Reference Σ_s (w_s/W)·S_s, S_s = (1/(n_s − 1)) Σ_i (x_i − x̄_s)(x_i − x̄_s)ᵀ, full matrix loops. */
function referenceUnbiased(sources: readonly WeightedSource[], dim: number): number[] {
  const W = sources.reduce((s, src) => s + src.weight, 0);
  const cov = new Array<number>(dim * dim).fill(0);
  for (const { data: d, weight } of sources) {
    const own = referenceMean([{ data: d, weight: 1 }], dim);
    for (let a = 0; a < dim; a++)
      for (let b = 0; b < dim; b++) {
        let s = 0;
        for (let i = 0; i < d.size; i++) s += (d.x[i * dim + a] - own[a]) * (d.x[i * dim + b] - own[b]);
        cov[a * dim + b] += (weight / W) * (s / (d.size - 1));
      }
  }
  return cov;
}

/** Reference pooled MLE Σ_i ω_i (x_i − μ̂)(x_i − μ̂)ᵀ. */
function referencePooled(sources: readonly WeightedSource[], dim: number): number[] {
  const W = sources.reduce((s, src) => s + src.weight, 0);
  const mu = referenceMean(sources, dim);
  const cov = new Array<number>(dim * dim).fill(0);
  for (const { data: d, weight } of sources)
    for (let i = 0; i < d.size; i++)
      for (let a = 0; a < dim; a++)
        for (let b = 0; b < dim; b++) cov[a * dim + b] += (weight / (W * d.size)) * (d.x[i * dim + a] - mu[a]) * (d.x[i * dim + b] - mu[b]);
  return cov;
}

/**
 * The pooled MLE by a different route, the law of total covariance:
 * Σ_s (w_s/W)·[((n_s − 1)/n_s)·S_s + (x̄_s − μ̂)(x̄_s − μ̂)ᵀ].
 */
function pooledByTotalCovariance(sources: readonly WeightedSource[], dim: number): number[] {
  const W = sources.reduce((s, src) => s + src.weight, 0);
  const mu = referenceMean(sources, dim);
  const cov = new Array<number>(dim * dim).fill(0);
  for (const src of sources) {
    const within = referenceUnbiased([{ data: src.data, weight: 1 }], dim);
    const own = referenceMean([{ data: src.data, weight: 1 }], dim);
    const n = src.data.size;
    for (let a = 0; a < dim; a++)
      for (let b = 0; b < dim; b++)
        cov[a * dim + b] += (src.weight / W) * (((n - 1) / n) * within[a * dim + b] + (own[a] - mu[a]) * (own[b] - mu[b]));
  }
  return cov;
}

function expectClose(actual: Float64Array, expected: ArrayLike<number>, relative = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(relative * scale);
}

describe('gaussianModel.fit: closed forms', () => {
  it('a hand-computed 1-D example ({0, 2} weight 3, {10, 14} weight 1)', () => {
    const sources = [
      { data: data([0, 2], 1), weight: 3 },
      { data: data([10, 14], 1), weight: 1 },
    ];
    const unbiased = gaussianModel({ dim: 1 }).fit(sources);
    expect(unbiased.mean[0]).toBe(3.75); // 0.75·1 + 0.25·12
    expect(unbiased.cov[0]).toBe(3.5); // 0.75·2 + 0.25·8
    const pooled = gaussianModel({ dim: 1, covariance: 'pooled-mle' }).fit(sources);
    expect(pooled.mean[0]).toBe(3.75);
    expect(pooled.cov[0]).toBeCloseTo(24.4375, 12); // 0.375·(3.75² + 1.75²) + 0.125·(6.25² + 10.25²)
  });

  it("'unbiased-per-source' equals Σ_s (w_s/W)·S_s by per-point loops", () => {
    fc.assert(
      fc.property(sourcesArb(2), ({ dim, sources }) => {
        const fit = gaussianModel({ dim }).fit(sources);
        expectClose(fit.mean, referenceMean(sources, dim));
        expectClose(fit.cov, referenceUnbiased(sources, dim));
      }),
      { seed: 0x6a0001, numRuns: 200 },
    );
  });

  it("'pooled-mle' equals Σ_i ω_i(x_i − μ̂)(x_i − μ̂)ᵀ and the law of total covariance", () => {
    fc.assert(
      fc.property(sourcesArb(1), ({ dim, sources }) => {
        const fit = gaussianModel({ dim, covariance: 'pooled-mle' }).fit(sources);
        expectClose(fit.mean, referenceMean(sources, dim));
        expectClose(fit.cov, referencePooled(sources, dim));
        if (sources.every((s) => s.data.size >= 2)) expectClose(fit.cov, pooledByTotalCovariance(sources, dim), 1e-9);
      }),
      { seed: 0x6a0002, numRuns: 200 },
    );
  });

  it('for one source, pooled-mle = (n − 1)/n × unbiased, and unbiased = simple-statistics sampleCovariance', () => {
    fc.assert(
      fc.property(sourcesArb(2, 1), ({ dim, sources }) => {
        const d = sources[0].data;
        const unbiased = gaussianModel({ dim }).fit(sources).cov;
        const pooled = gaussianModel({ dim, covariance: 'pooled-mle' }).fit(sources).cov;
        expectClose(pooled, Array.from(unbiased, (v) => ((d.size - 1) / d.size) * v));
        const columns = Array.from({ length: dim }, (_, j) => Array.from({ length: d.size }, (_, i) => d.x[i * dim + j]));
        const library = new Array<number>(dim * dim);
        for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) library[a * dim + b] = sampleCovariance(columns[a], columns[b]);
        expectClose(unbiased, library, 1e-9);
        expectClose(sampleCovarianceUnbiased(d), library, 1e-9);
      }),
      { seed: 0x6a0003, numRuns: 150 },
    );
  });

  it('weightedMeanOfSources and sampleCovarianceUnbiased: hand values and symmetry', () => {
    const a = data([0, 2], 1);
    const b = data([10], 1);
    expect(Array.from(weightedMeanOfSources([{ data: a, weight: 0.75 }, { data: b, weight: 0.25 }], 1))).toEqual([3.25]);
    expect(Array.from(sampleCovarianceUnbiased(data([1, 2, 3], 1)))).toEqual([1]);
    // rows (0,0), (1,2), (2,1): means (1,1); S = [[1, 0.5], [0.5, 1]]
    expect(Array.from(sampleCovarianceUnbiased(data([0, 0, 1, 2, 2, 1], 2)))).toEqual([1, 0.5, 0.5, 1]);
    fc.assert(
      fc.property(sourcesArb(2), ({ dim, sources }) => {
        const cov = gaussianModel({ dim }).fit(sources).cov;
        for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) expect(cov[a * dim + b]).toBe(cov[b * dim + a]);
      }),
      { seed: 0x6a0004, numRuns: 100 },
    );
  });
});

describe('gaussianModel.fit: invariances', () => {
  const conventions = [{}, { covariance: 'pooled-mle' as const }];

  it('permuting the rows within a source does not change the fit', () => {
    fc.assert(
      fc.property(sourcesArb(2), fc.integer({ min: 1, max: 1000 }), ({ dim, sources }, shift) => {
        const permuted = sources.map(({ data: d, weight }) => {
          const x = new Float64Array(d.x.length);
          for (let i = 0; i < d.size; i++) x.set(d.x.subarray(i * dim, (i + 1) * dim), ((i + shift) % d.size) * dim);
          return { data: data(x, dim), weight };
        });
        for (const options of conventions) {
          const model = gaussianModel({ dim, ...options });
          const a = model.fit(sources);
          const b = model.fit(permuted);
          expectClose(b.mean, a.mean, 1e-12);
          expectClose(b.cov, a.cov, 1e-12);
        }
      }),
      { seed: 0x6a0005, numRuns: 150 },
    );
  });

  it('scaling every weight by c leaves the fit unchanged (exactly for c = 2^k, to 1e-13 otherwise)', () => {
    fc.assert(
      fc.property(sourcesArb(2), fc.integer({ min: -20, max: 20 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ dim, sources }, k, c) => {
        for (const options of conventions) {
          const model = gaussianModel({ dim, ...options });
          const base = model.fit(sources);
          const exact = model.fit(sources.map((s) => ({ data: s.data, weight: s.weight * 2 ** k })));
          expect(Array.from(exact.mean)).toEqual(Array.from(base.mean));
          expect(Array.from(exact.cov)).toEqual(Array.from(base.cov));
          const scaled = model.fit(sources.map((s) => ({ data: s.data, weight: s.weight * c })));
          expectClose(scaled.mean, base.mean, 1e-13);
          expectClose(scaled.cov, base.cov, 1e-13);
        }
      }),
      { seed: 0x6a0006, numRuns: 100 },
    );
  });

  it('a weight-0 source is ignored (even with 0 or 1 rows under the unbiased convention)', () => {
    fc.assert(
      fc.property(sourcesArb(2), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 4 }), ({ dim, sources }, junkSize, position) => {
        const junk = { data: data(Array.from({ length: junkSize * dim }, (_, i) => 1e6 + i), dim), weight: 0 };
        const withJunk = [...sources];
        withJunk.splice(position % (sources.length + 1), 0, junk);
        for (const options of conventions) {
          const model = gaussianModel({ dim, ...options });
          const a = model.fit(sources);
          const b = model.fit(withJunk);
          expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
          expect(Array.from(b.cov)).toEqual(Array.from(a.cov));
        }
      }),
      { seed: 0x6a0007, numRuns: 100 },
    );
  });
});

describe('gaussianModel with a known covariance', () => {
  const known = Float64Array.of(2, 0.5, 0.5, 1);
  it('returns the known covariance (a copy), estimates only the mean, reports only the mean metric', () => {
    const model = gaussianModel({ dim: 2, known: { cov: known } });
    const sources = [
      { data: data([1, 2], 2), weight: 1 }, // a single row is allowed: no covariance is estimated
      { data: data([3, 4, 5, 6], 2), weight: 1 },
    ];
    const fit = model.fit(sources);
    expect(Array.from(fit.mean)).toEqual([0.5 * 1 + 0.5 * 4, 0.5 * 2 + 0.5 * 5]);
    expect(Array.from(fit.cov)).toEqual(Array.from(known));
    expect(fit.cov).not.toBe(known);
    expect(Object.keys(model.metrics)).toEqual(['mean']);
    expect(model.metrics.mean(fit, { mean: Float64Array.of(0, 0), cov: known })).toBeCloseTo(2.5 ** 2 + 3.5 ** 2, 12);
  });

  it('rejects a non-symmetric, non-PSD or mis-sized known covariance, and a covariance convention alongside it', () => {
    refused(() => gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0.5, 0.4, 1) } }), 'options.known.cov[1]');
    refused(() => gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 2, 2, 1) } }), 'options.known.cov');
    refused(() => gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0, 1) } }), 'options.known.cov.length');
    refused(() => gaussianModel({ dim: 2, covariance: 'pooled-mle', known: { cov: known } }), 'options.covariance');
  });
});

describe('gaussianModel: metrics, validation, sampling', () => {
  const model = gaussianModel({ dim: 2 });
  const truth: GaussianTheta = { mean: Float64Array.of(1, -1), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };

  it("metrics are 'mean' = ‖μ̂ − μ‖² and 'cov' = ‖Σ̂ − Σ‖_F² (hand values)", () => {
    expect(Object.keys(model.metrics)).toEqual(['mean', 'cov']);
    const estimate = { mean: Float64Array.of(2, 1), cov: Float64Array.of(2, 0.3, 0.3, 0.5) };
    expect(model.metrics.mean(estimate, truth)).toBe(1 + 4);
    expect(model.metrics.cov(estimate, truth)).toBe(1);
  });

  it('validate accepts symmetric PSD (also singular) covariances and rejects the rest, naming the parameter', () => {
    model.validate(truth);
    model.validate({ mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 1, 1, 1) }); // PSD, rank 1
    model.validate({ mean: Float64Array.of(0, 0), cov: new Float64Array(4) }); // fully collapsed
    refused(() => model.validate({ mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 2, 2, 1) }), 'theta.cov');
    refused(() => model.validate({ mean: Float64Array.of(0, 0), cov: Float64Array.of(-1, 0, 0, 1) }), 'theta.cov');
    refused(() => model.validate({ mean: Float64Array.of(0, 0), cov: Float64Array.of(0, 1, 1, 0) }), 'theta.cov');
    refused(() => model.validate({ mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.1, 0, 1) }, 'est'), 'est.cov[1]');
    refused(() => model.validate({ mean: Float64Array.of(0), cov: truth.cov }), 'theta.mean.length');
    refused(() => model.validate({ mean: Float64Array.of(0, NaN), cov: truth.cov }), 'theta.mean[1]');
    // A 3×3 PSD matrix of rank 2 (Σ = AAᵀ) is accepted; flipping one eigen-direction makes it indefinite.
    const m3 = gaussianModel({ dim: 3 });
    m3.validate({ mean: new Float64Array(3), cov: Float64Array.of(2, 1, 1, 1, 1, 0, 1, 0, 1) });
    refused(() => m3.validate({ mean: new Float64Array(3), cov: Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1, 0.5) }), 'theta.cov');
  });

  it('sample draws rows through cholesky(θ.cov) and fillMultivariateNormal (same stream, same rows)', () => {
    const key = rootKey('models.gaussian.test').child('wiring');
    const drawn = model.sample(truth, 7, key.stream());
    expect(drawn.size).toBe(7);
    expect(drawn.dim).toBe(2);
    expect(drawn.y).toBeNull();
    const reference = fillMultivariateNormal(key.stream(), truth.mean, cholesky(truth.cov, 2), 7);
    expect(Array.from(drawn.x)).toEqual(Array.from(reference));
    expect(model.sample(truth, 0, key.stream()).x.length).toBe(0);
  });

  it('sampling from a singular (collapsed) covariance throws NumericalError singular naming the model covariance', () => {
    const collapsed = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 1, 1, 1) };
    try {
      model.sample(collapsed, 3, rootKey('models.gaussian.test').stream());
      expect.unreachable('no error thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(NumericalError);
      expect((error as NumericalError).kind).toBe('singular');
      expect((error as NumericalError).message).toMatch(/covariance of the Gaussian model being sampled.*singular/);
    }
  });
});

describe('gaussianModel: bad input', () => {
  const model = gaussianModel({ dim: 2 });
  const good = data([0, 0, 1, 2, 2, 1], 2);
  it('names the parameter', () => {
    refused(() => model.fit([{ data: data([0, 0, NaN, 2, 2, 1], 2), weight: 1 }]), 'sources[0].data.x[2]');
    refused(() => model.fit([{ data: good, weight: 1 }, { data: good, weight: -0.5 }]), 'sources[1].weight');
    refused(() => model.fit([{ data: good, weight: NaN }]), 'sources[0].weight');
    refused(() => model.fit([{ data: good, weight: 0 }, { data: good, weight: 0 }]), 'sources (sum of weights)');
    refused(() => model.fit([{ data: good, weight: 1 }, { data: data([1, 2, 3], 3), weight: 1 }]), 'sources[1].data.dim');
    refused(() => model.fit([{ data: good, weight: 1 }, { data: data([1, 2], 2), weight: 1 }]), 'sources[1].data.size');
    refused(() => model.fit([]), 'sources');
    refused(() => model.fit([{ data: { size: 3, dim: 2, x: new Float64Array(4), y: null }, weight: 1 }]), 'sources[0].data.x.length');
    // n = 1 is fine for the pooled MLE (a point mass), not for the unbiased convention.
    expect(Array.from(gaussianModel({ dim: 2, covariance: 'pooled-mle' }).fit([{ data: data([1, 2], 2), weight: 1 }]).cov)).toEqual([0, 0, 0, 0]);
    refused(() => gaussianModel({ dim: 0 }), 'options.dim');
    refused(() => gaussianModel({ dim: 2, covariance: 'ddof0' as never }), 'options.covariance');
    refused(() => model.sample({ mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0, 0, 1) }, -1, rootKey('x').stream()), 'size');
    refused(() => sampleCovarianceUnbiased(data([1, 2], 2)), 'data.size');
    refused(() => weightedMeanOfSources([{ data: good, weight: 1 }], 3), 'sources[0].data.dim');
  });
});

describe('gaussianModel: one fit step, statistically (engine.models.gaussian)', () => {
  // Σ = [[1, .3], [.3, .5]]: P = ‖Σ‖_F² = 1.43, Q = (trΣ)² = 2.25, trΣ = 1.5; n = 10.
  // Wishart facts (CLAIMS.md §1.4): E‖S − Σ‖_F² = (P + Q)/(n − 1) = 0.40889 for the unbiased S, and
  // E‖x̄ − μ‖² = trΣ/n = 0.15. For the ddof-0 S₀ = ((n − 1)/n)S: E‖S₀ − Σ‖² = ((n − 1)/n)²(P + Q)/(n − 1) + P/n²
  // = 0.34550, 0.0634 below — the negative control.
  const truth: GaussianTheta = { mean: Float64Array.of(1, -1), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
  const n = 10;
  const R = 10_000;
  const P = 1.43;
  const Q = 2.25;
  const alpha = alphaFor('engine.models.gaussian') / 2; // two assertions
  const beta = alphaFor('engine.models.gaussian.power');
  const detectableCov = 0.06;
  const detectableMean = 0.02;

  function errors(covariance: 'unbiased-per-source' | 'pooled-mle'): { mean: Float64Array; cov: Float64Array } {
    const model = gaussianModel({ dim: 2, covariance });
    const key = suiteKey().child('engine.models.gaussian', 'one-step');
    const mean = new Float64Array(R);
    const cov = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const estimate = model.fit([{ data: model.sample(truth, n, key.child(r).stream()), weight: 1 }]);
      mean[r] = model.metrics.mean(estimate, truth);
      cov[r] = model.metrics.cov(estimate, truth);
    }
    return { mean, cov };
  }

  it('E‖Σ̂ − Σ‖_F² = (P + Q)/(n − 1) and E‖μ̂ − μ‖² = trΣ/n (detects 0.06 and 0.02)', () => {
    const e = errors('unbiased-per-source');
    expectPass(checkMean({ label: 'E‖Σ̂ − Σ‖²', samples: e.cov, oracle: (P + Q) / (n - 1), alpha, beta, detectable: detectableCov }));
    expectPass(checkMean({ label: 'E‖μ̂ − μ‖²', samples: e.mean, oracle: 1.5 / n, alpha, beta, detectable: detectableMean }));
  });

  it('negative control: the ddof-0 (pooled-mle) covariance, 0.063 below the oracle, is rejected', () => {
    const e = errors('pooled-mle');
    expectReject(checkMean({ label: 'E‖Σ̂₀ − Σ‖² vs the ddof-1 oracle', samples: e.cov, oracle: (P + Q) / (n - 1), alpha, beta, detectable: detectableCov }));
  });
});

/**
 * Fuzzed inputs for src/models (issue 7): the constructors (gaussianModel, gammaModel, empiricalModel,
 * categoricalModel, uniformModel, gaussianSummaries, categoricalSummaries, continuousTruth, standardNormalTruth),
 * every model's sample / fit / validate / metrics and summaries, and the dataset and weight helpers, on arbitrary
 * arguments: edge numbers in the data (1e308 whose means overflow, 5e-324, −0), wrong dims and lengths, negative
 * and non-finite weights, wrong types everywhere. Each call returns finite numbers of the right shape or throws
 * InvalidArgumentError / NumericalError naming the parameter (contract in fuzz.harness.ts). GLMs: fuzz.glm.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyNumber, anyVector, anything, countArgOf, float64, fuzz, mostly, seedOf, streamArg, streamOf, type FuzzTarget } from './fuzz.harness.js';
import {
  gaussianModel, gammaModel, empiricalModel, categoricalModel, uniformModel, gaussianSummaries, categoricalSummaries,
  continuousTruth, standardNormalTruth, weightedMeanOfSources, sampleCovarianceUnbiased, gammaShapeMle, gammaFisherInformation,
  dataset, takeRows, concatRows, sampleWithoutReplacement, normalisedSourceWeights,
} from '../src/models/index.js';
import type { Dataset, Model, Summary, SummaryCapability } from '../src/models/types.js';
import type { Stream } from '../src/rng/stream.js';
import { normalCdf } from '../src/special/normalCdf.js';
import { normalQuantile } from '../src/special/normalQuantile.js';

const RUNS = 120;

/** Data entries: mostly modest, sometimes huge (means and scatters overflow) or tiny. */
const entry = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 1e200, 5e-324, -0, 0) },
  { weight: 1, arbitrary: anyNumber },
);
const positiveEntry = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 1e-3, max: 20, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, Number.MAX_VALUE, 5e-324, 1e-300, 1) },
  { weight: 1, arbitrary: anyNumber },
);

/** A dataset of `dim` columns (sizes 0..7) from `cell`, or a corrupted one (wrong dim, x length or size, junk). */
function datasetArb(dim: number, cell: fc.Arbitrary<number> = entry, maxSize = 7): fc.Arbitrary<unknown> {
  const valid = fc.integer({ min: 0, max: maxSize }).chain((size) => float64(cell, size * dim, size * dim).map((x): Dataset => ({ size, dim, x, y: null })));
  const corrupted = fc.tuple(valid, fc.constantFrom('dim', 'size', 'x', 'xlength', 'null')).map(([d, how]) => {
    const data = d as Dataset;
    switch (how) {
      case 'dim': return { ...data, dim: dim + 1 };
      case 'size': return { ...data, size: data.size + 1 };
      case 'x': return { ...data, x: Array.from(data.x) };
      case 'xlength': return { ...data, x: new Float64Array(data.x.length + 1) };
      default: return null;
    }
  });
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: corrupted }, { weight: 1, arbitrary: anything });
}

/** Weighted sources over datasets from `data`: 1..3 sources with mostly valid weights, or junk. */
function sourcesArb(data: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const weight = fc.oneof({ weight: 5, arbitrary: fc.double({ min: 0, max: 3, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 1e308, 5e-324) }, { weight: 1, arbitrary: anything });
  const source = fc.oneof({ weight: 8, arbitrary: fc.record({ data, weight }) }, { weight: 1, arbitrary: anything });
  return fc.oneof({ weight: 6, arbitrary: fc.array(source, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: anything });
}

/** A d×d covariance: SPD, PSD-singular, nearly singular, asymmetric, indefinite, huge, or junk. */
function covarianceArb(d: number): fc.Arbitrary<unknown> {
  const spd = fc.tuple(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d * d, maxLength: d * d }), fc.constantFrom(1, 1e-3, 1e-14, 0, 1e300)).map(([b, eps]) => {
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = i === j ? eps : 0;
      for (let k = 0; k < d; k++) s += b[i * d + k] * b[j * d + k];
      a[i * d + j] = s;
    }
    return a;
  });
  return fc.oneof({ weight: 5, arbitrary: spd }, { weight: 1, arbitrary: float64(entry, d * d, d * d) }, { weight: 1, arbitrary: anyVector });
}

function gaussianTheta(d: number): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: fc.record({ mean: float64(entry, d, d), cov: covarianceArb(d) }) }, { weight: 1, arbitrary: fc.record({ mean: anyVector, cov: anyVector }) }, { weight: 1, arbitrary: anything });
}

/** A probability vector of length k (sometimes with zeros), a near miss, or junk. */
function probsArb(k: number): fc.Arbitrary<unknown> {
  const valid = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(0)), { minLength: k, maxLength: k }).filter((a) => a.some((v) => v > 0)).map((a) => {
    const s = a.reduce((x, y) => x + y, 0);
    return Float64Array.from(a, (v) => v / s);
  });
  return fc.oneof({ weight: 5, arbitrary: valid.map((probs) => ({ probs })) }, { weight: 1, arbitrary: fc.record({ probs: anyVector }) }, { weight: 1, arbitrary: anything });
}

const labelData = (k: number) => datasetArb(1, fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: k - 1 }) }, { weight: 1, arbitrary: anyNumber }));
const size = countArgOf(12);
const nameArg = fc.oneof(fc.constant(undefined), fc.constant('theta'), anything);

/** sample / fit / validate / metrics targets of a model built with valid options. */
function modelTargets(label: string, model: Model<unknown>, theta: fc.Arbitrary<unknown>, data: fc.Arbitrary<unknown>): FuzzTarget[] {
  const targets: FuzzTarget[] = [
    { name: `${label}.sample`, args: fc.tuple(theta, size, streamArg), call: (t, n, s) => model.sample(t, n as number, s as Stream), options: { check: (v) => checkDataset(v as Dataset) } },
    { name: `${label}.fit`, args: fc.tuple(sourcesArb(data)), call: (sources) => model.fit(sources as never) },
    { name: `${label}.validate`, args: fc.tuple(theta, nameArg), call: (t, name) => model.validate(t, name as string) },
  ];
  for (const metric of Object.keys(model.metrics)) {
    targets.push({
      name: `${label}.metrics.${metric}`,
      args: fc.tuple(theta, theta),
      call: (a, b) => model.metrics[metric](a, b),
      options: { check: (v) => expect(v as number).toBeGreaterThanOrEqual(0) },
    });
  }
  return targets;
}

function summaryTargets(label: string, summaries: SummaryCapability<unknown>, theta: fc.Arbitrary<unknown>, data: fc.Arbitrary<unknown>, statsLength: number): FuzzTarget[] {
  const summary = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(theta, countArgOf(30), fc.integer({ min: 0, max: 1000 })).map(([t, n, s]) => {
      try { return summaries.sample(t, n as number, streamOf({ __stream: s })); } catch { return null; }
    }) },
    { weight: 3, arbitrary: data.map((d) => { try { return summaries.fromData(d as Dataset); } catch { return { size: 0, stats: new Float64Array(statsLength) }; } }) },
    { weight: 1, arbitrary: fc.record({ size: anyNumber, stats: float64(entry, statsLength, statsLength) }) },
    { weight: 1, arbitrary: anything },
  );
  const summarySources = fc.oneof({ weight: 6, arbitrary: fc.array(fc.record({ summary, weight: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), anything) }), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: anything });
  return [
    { name: `${label}.summaries.sample`, args: fc.tuple(theta, fc.oneof(size, fc.constantFrom(1e6, 2 ** 40, Number.MAX_SAFE_INTEGER)), streamArg), call: (t, n, s) => summaries.sample(t, n as number, s as Stream) },
    { name: `${label}.summaries.fromData`, args: fc.tuple(data), call: (d) => summaries.fromData(d as Dataset) },
    { name: `${label}.summaries.pool`, args: fc.tuple(fc.oneof(fc.array(summary, { maxLength: 3 }), anything)), call: (parts) => summaries.pool(parts as Summary[]) },
    { name: `${label}.summaries.fit`, args: fc.tuple(summarySources), call: (sources) => summaries.fit(sources as never) },
  ];
}

/** A returned dataset has the shape it declares and finite entries. */
function checkDataset(data: Dataset): void {
  expect(Number.isSafeInteger(data.size) && data.size >= 0).toBe(true);
  expect(data.x).toBeInstanceOf(Float64Array);
  // Compared with ===, not toBe (Object.is): a size of −0 is a valid size (sampleSize accepts it, as
  // Number.isSafeInteger and ≥ 0 do) and a sample of −0 rows has x.length +0; −0 vs +0 is no shape error.
  expect(data.x.length === data.size * data.dim).toBe(true);
}

const uniformCdf = (x: number) => Math.min(1, Math.max(0, x));
const empiricalTheta = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }).chain((n) => fc.record({ kind: fc.constant('atoms' as const), atoms: float64(entry, n, n), weights: fc.constant(Float64Array.from({ length: n }, () => 1 / n)) })) },
  { weight: 2, arbitrary: fc.constant(standardNormalTruth()) },
  { weight: 1, arbitrary: fc.constant({ kind: 'continuous', cdf: uniformCdf, quantile: (u: number) => u, label: 'U(0,1)' }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'continuous', cdf: normalCdf, quantile: (u: number) => (u < 0.5 ? normalQuantile(u) : NaN), label: 'broken quantile' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('atoms', 'continuous', 'other'), atoms: anyVector, weights: anyVector, cdf: anything, quantile: anything, label: anything }) },
  { weight: 1, arbitrary: anything },
);

const targets: FuzzTarget[] = [
  // constructors
  {
    name: 'gaussianModel',
    args: fc.tuple(fc.oneof(
      fc.record({ dim: mostly(fc.integer({ min: 1, max: 3 })), covariance: fc.oneof(fc.constant(undefined), fc.constantFrom('unbiased-per-source', 'pooled-mle'), anything) }, { requiredKeys: ['dim'] }),
      fc.integer({ min: 1, max: 3 }).chain((d) => fc.record({ dim: fc.constant(d), known: fc.oneof(fc.record({ cov: covarianceArb(d) }), anything) })),
      anything,
    )),
    call: (options) => gaussianModel(options as never).name,
  },
  { name: 'gaussianSummaries', args: fc.tuple(fc.oneof(fc.record({ dim: mostly(fc.integer({ min: 1, max: 3 })) }), anything)), call: (options) => typeof gaussianSummaries(options as never).fit },
  { name: 'categoricalModel', args: fc.tuple(mostly(fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 26)))), call: (k) => categoricalModel(k as number).name },
  { name: 'categoricalSummaries', args: fc.tuple(mostly(fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 26)))), call: (k) => typeof categoricalSummaries(k as number).fit },
  {
    name: 'continuousTruth',
    args: fc.tuple(
      fc.oneof(fc.constantFrom(normalCdf, uniformCdf, () => NaN, () => 0.5), anything),
      fc.oneof(fc.constantFrom(normalQuantile, (u: number) => u, () => Infinity), anything),
      fc.oneof(fc.string({ maxLength: 8 }), anything),
    ),
    call: (cdf, quantile, label) => continuousTruth(cdf as never, quantile as never, label as string).label,
  },
  // helpers
  { name: 'dataset', args: fc.tuple(mostly(float64(entry, 0, 8)), mostly(fc.integer({ min: 1, max: 4 })), fc.oneof(fc.constant(null), fc.constant(undefined), float64(entry, 0, 8), anything), fc.oneof(fc.constant(undefined), fc.string({ maxLength: 4 }), anything)), call: (x, dim, y, name) => dataset(x as Float64Array, dim as number, y as Float64Array, name as string) },
  {
    name: 'takeRows',
    args: fc.tuple(datasetArb(2), fc.oneof(fc.array(fc.integer({ min: -1, max: 8 }), { maxLength: 5 }), fc.array(anyNumber, { maxLength: 3 }), anything)),
    call: (data, indices) => takeRows(data as Dataset, indices as number[]),
  },
  { name: 'concatRows', args: fc.tuple(fc.oneof(fc.array(datasetArb(2), { maxLength: 3 }), anything)), call: (parts) => concatRows(parts as Dataset[]) },
  {
    name: 'sampleWithoutReplacement',
    args: fc.tuple(mostly(fc.integer({ min: 1, max: 50 })), mostly(fc.integer({ min: 0, max: 50 })), streamArg),
    call: (population, k, s) => Array.from(sampleWithoutReplacement(population as number, k as number, s as Stream)),
  },
  {
    name: 'normalisedSourceWeights',
    args: fc.tuple(sourcesArb(datasetArb(1)), mostly(fc.constant(1)), fc.oneof(fc.constant(undefined), mostly(fc.integer({ min: 0, max: 3 }))), fc.oneof(fc.constant(undefined), fc.string({ maxLength: 4 }), anything)),
    call: (sources, dim, minSize, name) => normalisedSourceWeights(sources as never, dim as number, minSize as number, name as string),
  },
  { name: 'weightedMeanOfSources', args: fc.tuple(sourcesArb(datasetArb(2)), mostly(fc.constant(2)), fc.oneof(fc.constant(undefined), anyVector)), call: (sources, dim, out) => weightedMeanOfSources(sources as never, dim as number, out as Float64Array) },
  { name: 'sampleCovarianceUnbiased', args: fc.tuple(datasetArb(2), fc.oneof(fc.constant(undefined), anyVector)), call: (data, out) => sampleCovarianceUnbiased(data as Dataset, out as Float64Array) },
  { name: 'gammaShapeMle', args: fc.tuple(mostly(fc.oneof(fc.double({ min: 1e-12, max: 50, noNaN: true }), fc.constantFrom(5e-324, 1e-300, 1e-16, 1e300)))), call: (s) => gammaShapeMle(s as number), options: { check: (v) => expect(v as number).toBeGreaterThan(0) } },
  { name: 'gammaFisherInformation', args: fc.tuple(mostly(positiveEntry), mostly(positiveEntry)), call: (a, b) => gammaFisherInformation(a as number, b as number) },
  // models
  ...modelTargets('gaussianModel({dim: 2})', gaussianModel({ dim: 2 }) as Model<unknown>, gaussianTheta(2), datasetArb(2)),
  ...modelTargets('gaussianModel({dim: 1, pooled-mle})', gaussianModel({ dim: 1, covariance: 'pooled-mle' }) as Model<unknown>, gaussianTheta(1), datasetArb(1)),
  ...modelTargets('gaussianModel({dim: 2, known})', gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0.3, 0.3, 2) } }) as Model<unknown>, gaussianTheta(2), datasetArb(2)),
  ...summaryTargets('gaussianModel({dim: 2})', gaussianModel({ dim: 2 }).summaries as SummaryCapability<unknown>, gaussianTheta(2), datasetArb(2), 6),
  ...summaryTargets('gaussianModel({dim: 1, pooled-mle})', gaussianModel({ dim: 1, covariance: 'pooled-mle' }).summaries as SummaryCapability<unknown>, gaussianTheta(1), datasetArb(1), 2),
  ...modelTargets('gammaModel()', gammaModel() as Model<unknown>, fc.oneof(fc.record({ shape: positiveEntry, rate: positiveEntry }), anything), datasetArb(1, positiveEntry)),
  ...modelTargets('empiricalModel()', empiricalModel() as Model<unknown>, empiricalTheta, datasetArb(1)),
  ...modelTargets('categoricalModel(3)', categoricalModel(3) as Model<unknown>, probsArb(3), labelData(3)),
  ...summaryTargets('categoricalModel(3)', categoricalModel(3).summaries as SummaryCapability<unknown>, probsArb(3), labelData(3), 3),
  ...modelTargets('uniformModel()', uniformModel() as Model<unknown>, fc.oneof(fc.record({ upper: positiveEntry }), anything), datasetArb(1, positiveEntry)),
];

describe('fuzz src/models: finite results of the declared shape, or InvalidArgumentError / NumericalError naming the parameter', () => {
  for (const target of targets) {
    it(target.name, () => {
      fuzz(target, RUNS, seedOf(target.name));
    });
  }

  it('sampleWithoutReplacement: the sparse shuffle (population > 65536) draws exactly the indices of the dense one', () => {
    // The dense partial Fisher–Yates shuffle sampleWithoutReplacement used for every population before the fuzz
    // found it allocating Int32Array(2^31 − 1); the sparse one must make the same swaps with the same draws.
    const dense = (population: number, k: number, stream: Stream): Int32Array => {
      const out = new Int32Array(k);
      const pool = Int32Array.from({ length: population }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + stream.nextInt(population - i);
        const tmp = pool[i];
        pool[i] = pool[j];
        pool[j] = tmp;
        out[i] = pool[i];
      }
      return out.sort();
    };
    for (let c = 0; c < 40; c++) {
      const population = 65537 + ((c * 7919) % 200000);
      const k = (c * 131) % 3000;
      const key = streamOf({ __stream: c });
      expect(Array.from(sampleWithoutReplacement(population, k, key))).toEqual(Array.from(dense(population, k, streamOf({ __stream: c }))));
    }
  });

  it('argument-free constructors and truths return usable objects', () => {
    for (const make of [gammaModel, empiricalModel, uniformModel]) expect(typeof make().fit).toBe('function');
    expect(standardNormalTruth().cdf(0)).toBe(0.5);
  });
});


describe('overflow fallbacks found by the fuzz: exact answers where they are representable, NumericalError where not', () => {
  const data = (x: number[], dim = 1): Dataset => ({ size: x.length / dim, dim, x: Float64Array.from(x), y: null });
  const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  const TWO_600 = 2 ** 600;
  const moderate = [0.3, -1.2, 2.5, 0.7, -0.4, 1.9, -2.2, 0.05];

  it('sampleCovarianceUnbiased: scaling the data by 2^600 scales the covariance by 2^1200 (the scaled path), or overflows', () => {
    const small = sampleCovarianceUnbiased(data(moderate, 2));
    const huge = sampleCovarianceUnbiased(data(moderate.map((v) => v * 2 ** 500), 2));
    for (let i = 0; i < 4; i++) expect(relative(huge[i] / 2 ** 500 / 2 ** 500, small[i])).toBeLessThan(1e-14);
    // [1e154, −1e154, 0, 0]: the scatter 2e308 overflows, the covariance 2e308/3 does not.
    expect(relative(sampleCovarianceUnbiased(data([1e154, -1e154, 0, 0]))[0], (1e308 / 3) * 2)).toBeLessThan(1e-15);
    expect(Array.from(sampleCovarianceUnbiased(data([1e308, 1e308, 1e308])))).toEqual([0]);
    expect(() => sampleCovarianceUnbiased(data([1e300, -1e300]))).toThrow(/^overflow: .*data\.x/);
  });

  it('gaussianModel fit and summaries: the mean of entries near 1e308 is finite and exact; the fast path agrees with fit', () => {
    const model = gaussianModel({ dim: 2 });
    const meanOnly = gaussianModel({ dim: 2, known: { cov: Float64Array.of(1, 0, 0, 1) } }); // (the covariance of these data overflows)
    const fitted = meanOnly.fit([{ data: data(moderate.map((v) => v * TWO_600 * 2 ** 420), 2), weight: 1 }]);
    const reference = meanOnly.fit([{ data: data(moderate, 2), weight: 1 }]);
    for (let j = 0; j < 2; j++) expect(relative(fitted.mean[j] / TWO_600 / 2 ** 420, reference.mean[j])).toBeLessThan(1e-14);
    const summaries = model.summaries as SummaryCapability<{ mean: Float64Array; cov: Float64Array }>;
    // column sums overflow, the mean (1e308, −1.5e308) and the scatter (0) do not
    const equalRows = data([1e308, -1.5e308, 1e308, -1.5e308, 1e308, -1.5e308], 2);
    const viaSummary = summaries.fit([{ summary: summaries.fromData(equalRows), weight: 1 }]);
    const viaRows = model.fit([{ data: equalRows, weight: 1 }]);
    expect(Array.from(viaSummary.mean)).toEqual([1e308, -1.5e308]);
    expect(Array.from(viaRows.mean)).toEqual([1e308, -1.5e308]);
    expect(Array.from(viaSummary.cov)).toEqual([0, 0, 0, 0]);
    expect(Array.from(viaRows.cov)).toEqual([0, 0, 0, 0]);
    expect(Array.from(model.fit([{ data: data([1e308, 1e308, 1e308, 1e308], 2), weight: 1 }]).mean)).toEqual([1e308, 1e308]);
  });

  it('gammaModel fit: data scaled by 2^1000 (sums overflow) give the same shape and the rate divided by 2^1000', () => {
    const x = [0.5, 1.7, 2.2, 0.9, 3.1];
    const model = gammaModel();
    const base = model.fit([{ data: data(x), weight: 1 }]);
    const scaled = model.fit([{ data: data(x.map((v) => v * 2 ** 1000)), weight: 1 }]);
    expect(relative(scaled.shape, base.shape)).toBeLessThan(1e-12);
    expect(relative(scaled.rate * 2 ** 1000, base.rate)).toBeLessThan(1e-12);
  });

  it('gammaFisherInformation and the metrics report overflow instead of ±Infinity', () => {
    expect(() => gammaFisherInformation(0.5, 5e-324)).toThrow(/^overflow: .*rate/);
    expect(() => gammaModel().metrics.params({ shape: 1, rate: 1e-3 }, { shape: 7, rate: 1e308 })).toThrow(/^overflow: /);
    expect(uniformModel().metrics.logRatio({ upper: 1e308 }, { upper: 5e-324 })).toBeCloseTo(Math.log(1e308) - Math.log(5e-324), 10);
  });
});

/**
 * Fuzzed inputs for src/models/glm (issue 7), with the contract of fuzz.harness.ts: every call returns finite
 * numbers of the declared shape or throws InvalidArgumentError / NumericalError naming the parameter.
 *
 * Targets: glmModel (options: families, dims, Σ_x from SPD to nearly singular to indefinite, fixed designs,
 * tolerances), and for each family the model's sample / fit / validate / metrics.beta, plus glmBetaSquaredError,
 * glmFisherInformation, glmFisherInverseTrace, logisticProjectionMoments, gaussHermite and gaussLegendre. The
 * inputs aim at the GLMs' numerical edges: (quasi-)separable logistic data at small n, Poisson coefficients whose
 * η = xᵀβ passes 700 (exp overflows), nearly singular Σ_x, sources of weight 0 and 1 (w = 0 / w = 1 of the fresh
 * policy), a single synthetic point (m = 1), huge covariates, and wrong types everywhere.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyNumber, anyVector, anything, countArgOf, float64, fuzz, mostly, seedOf, streamArg, type FuzzTarget } from './fuzz.harness.js';
import {
  glmModel, glmBetaSquaredError, glmFisherInformation, glmFisherInverseTrace, logisticProjectionMoments, gaussHermite, gaussLegendre,
  type GlmFamily, type GlmModel,
} from '../src/models/glm/index.js';
import type { Dataset, Model } from '../src/models/types.js';
import type { Stream } from '../src/rng/stream.js';

const RUNS = 120;

/** Covariate entries: modest, or (in an edgy dataset) sometimes huge, tiny or junk. */
const modestCovariate = fc.double({ min: -3, max: 3, noNaN: true });
const edgyCovariate = fc.oneof(
  { weight: 10, arbitrary: modestCovariate },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 1e154, 1e10, 5e-324, -0, 0) },
  { weight: 1, arbitrary: anyNumber },
);
/** Chosen per dataset: all entries modest (so that large valid datasets occur), or edgy entries. */
const covariateCell: fc.Arbitrary<fc.Arbitrary<number>> = fc.oneof({ weight: 3, arbitrary: fc.constant(modestCovariate) }, { weight: 1, arbitrary: fc.constant(edgyCovariate) });

/** Responses of `family`, chosen per dataset: all valid, or sometimes out of range or junk. */
function responseOf(family: GlmFamily): fc.Arbitrary<fc.Arbitrary<number>> {
  const valid =
    family === 'logistic' ? fc.constantFrom(0, 1)
    : family === 'poisson' ? fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(0, 1e6, 1e300))
    : fc.double({ min: -10, max: 10, noNaN: true });
  const edgy = fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: anyNumber });
  return fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: fc.constant(edgy) });
}

/**
 * A regression dataset with p columns: random rows, or separable logistic rows (y = 1 exactly when x₀ > 0), or
 * one row (m = 1), or a corrupted one (wrong dim, missing y, wrong y length, junk).
 */
function regressionData(family: GlmFamily, p: number): fc.Arbitrary<unknown> {
  const rows = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), covariateCell, responseOf(family)).chain(([size, cell, response]) =>
    fc.tuple(float64(cell, size * p, size * p), float64(response, size, size)).map(([x, y]): Dataset => ({ size, dim: p, x, y })));
  const separable = fc.integer({ min: 2, max: 8 }).chain((size) =>
    float64(fc.double({ min: -3, max: 3, noNaN: true }), size * p, size * p).map((x): Dataset => ({
      size, dim: p, x, y: Float64Array.from({ length: size }, (_, i) => (x[i * p] > 0 ? 1 : 0)),
    })));
  const valid = fc.oneof({ weight: 3, arbitrary: rows(0, 12) }, { weight: 2, arbitrary: separable }, { weight: 1, arbitrary: rows(1, 1) }, { weight: 4, arbitrary: rows(30, 60) });
  const corrupted = fc.tuple(valid, fc.constantFrom('dim', 'noY', 'yLength', 'xArray', 'null')).map(([d, how]) => {
    const data = d as Dataset;
    switch (how) {
      case 'dim': return { ...data, dim: p + 1 };
      case 'noY': return { ...data, y: null };
      case 'yLength': return { ...data, y: new Float64Array(data.size + 1) };
      case 'xArray': return { ...data, x: Array.from(data.x) };
      default: return null;
    }
  });
  return fc.oneof({ weight: 16, arbitrary: valid }, { weight: 1, arbitrary: corrupted }, { weight: 1, arbitrary: anything });
}

/** 1..3 weighted sources, weights often exactly 0 or 1 (w = 0 / w = 1), sometimes junk. */
function sourcesOf(family: GlmFamily, p: number): fc.Arbitrary<unknown> {
  const weight = fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 4, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: anything });
  const source = fc.oneof({ weight: 20, arbitrary: fc.record({ data: regressionData(family, p), weight }) }, { weight: 1, arbitrary: anything });
  return fc.oneof({ weight: 8, arbitrary: fc.array(source, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: anything });
}

/** β: modest, large (Poisson η past 700, logistic saturation), or junk. */
function betaOf(p: number): fc.Arbitrary<unknown> {
  const entry = fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
    { weight: 2, arbitrary: fc.constantFrom(300, 700, 710, 1e4, -1e4, 1e308) },
    { weight: 1, arbitrary: anyNumber },
  );
  return fc.oneof({ weight: 8, arbitrary: float64(entry, p, p).map((beta) => ({ beta })) }, { weight: 1, arbitrary: fc.record({ beta: anyVector }) }, { weight: 1, arbitrary: anything });
}

/** A p×p Σ_x: identity-like SPD, nearly singular (eigenvalue ~1e-12), singular, indefinite, or junk. */
function covariateCovOf(p: number): fc.Arbitrary<unknown> {
  const spd = fc.tuple(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: p * p, maxLength: p * p }), fc.constantFrom(1, 1e-6, 1e-12, 0, -1e-3)).map(([b, eps]) => {
    const a = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let s = i === j ? eps : 0;
      for (let k = 0; k < p; k++) s += b[i * p + k] * b[j * p + k];
      a[i * p + j] = s;
    }
    return a;
  });
  return fc.oneof({ weight: 6, arbitrary: spd }, { weight: 1, arbitrary: anyVector });
}

const familyArb = fc.constantFrom<GlmFamily>('linear', 'logistic', 'poisson');

/** sample / fit / validate / metrics.beta of a model built with valid options. */
function modelTargets(label: string, model: GlmModel, family: GlmFamily, p: number): FuzzTarget[] {
  const m = model as Model<unknown>;
  return [
    {
      name: `${label}.sample`,
      args: fc.tuple(betaOf(p), countArgOf(40), streamArg),
      call: (theta, size, stream) => m.sample(theta, size as number, stream as Stream),
      options: {
        check: (v) => {
          const d = v as Dataset;
          expect(d.x.length === d.size * p && d.y instanceof Float64Array && d.y.length === d.size).toBe(true);
        },
      },
    },
    { name: `${label}.fit`, args: fc.tuple(sourcesOf(family, p)), call: (sources) => m.fit(sources as never) },
    { name: `${label}.validate`, args: fc.tuple(betaOf(p), fc.oneof(fc.constant(undefined), fc.constant('theta'), anything)), call: (theta, name) => m.validate(theta, name as string) },
    {
      name: `${label}.metrics.beta`,
      args: fc.tuple(betaOf(p), betaOf(p)),
      call: (a, b) => m.metrics.beta(a, b),
      options: { check: (v) => expect(v as number).toBeGreaterThanOrEqual(0) },
    },
  ];
}

const targets: FuzzTarget[] = [
  {
    name: 'glmModel',
    args: fc.tuple(fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }).chain((p) => fc.record({
        family: mostly(familyArb, 8),
        dim: fc.constant(p),
        covariateCov: fc.oneof(fc.constant(undefined), covariateCovOf(p)),
        noiseVariance: fc.oneof(fc.constant(undefined), mostly(fc.double({ min: 1e-3, max: 10, noNaN: true }))),
        fixedDesign: fc.oneof(fc.constant(undefined), float64(edgyCovariate, 0, 3 * p)),
        tolerance: fc.oneof(fc.constant(undefined), anyNumber),
        maxIterations: fc.oneof(fc.constant(undefined), countArgOf(60)),
      }, { requiredKeys: ['family', 'dim'] })) },
      { weight: 1, arbitrary: fc.record({ family: anything, dim: anything, extra: anything }) },
      { weight: 1, arbitrary: anything },
    )),
    call: (options) => glmModel(options as never).config.dim,
  },
  { name: 'glmBetaSquaredError', args: fc.tuple(betaOf(2), betaOf(2)), call: (a, b) => glmBetaSquaredError(a as never, b as never), options: { check: (v) => expect(v as number).toBeGreaterThanOrEqual(0) } },
  {
    name: 'glmFisherInformation',
    args: fc.integer({ min: 1, max: 3 }).chain((p) => fc.tuple(mostly(familyArb, 8), betaOf(p).map((t) => (t !== null && typeof t === 'object' && 'beta' in t ? (t as { beta: unknown }).beta : t)), covariateCovOf(p), fc.oneof(fc.constant(undefined), fc.record({ noiseVariance: anything }), anything))),
    call: (family, beta, cov, options) => glmFisherInformation(family as GlmFamily, beta as Float64Array, cov as Float64Array, options as never),
  },
  {
    name: 'glmFisherInverseTrace',
    args: fc.integer({ min: 1, max: 3 }).chain((p) => fc.tuple(mostly(familyArb, 8), betaOf(p).map((t) => (t !== null && typeof t === 'object' && 'beta' in t ? (t as { beta: unknown }).beta : t)), covariateCovOf(p), fc.oneof(fc.constant(undefined), fc.record({ noiseVariance: anything }), anything))),
    call: (family, beta, cov, options) => (glmFisherInverseTrace as (...a: unknown[]) => unknown)(family, beta, cov, options),
  },
  { name: 'logisticProjectionMoments', args: fc.tuple(mostly(fc.oneof(fc.double({ min: 0, max: 50, noNaN: true }), fc.constantFrom(0, 1.5, 1e6, 1e300))), fc.oneof(fc.constant(undefined), anyVector)), call: (s, out) => logisticProjectionMoments(s as number, out as Float64Array) },
  { name: 'gaussHermite', args: fc.tuple(mostly(fc.integer({ min: 1, max: 200 }))), call: (n) => gaussHermite(n as number) },
  { name: 'gaussLegendre', args: fc.tuple(mostly(fc.integer({ min: 1, max: 200 }))), call: (n) => gaussLegendre(n as number) },
];
for (const family of ['linear', 'logistic', 'poisson'] as const) {
  for (const p of [1, 2]) targets.push(...modelTargets(`glmModel({${family}, dim: ${p}})`, glmModel({ family, dim: p }), family, p));
}
targets.push(
  ...modelTargets('glmModel({logistic, dim: 2, nearly singular Σ_x})', glmModel({ family: 'logistic', dim: 2, covariateCov: Float64Array.of(1, 1 - 1e-9, 1 - 1e-9, 1) }), 'logistic', 2),
  ...modelTargets('glmModel({poisson, dim: 2, fixedDesign})', glmModel({ family: 'poisson', dim: 2, fixedDesign: Float64Array.of(1, 0, 0, 1, 1, 1) }), 'poisson', 2),
);

describe('fuzz src/models/glm: finite results of the declared shape, or InvalidArgumentError / NumericalError naming the parameter', () => {
  for (const target of targets) {
    it(target.name, () => {
      fuzz(target, RUNS, seedOf(target.name));
    });
  }
});

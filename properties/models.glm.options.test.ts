/**
 * Bad input to the GLM model is rejected with an InvalidArgumentError that names the parameter: options
 * (unknown family, p < 1, Σ_x not SPD or not symmetric, noiseVariance ≤ 0 or given for a non-linear family,
 * NaN anywhere, malformed fixed designs, tolerances, iteration caps, unknown keys), parameters θ, sample
 * sizes and streams, and training sources (weights, shapes, responses outside the family's support).
 * Valid options are accepted and copied (later mutation of the caller's arrays has no effect).
 */
import { describe, expect, it } from 'vitest';
import { glmModel, glmBetaSquaredError, type GlmOptions } from '../src/models/glm/index.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { refused } from './helpers/refused.js';

const make = (options: unknown) => () => glmModel(options as GlmOptions);

describe('glmModel options', () => {
  it.each([
    [{ family: 'gamma', dim: 2 }, 'options.family'],
    [{ family: undefined, dim: 2 }, 'options.family'],
    [{ family: 'Logistic', dim: 2 }, 'options.family'],
    [{ family: 'linear', dim: 0 }, 'options.dim'],
    [{ family: 'linear', dim: -1 }, 'options.dim'],
    [{ family: 'linear', dim: 1.5 }, 'options.dim'],
    [{ family: 'linear', dim: Number.NaN }, 'options.dim'],
    [{ family: 'linear', dim: '2' }, 'options.dim'],
    [{ family: 'linear', dim: 2, covariateCov: [1, 2, 2, 1] }, 'options.covariateCov'], // eigenvalues 3, −1
    [{ family: 'linear', dim: 2, covariateCov: [1, 1, 1, 1] }, 'options.covariateCov'], // singular
    [{ family: 'linear', dim: 2, covariateCov: [0, 0, 0, 1] }, 'options.covariateCov'],
    [{ family: 'linear', dim: 2, covariateCov: [1, 0.5, 0.4, 1] }, 'options.covariateCov[2]'], // asymmetric
    [{ family: 'linear', dim: 2, covariateCov: [1, 0, 0] }, 'options.covariateCov.length'],
    [{ family: 'linear', dim: 2, covariateCov: [1, 0, 0, Number.NaN] }, 'options.covariateCov[3]'],
    [{ family: 'linear', dim: 2, covariateCov: 'identity' }, 'options.covariateCov'],
    [{ family: 'linear', dim: 2, noiseVariance: 0 }, 'options.noiseVariance'],
    [{ family: 'linear', dim: 2, noiseVariance: -1 }, 'options.noiseVariance'],
    [{ family: 'linear', dim: 2, noiseVariance: Number.NaN }, 'options.noiseVariance'],
    [{ family: 'linear', dim: 2, noiseVariance: Infinity }, 'options.noiseVariance'],
    [{ family: 'logistic', dim: 2, noiseVariance: 1 }, 'options.noiseVariance'],
    [{ family: 'poisson', dim: 2, noiseVariance: 2 }, 'options.noiseVariance'],
    [{ family: 'linear', dim: 2, fixedDesign: [1, 2, 3] }, 'options.fixedDesign.length'],
    [{ family: 'linear', dim: 2, fixedDesign: [] }, 'options.fixedDesign.length'],
    [{ family: 'linear', dim: 2, fixedDesign: [1, Number.NaN] }, 'options.fixedDesign[1]'],
    [{ family: 'linear', dim: 2, tolerance: 0 }, 'options.tolerance'],
    [{ family: 'linear', dim: 2, tolerance: 1 }, 'options.tolerance'],
    [{ family: 'linear', dim: 2, tolerance: Number.NaN }, 'options.tolerance'],
    [{ family: 'logistic', dim: 2, maxIterations: 0 }, 'options.maxIterations'],
    [{ family: 'logistic', dim: 2, maxIterations: 2.5 }, 'options.maxIterations'],
    [{ family: 'logistic', dim: 2, intercept: true }, 'options.intercept'],
    [{ family: 'logistic', dim: 2, noise_variance: 1 }, 'options.noise_variance'],
  ])('%j → InvalidArgumentError naming %s', (options, parameter) => {
    refused(make(options), parameter);
  });

  it('rejects a missing options object', () => {
    refused(make(null), 'options');
    refused(make(undefined), 'options');
  });

  it('accepts valid options and copies Σ_x and the design', () => {
    const cov = Float64Array.of(2, 0.5, 0.5, 1);
    const design = Float64Array.of(1, 0, 0, 1, 1, 1);
    const model = glmModel({ family: 'linear', dim: 2, covariateCov: cov, fixedDesign: design, noiseVariance: 0.5 });
    cov[0] = 99;
    design[0] = 99;
    expect(model.config.covariateCov[0]).toBe(2);
    const data = model.sample({ beta: Float64Array.of(1, 1) }, 3, rootKey('glm.options.copy').stream());
    expect(data.x[0]).toBe(1);
    expect(model.name).toBe('linear');
    expect(Object.keys(model.metrics)).toEqual(['beta']);
  });
});

describe('θ, size and stream', () => {
  const model = glmModel({ family: 'logistic', dim: 2 });
  const stream = rootKey('glm.options.theta').stream();
  it.each([
    [{ beta: [1, 1] }, 'theta.beta'],
    [{ beta: Float64Array.of(1) }, 'theta.beta.length'],
    [{ beta: Float64Array.of(1, Number.NaN) }, 'theta.beta[1]'],
    [{ beta: Float64Array.of(Infinity, 1) }, 'theta.beta[0]'],
    [null, 'theta'],
  ])('sample(%j) → InvalidArgumentError naming %s', (theta, parameter) => {
    refused(() => model.sample(theta as never, 10, stream), parameter);
    refused(() => model.validate(theta as never), parameter);
  });

  it('validate names a custom parameter', () => {
    refused(() => model.validate({ beta: Float64Array.of(1) }, 'truth'), 'truth.beta.length');
  });

  it.each([-1, 1.5, Number.NaN, '10'])('sample size %j → InvalidArgumentError naming size', (size) => {
    refused(() => model.sample({ beta: Float64Array.of(1, 1) }, size as number, stream), 'size');
  });

  it('rejects a non-stream', () => {
    refused(() => model.sample({ beta: Float64Array.of(1, 1) }, 5, {} as never), 'stream');
  });

  it('a fixed design requires size to be a multiple of its rows', () => {
    const fixed = glmModel({ family: 'linear', dim: 1, fixedDesign: [1, 2, 3] });
    refused(() => fixed.sample({ beta: Float64Array.of(1) }, 4, stream), 'size');
    expect(fixed.sample({ beta: Float64Array.of(1) }, 6, stream).size).toBe(6);
  });

  it('the metric rejects estimates of the wrong length', () => {
    refused(() => glmBetaSquaredError({ beta: Float64Array.of(1) }, { beta: Float64Array.of(1, 2) }), 'estimate.beta.length');
  });
});

describe('fit sources', () => {
  const ok: Dataset = { size: 4, dim: 2, x: Float64Array.of(1, 0, 0, 1, 1, 1, -1, 1), y: Float64Array.of(1, 0, 1, 0) };
  const withY = (y: number[]): Dataset => ({ ...ok, y: Float64Array.from(y) });
  for (const family of ['linear', 'logistic', 'poisson'] as const) {
    const model = glmModel({ family, dim: 2 });
    it.each([
      [[], 'sources'],
      [[{ data: ok, weight: -1 }], 'sources[0].weight'],
      [[{ data: ok, weight: Number.NaN }], 'sources[0].weight'],
      [[{ data: ok, weight: 0 }], 'sources (sum of weights)'],
      [[{ data: { ...ok, dim: 3 }, weight: 1 }], 'sources[0].data.dim'],
      [[{ data: ok, weight: 1 }, { data: { ...ok, y: null }, weight: 1 }], 'sources[1].data.y'],
      [[{ data: { ...ok, y: Float64Array.of(1, 0) }, weight: 1 }], 'sources[0].data.y'],
      [[{ data: { ...ok, x: Float64Array.of(1, 0, 0, 1, 1, Number.NaN, -1, 1) }, weight: 1 }], 'sources[0].data.x[5]'],
      [[{ data: withY([1, 0, Number.NaN, 0]), weight: 1 }], 'sources[0].data.y[2]'],
      [[{ data: { ...ok, size: 0, x: new Float64Array(0), y: new Float64Array(0) }, weight: 1 }], 'sources[0].data.size'],
    ] as [WeightedSource[], string][])(`${family}: %# → InvalidArgumentError naming %s`, (sources, parameter) => {
      refused(() => model.fit(sources), parameter);
    });
  }

  it('logistic responses must be labels 0/1; Poisson responses counts ≥ 0', () => {
    refused(() => glmModel({ family: 'logistic', dim: 2 }).fit([{ data: withY([1, 0, 0.5, 1]), weight: 1 }]), 'sources[0].data.y[2]');
    refused(() => glmModel({ family: 'logistic', dim: 2 }).fit([{ data: withY([1, 0, 2, 1]), weight: 1 }]), 'sources[0].data.y[2]');
    refused(() => glmModel({ family: 'poisson', dim: 2 }).fit([{ data: withY([1, 0, -1, 1]), weight: 1 }]), 'sources[0].data.y[2]');
  });
});

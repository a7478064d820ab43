/**
 * Deterministic properties of the Uniform(0, θ) model (src/models/uniform.ts): the MLE is the largest point
 * of positive weight whatever the weights, sampling is θ·U with one 53-bit uniform per point in order
 * (scale-equivariant and replayable), the accumulate loop never moves the MLE (every synthetic point is below
 * the pool's max), and every bad input is refused with an error naming the parameter.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uniformModel } from '../src/models/uniform.js';
import { rootKey } from '../src/rng/stream.js';
import { recurse } from '../src/loop/index.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import type { Dataset } from '../src/models/index.js';

const key = rootKey('models.uniform');
const data = (...values: number[]): Dataset => ({ size: values.length, dim: 1, x: Float64Array.from(values), y: null });

describe('uniformModel: fit is the weighted MLE max x_i', () => {
  const model = uniformModel();
  it('returns the largest point of positive weight, whatever the positive weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (sets, weights) => {
          const maximum = Math.max(...sets.flat());
          fc.pre(maximum > 0);
          const sources = sets.map((s, i) => ({ data: data(...s), weight: weights[i] }));
          expect(model.fit(sources).upper).toBe(maximum);
          expect(model.fit(sources.map((s) => ({ ...s, weight: 1 }))).upper).toBe(maximum);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
  it('ignores sources of weight 0', () => {
    expect(model.fit([{ data: data(1, 2), weight: 1 }, { data: data(50), weight: 0 }]).upper).toBe(2);
  });
  it('metrics: sq = (θ̂ − θ)², logRatio = |log(θ̂/θ)|', () => {
    expect(model.metrics.sq({ upper: 1.5 }, { upper: 2 })).toBe(0.25);
    expect(model.metrics.logRatio({ upper: 1 }, { upper: Math.E })).toBeCloseTo(1, 15);
    expect(model.metrics.logRatio({ upper: Math.E }, { upper: 1 })).toBeCloseTo(1, 15);
  });
});

describe('uniformModel: sample is θ·U, one nextDouble per point', () => {
  const model = uniformModel();
  it('equals θ times the stream\'s nextDouble sequence, in [0, θ)', () => {
    const theta = 3.7;
    const drawn = model.sample({ upper: theta }, 50, key.child('seq').stream());
    const reference = key.child('seq').stream();
    expect(drawn.size).toBe(50);
    expect(drawn.dim).toBe(1);
    expect(drawn.y).toBeNull();
    for (let i = 0; i < 50; i++) {
      expect(drawn.x[i]).toBe(theta * reference.nextDouble());
      expect(drawn.x[i]).toBeGreaterThanOrEqual(0);
      expect(drawn.x[i]).toBeLessThan(theta);
    }
  });
  it('is scale-equivariant on common random numbers (exact for a power-of-two scale)', () => {
    const a = model.sample({ upper: 1.25 }, 20, key.child('scale').stream());
    const b = model.sample({ upper: 5 }, 20, key.child('scale').stream());
    for (let i = 0; i < 20; i++) expect(b.x[i]).toBe(4 * a.x[i]);
  });
  it('draws an empty dataset for size 0', () => {
    expect(model.sample({ upper: 1 }, 0, key.stream()).size).toBe(0);
  });
});

describe('uniformModel in the loop', () => {
  const model = uniformModel();
  it('accumulate never moves the MLE: θ̂_g = θ̂_0 for every g (synthetic points lie below the pool max)', () => {
    for (let r = 0; r < 5; r++) {
      const run = recurse({ model, truth: { upper: 2 }, policy: { kind: 'accumulate', n: 7 }, generations: 15, key: key.child('acc', r), keepEstimates: true });
      for (const estimate of run.estimates) expect(estimate.upper).toBe(run.estimates[0].upper);
    }
  });
  it('replace strictly decreases the MLE every generation', () => {
    const run = recurse({ model, truth: { upper: 2 }, policy: { kind: 'replace', n: 7 }, generations: 15, key: key.child('rep'), keepEstimates: true });
    for (let g = 1; g <= 15; g++) expect(run.estimates[g].upper).toBeLessThan(run.estimates[g - 1].upper);
  });
});

describe('uniformModel: bad input', () => {
  const model = uniformModel();
  it('validate refuses θ that is not an object with a finite upper > 0', () => {
    for (const bad of [{ upper: 0 }, { upper: -1 }, { upper: Number.NaN }, { upper: Infinity }]) {
      expect(() => model.validate(bad, 'truth')).toThrow(/truth\.upper must be a finite number > 0/);
    }
    expect(() => model.validate(null as never, 'truth')).toThrow(InvalidArgumentError);
  });
  it('sample refuses a bad θ, size or stream', () => {
    expect(() => model.sample({ upper: 0 }, 3, key.stream())).toThrow(/theta\.upper/);
    expect(() => model.sample({ upper: 1 }, -1, key.stream())).toThrow(/size must be an integer ≥ 0/);
    expect(() => model.sample({ upper: 1 }, 1.5, key.stream())).toThrow(/size/);
    expect(() => model.sample({ upper: 1 }, 2, null as never)).toThrow(/stream must be a Stream/);
  });
  it('fit refuses negative points, bad sources, and a degenerate all-zero sample', () => {
    expect(() => model.fit([{ data: data(1, -0.5), weight: 1 }])).toThrow(/sources\[0\]\.data\.x\[1\] must be a number ≥ 0/);
    expect(() => model.fit([])).toThrow(/sources must be a non-empty array/);
    expect(() => model.fit([{ data: data(1), weight: -1 }])).toThrow(/sources\[0\]\.weight/);
    expect(() => model.fit([{ data: data(1, Number.NaN), weight: 1 }])).toThrow(/finite/);
    let error: unknown;
    try {
      model.fit([{ data: data(0, 0), weight: 1 }, { data: data(4), weight: 0 }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).kind).toBe('degenerate');
  });
});

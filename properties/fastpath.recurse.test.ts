/**
 * Deterministic properties of recurseSufficient (src/loop/recurseSufficient.ts): the same result shape,
 * sizes, validation and refusals as recurse; the stream roles of the contract (key.child(t, 'real' |
 * 'synthetic')), checked by recomputing θ̂_t from summaries drawn on those streams; replay; initialData;
 * refusals (no summaries, accumulate-subsample, a contradictory `sampling`). The law of θ̂_t is tested in
 * fastpath.agreement.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recurse, recurseSufficient } from '../src/loop/index.js';
import type { Policy, RecurseConfig, RecurseResult } from '../src/loop/index.js';
import type { Model, Summary, SummaryCapability } from '../src/models/types.js';
import { gaussianModel, type GaussianTheta } from '../src/models/gaussian.js';
import { categoricalModel, type CategoricalTheta } from '../src/models/categorical.js';
import { rootKey } from '../src/rng/stream.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';

const root = rootKey('fastpath.recurse.test');
const model = gaussianModel({ dim: 2 });
const summaries = model.summaries as SummaryCapability<GaussianTheta>;
const truth: GaussianTheta = { mean: Float64Array.of(0.5, -1), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

const nArb = fc.integer({ min: 4, max: 30 }); // ≥ d + 2 so that no Σ̂_t is singular (d = 2)
const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), n: nArb, schedule: fc.constantFrom(undefined, { kind: 'linear' as const }, { kind: 't-log-t' as const }) }),
  fc.record({ kind: fc.constant('accumulate' as const), n: nArb, schedule: fc.constantFrom(undefined, { kind: 'polynomial' as const, s: 0.5 }) }),
  fc.record({ kind: fc.constant('augment' as const), n: nArb, lambda: fc.constantFrom(0, 0.3, 1), m: fc.option(nArb, { nil: undefined }) }),
  fc.record({ kind: fc.constant('fresh' as const), n: nArb, m: nArb, w: fc.constantFrom(0, 0.4, 1) }),
);

function expectSameValues(a: RecurseResult<GaussianTheta>, b: RecurseResult<GaussianTheta>): void {
  for (const name of Object.keys(a.errors)) expect(Array.from(a.errors[name])).toEqual(Array.from(b.errors[name]));
  expect(Array.from(a.trainingSizes)).toEqual(Array.from(b.trainingSizes));
}

describe('recurseSufficient: result shape and sizes', () => {
  it('same metric names, lengths T + 1 and training sizes as recurse for every policy (seed 51)', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (policy, generations, seed) => {
        const config: RecurseConfig<GaussianTheta> = { model, truth, policy, generations, key: root.child('shape', seed) };
        const fast = recurseSufficient(config);
        const slow = recurse(config);
        expect(Object.keys(fast.errors)).toEqual(Object.keys(slow.errors));
        for (const name of Object.keys(fast.errors)) {
          expect(fast.errors[name]).toBeInstanceOf(Float64Array);
          expect(fast.errors[name].length).toBe(generations + 1);
        }
        expect(Array.from(fast.trainingSizes)).toEqual(Array.from(slow.trainingSizes));
        expect(fast.estimates.length).toBe(0);
      }),
      { seed: 51, numRuns: 60 },
    );
  });

  it('keepEstimates keeps θ̂_0..θ̂_T, and the errors are the metrics of those estimates', () => {
    const run = recurseSufficient({ model, truth, policy: { kind: 'fresh', n: 5, m: 3, w: 0.5 }, generations: 4, key: root.child('keep'), keepEstimates: true });
    expect(run.estimates.length).toBe(5);
    run.estimates.forEach((estimate, t) => {
      expect(run.errors.mean[t]).toBe(model.metrics.mean(estimate, truth));
      expect(run.errors.cov[t]).toBe(model.metrics.cov(estimate, truth));
    });
  });

  it('uses config.metrics instead of model.metrics when given', () => {
    const run = recurseSufficient({ model, truth, policy: { kind: 'replace', n: 5 }, generations: 2, key: root.child('metrics'), metrics: { first: (e) => Math.abs(e.mean[0]) } });
    expect(Object.keys(run.errors)).toEqual(['first']);
  });
});

describe('recurseSufficient: streams and estimates', () => {
  it('θ̂_0 = fit([{sample(θ*, n, key.child(0, "real")), 1}]) and replace θ̂_t = fit([{sample(θ̂_{t−1}, n_t, key.child(t, "synthetic")), 1}])', () => {
    const key = root.child('replace-streams');
    const run = recurseSufficient({ model, truth, policy: { kind: 'replace', n: 7, schedule: { kind: 'linear' } }, generations: 4, key, keepEstimates: true });
    let previous = summaries.fit([{ summary: summaries.sample(truth, 7, key.child(0, 'real').stream()), weight: 1 }]);
    expect(Array.from(run.estimates[0].cov)).toEqual(Array.from(previous.cov));
    for (let t = 1; t <= 4; t++) {
      const expected = summaries.fit([{ summary: summaries.sample(previous, 7 * t, key.child(t, 'synthetic').stream()), weight: 1 }]);
      expect(Array.from(run.estimates[t].mean)).toEqual(Array.from(expected.mean));
      expect(Array.from(run.estimates[t].cov)).toEqual(Array.from(expected.cov));
      previous = expected;
    }
  });

  it('fresh: θ̂_t = fit([{R_t, w}, {S_t, 1 − w}]) with R_t from key.child(t, "real") and S_t from key.child(t, "synthetic"); w = 1 keeps only R_t', () => {
    const key = root.child('fresh-streams');
    for (const w of [0.3, 1]) {
      const run = recurseSufficient({ model, truth, policy: { kind: 'fresh', n: 6, m: 4, w }, generations: 3, key, keepEstimates: true });
      for (let t = 1; t <= 3; t++) {
        const real = summaries.sample(truth, 6, key.child(t, 'real').stream());
        const synthetic = summaries.sample(run.estimates[t - 1], 4, key.child(t, 'synthetic').stream());
        const sources = w === 1 ? [{ summary: real, weight: 1 }] : [{ summary: real, weight: w }, { summary: synthetic, weight: 1 - w }];
        expect(Array.from(run.estimates[t].cov)).toEqual(Array.from(summaries.fit(sources).cov));
      }
    }
  });

  it('accumulate: θ̂_t is the fit of pool(S_0, S_1, …, S_t)', () => {
    const key = root.child('accumulate-streams');
    const run = recurseSufficient({ model, truth, policy: { kind: 'accumulate', n: 5 }, generations: 3, key, keepEstimates: true });
    let pooled: Summary = summaries.sample(truth, 5, key.child(0, 'real').stream());
    for (let t = 1; t <= 3; t++) {
      pooled = summaries.pool([pooled, summaries.sample(run.estimates[t - 1], 5, key.child(t, 'synthetic').stream())]);
      expect(Array.from(run.estimates[t].mean)).toEqual(Array.from(summaries.fit([{ summary: pooled, weight: 1 }]).mean));
      expect(run.trainingSizes[t]).toBe(5 * (t + 1));
    }
  });

  it('initialData: θ̂_0 equals recurse’s θ̂_0 (to 1e-12), and augment with λ = 1 keeps θ̂_t = θ̂_0', () => {
    const initialData = { size: 4, dim: 2, x: Float64Array.of(0, 1, 2, 0, 1, 3, -1, 1), y: null };
    const config = { model, truth, initialData, generations: 3, key: root.child('initial'), keepEstimates: true } as const;
    const fast = recurseSufficient({ ...config, policy: { kind: 'augment', n: 4, lambda: 1, m: 3 } });
    const slow = recurse({ ...config, policy: { kind: 'augment', n: 4, lambda: 1, m: 3 } });
    for (let t = 0; t <= 3; t++) {
      for (let i = 0; i < 4; i++) {
        expect(Math.abs(fast.estimates[t].cov[i] - slow.estimates[0].cov[i])).toBeLessThanOrEqual(1e-12);
        expect(fast.estimates[t].cov[i]).toBe(fast.estimates[0].cov[i]);
      }
    }
    expect(Array.from(fast.trainingSizes)).toEqual([4, 4, 4, 4]);
  });

  it('replay: the same config and key give bit-identical results; another key another trajectory', () => {
    const config: RecurseConfig<GaussianTheta> = { model, truth, policy: { kind: 'fresh', n: 10, m: 10, w: 0.5 }, generations: 5, key: root.child('replay', 1) };
    expectSameValues(recurseSufficient(config), recurseSufficient(config));
    expect(recurseSufficient({ ...config, key: root.child('replay', 2) }).errors.mean[5]).not.toBe(recurseSufficient(config).errors.mean[5]);
  });

  it('cost independent of n: 100 generations at n = m = 10⁶ (fresh, d = 2) run without drawing rows', () => {
    const run = recurseSufficient({ model, truth, policy: { kind: 'fresh', n: 1_000_000, m: 1_000_000, w: 0.5 }, generations: 100, key: root.child('large') });
    expect(run.trainingSizes[100]).toBe(2_000_000);
    expect(run.errors.mean[100]).toBeLessThan(1e-4); // ‖μ̂ − μ‖² ≈ trΣ/(2n)·O(1) ≈ 1e-6
  });

  it('categorical model: sizes and roles as for the Gaussian (fresh, w = 1: θ̂_t = counts of R_t / n)', () => {
    const cat = categoricalModel(3);
    const catSummaries = cat.summaries as SummaryCapability<CategoricalTheta>;
    const probs = Float64Array.of(0.2, 0.3, 0.5);
    const key = root.child('categorical');
    const run = recurseSufficient({ model: cat, truth: { probs }, policy: { kind: 'fresh', n: 50, m: 20, w: 1 }, generations: 2, key, keepEstimates: true });
    const real = catSummaries.sample({ probs }, 50, key.child(2, 'real').stream());
    expect(Array.from(run.estimates[2].probs)).toEqual(Array.from(real.stats, (c) => c / 50));
  });
});

describe('recurseSufficient: refusals and errors', () => {
  const base: RecurseConfig<GaussianTheta> = { model, truth, policy: { kind: 'replace', n: 5 }, generations: 2, key: root.child('errors') };
  const parameter = (f: () => unknown) => {
    const error = thrown(f);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  };

  it('a model without summaries → InvalidArgumentError("sampling", "sufficient", "a model with summaries …")', () => {
    const { summaries: _, ...plain } = model;
    const error = parameter(() => recurseSufficient({ ...base, model: plain as Model<GaussianTheta> }));
    expect(error.parameter).toBe('sampling');
    expect(error.value).toBe('sufficient');
    expect(error.allowed).toContain('a model with summaries');
  });

  it('accumulate with subsample → InvalidArgumentError naming sampling and why', () => {
    const error = parameter(() => recurseSufficient({ ...base, policy: { kind: 'accumulate', n: 5, subsample: 3 } }));
    expect(error.parameter).toBe('sampling');
    expect(error.message).toContain('subsample');
    expect(error.message).toContain('not a function of the pool');
  });

  it('sampling "explicit" passed to recurseSufficient is refused; malformed summaries are named', () => {
    expect(parameter(() => recurseSufficient({ ...base, sampling: 'explicit' })).parameter).toBe('sampling');
    expect(parameter(() => recurseSufficient({ ...base, model: { ...model, summaries: { ...summaries, fit: 3 as never } } })).parameter).toBe('model.summaries.fit');
  });

  it('the config validation and size planning of recurse (same messages)', () => {
    for (const bad of [
      { ...base, generations: -1 },
      { ...base, policy: { kind: 'fresh', n: 5, m: 5, w: 1.5 } as Policy },
      { ...base, policy: { kind: 'replace', n: 1, schedule: { kind: 'exponential', base: 10 } } as Policy, generations: 12 },
      { ...base, key: 'k' as never },
    ]) {
      expect(thrown(() => recurseSufficient(bad)).message).toBe(thrown(() => recurse(bad)).message);
    }
  });

  it('a collapsed (singular) covariance throws NumericalError("singular"); a NaN metric NumericalError("overflow")', () => {
    const collapsed = { ...base, truth: { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 1, 1, 1) } };
    expect((thrown(() => recurseSufficient(collapsed)) as NumericalError).kind).toBe('singular');
    const error = thrown(() => recurseSufficient({ ...base, metrics: { bad: () => NaN } }));
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).kind).toBe('overflow');
  });
});

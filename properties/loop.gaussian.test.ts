/**
 * The loop driving the real Gaussian model (src/models/gaussian.ts): the README example of recurse.ts
 * runs as documented, and the exact identities of the loop hold for θ = { mean, cov } (deterministic).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recurse } from '../src/loop/index.js';
import { gaussianModel, type GaussianTheta } from '../src/models/gaussian.js';
import { concatRows } from '../src/models/dataset.js';
import type { Dataset } from '../src/models/types.js';
import { rootKey } from '../src/rng/stream.js';
import { recording } from './helpers/toyModel.js';

const FC = { seed: 7031, numRuns: 25 } as const;
const root = rootKey('loop.gaussian.test');
const model = gaussianModel({ dim: 2 });
const truth: GaussianTheta = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };

function sameTheta(a: GaussianTheta, b: GaussianTheta): boolean {
  for (let i = 0; i < a.mean.length; i++) if (!Object.is(a.mean[i], b.mean[i])) return false;
  for (let i = 0; i < a.cov.length; i++) if (!Object.is(a.cov[i], b.cov[i])) return false;
  return a.mean.length === b.mean.length && a.cov.length === b.cov.length;
}
function sameData(a: Dataset, b: Dataset): boolean {
  if (a.size !== b.size || a.dim !== b.dim) return false;
  for (let i = 0; i < a.x.length; i++) if (!Object.is(a.x[i], b.x[i])) return false;
  return true;
}

describe('recurse with the Gaussian model', () => {
  it('runs the README example of recurse.ts (fresh, 2-D, n = 20, m = 10, w = 0.3, T = 15)', () => {
    const policy = { kind: 'fresh', n: 20, m: 10, w: 0.3 } as const;
    const run = recurse({ model, truth, policy, generations: 15, key: rootKey('demo').child('fresh-2d', 0) });
    expect(Object.keys(run.errors)).toEqual(['mean', 'cov']);
    expect(run.errors.mean.length).toBe(16);
    expect(run.trainingSizes[15]).toBe(30);
    for (const v of run.errors.mean) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });

  it('fresh with w = 1 equals the real-only fit at every t (Object.is on every entry of μ̂ and Σ̂)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 3, max: 30 }), fc.integer({ min: 1, max: 10 }), fc.nat(1e6), (n, m, T, seed) => {
        const key = root.child('fresh-w1', seed);
        const run = recurse({ model, truth, policy: { kind: 'fresh', n, m, w: 1 }, generations: T, key, keepEstimates: true });
        for (let t = 0; t <= T; t++) {
          const real = model.sample(truth, n, key.child(t, 'real').stream());
          expect(sameTheta(run.estimates[t], model.fit([{ data: real, weight: 1 }]))).toBe(true);
        }
      }),
      FC,
    );
  });

  it('accumulate fits the pooled D_0 ∪ S_1 ∪ … ∪ S_t as one dataset (not a mixture of per-source covariances)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 20 }), fc.integer({ min: 1, max: 8 }), fc.nat(1e6), (n, T, seed) => {
        const key = root.child('accumulate', seed);
        const run = recurse({ model, truth, policy: { kind: 'accumulate', n }, generations: T, key, keepEstimates: true });
        const parts: Dataset[] = [model.sample(truth, n, key.child(0, 'real').stream())];
        for (let t = 1; t <= T; t++) {
          parts.push(model.sample(run.estimates[t - 1], n, key.child(t, 'synthetic').stream()));
          expect(sameTheta(run.estimates[t], model.fit([{ data: concatRows(parts), weight: 1 }]))).toBe(true);
          expect(run.trainingSizes[t]).toBe(n * (t + 1));
        }
      }),
      FC,
    );
  });

  it('common random numbers: another covariance convention (a different synthetic sampler input) leaves R_t unchanged', () => {
    const variant = gaussianModel({ dim: 2, covariance: 'pooled-mle' });
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 20 }), fc.integer({ min: 3, max: 20 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.nat(1e6), (n, m, w, seed) => {
        const key = root.child('crn', seed);
        const a = recording(model);
        const b = recording(variant);
        const runA = recurse({ model: a.model, truth, policy: { kind: 'fresh', n, m, w }, generations: 5, key, keepEstimates: true });
        const runB = recurse({ model: b.model, truth, policy: { kind: 'fresh', n, m, w }, generations: 5, key, keepEstimates: true });
        expect(sameTheta(runA.estimates[5], runB.estimates[5])).toBe(false);
        for (let t = 0; t <= 5; t++) {
          const real = model.sample(truth, n, key.child(t, 'real').stream());
          expect(sameData(a.fits[t][0].data, real)).toBe(true);
          expect(sameData(b.fits[t][0].data, real)).toBe(true);
        }
      }),
      FC,
    );
  });

  it('identical config and key give bit-identical trajectories for every policy', () => {
    const policies = [
      { kind: 'replace', n: 10, schedule: { kind: 'linear' } },
      { kind: 'accumulate', n: 10, subsample: 15 },
      { kind: 'augment', n: 10, lambda: 0.4, m: 5 },
      { kind: 'fresh', n: 10, m: 5, w: 0.618 },
    ] as const;
    for (const policy of policies) {
      const config = { model, truth, policy, generations: 10, key: root.child('replay', policy.kind), keepEstimates: true };
      const a = recurse(config);
      const b = recurse(config);
      for (let t = 0; t <= 10; t++) expect(sameTheta(a.estimates[t], b.estimates[t])).toBe(true);
      for (const name of ['mean', 'cov']) for (let t = 0; t <= 10; t++) expect(Object.is(a.errors[name][t], b.errors[name][t])).toBe(true);
    }
  });
});

/**
 * Deterministic properties of the recursive-training loop (src/loop/recurse.ts): bookkeeping identities
 * that hold exactly for every seed, checked with fast-check over policies, sizes and seeds (fixed fc seed).
 * References are recomputed in the tests from the streams the contract names (key.child(t, role)), never
 * copied from the loop's output.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recurse } from '../src/loop/index.js';
import type { Policy, RecurseResult, Schedule } from '../src/loop/index.js';
import type { Dataset, Model } from '../src/models/types.js';
import { sampleWithoutReplacement } from '../src/models/dataset.js';
import { rootKey, type StreamKey } from '../src/rng/stream.js';
import { NumericalError } from '../src/errors.js';
import { degenerateModel, recording, toyLocationModel } from './helpers/toyModel.js';

const FC = { seed: 424242, numRuns: 60 } as const;
const root = rootKey('loop.recurse.test');
const model = toyLocationModel();

/** The replication key of fast-check case `seed`. */
const keyOf = (seed: number): StreamKey => root.child('case', seed);

const scheduleArb: fc.Arbitrary<Schedule | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant('constant' as const), c: fc.double({ min: 0.05, max: 3, noNaN: true }) }),
  fc.record({ kind: fc.constant('linear' as const), slope: fc.double({ min: 0.05, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('polynomial' as const), s: fc.double({ min: -0.9, max: 1, noNaN: true }) }),
  fc.constant({ kind: 't-log-t' as const }),
  fc.record({ kind: fc.constant('exponential' as const), base: fc.double({ min: 1, max: 1.6, noNaN: true }) }),
);

const nArb = fc.integer({ min: 1, max: 25 });
const unitArb = fc.double({ min: 0, max: 1, noNaN: true });

const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), n: nArb, schedule: scheduleArb }),
  nArb.chain((n) =>
    fc.record({
      kind: fc.constant('accumulate' as const),
      n: fc.constant(n),
      schedule: scheduleArb,
      subsample: fc.option(fc.integer({ min: 1, max: n + 1 }), { nil: undefined }),
    }),
  ),
  fc.record({ kind: fc.constant('augment' as const), n: nArb, lambda: unitArb, m: fc.option(nArb, { nil: undefined }) }),
  fc.record({ kind: fc.constant('fresh' as const), n: nArb, m: nArb, w: unitArb }),
);

const generationsArb = fc.integer({ min: 0, max: 12 });
const seedArb = fc.integer({ min: 0, max: 1_000_000 });
const truthArb = fc.double({ min: -5, max: 5, noNaN: true });

/** c_t written out from the definitions in types.ts (independently of src/loop/schedule.ts). */
function referenceMultiplier(schedule: Schedule | undefined, t: number): number {
  if (schedule === undefined) return 1;
  switch (schedule.kind) {
    case 'constant':
      return schedule.c ?? 1;
    case 'linear':
      return (schedule.slope ?? 1) * t;
    case 'polynomial':
      return t ** (1 + schedule.s);
    case 't-log-t':
      return t === 1 ? 1 : t * Math.log(t);
    case 'exponential':
      return schedule.base ** t;
    case 'function':
      return schedule.c(t);
  }
}
const referenceSize = (n: number, schedule: Schedule | undefined, t: number) => Math.max(1, Math.round(n * referenceMultiplier(schedule, t)));

function sameData(a: Dataset, b: Dataset): boolean {
  if (a.size !== b.size || a.dim !== b.dim || a.x.length !== b.x.length) return false;
  for (let i = 0; i < a.x.length; i++) if (!Object.is(a.x[i], b.x[i])) return false;
  return true;
}

function expectIdentical<T>(a: RecurseResult<T>, b: RecurseResult<T>): void {
  expect(Object.keys(a.errors)).toEqual(Object.keys(b.errors));
  for (const name of Object.keys(a.errors)) {
    const x = a.errors[name];
    const y = b.errors[name];
    expect(x.length).toBe(y.length);
    for (let t = 0; t < x.length; t++) if (!Object.is(x[t], y[t])) throw new Error(`errors.${name}[${t}]: ${x[t]} vs ${y[t]}`);
  }
  expect(Array.from(a.trainingSizes)).toEqual(Array.from(b.trainingSizes));
  expect(a.estimates.length).toBe(b.estimates.length);
  for (let t = 0; t < a.estimates.length; t++) if (!Object.is(a.estimates[t], b.estimates[t])) throw new Error(`estimates[${t}] differ`);
}

describe('recurse: shape of the result', () => {
  it('records every metric at every t into Float64Array(T + 1), estimates only with keepEstimates', () => {
    fc.assert(
      fc.property(policyArb, generationsArb, seedArb, truthArb, (policy, T, seed, truth) => {
        const run = recurse({ model, truth, policy, generations: T, key: keyOf(seed) });
        expect(Object.keys(run.errors)).toEqual(['absoluteError', 'squaredError']);
        for (const series of Object.values(run.errors)) {
          expect(series).toBeInstanceOf(Float64Array);
          expect(series.length).toBe(T + 1);
          for (const v of series) expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
        expect(run.trainingSizes).toBeInstanceOf(Int32Array);
        expect(run.trainingSizes.length).toBe(T + 1);
        expect(run.estimates.length).toBe(0);
        const kept = recurse({ model, truth, policy, generations: T, key: keyOf(seed), keepEstimates: true });
        expect(kept.estimates.length).toBe(T + 1);
        // The recorded errors are the metrics of the kept estimates.
        for (let t = 0; t <= T; t++) expect(kept.errors.squaredError[t]).toBe((kept.estimates[t] - truth) ** 2);
      }),
      FC,
    );
  });

  it('uses config.metrics instead of model.metrics when given', () => {
    const run = recurse({
      model,
      truth: 1,
      policy: { kind: 'replace', n: 5 },
      generations: 3,
      key: keyOf(1),
      keepEstimates: true,
      metrics: { signed: (est, truth) => Math.abs(est - truth) * 2 },
    });
    expect(Object.keys(run.errors)).toEqual(['signed']);
    for (let t = 0; t <= 3; t++) expect(run.errors.signed[t]).toBe(Math.abs(run.estimates[t] - 1) * 2);
  });
});

describe('recurse: replay and replication keys', () => {
  it('identical config and key give bit-identical trajectories; another replication key gives another trajectory', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 12 }), seedArb, truthArb, (policy, T, seed, truth) => {
        const config = { model, truth, policy, generations: T, key: keyOf(seed), keepEstimates: true };
        const a = recurse(config);
        const b = recurse({ ...config, key: keyOf(seed) }); // a freshly derived, equal key
        expectIdentical(a, b);
        const other = recurse({ ...config, key: keyOf(seed + 1) });
        let differs = false;
        for (let t = 0; t <= T; t++) if (!Object.is(a.estimates[t], other.estimates[t])) differs = true;
        expect(differs).toBe(true);
      }),
      FC,
    );
  });
});

describe('recurse: generation 0', () => {
  it('D_0 is drawn from the truth with key.child(0, "real"), and θ̂_0 = fit([{D_0, 1}])', () => {
    fc.assert(
      fc.property(policyArb, seedArb, truthArb, (policy, seed, truth) => {
        const key = keyOf(seed);
        const run = recurse({ model, truth, policy, generations: 0, key, keepEstimates: true });
        const d0 = model.sample(truth, policy.n, key.child(0, 'real').stream());
        expect(Object.is(run.estimates[0], model.fit([{ data: d0, weight: 1 }]))).toBe(true);
        expect(run.trainingSizes[0]).toBe(policy.n);
      }),
      FC,
    );
  });

  it('initialData replaces the draw of D_0', () => {
    const initialData: Dataset = { size: 4, dim: 1, x: Float64Array.of(1, 2, 3, 10), y: null };
    const rec = recording(model);
    const run = recurse({ model: rec.model, truth: 0, policy: { kind: 'augment', n: 7, lambda: 0.5 }, generations: 2, key: keyOf(3), initialData, keepEstimates: true });
    expect(run.estimates[0]).toBe(4);
    expect(run.trainingSizes[0]).toBe(4);
    expect(run.trainingSizes[1]).toBe(4 + 7); // |D_0| + m (m defaults to n)
    expect(sameData(rec.fits[1][0].data, initialData)).toBe(true);
    expect(rec.samples.every((call) => call.theta !== 0)).toBe(true); // nothing drawn from the truth
  });
});

describe('recurse: fresh', () => {
  it('with w = 1 every θ̂_t equals the real-only fit fit([{R_t, 1}]), R_t re-derived from key.child(t, "real")', () => {
    fc.assert(
      fc.property(nArb, nArb, fc.integer({ min: 1, max: 12 }), seedArb, truthArb, (n, m, T, seed, truth) => {
        const key = keyOf(seed);
        const run = recurse({ model, truth, policy: { kind: 'fresh', n, m, w: 1 }, generations: T, key, keepEstimates: true });
        for (let t = 0; t <= T; t++) {
          const real = model.sample(truth, n, key.child(t, 'real').stream());
          const expected = model.fit([{ data: real, weight: 1 }]);
          if (!Object.is(run.estimates[t], expected)) throw new Error(`t = ${t}: ${run.estimates[t]} vs real-only ${expected}`);
          expect(run.trainingSizes[t]).toBe(n); // the synthetic set has weight 0
        }
      }),
      FC,
    );
  });

  it('fits [{R_t, w}, {S_t, 1 − w}] with S_t the m draws from θ̂_{t−1} with key.child(t, "synthetic")', () => {
    fc.assert(
      fc.property(nArb, nArb, fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 1, max: 8 }), seedArb, (n, m, w, T, seed) => {
        const key = keyOf(seed);
        const rec = recording(model);
        const run = recurse({ model: rec.model, truth: 0.5, policy: { kind: 'fresh', n, m, w }, generations: T, key, keepEstimates: true });
        for (let t = 1; t <= T; t++) {
          const sources = rec.fits[t];
          expect(sources.map((s) => s.weight)).toEqual([w, 1 - w]);
          expect(sameData(sources[0].data, model.sample(0.5, n, key.child(t, 'real').stream()))).toBe(true);
          expect(sameData(sources[1].data, model.sample(run.estimates[t - 1], m, key.child(t, 'synthetic').stream()))).toBe(true);
          expect(run.trainingSizes[t]).toBe(n + m);
        }
      }),
      FC,
    );
  });
});

describe('recurse: accumulate', () => {
  it('without subsample, generation t trains on exactly D_0 ∪ S_1 ∪ … ∪ S_t (every real point kept)', () => {
    fc.assert(
      fc.property(nArb, scheduleArb, fc.integer({ min: 1, max: 10 }), seedArb, truthArb, (n, schedule, T, seed, truth) => {
        const key = keyOf(seed);
        const rec = recording(model);
        const run = recurse({ model: rec.model, truth, policy: { kind: 'accumulate', n, schedule }, generations: T, key, keepEstimates: true });
        const d0 = model.sample(truth, n, key.child(0, 'real').stream());
        const expectedRows: number[] = Array.from(d0.x);
        let expectedSize = n;
        for (let t = 1; t <= T; t++) {
          const size = referenceSize(n, schedule, t);
          expectedSize += size;
          expectedRows.push(...model.sample(run.estimates[t - 1], size, key.child(t, 'synthetic').stream()).x);
          expect(rec.fits[t].length).toBe(1);
          const pool = rec.fits[t][0].data;
          expect(pool.size).toBe(expectedSize);
          expect(Array.from(pool.x)).toEqual(expectedRows);
          expect(run.trainingSizes[t]).toBe(expectedSize); // n + Σ_{j≤t} round(n·c_j)
          expect(Array.from(pool.x.subarray(0, n))).toEqual(Array.from(d0.x)); // D_0 is the pool's head
        }
      }),
      FC,
    );
  });

  it('with subsample = K, generation t trains on K distinct pool points chosen with key.child(t, "subsample")', () => {
    fc.assert(
      fc.property(
        nArb.chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: 2 * n }))),
        fc.integer({ min: 1, max: 10 }),
        seedArb,
        ([n, K], T, seed) => {
          const key = keyOf(seed);
          const rec = recording(model);
          const run = recurse({ model: rec.model, truth: -1, policy: { kind: 'accumulate', n, subsample: K }, generations: T, key, keepEstimates: true });
          const pool: number[] = Array.from(model.sample(-1, n, key.child(0, 'real').stream()).x);
          for (let t = 1; t <= T; t++) {
            pool.push(...model.sample(run.estimates[t - 1], n, key.child(t, 'synthetic').stream()).x);
            const rows = sampleWithoutReplacement(pool.length, K, key.child(t, 'subsample').stream());
            const expected = Array.from(rows, (i) => pool[i]);
            expect(run.trainingSizes[t]).toBe(K);
            expect(Array.from(rec.fits[t][0].data.x)).toEqual(expected);
            expect(new Set(rows).size).toBe(K);
          }
        },
      ),
      FC,
    );
  });
});

describe('recurse: replace', () => {
  it('draws exactly round(n·c_t) points from θ̂_{t−1} at every t, and fits only them', () => {
    fc.assert(
      fc.property(nArb, scheduleArb, fc.integer({ min: 1, max: 12 }), seedArb, (n, schedule, T, seed) => {
        const key = keyOf(seed);
        const rec = recording(model);
        const run = recurse({ model: rec.model, truth: 2, policy: { kind: 'replace', n, schedule }, generations: T, key, keepEstimates: true });
        for (let t = 1; t <= T; t++) {
          const size = referenceSize(n, schedule, t);
          expect(run.trainingSizes[t]).toBe(size);
          expect(rec.fits[t].length).toBe(1);
          expect(rec.fits[t][0].weight).toBe(1);
          expect(sameData(rec.fits[t][0].data, model.sample(run.estimates[t - 1], size, key.child(t, 'synthetic').stream()))).toBe(true);
        }
      }),
      FC,
    );
  });

  it('a function schedule is honoured as well (c_t = 0.5 + (t mod 3))', () => {
    const schedule: Schedule = { kind: 'function', c: (t) => 0.5 + (t % 3), label: 'saw' };
    const run = recurse({ model, truth: 0, policy: { kind: 'replace', n: 9, schedule }, generations: 6, key: keyOf(9) });
    // n·c_t = 9·{1.5, 2.5, 0.5, 1.5, 2.5, 0.5} = 13.5, 22.5, 4.5, … → round half up
    expect(Array.from(run.trainingSizes)).toEqual([9, 14, 23, 5, 14, 23, 5]);
  });
});

describe('recurse: augment', () => {
  it('fits [{D_0, λ}, {S_t, 1 − λ}] with S_t of m (default n) points; λ = 1 keeps θ̂_t = θ̂_0', () => {
    fc.assert(
      fc.property(nArb, fc.option(nArb, { nil: undefined }), unitArb, fc.integer({ min: 1, max: 8 }), seedArb, (n, m, lambda, T, seed) => {
        const key = keyOf(seed);
        const rec = recording(model);
        const run = recurse({ model: rec.model, truth: 3, policy: { kind: 'augment', n, lambda, m }, generations: T, key, keepEstimates: true });
        const d0 = model.sample(3, n, key.child(0, 'real').stream());
        const size = m ?? n;
        for (let t = 1; t <= T; t++) {
          const synthetic = model.sample(run.estimates[t - 1], size, key.child(t, 'synthetic').stream());
          const expected = [
            ...(lambda > 0 ? [{ data: d0, weight: lambda }] : []),
            ...(1 - lambda > 0 ? [{ data: synthetic, weight: 1 - lambda }] : []),
          ];
          expect(rec.fits[t].map((s) => s.weight)).toEqual(expected.map((s) => s.weight));
          rec.fits[t].forEach((s, i) => expect(sameData(s.data, expected[i].data)).toBe(true));
          expect(run.trainingSizes[t]).toBe((lambda > 0 ? n : 0) + (lambda < 1 ? size : 0));
          if (lambda === 1) expect(Object.is(run.estimates[t], run.estimates[0])).toBe(true);
        }
      }),
      FC,
    );
  });
});

describe('recurse: common random numbers', () => {
  it('fresh: changing w, m or the estimator leaves every generation\'s real data R_t unchanged', () => {
    const biasedFit: Model<number> = { ...model, fit: (sources) => model.fit(sources) + 0.25 };
    fc.assert(
      fc.property(
        nArb,
        fc.tuple(nArb, nArb),
        fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true })),
        fc.integer({ min: 1, max: 8 }),
        seedArb,
        (n, [m1, m2], [w1, w2], T, seed) => {
          const key = keyOf(seed);
          const a = recording(model);
          const b = recording(model);
          const c = recording(biasedFit);
          recurse({ model: a.model, truth: 0, policy: { kind: 'fresh', n, m: m1, w: w1 }, generations: T, key });
          recurse({ model: b.model, truth: 0, policy: { kind: 'fresh', n, m: m2, w: w2 }, generations: T, key });
          recurse({ model: c.model, truth: 0, policy: { kind: 'fresh', n, m: m1, w: w1 }, generations: T, key });
          for (let t = 0; t <= T; t++) {
            const real = model.sample(0, n, key.child(t, 'real').stream());
            for (const rec of [a, b, c]) expect(sameData(rec.fits[t][0].data, real)).toBe(true);
          }
        },
      ),
      FC,
    );
  });

  it('augment: D_0 is identical across λ and m; accumulate and replace: D_0 identical across schedules', () => {
    fc.assert(
      fc.property(nArb, fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true })), nArb, seedArb, (n, [l1, l2], m, seed) => {
        const key = keyOf(seed);
        const d0 = model.sample(1, n, key.child(0, 'real').stream());
        const runs: Policy[] = [
          { kind: 'augment', n, lambda: l1 },
          { kind: 'augment', n, lambda: l2, m },
          { kind: 'accumulate', n, schedule: { kind: 'linear' } },
          { kind: 'replace', n, schedule: { kind: 'polynomial', s: 1 } },
        ];
        for (const policy of runs) {
          const rec = recording(model);
          recurse({ model: rec.model, truth: 1, policy, generations: 4, key });
          expect(sameData(rec.fits[0][0].data, d0)).toBe(true);
          if (policy.kind === 'augment') for (let t = 1; t <= 4; t++) expect(sameData(rec.fits[t][0].data, d0)).toBe(true);
          if (policy.kind === 'accumulate') for (let t = 1; t <= 4; t++) expect(Array.from(rec.fits[t][0].data.x.subarray(0, n))).toEqual(Array.from(d0.x));
        }
      }),
      FC,
    );
  });
});

describe('recurse: degenerate sampler (sample returns θ itself)', () => {
  it('every policy keeps θ̂_t = θ* exactly when data equal θ', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 10 }), truthArb, seedArb, (policy, T, truth, seed) => {
        const run = recurse({ model: degenerateModel(), truth, policy, generations: T, key: keyOf(seed), keepEstimates: true });
        for (let t = 0; t <= T; t++) expect(run.estimates[t] === truth).toBe(true); // === : θ* = −0 comes back as +0
        for (const series of Object.values(run.errors)) for (const v of series) expect(v).toBe(0);
      }),
      FC,
    );
  });

  it('replace keeps θ̂_t = θ̂_0 for every t even when θ̂_0 ≠ θ* (initialData constant c)', () => {
    fc.assert(
      fc.property(truthArb, truthArb, nArb, scheduleArb, fc.integer({ min: 1, max: 12 }), (truth, c, n, schedule, T) => {
        const initialData: Dataset = { size: n, dim: 1, x: new Float64Array(n).fill(c), y: null };
        const run = recurse({ model: degenerateModel(), truth, policy: { kind: 'replace', n, schedule }, generations: T, key: keyOf(0), initialData, keepEstimates: true });
        for (let t = 0; t <= T; t++) expect(Object.is(run.estimates[t], c)).toBe(true);
        for (let t = 0; t <= T; t++) expect(run.errors.absoluteError[t]).toBe(Math.abs(c - truth));
      }),
      FC,
    );
  });
});

describe('recurse: metric failures', () => {
  it('a metric returning NaN or ±Infinity throws NumericalError("overflow") naming the metric and t', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      let calls = 0;
      const metrics = { fine: () => 0, broken: () => (calls++ === 2 ? bad : 1) };
      try {
        recurse({ model, truth: 0, policy: { kind: 'replace', n: 4 }, generations: 5, key: keyOf(2), metrics });
        throw new Error('expected a NumericalError');
      } catch (error) {
        expect(error).toBeInstanceOf(NumericalError);
        const e = error as NumericalError;
        expect(e.kind).toBe('overflow');
        expect(e.message).toContain('"broken"');
        expect(e.message).toContain('t = 2');
        expect(e.details).toMatchObject({ metric: 'broken', generation: 2 });
      }
    }
  });
});

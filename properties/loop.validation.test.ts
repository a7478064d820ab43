/**
 * Bad input to the loop (src/loop): every field of RecurseConfig and Policy is refused with an
 * InvalidArgumentError naming the field, the value and what is allowed; an exploding schedule fails at
 * once (before any draw) instead of hanging; a model returning the wrong number of rows is reported.
 */
import { describe, expect, it } from 'vitest';
import { recurse, validatePolicy, planGenerations, DatasetPool } from '../src/loop/index.js';
import type { Policy, RecurseConfig } from '../src/loop/index.js';
import type { Model } from '../src/models/types.js';
import { rootKey } from '../src/rng/stream.js';
import { InvalidArgumentError } from '../src/errors.js';
import { toyLocationModel } from './helpers/toyModel.js';

const model = toyLocationModel();
const key = rootKey('loop.validation.test').child('base', 0);
const base: RecurseConfig<number> = { model, truth: 0, policy: { kind: 'fresh', n: 5, m: 5, w: 0.5 }, generations: 3, key };

/** Runs `fn`, expecting an InvalidArgumentError whose parameter is `parameter`; returns it. */
function invalid(fn: () => unknown, parameter: string): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw new Error(`expected an InvalidArgumentError naming ${parameter}, got ${String(error)}`);
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(parameter);
    expect(error.message).toContain('received');
    return error;
  }
  throw new Error(`expected an InvalidArgumentError naming ${parameter}, nothing was thrown`);
}

const withConfig = (patch: Record<string, unknown>) => () => recurse({ ...base, ...patch } as unknown as RecurseConfig<number>);
const withPolicy = (policy: unknown) => withConfig({ policy });

describe('RecurseConfig fields', () => {
  it('base config is valid', () => {
    expect(recurse(base).trainingSizes.length).toBe(4);
  });

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['generations negative', { generations: -1 }, 'generations'],
    ['generations fractional', { generations: 2.5 }, 'generations'],
    ['generations NaN', { generations: NaN }, 'generations'],
    ['generations a string', { generations: '3' }, 'generations'],
    ['generations missing', { generations: undefined }, 'generations'],
    ['generations beyond 1e7', { generations: 1e8 }, 'generations'],
    ['key a number', { key: 42 }, 'key'],
    ['key a plain object', { key: { words: new Uint32Array(4) } }, 'key'],
    ['model missing', { model: undefined }, 'model'],
    ['model.sample missing', { model: { ...model, sample: undefined } }, 'model.sample'],
    ['model.fit not a function', { model: { ...model, fit: 1 } }, 'model.fit'],
    ['model.validate missing', { model: { ...model, validate: undefined } }, 'model.validate'],
    ['model.metrics missing', { model: { ...model, metrics: undefined } }, 'model.metrics'],
    ['model.metrics entry not a function', { model: { ...model, metrics: { bad: 3 } } }, 'model.metrics.bad'],
    ['truth rejected by model.validate', { truth: NaN }, 'truth'],
    ['truth missing', { truth: undefined }, 'truth'],
    ['metrics not an object', { metrics: 'mse' }, 'metrics'],
    ['metrics entry not a function', { metrics: { mse: null } }, 'metrics.mse'],
    ['keepEstimates not a boolean', { keepEstimates: 1 }, 'keepEstimates'],
    ['initialData an array', { initialData: [1, 2, 3] }, 'initialData'],
    ['initialData without dim', { initialData: { size: 2, x: Float64Array.of(1, 2), y: null } }, 'initialData.dim'],
    ['initialData null', { initialData: null }, 'initialData'],
    ['initialData with NaN', { initialData: { size: 2, dim: 1, x: Float64Array.of(1, NaN), y: null } }, 'initialData.x[1]'],
    ['initialData size mismatch', { initialData: { size: 3, dim: 1, x: Float64Array.of(1, 2), y: null } }, 'initialData.size'],
    ['initialData empty', { initialData: { size: 0, dim: 1, x: new Float64Array(0), y: null } }, 'initialData.size'],
    ['maxTrainingSize 0', { maxTrainingSize: 0 }, 'maxTrainingSize'],
    ['maxTrainingSize fractional', { maxTrainingSize: 2.5 }, 'maxTrainingSize'],
    ['maxTrainingSize beyond 2^31 − 1', { maxTrainingSize: 2 ** 31 }, 'maxTrainingSize'],
    ['policy missing', { policy: undefined }, 'policy'],
  ];
  for (const [label, patch, parameter] of cases) {
    it(`${label} → ${parameter}`, () => {
      invalid(withConfig(patch), parameter);
    });
  }

  it('a config that is not an object → config', () => {
    invalid(() => recurse(null as unknown as RecurseConfig<number>), 'config');
  });
});

describe('Policy fields', () => {
  const cases: Array<[string, unknown, string]> = [
    ['unknown kind', { kind: 'mix', n: 5 }, 'policy.kind'],
    ['kind missing', { n: 5 }, 'policy.kind'],
    ['n = 0', { kind: 'replace', n: 0 }, 'policy.n'],
    ['n = 2.5', { kind: 'replace', n: 2.5 }, 'policy.n'],
    ['n = NaN', { kind: 'accumulate', n: NaN }, 'policy.n'],
    ['n missing', { kind: 'augment', lambda: 0.5 }, 'policy.n'],
    ['w = NaN', { kind: 'fresh', n: 5, m: 5, w: NaN }, 'policy.w'],
    ['w = 1.2', { kind: 'fresh', n: 5, m: 5, w: 1.2 }, 'policy.w'],
    ['w = −0.1', { kind: 'fresh', n: 5, m: 5, w: -0.1 }, 'policy.w'],
    ['w missing', { kind: 'fresh', n: 5, m: 5 }, 'policy.w'],
    ['m = 0', { kind: 'fresh', n: 5, m: 0, w: 0.5 }, 'policy.m'],
    ['m = 1.5', { kind: 'fresh', n: 5, m: 1.5, w: 0.5 }, 'policy.m'],
    ['m missing (fresh)', { kind: 'fresh', n: 5, w: 0.5 }, 'policy.m'],
    ['augment m = 0', { kind: 'augment', n: 5, lambda: 0.5, m: 0 }, 'policy.m'],
    ['lambda = 1.01', { kind: 'augment', n: 5, lambda: 1.01 }, 'policy.lambda'],
    ['lambda = NaN', { kind: 'augment', n: 5, lambda: NaN }, 'policy.lambda'],
    ['lambda missing', { kind: 'augment', n: 5 }, 'policy.lambda'],
    ['subsample = 0', { kind: 'accumulate', n: 5, subsample: 0 }, 'policy.subsample'],
    ['subsample = 2.5', { kind: 'accumulate', n: 5, subsample: 2.5 }, 'policy.subsample'],
    ['subsample larger than the generation-1 pool', { kind: 'accumulate', n: 5, subsample: 11 }, 'policy.subsample'],
    ['w on an augment policy (typo for lambda)', { kind: 'augment', n: 5, lambda: 0.5, w: 0.5 }, 'policy.w'],
    ['schedule on a fresh policy', { kind: 'fresh', n: 5, m: 5, w: 0.5, schedule: { kind: 'linear' } }, 'policy.schedule'],
    ['schedule of unknown kind', { kind: 'replace', n: 5, schedule: { kind: 'cubic' } }, 'policy.schedule.kind'],
    ['polynomial s = −1', { kind: 'replace', n: 5, schedule: { kind: 'polynomial', s: -1 } }, 'policy.schedule.s'],
    ['exponential base 0.5', { kind: 'accumulate', n: 5, schedule: { kind: 'exponential', base: 0.5 } }, 'policy.schedule.base'],
    ['constant c = 0', { kind: 'replace', n: 5, schedule: { kind: 'constant', c: 0 } }, 'policy.schedule.c'],
    ['linear slope NaN', { kind: 'replace', n: 5, schedule: { kind: 'linear', slope: NaN } }, 'policy.schedule.slope'],
    ['function c not a function', { kind: 'replace', n: 5, schedule: { kind: 'function', c: 2 } }, 'policy.schedule.c'],
    ['function c(2) = NaN', { kind: 'replace', n: 5, schedule: { kind: 'function', c: (t: number) => (t === 2 ? NaN : 1) } }, 'policy.schedule.c(2)'],
    ['function c(3) = −1', { kind: 'accumulate', n: 5, schedule: { kind: 'function', c: (t: number) => (t === 3 ? -1 : 1) } }, 'policy.schedule.c(3)'],
    ['policy a string', 'replace', 'policy'],
  ];
  for (const [label, policy, parameter] of cases) {
    it(`${label} → ${parameter}`, () => {
      invalid(withPolicy(policy), parameter);
    });
  }

  it('the unknown-kind message lists the allowed kinds', () => {
    const e = invalid(() => validatePolicy({ kind: 'mix', n: 5 }), 'policy.kind');
    expect(e.allowed).toBe('one of "replace", "accumulate", "augment", "fresh"');
    expect(e.message).toBe('policy.kind must be one of "replace", "accumulate", "augment", "fresh"; received "mix"');
  });

  it('boundary values are accepted: w ∈ {0, 1}, λ ∈ {0, 1}, n = m = 1, subsample = pool size', () => {
    const ok: Policy[] = [
      { kind: 'fresh', n: 1, m: 1, w: 0 },
      { kind: 'fresh', n: 1, m: 1, w: 1 },
      { kind: 'augment', n: 1, lambda: 0 },
      { kind: 'augment', n: 1, lambda: 1, m: 1 },
      { kind: 'accumulate', n: 5, subsample: 10 },
      { kind: 'replace', n: 1, schedule: { kind: 'polynomial', s: -0.99 } },
    ];
    for (const policy of ok) expect(recurse({ ...base, policy }).trainingSizes.length).toBe(4);
  });
});

describe('exploding schedules fail at once', () => {
  it('an exponential schedule needing 1e12 points throws, naming the policy and generation, before any draw', () => {
    let draws = 0;
    const counting: Model<number> = { ...model, sample: (theta, size, stream) => (draws++, model.sample(theta, size, stream)) };
    const policy: Policy = { kind: 'replace', n: 1, schedule: { kind: 'exponential', base: 10 } };
    const started = performance.now();
    const e = invalid(
      () => recurse({ model: counting, truth: 0, policy, generations: 12, key, maxTrainingSize: 2 ** 31 - 1 }),
      'training size of policy "replace" at generation 10',
    );
    expect(performance.now() - started).toBeLessThan(200);
    expect(draws).toBe(0);
    expect(e.value).toBe(1e10);
    expect(e.message).toContain('maxTrainingSize = 2147483647');
    // With the default cap (1e7) the first refused generation is t = 8 (1e8 points).
    invalid(() => recurse({ model: counting, truth: 0, policy, generations: 12, key }), 'training size of policy "replace" at generation 8');
    expect(draws).toBe(0);
  });

  it('accumulate counts the whole pool against maxTrainingSize; fresh counts n + m; augment |D_0| + m', () => {
    invalid(
      () => recurse({ ...base, policy: { kind: 'accumulate', n: 10 }, generations: 10, maxTrainingSize: 100 }),
      'training size of policy "accumulate" at generation 10', // 10 + 10·10 = 110 > 100
    );
    expect(recurse({ ...base, policy: { kind: 'accumulate', n: 10 }, generations: 9, maxTrainingSize: 100 }).trainingSizes[9]).toBe(100);
    invalid(() => recurse({ ...base, policy: { kind: 'fresh', n: 10, m: 91, w: 0.5 }, maxTrainingSize: 100 }), 'training size of policy "fresh" at generation 1');
    invalid(() => recurse({ ...base, policy: { kind: 'augment', n: 10, lambda: 0.5, m: 91 }, maxTrainingSize: 100 }), 'training size of policy "augment" at generation 1');
    invalid(() => recurse({ ...base, policy: { kind: 'replace', n: 101 }, maxTrainingSize: 100 }), 'training size of policy "replace" at generation 0');
  });

  it('a schedule overflowing to Infinity is reported as an invalid c_t', () => {
    invalid(
      () => planGenerations({ kind: 'replace', n: 1, schedule: { kind: 'function', c: (t) => (t < 3 ? 1 : Infinity) } }, 5, 1, 100),
      'policy.schedule.c(3)',
    );
  });
});

describe('model contract violations', () => {
  it('a sampler returning the wrong number of rows is named', () => {
    const short: Model<number> = { ...model, sample: (theta, size, stream) => model.sample(theta, Math.max(0, size - 1), stream) };
    invalid(() => recurse({ ...base, model: short }), 'model.sample (generation 0, role "real")');
  });

  it('DatasetPool refuses a dataset of another dim or beyond its capacity', () => {
    const pool = new DatasetPool(1, false, 3);
    pool.append({ size: 2, dim: 1, x: Float64Array.of(1, 2), y: null });
    invalid(() => pool.append({ size: 1, dim: 2, x: Float64Array.of(1, 2), y: null }), 'data.dim');
    invalid(() => pool.append({ size: 2, dim: 1, x: Float64Array.of(3, 4), y: null }), 'data.size');
    invalid(() => pool.append({ size: 1, dim: 1, x: Float64Array.of(3), y: Float64Array.of(1) }), 'data.y');
    pool.append({ size: 1, dim: 1, x: Float64Array.of(3), y: null });
    expect(Array.from(pool.view().x)).toEqual([1, 2, 3]);
  });
});

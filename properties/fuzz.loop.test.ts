/**
 * Fuzzed inputs for src/loop (issue 7): recurse and recurseSufficient on arbitrary configurations — policies of
 * unknown kinds, with n / m / w / lambda / subsample as edge numbers or wrong types and stray fields; schedules of
 * every kind with edge parameters and 'function' schedules returning NaN, 0, negative, huge or non-numbers;
 * generations 0, negative, NaN, fractional, huge (2^31, 2^53: refused, never a hang); wrong models, truths, keys,
 * metrics, initial data and training-size caps — and the schedule / policy / planning helpers (validateSchedule,
 * scheduleMultiplier, syntheticSize, scheduleSum, roundedSize, validatePolicy, validateRecurseConfig,
 * planGenerations, DatasetPool). Each call returns finite numbers of the declared shape or throws
 * InvalidArgumentError / NumericalError naming the parameter (contract in fuzz.harness.ts). Sizes are small so
 * that valid calls are fast.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyNumber, anything, countArgOf, edgeNumber, float64, fuzz, mostly, seedOf, wrongType, type FuzzTarget } from './fuzz.harness.js';
import {
  recurse, recurseSufficient, validateRecurseConfig, validateSchedule, scheduleMultiplier, syntheticSize, scheduleSum, roundedSize,
  validatePolicy, planGenerations, DatasetPool, POLICY_KINDS, MAX_GENERATIONS,
  MAX_SCHEDULE_SUM_TERMS,
  type Policy, type RecurseConfig, type RecurseResult, type Schedule,
} from '../src/loop/index.js';
import { gaussianModel, categoricalModel } from '../src/models/index.js';
import type { Model } from '../src/models/types.js';
import { rootKey, StreamKey } from '../src/rng/stream.js';
import { InvalidArgumentError } from '../src/errors.js';
import { toyLocationModel } from './helpers/toyModel.js';

const RUNS = 200;

// ---------------------------------------------------------------------------------------------- schedules

/** c_t of a 'function' schedule: valid, NaN, 0, negative, huge, non-finite, a non-number. */
const SCHEDULE_FUNCTIONS: readonly ((t: number) => unknown)[] = [
  () => 1,
  (t) => t,
  (t) => 0.5 * t,
  () => 5e-324,
  () => NaN,
  () => 0,
  () => -0,
  () => -1,
  () => 1e308,
  () => Infinity,
  () => 1e12,
  () => 2 ** 31,
  () => '2',
  () => undefined,
  (t) => (t === 2 ? NaN : 1),
];

const smallPositive = fc.double({ min: 0.01, max: 3, noNaN: true });

/** A schedule of every kind with mostly-valid parameters, an unknown kind, a stray field, or a wrong type. */
const scheduleArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('constant'), c: fc.oneof(fc.constant(undefined), mostly(smallPositive)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('linear'), slope: fc.oneof(fc.constant(undefined), mostly(smallPositive)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('polynomial'), s: mostly(fc.double({ min: -0.99, max: 2, noNaN: true })) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 't-log-t' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('exponential'), base: mostly(fc.double({ min: 1, max: 3, noNaN: true })) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('function'), c: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...SCHEDULE_FUNCTIONS) }, { weight: 1, arbitrary: wrongType }), label: fc.oneof(fc.constant(undefined), fc.constant('lbl'), wrongType) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.oneof(fc.constantFrom('Constant', 'quadratic', '', 'function '), wrongType), c: anything }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('constant', 't-log-t', 'linear'), base: anything }) }, // a stray field
  { weight: 1, arbitrary: wrongType },
);

/** A schedule that passes validateSchedule (its c_t may still be invalid: 'function' schedules). */
const validScheduleArb: fc.Arbitrary<Schedule> = scheduleArb.filter((s) => {
  try {
    validateSchedule(s);
    return true;
  } catch {
    return false;
  }
}) as fc.Arbitrary<Schedule>;

// ---------------------------------------------------------------------------------------------- policies

const smallInt = (min: number, max: number) => fc.integer({ min, max });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const optional = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: a });

/** A policy of every kind with mostly-valid fields (n, m small), an unknown kind, a stray field, or a wrong type. */
const policyArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace'), n: mostly(smallInt(1, 6), 5), schedule: optional(scheduleArb) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('accumulate'), n: mostly(smallInt(1, 6), 5), schedule: optional(scheduleArb), subsample: optional(mostly(smallInt(1, 8))) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('augment'), n: mostly(smallInt(1, 6), 5), lambda: mostly(unit, 5), m: optional(mostly(smallInt(1, 6))) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fresh'), n: mostly(smallInt(1, 6), 5), m: mostly(smallInt(1, 6), 5), w: mostly(unit, 5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.oneof(fc.constantFrom('Replace', 'mixed', '', 'fresh '), wrongType), n: anything, m: anything, w: anything }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom(...POLICY_KINDS), n: smallInt(1, 4), m: smallInt(1, 4), w: unit, lambda: unit }) }, // stray fields
  { weight: 1, arbitrary: wrongType },
);

// ---------------------------------------------------------------------------------------------- configs

interface ModelCase {
  readonly label: string;
  readonly model: unknown;
  readonly truth: fc.Arbitrary<unknown>;
}

const toy = toyLocationModel();
const gaussian1 = gaussianModel({ dim: 1 });
const categorical3 = categoricalModel(3);

const MODELS: readonly ModelCase[] = [
  { label: 'toy', model: toy, truth: mostly(fc.double({ min: -5, max: 5, noNaN: true }), 4) },
  {
    label: 'gaussian(1)',
    model: gaussian1,
    truth: fc.oneof(
      { weight: 4, arbitrary: fc.record({ mean: float64(fc.double({ min: -3, max: 3, noNaN: true }), 1, 1), cov: float64(fc.double({ min: 0.1, max: 4, noNaN: true }), 1, 1) }) },
      { weight: 1, arbitrary: fc.record({ mean: float64(anyNumber, 0, 2), cov: float64(anyNumber, 0, 2) }) },
      { weight: 1, arbitrary: anything },
    ),
  },
  {
    label: 'categorical(3)',
    model: categorical3,
    truth: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom({ probs: Float64Array.of(0.2, 0.3, 0.5) }, { probs: Float64Array.of(1, 0, 0) }, { probs: Float64Array.of(1 / 3, 1 / 3, 1 / 3) }) },
      { weight: 1, arbitrary: fc.record({ probs: float64(anyNumber, 0, 4) }) },
      { weight: 1, arbitrary: anything },
    ),
  },
  { label: 'a wrong model', model: null, truth: anything },
  { label: 'a model without fit', model: { ...toy, fit: undefined }, truth: fc.constant(0) },
  { label: 'a model with metrics {bad: 3}', model: { ...toy, metrics: { bad: 3 } }, truth: fc.constant(0) },
  { label: 'a model returning too few rows', model: { ...toy, sample: (theta: number, size: number, stream: never) => toy.sample(theta, Math.max(0, size - 1), stream) }, truth: fc.constant(0) },
  { label: 'a model whose metric is NaN', model: { ...toy, metrics: { nan: () => NaN } }, truth: fc.constant(0) },
];

/** A key marker (materialised per call) or a wrong type. */
const keyArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((i) => ({ __key: i })) },
  { weight: 1, arbitrary: fc.oneof(wrongType, fc.constant({ words: new Uint32Array(4) })) },
);
const keyOf = (k: unknown): unknown => (typeof k === 'object' && k !== null && '__key' in k ? rootKey('fuzz.loop').child((k as { __key: number }).__key) : k);

/** Optional fields: mostly absent, else valid or wrong. */
const extrasArb = fc.record({
  keepEstimates: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anything }),
  metrics: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom({}, { bad: 3 }, { nan: () => NaN }, 'mse', []) }),
  maxTrainingSize: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: smallInt(1, 40) }, { weight: 1, arbitrary: countArgOf(40) }, { weight: 1, arbitrary: edgeNumber }),
  initialData: fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: float64(fc.double({ min: -2, max: 2, noNaN: true }), 0, 5).map((x) => ({ size: x.length, dim: 1, x, y: null })) },
    { weight: 1, arbitrary: fc.record({ size: anything, dim: anything, x: float64(anyNumber, 0, 4), y: fc.constant(null) }) },
    { weight: 1, arbitrary: wrongType },
  ),
  sampling: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom('sufficient', 'explicit') }, { weight: 1, arbitrary: anything }),
});

/** generations: small valid counts, or 0, negative, fractional, NaN, ±Infinity, beyond 10^7, 2^31, 2^53, wrong types. */
const generationsArb = fc.oneof({ weight: 5, arbitrary: countArgOf(5) }, { weight: 1, arbitrary: fc.constantFrom(MAX_GENERATIONS + 1, 1e8, 1e12, -1e308, 1e308) });

const configArb = (models: readonly ModelCase[]) =>
  fc.nat({ max: models.length - 1 }).chain((i) => fc.tuple(fc.constant(i), models[i].truth, policyArb, generationsArb, keyArb, extrasArb));

function configOf(models: readonly ModelCase[], i: unknown, truth: unknown, policy: unknown, generations: unknown, key: unknown, extras: unknown): RecurseConfig<unknown> {
  return { ...(extras as object), model: models[i as number].model, truth, policy, generations, key: keyOf(key) } as RecurseConfig<unknown>;
}

/** The result has T + 1 entries everywhere and positive training sizes. */
function checkResult(generations: unknown) {
  return (value: unknown): void => {
    const run = value as RecurseResult<unknown>;
    const T = generations as number;
    expect(run.trainingSizes.length).toBe(T + 1);
    for (const errors of Object.values(run.errors)) expect(errors.length).toBe(T + 1);
    for (const size of run.trainingSizes) expect(size).toBeGreaterThan(0);
  };
}

/** Like fuzz(), but the check needs the generations argument: one target per call site. */
function recurseTarget(name: string, run: (config: RecurseConfig<unknown>) => unknown, models: readonly ModelCase[]): FuzzTarget {
  return {
    name,
    args: configArb(models),
    call: (i, truth, policy, generations, key, extras) => {
      const result = run(configOf(models, i, truth, policy, generations, key, extras));
      checkResult(generations)(result);
      return result;
    },
  };
}

const SUMMARY_MODELS = MODELS.filter((m) => m.label !== 'toy');

const targets: FuzzTarget[] = [
  recurseTarget('recurse', (c) => recurse(c), MODELS),
  recurseTarget('recurseSufficient', (c) => recurseSufficient(c), SUMMARY_MODELS),
  {
    name: 'recurse on a wrong config object',
    args: fc.tuple(fc.oneof(wrongType, fc.constant({}))),
    call: (config) => recurse(config as RecurseConfig<unknown>),
    expectValues: false,
  },
  {
    name: 'validateRecurseConfig',
    args: configArb(MODELS),
    call: (i, truth, policy, generations, key, extras) => {
      const checked = validateRecurseConfig(configOf(MODELS, i, truth, policy, generations, key, extras));
      return { generations: checked.generations, maxTrainingSize: checked.maxTrainingSize };
    },
  },
  { name: 'validatePolicy', args: fc.tuple(policyArb, fc.oneof(fc.constant(undefined), fc.constant('p'))), call: (p, name) => validatePolicy(p, name as string) },
  { name: 'validateSchedule', args: fc.tuple(scheduleArb), call: (s) => validateSchedule(s) },
  {
    name: 'scheduleMultiplier',
    args: fc.tuple(scheduleArb, mostly(smallInt(1, 8), 4)),
    call: (s, t) => scheduleMultiplier(s as Schedule, t as number),
    options: { check: (v) => expect(v as number).toBeGreaterThan(0) },
  },
  {
    name: 'syntheticSize',
    args: fc.tuple(mostly(smallInt(1, 20), 4), scheduleArb, mostly(smallInt(1, 8), 4)),
    call: (n, s, t) => syntheticSize(n as number, s as Schedule, t as number),
    options: { check: (v) => expect(Number.isSafeInteger(v) && (v as number) >= 1).toBe(true) },
  },
  {
    name: 'scheduleSum',
    args: fc.tuple(scheduleArb, fc.oneof({ weight: 4, arbitrary: countArgOf(50) }, { weight: 1, arbitrary: fc.constantFrom(1e12, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308) })),
    call: (s, T) => scheduleSum(s as Schedule, T as number),
    options: { check: (v) => expect(v as number).toBeGreaterThanOrEqual(0) },
  },
  {
    name: 'roundedSize',
    args: fc.tuple(mostly(smallInt(1, 1000), 4), mostly(fc.double({ min: 1e-6, max: 100, noNaN: true }), 4)),
    call: (n, c) => roundedSize(n as number, c as number),
    options: { check: (v) => expect(Number.isInteger(v) && (v as number) >= 1).toBe(true) },
  },
  {
    // documented preconditions: a validated policy, T an integer ≥ 0, maxTrainingSize an integer in [1, 2^31 − 1]
    name: 'planGenerations',
    args: fc.tuple(
      policyArb.filter((p) => {
        try {
          validatePolicy(p);
          return true;
        } catch {
          return false;
        }
      }),
      smallInt(0, 8),
      smallInt(1, 30),
      fc.oneof(smallInt(1, 60), fc.constantFrom(1, 2 ** 31 - 1)),
    ),
    call: (p, T, initial, max) => planGenerations(p as Policy, T as number, initial as number, max as number),
  },
  {
    name: 'DatasetPool',
    args: fc.tuple(mostly(smallInt(1, 3), 4), fc.oneof(fc.boolean(), anything), countArgOf(20), float64(fc.double({ min: -1, max: 1, noNaN: true }), 0, 12)),
    call: (dim, hasResponses, capacity, x) => {
      const pool = new DatasetPool(dim as number, hasResponses as boolean, capacity as number);
      const d = dim as number;
      const rows = Math.floor((x as Float64Array).length / d);
      pool.append({ size: rows, dim: d, x: (x as Float64Array).subarray(0, rows * d), y: pool.hasResponses ? new Float64Array(rows) : null });
      const view = pool.view();
      return { size: view.size, x: view.x };
    },
  },
];

describe('fuzz src/loop: finite trajectories of T + 1 entries, or InvalidArgumentError / NumericalError naming the parameter', () => {
  for (const target of targets) {
    it(target.name, () => {
      fuzz(target, RUNS, seedOf(target.name));
    });
  }

  it('huge generations counts are refused at once (no allocation of 2^31 entries, no hang)', () => {
    const key = rootKey('fuzz.loop').child('huge');
    for (const generations of [MAX_GENERATIONS + 1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308, Infinity]) {
      const started = performance.now();
      for (const run of [recurse, recurseSufficient]) {
        expect(() => run({ model: gaussian1, truth: { mean: Float64Array.of(0), cov: Float64Array.of(1) }, policy: { kind: 'replace', n: 2 }, generations, key })).toThrow(InvalidArgumentError);
      }
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('a function schedule returning NaN / 0 / a negative / a huge c_t is refused naming policy.schedule.c(t)', () => {
    const key = rootKey('fuzz.loop').child('schedule');
    for (const c of [() => NaN, () => 0, () => -2, () => Infinity]) {
      const policy = { kind: 'replace', n: 3, schedule: { kind: 'function', c } } as Policy;
      expect(() => recurse({ model: toy, truth: 0, policy, generations: 3, key })).toThrow(/^policy\.schedule\.c\(1\)/);
    }
    const huge = { kind: 'accumulate', n: 3, schedule: { kind: 'function', c: () => 1e12 } } as Policy;
    expect(() => recurse({ model: toy as Model<number>, truth: 0, policy: huge, generations: 3, key })).toThrow(/^training size of policy "accumulate" at generation 1/);
  });

  it('scheduleSum refuses T beyond 10^7 naming T (found by the fuzz: T = 1e12 summed for hours)', () => {
    for (const T of [MAX_SCHEDULE_SUM_TERMS + 1, 1e12, 2 ** 53, Number.MAX_SAFE_INTEGER]) {
      const started = performance.now();
      expect(() => scheduleSum({ kind: 't-log-t' }, T)).toThrow(/^T must be an integer ≥ 0 and ≤ 10000000; received/);
      expect(performance.now() - started).toBeLessThan(100);
    }
    expect(scheduleSum({ kind: 'constant', c: 4 }, 1000)).toBe(250);
  });

  it('roundedSize never returns NaN or Infinity; DatasetPool refuses capacity × dim beyond 2^31 − 1 (found by the fuzz)', () => {
    expect(() => roundedSize(322, NaN)).toThrow(/^c must be a finite number/);
    expect(() => roundedSize(NaN, 2)).toThrow(/^n must be a finite number/);
    expect(() => roundedSize(1000, 1e306)).toThrow(/^c must be /);
    expect(roundedSize(10, 0.25)).toBe(3);
    expect(roundedSize(10, 0.01)).toBe(1);
    // DatasetPool(1e15, …, 16) threw "RangeError: Invalid typed array length" from new Float64Array
    expect(() => new DatasetPool(1e15, false, 16)).toThrow(/^capacity must be an integer ≤ 0 /);
    expect(() => new DatasetPool(2 ** 20, true, 2 ** 12)).toThrow(/^capacity must be an integer ≤ 2047 /);
    expect(new DatasetPool(3, false, 4).capacity).toBe(4);
  });

  it('scheduleSum of a c_t below 5.6e-309 reports overflow instead of NaN (found by the fuzz)', () => {
    expect(() => scheduleSum({ kind: 'function', c: () => 5e-324 }, 45)).toThrow(/^overflow: S_T = Σ 1\/c_t of schedule exceeds the double range at t = 1/);
    expect(() => scheduleSum({ kind: 'function', c: (t) => (t === 1 ? 1 : 1e-308 / 2) }, 3)).toThrow(/at t = 2 /);
  });

  it('the key markers really are StreamKeys', () => {
    expect(keyOf({ __key: 3 })).toBeInstanceOf(StreamKey);
  });
});

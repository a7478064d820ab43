/**
 * Properties of the loop (src/loop) that the mutation run over src/loop (docs/mutation.md, "src/loop:
 * survivors") found unchecked by the rest of the property suite. Each test states its property; the expected
 * values come from independent references: the documented contracts in the doc comments of src/loop (sizes
 * |D_0| + n, "at most maxTrainingSize", the streams key.child(t, role), "outside a recursion every array has a
 * buffer of its own"), closed forms (remaining capacity = capacity − rows, S_T = T/c), an exact BigInt sum of
 * the doubles for the compensated schedule sum, and the house rule for bad input: an InvalidArgumentError
 * names the parameter, its value and what is allowed (`allowed` non-empty and specific).
 */
import { describe, expect, it } from 'vitest';
import {
  DatasetPool,
  checkedMultiplier,
  drawRole,
  planGenerations,
  recurse,
  recurseSufficient,
  roundedSize,
  scheduleMultiplier,
  scheduleSum,
  syntheticSize,
  validatePolicy,
  validateSchedule,
} from '../src/loop/index.js';
import type { Policy, RecurseConfig, Schedule } from '../src/loop/index.js';
import type { Dataset, Model, Summary, SummaryCapability } from '../src/models/types.js';
import { rootKey, type Stream } from '../src/rng/stream.js';
import { rowStorage } from '../src/models/rowStorage.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { recording, toyLocationModel } from './helpers/toyModel.js';
import { refused } from './helpers/refused.js';

const model = toyLocationModel();
const key = rootKey('mutation.loop.test').child('base', 0);
const base: RecurseConfig<number> = { model, truth: 0, policy: { kind: 'fresh', n: 5, m: 5, w: 0.5 }, generations: 3, key };


const withConfig = (patch: Record<string, unknown>) => () => recurse({ ...base, ...patch } as unknown as RecurseConfig<number>);

/** The field names listed after "fields:" in an allowed text such as `… (its fields: kind, n, lambda, m)`. */
function listedFields(allowed: string): string[] {
  const match = /fields: ([^)]*)\)/.exec(allowed);
  expect(match, `no field list in: ${allowed}`).not.toBeNull();
  return (match as RegExpExecArray)[1].split(',').map((f) => f.trim());
}

/** A model returning `output` (whatever it is) from every sample call. */
function returning(output: unknown): Model<number> {
  return { ...model, sample: () => output as Dataset };
}

/**
 * Test-only sufficient statistics for the toy location model: a summary of `size` points is their sum;
 * sample returns size·θ + (u − ½) with u the first double of the stream (and logs every call); fit is the
 * weighted mean Σ w_s·(sum_s/size_s) / Σ w_s. Only bookkeeping matters here, not the law.
 */
interface SampleLog {
  readonly theta: number;
  readonly size: number;
  readonly u: number;
}
function toySummaries(log: SampleLog[] = [], sampleOverride?: (size: number) => unknown): SummaryCapability<number> {
  const summary = (size: number, sum: number): Summary => ({ size, stats: Float64Array.of(sum) });
  return {
    sample(theta: number, size: number, stream: Stream): Summary {
      const u = stream.nextDouble();
      log.push({ theta, size, u });
      if (sampleOverride) return sampleOverride(size) as Summary;
      return summary(size, size * theta + u - 0.5);
    },
    fromData(data: Dataset): Summary {
      let sum = 0;
      for (let i = 0; i < data.size; i++) sum += data.x[i];
      return summary(data.size, sum);
    },
    pool(parts: readonly Summary[]): Summary {
      let size = 0;
      let sum = 0;
      for (const p of parts) {
        size += p.size;
        sum += p.stats[0];
      }
      return summary(size, sum);
    },
    fit(sources) {
      let num = 0;
      let den = 0;
      for (const s of sources) {
        num += (s.weight * s.summary.stats[0]) / s.summary.size;
        den += s.weight;
      }
      return num / den;
    },
  };
}
const withSummaries = (summaries: unknown): Model<number> => ({ ...model, summaries: summaries as SummaryCapability<number> });

// ---------------------------------------------------------------------------------------------------------
describe('drawRole: a model returning something other than `size` rows is named, with what it returned', () => {
  // Contract (draw.ts): "Checks that the model returned exactly `size` rows (… an InvalidArgumentError naming
  // `model.sample`)": the value reported is the returned size, or the returned value itself when not a dataset.
  const parameter = 'model.sample (generation 2, role "synthetic")';
  it('null and undefined are refused as InvalidArgumentError (not a TypeError), the value being what was returned', () => {
    expect(refused(() => drawRole(returning(null), 0, 5, key, 2, 'synthetic'), parameter).value).toBeNull();
    expect(refused(() => drawRole(returning(undefined), 0, 5, key, 2, 'synthetic'), parameter).value).toBeUndefined();
  });
  it('a dataset of 4 rows when 5 were requested: value 4, and the allowed text names the 5 rows requested', () => {
    const short = { size: 4, dim: 1, x: new Float64Array(4), y: null };
    const e = refused(() => drawRole(returning(short), 0, 5, key, 2, 'synthetic'), parameter);
    expect(e.value).toBe(4);
    expect(e.allowed).toMatch(/\b5\b/);
    expect(e.message).toMatch(/received 4$/);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('planGenerations: the cap is "held_t > maxTrainingSize throws", so held_t = maxTrainingSize is accepted', () => {
  it('boundary: |D_0| = maxTrainingSize is accepted, |D_0| = maxTrainingSize + 1 refused at generation 0 naming |D_0|', () => {
    expect(Array.from(planGenerations({ kind: 'replace', n: 2 }, 1, 100, 100).heldSizes)).toEqual([100, 2]);
    const e = refused(() => planGenerations({ kind: 'replace', n: 2 }, 1, 101, 100), 'training size of policy "replace" at generation 0');
    expect(e.value).toBe(101);
    expect(e.allowed).toContain('maxTrainingSize = 100');
    expect(e.allowed).toContain('|D_0|');
  });
  it('augment holds |D_0| + m: exactly the cap is accepted, one more refused with |D_0| and m in the message', () => {
    const policy: Policy = { kind: 'augment', n: 10, lambda: 0.5, m: 90 };
    expect(planGenerations(policy, 2, 10, 100).heldSizes[2]).toBe(100);
    const e = refused(() => planGenerations({ ...policy, m: 91 }, 2, 10, 100), 'training size of policy "augment" at generation 1');
    expect(e.value).toBe(101);
    expect(e.allowed).toMatch(/\b10\b.*\b91\b/);
  });
  it('fresh holds n + m: exactly the cap is accepted, one more refused with n and m in the message', () => {
    const policy: Policy = { kind: 'fresh', n: 30, m: 70, w: 0.5 };
    expect(planGenerations(policy, 2, 30, 100).heldSizes[2]).toBe(100);
    const e = refused(() => planGenerations({ ...policy, m: 71 }, 2, 30, 100), 'training size of policy "fresh" at generation 1');
    expect(e.value).toBe(101);
    expect(e.allowed).toMatch(/\b30\b.*\b71\b/);
  });
  it('replace and accumulate refusals state n and the multiplier c_t of the refused generation', () => {
    // replace: round(3·2) = 6 > 5 at t = 1
    const r = refused(() => planGenerations({ kind: 'replace', n: 3, schedule: { kind: 'constant', c: 2 } }, 2, 3, 5), 'training size of policy "replace" at generation 1');
    expect(r.value).toBe(6);
    expect(r.allowed).toMatch(/n = 3\b/);
    expect(r.allowed).toMatch(/c_t = 2\b/);
    // accumulate, linear slope 1: pool 4 + 4·1 + 4·2 = 16 > 15 at t = 2, c_2 = 2
    const a = refused(() => planGenerations({ kind: 'accumulate', n: 4, schedule: { kind: 'linear' } }, 3, 4, 15), 'training size of policy "accumulate" at generation 2');
    expect(a.value).toBe(16);
    expect(a.allowed).toMatch(/c_t = 2\b/);
    expect(a.allowed).toContain('|D_0|');
  });
  it('subsample is checked against the generation-1 pool |D_0| + round(n·c_1) also when T = 1', () => {
    // |D_0| = 5, n = 5: pool at generation 1 holds 10 points; K = 11 cannot be drawn without replacement.
    const e = refused(() => planGenerations({ kind: 'accumulate', n: 5, subsample: 11 }, 1, 5, 1000), 'policy.subsample');
    expect(e.value).toBe(11);
    expect(e.allowed).toMatch(/\b10\b/);
    expect(planGenerations({ kind: 'accumulate', n: 5, subsample: 10 }, 1, 5, 1000).heldSizes[1]).toBe(10);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('validatePolicy and validateSchedule: refusals name the field and list what is allowed', () => {
  const POLICY_KINDS = ['replace', 'accumulate', 'augment', 'fresh'];
  const SCHEDULE_KINDS = ['constant', 'linear', 'polynomial', 't-log-t', 'exponential', 'function'];
  /** Every kind appears quoted, consecutive kinds separated by "|" or "," (a legible list). */
  const listsKinds = (allowed: string, kinds: readonly string[]) => {
    for (let i = 0; i + 1 < kinds.length; i++) expect(allowed).toMatch(new RegExp(`"${kinds[i]}"\\s*[|,]\\s*"${kinds[i + 1]}"`));
  };
  it('a policy that is null or not an object is refused as `policy`, the message listing the four kinds', () => {
    listsKinds(refused(() => validatePolicy(null), 'policy').allowed, POLICY_KINDS);
    listsKinds(refused(() => validatePolicy(7), 'policy').allowed, POLICY_KINDS);
  });
  it('a schedule that is null or not an object is refused as `schedule`, the message listing the six kinds', () => {
    listsKinds(refused(() => validateSchedule(null), 'schedule').allowed, SCHEDULE_KINDS);
    listsKinds(refused(() => validateSchedule(5), 'schedule').allowed, SCHEDULE_KINDS);
  });
  it('a field of another kind is refused, listing exactly the fields of the kind (types.ts)', () => {
    const p = refused(() => validatePolicy({ kind: 'augment', n: 5, lambda: 0.5, w: 0.5 }), 'policy.w');
    expect(p.allowed).toContain('"augment"');
    expect(listedFields(p.allowed)).toEqual(['kind', 'n', 'lambda', 'm']);
    const f = refused(() => validateSchedule({ kind: 'function', c: () => 1, base: 2 }), 'schedule.base');
    expect(f.allowed).toContain('"function"');
    expect(listedFields(f.allowed)).toEqual(['kind', 'c', 'label']);
    const c = refused(() => validateSchedule({ kind: 'polynomial', s: 1, slope: 2 }), 'schedule.slope');
    expect(listedFields(c.allowed)).toEqual(['kind', 's']);
  });
  it('a foreign field that is explicitly undefined counts as absent (like every optional field)', () => {
    expect(validatePolicy({ kind: 'replace', n: 5, w: undefined })).toEqual({ kind: 'replace', n: 5, w: undefined });
    expect(validateSchedule({ kind: 'constant', slope: undefined }).kind).toBe('constant');
  });
  it('polynomial s must be a finite number > −1: Infinity and a numeric string are refused', () => {
    expect(refused(() => validateSchedule({ kind: 'polynomial', s: Infinity }), 'schedule.s').allowed).toContain('-1');
    refused(() => validateSchedule({ kind: 'polynomial', s: '0.5' }), 'schedule.s');
    expect(validateSchedule({ kind: 'polynomial', s: -0.5 }).kind).toBe('polynomial');
  });
  it('exponential base, function c and function label refusals say what is allowed', () => {
    expect(refused(() => validateSchedule({ kind: 'exponential', base: 0.5 }), 'schedule.base').allowed).toMatch(/1/);
    expect(refused(() => validateSchedule({ kind: 'function', c: 3 }), 'schedule.c').allowed).toMatch(/function/);
    expect(refused(() => validateSchedule({ kind: 'function', c: () => 1, label: 5 }), 'schedule.label').allowed).toMatch(/string/);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('schedule multipliers and sizes', () => {
  it('checkedMultiplier names `schedule.c(t)` by default; an unlabelled function schedule gets no label in the message', () => {
    const e = refused(() => checkedMultiplier({ kind: 'function', c: () => 0 }, 1), 'schedule.c(1)');
    expect(e.value).toBe(0);
    expect(e.allowed).toMatch(/"function" at t = 1\)$/);
    expect(e.allowed).not.toContain('undefined');
  });
  it('an invalid c_t of a labelled function schedule names the label; an unlabelled one mentions no label', () => {
    const labelled = refused(() => scheduleMultiplier({ kind: 'function', c: () => -1, label: 'halving' }, 2), 'schedule.c(2)');
    expect(labelled.allowed).toContain('halving');
    // 10^400 overflows: the allowed text names the kind and t and nothing else (no label, no "undefined").
    const overflow = refused(() => scheduleMultiplier({ kind: 'exponential', base: 10 }, 400), 'schedule.c(400)');
    expect(overflow.value).toBe(Infinity);
    expect(overflow.allowed).toMatch(/"exponential" at t = 400\)$/);
    expect(overflow.allowed).not.toContain('undefined');
  });
  it('syntheticSize accepts exactly Number.MAX_SAFE_INTEGER and refuses the first unsafe size, stating n and c_t', () => {
    expect(syntheticSize(Number.MAX_SAFE_INTEGER, { kind: 'constant' }, 1)).toBe(Number.MAX_SAFE_INTEGER);
    const e = refused(() => syntheticSize(Number.MAX_SAFE_INTEGER, { kind: 'constant', c: 2 }, 1), 'schedule at t = 1');
    expect(e.allowed).toContain(`n = ${Number.MAX_SAFE_INTEGER}`);
    expect(e.allowed).toMatch(/c_t = 2\b/);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('scheduleSum is compensated: within the Neumaier / Sum2 bound u·|S| + γ²_{n−1}·Σ|x| of the exact sum', () => {
  // Exact reference: every double is m·2^e, so Σ of the terms is an exact BigInt multiple of 2^-1100.
  const SHIFT = 1100n;
  const exact = (values: readonly number[]): bigint => {
    const view = new DataView(new ArrayBuffer(8));
    let sum = 0n;
    for (const v of values) {
      view.setFloat64(0, v);
      const hi = view.getUint32(0);
      const lo = view.getUint32(4);
      const biased = (hi >>> 20) & 0x7ff;
      let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
      let exponent: bigint;
      if (biased === 0) exponent = -1074n;
      else {
        mantissa |= 1n << 52n;
        exponent = BigInt(biased) - 1075n;
      }
      sum += (v < 0 ? -mantissa : mantissa) << (exponent + SHIFT);
    }
    return sum;
  };
  const u = 2 ** -53;
  /** |computed − exact| ≤ u·|S| + γ²_{n−1}·Σ|x| (Ogita, Rump & Oishi 2005, Prop. 4.5; positive terms: Σ|x| = S). */
  const withinBound = (computed: number, terms: readonly number[]) => {
    const S = exact(terms);
    let diff = exact([computed]) - S;
    if (diff < 0n) diff = -diff;
    const n = terms.length;
    const gamma = ((n - 1) * u) / (1 - (n - 1) * u);
    // diff / S ≤ u + γ²  ⇐  diff·2^120 ≤ S·(2^67 + ⌈γ²·2^120⌉)   (u·2^120 = 2^67 exactly)
    const factor = 2n ** 67n + BigInt(Math.ceil(gamma * gamma * 2 ** 120));
    expect(diff << 120n <= S * factor, `error ${diff} (×2^-1100) beyond the bound for S = ${S}`).toBe(true);
  };
  const termsOf = (schedule: Schedule, T: number) => Array.from({ length: T }, (_, i) => 1 / scheduleMultiplier(schedule, i + 1));

  it('constant c = 10 over 10⁵ generations: S = Σ fl(1/10) to within the bound (naive summation is off by ~10⁻⁹)', () => {
    const schedule: Schedule = { kind: 'constant', c: 10 };
    const T = 100_000;
    const sum = scheduleSum(schedule, T);
    expect(Math.abs(sum - T / 10)).toBeLessThan(1e-10);
    withinBound(sum, termsOf(schedule, T));
  });
  it('terms larger than the running sum (the other branch of the compensation), two exact cases', () => {
    // 1 + 2^53: the addition rounds 2^53 + 1 to 2^53; the compensation must keep the lost +1.
    const table = (values: readonly number[]): Schedule => ({ kind: 'function', c: (t) => 1 / values[t - 1] });
    const first = [1, 2 ** 53];
    withinBound(scheduleSum(table(first), 2), termsOf(table(first), 2));
    // increasing terms of mixed magnitudes (each of these 1/(1/x) is x exactly)
    const second = [13960575188992, 371.7197952270508, 320005698748416, 3947541504, 17488.2265625];
    expect(termsOf(table(second), 5)).toEqual(second);
    withinBound(scheduleSum(table(second), 5), second);
    // geometric terms 4^t (exact): S_T = (4^{T+1} − 4)/3
    expect(scheduleSum({ kind: 'function', c: (t) => 4 ** -t }, 10)).toBe((4 ** 11 - 4) / 3);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('DatasetPool', () => {
  it('size counts the rows appended; responses are copied and viewed in order', () => {
    const pool = new DatasetPool(1, true, 5);
    expect(pool.size).toBe(0);
    pool.append({ size: 2, dim: 1, x: Float64Array.of(1, 2), y: Float64Array.of(10, 20) });
    pool.append({ size: 3, dim: 1, x: Float64Array.of(3, 4, 5), y: Float64Array.of(30, 40, 50) });
    expect(pool.size).toBe(5);
    const view = pool.view();
    expect(Array.from(view.x)).toEqual([1, 2, 3, 4, 5]);
    expect(view.y).not.toBeNull();
    expect(Array.from(view.y as Float64Array)).toEqual([10, 20, 30, 40, 50]);
  });
  it('constructor refusals name dim and capacity; capacity 2³¹ is beyond the allowed 2³¹ − 1', () => {
    refused(() => new DatasetPool(0, false, 1), 'dim');
    refused(() => new DatasetPool(1, false, -1), 'capacity');
    // capacity 2^31 is above the documented maximum 2^31 − 1 (dim 2^30: an accepted 2^31 could never be allocated)
    refused(() => new DatasetPool(2 ** 30, false, 2 ** 31), 'capacity');
  });
  it('append refusals state the pool dim, the response convention and the remaining capacity = capacity − rows', () => {
    const pool = new DatasetPool(1, false, 3);
    pool.append({ size: 2, dim: 1, x: Float64Array.of(1, 2), y: null });
    expect(refused(() => pool.append({ size: 1, dim: 2, x: Float64Array.of(1, 2), y: null }), 'data.dim').allowed).toMatch(/^1\b/);
    expect(refused(() => pool.append({ size: 1, dim: 1, x: Float64Array.of(3), y: Float64Array.of(1) }), 'data.y').allowed).toMatch(/null/);
    expect(refused(() => pool.append({ size: 2, dim: 1, x: Float64Array.of(3, 4), y: null }), 'data.size').allowed).toMatch(/at most 1\b/);
    const withY = new DatasetPool(1, true, 3);
    expect(refused(() => withY.append({ size: 1, dim: 1, x: Float64Array.of(3), y: null }), 'data.y').allowed).toMatch(/responses/);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('recurse: configuration refusals say what is allowed', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['config a number', () => recurse(5 as unknown as RecurseConfig<number>), 'config'],
    ['config null', () => recurse(null as unknown as RecurseConfig<number>), 'config'],
    ['model null', withConfig({ model: null }), 'model'],
    ['model.sample missing', withConfig({ model: { ...model, sample: undefined } }), 'model.sample'],
    ['metrics null', withConfig({ metrics: null }), 'metrics'],
    ['metrics entry not a function', withConfig({ metrics: { mse: null } }), 'metrics.mse'],
    ['key a number', withConfig({ key: 42 }), 'key'],
    ['keepEstimates a number', withConfig({ keepEstimates: 1 }), 'keepEstimates'],
    ['initialData a number', withConfig({ initialData: 5 }), 'initialData'],
    ['initialData empty', withConfig({ initialData: { size: 0, dim: 1, x: new Float64Array(0), y: null } }), 'initialData.size'],
    ['sampling unknown', withConfig({ sampling: 'bogus' }), 'sampling'],
  ];
  for (const [label, call, parameter] of cases) {
    it(`${label} → ${parameter}`, () => {
      refused(call, parameter);
    });
  }
  it('an initialData whose size disagrees with x.length / dim is refused, stating x.length / dim', () => {
    const e = refused(withConfig({ initialData: { size: 3, dim: 1, x: Float64Array.of(1, 2), y: null } }), 'initialData.size');
    expect(e.value).toBe(3);
    expect(e.allowed).toMatch(/^2\b/);
  });
  it('the sampling refusal lists "explicit" and "sufficient"', () => {
    const e = refused(withConfig({ sampling: 'bogus' }), 'sampling');
    expect(e.allowed).toContain('"explicit"');
    expect(e.allowed).toContain('"sufficient"');
  });
});

describe('recurse: dispatch on sampling', () => {
  it('sampling "explicit" is the default: the same run as without it', () => {
    const explicit = recurse({ ...base, sampling: 'explicit' });
    const byDefault = recurse(base);
    expect(Array.from(explicit.errors.absoluteError)).toEqual(Array.from(byDefault.errors.absoluteError));
  });
  it('sampling "sufficient" goes to the summaries: refused (naming sampling) for a model without them, used when present', () => {
    refused(withConfig({ sampling: 'sufficient' }), 'sampling');
    const log: SampleLog[] = [];
    const run = recurse({ ...base, model: withSummaries(toySummaries(log)), sampling: 'sufficient' });
    // fresh, T = 3: D_0, then R_t and S_t for t = 1..3, all drawn as summaries
    expect(log.map((c) => c.size)).toEqual([5, 5, 5, 5, 5, 5, 5]);
    expect(run.trainingSizes.length).toBe(4);
  });
});

describe('recurse: sizes come from the initialData supplied, not from n', () => {
  // accumulate with |D_0| = 3, n = 5, T = 1: the pool at t = 1 holds |D_0| + n = 8 points (policy.ts).
  const initialData: Dataset = { size: 3, dim: 1, x: Float64Array.of(0.1, 0.2, 0.3), y: null };
  const policy: Policy = { kind: 'accumulate', n: 5 };
  it('explicit: with maxTrainingSize = 8 = |D_0| + n the run is accepted and trains on 8 points at t = 1', () => {
    expect(Array.from(recurse({ ...base, policy, generations: 1, initialData, maxTrainingSize: 8 }).trainingSizes)).toEqual([3, 8]);
  });
  it('sufficient: the same plan and the same training sizes', () => {
    const run = recurseSufficient({ ...base, model: withSummaries(toySummaries()), policy, generations: 1, initialData, maxTrainingSize: 8 });
    expect(Array.from(run.trainingSizes)).toEqual([3, 8]);
  });
});

describe('recurse: accumulate keeps the responses of every set it pools', () => {
  it('with responses, the pool fitted at t = 2 holds D_0, S_1, S_2 with their y, in order (from the recorded draws)', () => {
    const inner = toyLocationModel();
    const regression: Model<number> = {
      ...inner,
      sample(theta, size, stream) {
        const d = inner.sample(theta, size, stream);
        return { ...d, y: d.x.map((v) => 2 * v + 1) };
      },
    };
    const rec = recording(regression);
    recurse({ ...base, model: rec.model, policy: { kind: 'accumulate', n: 3 }, generations: 2 });
    const expectedY = rec.samples.flatMap((s) => Array.from(s.data.y as Float64Array));
    expect(expectedY.length).toBe(9);
    const last = rec.fits[2][0].data;
    expect(last.y).not.toBeNull();
    expect(Array.from(last.y as Float64Array)).toEqual(expectedY);
  });
  it('a synthetic set the pool cannot take is named after its generation', () => {
    let calls = 0;
    const widening: Model<number> = {
      ...model,
      sample(theta, size, stream) {
        const d = model.sample(theta, size, stream);
        return calls++ < 2 ? d : { size, dim: 2, x: new Float64Array(2 * size), y: null };
      },
    };
    const e = refused(() => recurse({ ...base, model: widening, policy: { kind: 'accumulate', n: 3 }, generations: 3 }), 'synthetic data of generation 2.dim');
    expect(e.value).toBe(2);
  });
});

describe('recurse leaves the recursion: afterwards every rowStorage array has a buffer of its own', () => {
  // rowStorage.ts: "Outside a recursion (a user calling model.sample directly) every array is a plain new Float64Array".
  it('after a run that returns and after a run that throws', () => {
    recurse(base);
    expect(rowStorage(100).buffer.byteLength).toBe(800);
    const bad = { ...model, metrics: { bad: () => NaN } };
    expect(() => recurse({ ...base, model: bad })).toThrow();
    expect(rowStorage(100).buffer.byteLength).toBe(800);
  });
});

describe('trajectory: errors entries are plain data properties, also for names of Object.prototype members', () => {
  it('descriptor of errors.constructor equals that of an assigned property', () => {
    const run = recurse({ ...base, metrics: { constructor: (e: number, t: number) => Math.abs(e - t) } });
    const plain: Record<string, unknown> = {};
    plain.x = run.errors.constructor;
    expect(Object.getOwnPropertyDescriptor(run.errors, 'constructor')).toEqual(Object.getOwnPropertyDescriptor(plain, 'x'));
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('recurseSufficient: the summaries capability and each drawn summary are checked', () => {
  it('summaries that are null or not an object are refused as model.summaries', () => {
    refused(() => recurseSufficient({ ...base, model: withSummaries(null) }), 'model.summaries');
    refused(() => recurseSufficient({ ...base, model: withSummaries(5) }), 'model.summaries');
  });
  it('a summaries method that is not a function is named', () => {
    refused(() => recurseSufficient({ ...base, model: withSummaries({ ...toySummaries(), pool: 1 }) }), 'model.summaries.pool');
  });
  it('a summary of the wrong size, null or undefined is refused naming the draw, with what was returned', () => {
    const parameter = 'model.summaries.sample (generation 0, role "real")';
    const short = refused(() => recurseSufficient({ ...base, model: withSummaries(toySummaries([], (size) => ({ size: size - 1, stats: Float64Array.of(0) }))) }), parameter);
    expect(short.value).toBe(4);
    expect(short.allowed).toMatch(/\b5\b/);
    expect(refused(() => recurseSufficient({ ...base, model: withSummaries(toySummaries([], () => null)) }), parameter).value).toBeNull();
    expect(refused(() => recurseSufficient({ ...base, model: withSummaries(toySummaries([], () => undefined)) }), parameter).value).toBeUndefined();
  });
  it('sampling "explicit" is refused by recurseSufficient; accumulate-subsample is refused with value "sufficient"', () => {
    refused(() => recurseSufficient({ ...base, model: withSummaries(toySummaries()), sampling: 'explicit' }), 'sampling');
    const e = refused(() => recurseSufficient({ ...base, model: withSummaries(toySummaries()), policy: { kind: 'accumulate', n: 5, subsample: 4 } }), 'sampling');
    expect(e.value).toBe('sufficient');
  });
  it('augment draws S_t with the stream key.child(t, "synthetic")', () => {
    const log: SampleLog[] = [];
    recurseSufficient({ ...base, model: withSummaries(toySummaries(log)), policy: { kind: 'augment', n: 4, lambda: 0.5, m: 3 }, generations: 2 });
    expect(log.map((c) => c.size)).toEqual([4, 3, 3]);
    expect(log[0].u).toBe(key.child(0, 'real').stream().nextDouble());
    expect(log[1].u).toBe(key.child(1, 'synthetic').stream().nextDouble());
    expect(log[2].u).toBe(key.child(2, 'synthetic').stream().nextDouble());
  });
});

describe('third mutation run (final tree)', () => {
  it('roundedSize = max(1, round(n·c)) refuses a non-finite n or c by name, also −∞ (which max(1, ·) would hide as 1)', () => {
    // doc: "never a NaN or infinite size (issue 7): n and c finite numbers, n·c within the double range"
    expect(roundedSize(10, 0.25)).toBe(3); // round(2.5) = 3 (half up)
    expect(roundedSize(10, 0.01)).toBe(1);
    for (const bad of [-Infinity, Infinity, NaN]) {
      expect(refused(() => roundedSize(bad, 1), 'n').value).toBe(bad);
      expect(refused(() => roundedSize(5, bad), 'c').value).toBe(bad);
    }
    refused(() => roundedSize('5' as unknown as number, 1), 'n');
    refused(() => roundedSize(5, '1' as unknown as number), 'c');
  });

  it('roundedSize: n·c beyond the double range is refused naming c, the allowed text stating n', () => {
    const error = refused(() => roundedSize(1e300, 1e300), 'c');
    expect(error.value).toBe(1e300);
    expect(error.allowed).toContain('n = 1e+300');
  });

  it('scheduleSum: an overflowing term is NumericalError("overflow") carrying the t and c_t its message states', () => {
    // c_1 = 1, c_2 = 1e-309: 1/c_2 = +∞ at t = 2 (doc: "NumericalError('overflow') if the sum exceeds the double range")
    const schedule: Schedule = { kind: 'function', c: (t: number) => (t === 1 ? 1 : 1e-309) };
    let caught: unknown;
    try {
      scheduleSum(schedule, 3);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NumericalError);
    const error = caught as NumericalError;
    expect(error.kind).toBe('overflow');
    expect(error.message).toContain('at t = 2 (c_t = 1e-309)');
    expect(error.details).toEqual({ t: 2, c: 1e-309 });
  });
});

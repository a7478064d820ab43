/**
 * Fuzzed inputs for src/rng (issue 7): stream derivation (rootKey, StreamKey, child, roleStream, nextInt), the hash
 * (murmur3x86_128, fmix32) and every sampler, on arbitrary arguments (edge numbers, wrong types, wrong shapes) —
 * each call returns finite draws of the right shape or throws InvalidArgumentError / NumericalError naming the
 * parameter (contract in fuzz.harness.ts). Fixed seeds; sizes small so valid calls are fast.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  anyNumber, anything, anyVector, countArgOf, edgeNumber, expectContract, float64, fuzz, mostly, seedOf, streamArg, streamOf, wrongType,
  type FuzzTarget, type StreamMarker,
} from './fuzz.harness.js';
import { rootKey, StreamKey, Stream } from '../src/rng/stream.js';
import { murmur3x86_128, fmix32 } from '../src/rng/murmur3.js';
import { standardNormal, fillStandardNormal } from '../src/rng/normal.js';
import { fillMultivariateNormal } from '../src/rng/multivariateNormal.js';
import { gammaVariate, logGammaVariate, fillGamma } from '../src/rng/gamma.js';
import { chiSquaredVariate } from '../src/rng/chiSquared.js';
import { poissonVariate, poissonLogProbability } from '../src/rng/poisson.js';
import { bernoulliVariate } from '../src/rng/bernoulli.js';
import { aliasTable, sampleAlias, fillCategorical } from '../src/rng/categorical.js';
import { wishartVariate } from '../src/rng/wishart.js';
import { binomialVariate, binomialLogProbability } from '../src/rng/binomial.js';
import { NumericalError } from '../src/errors.js';

const RUNS = 300;

const countArg = countArgOf(12);

/** A d×d lower-triangular factor with a positive diagonal (valid), or a corrupted one. */
function lowerFactor(d: number): fc.Arbitrary<unknown> {
  const valid = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d * d, maxLength: d * d }).map((entries) => {
    const l = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) l[i * d + j] = i === j ? 0.1 + Math.abs(entries[i * d + j]) : entries[i * d + j];
    return l;
  });
  const corrupted = fc.tuple(valid, fc.nat(d * d - 1), anyNumber).map(([l, at, v]) => {
    const c = Float64Array.from(l as Float64Array);
    c[at] = v;
    return c;
  });
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 2, arbitrary: corrupted }, { weight: 1, arbitrary: anyVector });
}

const dimension = fc.integer({ min: 1, max: 4 });

/** Every draw of `out` is finite and, for counts, a non-negative integer. */
function integerDraw(value: unknown): void {
  expect(Number.isInteger(value) && (value as number) >= 0).toBe(true);
}

const targets: FuzzTarget[] = [
  {
    name: 'rootKey',
    args: fc.tuple(fc.oneof(anything, fc.string())),
    call: (seed) => rootKey(seed as string).toString(),
  },
  {
    name: 'new StreamKey',
    args: fc.tuple(fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }).map((w) => Uint32Array.from(w)) },
      { weight: 1, arbitrary: fc.array(fc.nat(), { maxLength: 6 }).map((w) => Uint32Array.from(w)) },
      { weight: 1, arbitrary: anyVector },
    )),
    call: (words) => new StreamKey(words as Uint32Array).stream().nextDouble(),
  },
  {
    name: 'StreamKey.child',
    args: fc.tuple(fc.array(fc.oneof(anything, fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 5 })),
    call: (labels) => rootKey('fuzz').child(...(labels as string[])).toString(),
  },
  {
    name: 'StreamKey.roleStream',
    args: fc.tuple(mostly(fc.integer({ min: 0, max: 100 })), mostly(fc.constantFrom('real', 'synthetic', 'subsample', ''))),
    call: (t, role) => rootKey('fuzz').roleStream(t as number, role as string).nextU32(),
  },
  {
    name: 'Stream.nextInt',
    args: fc.tuple(streamArg, mostly(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(2 ** 32, 2 ** 31 + 1)))),
    call: (s, bound) => {
      const v = (s instanceof Stream ? s : streamOf({ __stream: 0 })).nextInt(bound as number);
      expect(Number.isInteger(v) && v >= 0 && v < (bound as number)).toBe(true);
      return v;
    },
  },
  {
    name: 'murmur3x86_128',
    args: fc.tuple(
      mostly(fc.uint8Array({ maxLength: 40 })),
      mostly(fc.oneof(fc.nat(), fc.constant(0x9747b28c))),
      fc.oneof(fc.constant(undefined), fc.nat(40), anything),
      fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(new Uint32Array(4)) }, { weight: 1, arbitrary: anything }),
    ),
    call: (bytes, seed, length, out) => Array.from(murmur3x86_128(bytes as Uint8Array, seed as number, length as number, out as Uint32Array)),
  },
  {
    name: 'fmix32',
    args: fc.tuple(mostly(fc.nat())),
    call: (h) => {
      const v = fmix32(h as number);
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
      return v;
    },
  },
  {
    name: 'standardNormal',
    args: fc.tuple(streamArg),
    call: (s) => standardNormal(s as Stream),
  },
  {
    name: 'fillStandardNormal',
    args: fc.tuple(streamArg, mostly(float64(anyNumber, 0, 8)), fc.oneof(fc.constant(undefined), countArg), fc.oneof(fc.constant(undefined), countArg)),
    // only out[start, end) is written: the rest of the caller's buffer is checked by nobody
    call: (s, out, start, end) => {
      const o = fillStandardNormal(s as Stream, out as Float64Array, start as number, end as number);
      return o.subarray((start as number | undefined) ?? 0, (end as number | undefined) ?? o.length);
    },
  },
  {
    name: 'fillMultivariateNormal',
    args: dimension.chain((d) =>
      fc.tuple(
        streamArg,
        mostly(float64(fc.double({ min: -5, max: 5, noNaN: true }), d, d)),
        lowerFactor(d),
        countArg,
        fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: float64(anyNumber, 0, 30) }, { weight: 1, arbitrary: wrongType }),
      ),
    ),
    call: (s, mean, lower, rows, out) => {
      const o = fillMultivariateNormal(s as Stream, mean as Float64Array, lower as Float64Array, rows as number, out as Float64Array);
      return o.subarray(0, (rows as number) * (mean as Float64Array).length); // rows·d written
    },
  },
  {
    name: 'fillMultivariateNormal (huge mean: overflow)',
    args: fc.tuple(streamArg, fc.constantFrom(1e308, -1.7e308, Number.MAX_VALUE), fc.constantFrom(1e154, 1e300, 1)),
    call: (s, mu, scale) => fillMultivariateNormal(s as Stream, Float64Array.of(mu as number), Float64Array.of(scale as number), 20),
    expectValues: false,
    expectRefusals: false,
  },
  {
    name: 'gammaVariate',
    args: fc.tuple(streamArg, mostly(fc.double({ min: 1e-3, max: 50, noNaN: true })), fc.oneof(fc.constant(undefined), mostly(fc.double({ min: 1e-3, max: 50, noNaN: true })))),
    call: (s, shape, rate) => gammaVariate(s as Stream, shape as number, rate as number),
    options: { check: (v) => expect(v as number).toBeGreaterThanOrEqual(0) },
  },
  {
    name: 'logGammaVariate',
    args: fc.tuple(streamArg, mostly(fc.oneof(fc.double({ min: 1e-3, max: 50, noNaN: true }), fc.constantFrom(5e-324, 1e-310, 1e-300))), fc.oneof(fc.constant(undefined), mostly(fc.double({ min: 1e-3, max: 50, noNaN: true })))),
    call: (s, shape, rate) => logGammaVariate(s as Stream, shape as number, rate as number),
  },
  {
    name: 'fillGamma',
    args: fc.tuple(streamArg, mostly(fc.double({ min: 1e-3, max: 50, noNaN: true })), mostly(fc.double({ min: 1e-3, max: 50, noNaN: true })), mostly(float64(anyNumber, 0, 8))),
    call: (s, shape, rate, out) => fillGamma(s as Stream, shape as number, rate as number, out as Float64Array),
    options: { check: (v) => expect(Array.from(v as Float64Array).every((x) => x >= 0)).toBe(true) },
  },
  {
    name: 'chiSquaredVariate',
    args: fc.tuple(streamArg, mostly(fc.double({ min: 1e-3, max: 100, noNaN: true }))),
    call: (s, df) => chiSquaredVariate(s as Stream, df as number),
  },
  {
    name: 'poissonVariate',
    args: fc.tuple(streamArg, mostly(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1e-3, 9.999999, 10, 1e9, 1e12)))),
    call: (s, mean) => poissonVariate(s as Stream, mean as number),
    options: { check: integerDraw },
  },
  {
    name: 'poissonLogProbability',
    args: fc.tuple(mostly(fc.integer({ min: 0, max: 100 })), mostly(fc.double({ min: 1e-3, max: 100, noNaN: true }))),
    call: (k, mean) => poissonLogProbability(k as number, mean as number),
    options: { check: (v) => expect(v as number).toBeLessThanOrEqual(0) },
  },
  {
    name: 'bernoulliVariate',
    args: fc.tuple(streamArg, mostly(fc.double({ min: 0, max: 1, noNaN: true }))),
    call: (s, p) => bernoulliVariate(s as Stream, p as number),
  },
  {
    name: 'binomialVariate',
    args: fc.tuple(streamArg, mostly(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(2 ** 40, Number.MAX_SAFE_INTEGER))), mostly(fc.double({ min: 0, max: 1, noNaN: true }))),
    call: (s, n, p) => {
      const k = binomialVariate(s as Stream, n as number, p as number);
      expect(Number.isInteger(k) && k >= 0 && k <= (n as number)).toBe(true);
      return k;
    },
  },
  {
    name: 'binomialLogProbability',
    args: fc.integer({ min: 0, max: 60 }).chain((n) => fc.tuple(mostly(fc.integer({ min: 0, max: n })), mostly(fc.constant(n)), mostly(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true })))),
    call: (k, n, p) => binomialLogProbability(k as number, n as number, p as number),
    options: { check: (v) => expect(v as number).toBeLessThanOrEqual(1e-12) },
  },
  {
    name: 'aliasTable',
    args: fc.tuple(mostly(float64(fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), anyNumber), 0, 8))),
    call: (w) => aliasTable(w as Float64Array),
  },
  {
    name: 'sampleAlias',
    args: fc.tuple(
      fc.oneof(
        { weight: 3, arbitrary: float64(fc.double({ min: 0.01, max: 10, noNaN: true }), 1, 6).map((w) => aliasTable(w)) },
        { weight: 1, arbitrary: anything },
        { weight: 1, arbitrary: fc.record({ size: anyNumber, probability: anyVector, alias: fc.constantFrom(new Int32Array(2), [0, 1], null) }) },
      ),
      streamArg,
    ),
    call: (table, s) => sampleAlias(table as ReturnType<typeof aliasTable>, s as Stream),
    options: { check: integerDraw },
  },
  {
    name: 'fillCategorical',
    args: fc.tuple(
      streamArg,
      fc.oneof({ weight: 3, arbitrary: float64(fc.double({ min: 0.01, max: 10, noNaN: true }), 1, 6).map((w) => aliasTable(w)) }, { weight: 1, arbitrary: anything }),
      mostly(float64(anyNumber, 0, 8)),
    ),
    call: (s, table, out) => fillCategorical(s as Stream, table as ReturnType<typeof aliasTable>, out as Float64Array),
  },
  {
    name: 'wishartVariate',
    args: dimension.chain((d) =>
      fc.tuple(
        streamArg,
        lowerFactor(d),
        mostly(fc.constant(d)),
        mostly(fc.oneof(fc.double({ min: d - 1 + 1e-3, max: d + 30, noNaN: true }), fc.integer({ min: d, max: d + 20 }))),
        fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyVector }),
      ),
    ),
    call: (s, lower, d, df, out) => wishartVariate(s as Stream, lower as Float64Array, d as number, df as number, out as Float64Array),
  },
];

describe('fuzz src/rng: every call returns finite draws or throws InvalidArgumentError / NumericalError naming the parameter', () => {
  for (const target of targets) {
    it(target.name, () => {
      fuzz(target, RUNS, seedOf(target.name));
    });
  }
});

describe('fuzz src/rng: dedicated edges', () => {
  it('logGammaVariate at shapes below ~1e-307: a finite log or NumericalError("overflow"), never −Infinity', () => {
    for (const shape of [5e-324, 1e-320, 1e-310, 1e-308]) {
      for (let i = 0; i < 50; i++) {
        expectContract(`logGammaVariate(shape ${shape})`, () => logGammaVariate(streamOf({ __stream: i } as StreamMarker), shape), { numericalKinds: ['overflow'] });
      }
    }
  });

  it('gammaVariate with a rate so small that the draw overflows throws NumericalError("overflow")', () => {
    expect(() => gammaVariate(streamOf({ __stream: 1 }), 5, 5e-324)).toThrow(NumericalError);
  });

  it('edge numbers as every numeric argument of poissonVariate / binomialVariate never return NaN', () => {
    fc.assert(
      fc.property(streamArg, edgeNumber, edgeNumber, (s, a, b) => {
        const live = (m: unknown) => (typeof m === 'object' && m !== null && '__stream' in m ? streamOf(m as StreamMarker) : m) as Stream;
        expectContract('poissonVariate', () => poissonVariate(live(s), a));
        expectContract('binomialVariate', () => binomialVariate(live(s), a, b));
      }),
      { seed: 77, numRuns: 400 },
    );
  });
});

/**
 * Fuzzed inputs for src/stats (issue 7): the statistical checks (checkMean, checkProportion, checkDKW,
 * checkBoundedMean, checkQuantile, checkPairedSign, checkTwoSample, checkArgminOnGrid) and their helpers
 * (clopperPearson, dkwEpsilon, boundedMeanHalfWidth, proportionTrialsNeeded, requiredReplications,
 * replicationsFromPilot, twoSampleKolmogorovDistance, OnlineMoments, summarize, timeAverage, batchMeansVariance,
 * zUpper, replicate, column) on arbitrary samples (empty, NaN entries, ±Infinity, 1e308 whose sums overflow), alpha
 * and beta outside (0, 1), wrong types. Contract of fuzz.harness.ts, extended for this file only: a check may also
 * refuse with UnderpoweredError (src/stats/check.ts: the data cannot detect the declared effect), whose message
 * starts with the check's label — the wrapper `underpoweredOk` turns it into an accepted outcome. A check that
 * returns reports a CheckResult whose estimate, alpha and p-value are finite (interval ends may be ±Infinity: a
 * one-sided interval); CheckFailedError is thrown only by expectPass, which is not fuzzed here.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyNumber, anyVector, anything, countArgOf, float64, fuzz, mostly, seedOf, wrongType, type FuzzTarget } from './fuzz.harness.js';
import {
  checkMean, checkProportion, checkDKW, checkBoundedMean, checkQuantile, checkPairedSign, checkTwoSample, checkArgminOnGrid,
  clopperPearson, dkwEpsilon, boundedMeanHalfWidth, proportionTrialsNeeded, requiredReplications, replicationsFromPilot,
  twoSampleKolmogorovDistance, OnlineMoments, summarize, timeAverage, batchMeansVariance, zUpper, replicate, column,
  UnderpoweredError, alphaFor, totalBudget, CLAIM_IDS, type CheckResult,
} from '../src/stats/index.js';
import { rootKey } from '../src/rng/stream.js';
import { normalCdf } from '../src/special/normalCdf.js';

const RUNS = 200;

/** Marks an UnderpoweredError (an accepted refusal of the checks) as a value; checks that its message names the label. */
function underpoweredOk(label: unknown, call: () => unknown): unknown {
  try {
    return call();
  } catch (error) {
    if (error instanceof UnderpoweredError) {
      if (typeof label === 'string' && !error.message.startsWith(`${label}: under-powered`)) throw new Error(`UnderpoweredError not naming the label ${JSON.stringify(label)}: ${error.message}`);
      return { underpowered: error.needed >= 0 ? 1 : 0 };
    }
    throw error;
  }
}

/** A CheckResult: finite estimate, alpha in (0, 1), p-value in [0, 1], ordered interval. */
function checkResult(value: unknown): void {
  if (typeof value === 'object' && value !== null && 'underpowered' in value) return;
  const r = value as CheckResult;
  expect(typeof r.pass).toBe('boolean');
  expect(Number.isFinite(r.estimate)).toBe(true);
  expect(r.alpha > 0 && r.alpha < 1).toBe(true);
  if (r.pValue !== undefined) expect(r.pValue >= 0 && r.pValue <= 1).toBe(true);
  expect(r.interval[0] <= r.interval[1]).toBe(true);
}
const checkOptions = { allowInfinity: true, check: checkResult };

const modest = fc.double({ min: -5, max: 5, noNaN: true });
/** Sample entries: mostly modest, sometimes edge numbers (NaN, ±Infinity, 1e308). */
const entry = fc.oneof({ weight: 8, arbitrary: modest }, { weight: 1, arbitrary: anyNumber });
/** A sample: 0..60 entries (mostly 20..60), or a wrong type. */
const samples = fc.oneof(
  { weight: 4, arbitrary: float64(modest, 20, 60) },
  { weight: 2, arbitrary: float64(entry, 0, 60) },
  { weight: 1, arbitrary: fc.array(entry, { maxLength: 8 }) },
  { weight: 1, arbitrary: wrongType },
);
const bigSample = (min: number) => fc.oneof({ weight: 4, arbitrary: float64(modest, min, min + 40) }, { weight: 1, arbitrary: float64(entry, 0, min + 10) }, { weight: 1, arbitrary: wrongType });
const alpha = mostly(fc.constantFrom(0.05, 0.01, 1e-3, 0.2), 4);
const beta = fc.oneof(fc.constant(undefined), mostly(fc.constantFrom(0.01, 0.1, 0.2), 3));
const label = mostly(fc.constantFrom('fuzz', 'c'), 6);
const probability = mostly(fc.double({ min: 0, max: 1, noNaN: true }), 4);
const CDFS: readonly ((x: number) => number)[] = [normalCdf, (x) => Math.min(1, Math.max(0, x)), () => NaN, () => 2, (x) => 1 - normalCdf(x)];
const cdfArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CDFS) }, { weight: 1, arbitrary: wrongType });
const key = rootKey('fuzz.stats');
const RUN_FNS: readonly ((k: unknown, r: number) => number)[] = [(_, r) => r * 0.5, () => NaN, () => Infinity, () => 1e308];

const targets: FuzzTarget[] = [
  {
    name: 'checkMean',
    args: fc.tuple(label, fc.oneof(bigSample(100), samples, fc.constant(undefined)), fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.record({ n: countArgOf(500), mean: anyNumber, variance: anyNumber }) }, { weight: 1, arbitrary: anything }), mostly(modest, 4), alpha, mostly(fc.double({ min: 0.5, max: 5, noNaN: true }), 4), beta, fc.oneof(fc.constant(undefined), mostly(fc.double({ min: 0, max: 1, noNaN: true })))),
    call: (l, s, summary, oracle, a, detectable, b, tolerance) => underpoweredOk(l, () => checkMean({ label: l, samples: s, summary, oracle, alpha: a, detectable, beta: b, tolerance } as never)),
    options: checkOptions,
  },
  {
    name: 'checkProportion',
    args: fc.tuple(label, countArgOf(400), countArgOf(400), probability, alpha, fc.oneof(fc.constant(undefined), mostly(fc.double({ min: 0.05, max: 0.5, noNaN: true }))), beta, fc.oneof(fc.constant(undefined), fc.constantFrom('two-sided', 'at-most', 'at-least'), wrongType)),
    call: (l, successes, trials, p, a, detectable, b, side) => underpoweredOk(l, () => checkProportion({ label: l, successes, trials, p, alpha: a, detectable, beta: b, side } as never)),
    options: checkOptions,
  },
  {
    name: 'proportionTrialsNeeded',
    args: fc.tuple(probability, mostly(fc.double({ min: 0.01, max: 0.5, noNaN: true })), alpha, mostly(fc.constantFrom(0.01, 0.1)), fc.oneof(fc.constantFrom('two-sided', 'at-most', 'at-least'), wrongType)),
    call: (p, detectable, a, b, side) => proportionTrialsNeeded({ p, detectable, alpha: a, beta: b, side } as never),
  },
  {
    name: 'checkDKW',
    args: fc.tuple(label, samples, cdfArb, alpha, fc.oneof(fc.constant(undefined), fc.boolean(), wrongType)),
    call: (l, s, cdf, a, discrete) => underpoweredOk(l, () => checkDKW({ label: l, samples: s, cdf, alpha: a, discrete } as never)),
    options: checkOptions,
  },
  { name: 'dkwEpsilon', args: fc.tuple(countArgOf(1000), alpha), call: (r, a) => dkwEpsilon(r as number, a as number) },
  {
    name: 'checkBoundedMean',
    args: fc.tuple(label, samples, mostly(fc.constant(-5), 5), mostly(fc.constant(5), 5), mostly(modest, 4), alpha, mostly(fc.double({ min: 0.5, max: 5, noNaN: true }), 4), fc.oneof(fc.constant(undefined), anything)),
    call: (l, s, lower, upper, oracle, a, detectable, tolerance) => underpoweredOk(l, () => checkBoundedMean({ label: l, samples: s, lower, upper, oracle, alpha: a, detectable, tolerance } as never)),
    options: checkOptions,
  },
  { name: 'boundedMeanHalfWidth', args: fc.tuple(countArgOf(1000), mostly(fc.double({ min: 0.1, max: 10, noNaN: true })), mostly(fc.double({ min: 0, max: 10, noNaN: true })), alpha), call: (r, range, v, a) => boundedMeanHalfWidth(r as number, range as number, v as number, a as number) },
  {
    name: 'checkQuantile',
    args: fc.tuple(label, samples, mostly(fc.double({ min: 0.05, max: 0.95, noNaN: true })), mostly(modest, 4), alpha, mostly(fc.double({ min: 0.1, max: 0.5, noNaN: true }), 4), beta),
    call: (l, s, q, oracle, a, detectable, b) => underpoweredOk(l, () => checkQuantile({ label: l, samples: s, q, oracle, alpha: a, detectable, beta: b } as never)),
    options: checkOptions,
  },
  {
    name: 'checkPairedSign',
    args: fc.tuple(label, fc.oneof(bigSample(100), samples), fc.oneof(fc.constantFrom('positive', 'negative'), wrongType), mostly(fc.double({ min: 0.5, max: 5, noNaN: true }), 4), alpha, beta),
    call: (l, d, direction, effect, a, b) => underpoweredOk(l, () => checkPairedSign({ label: l, differences: d, direction, expectedEffect: effect, alpha: a, beta: b } as never)),
    options: checkOptions,
  },
  {
    name: 'checkTwoSample',
    args: fc.tuple(label, bigSample(100), bigSample(100), alpha, fc.oneof(fc.constant(undefined), mostly(fc.double({ min: 0.5, max: 5, noNaN: true }))), beta),
    call: (l, first, second, a, detectable, b) => underpoweredOk(l, () => checkTwoSample({ label: l, first, second, alpha: a, detectable, beta: b } as never)),
    options: checkOptions,
  },
  { name: 'twoSampleKolmogorovDistance', args: fc.tuple(samples, samples), call: (a, b) => twoSampleKolmogorovDistance(a as never, b as never), options: { check: (v) => expect((v as number) >= 0 && (v as number) <= 1).toBe(true) } },
  {
    name: 'checkArgminOnGrid',
    args: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 100, max: 130 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) })).chain(([g, r]) =>
      fc.tuple(
        label,
        mostly(float64(fc.double({ min: 0, max: 1, noNaN: true }), g, g), 5),
        mostly(float64(fc.oneof({ weight: 30, arbitrary: modest }, { weight: 1, arbitrary: anyNumber }), g * r, g * r), 5),
        mostly(fc.constant(r), 5),
        mostly(fc.double({ min: 0, max: 1, noNaN: true }), 5),
        mostly(fc.double({ min: 0, max: 0.5, noNaN: true }), 5),
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom((a: number, b: number) => Math.abs(a - b), () => 0.1, () => NaN) }, { weight: 1, arbitrary: wrongType }),
        alpha,
        beta,
        fc.oneof(fc.constant(undefined), fc.constantFrom('neighbours', 'all'), wrongType),
      ),
    ),
    call: (l, grid, values, replications, target, tolerance, expectedGap, a, b, ruleOut) =>
      underpoweredOk(l, () => checkArgminOnGrid({ label: l, grid, values, replications, target, tolerance, expectedGap, alpha: a, beta: b, ruleOut } as never)),
    options: checkOptions,
  },
  {
    name: 'clopperPearson',
    args: fc.tuple(countArgOf(200), countArgOf(200), alpha),
    call: (s, n, a) => clopperPearson(s as number, n as number, a as number),
    options: { check: (v) => { const [lo, hi] = v as [number, number]; expect(lo >= 0 && lo <= hi && hi <= 1).toBe(true); } },
  },
  {
    name: 'requiredReplications',
    args: fc.tuple(mostly(fc.double({ min: 0.1, max: 10, noNaN: true })), mostly(fc.double({ min: 0.1, max: 10, noNaN: true })), alpha, beta, fc.oneof(fc.constant(undefined), fc.constantFrom(1, 2), anything)),
    call: (sd, detectable, a, b, sided) => requiredReplications({ sd, detectable, alpha: a, beta: b, sided } as never),
    options: { check: (v) => expect(Number.isSafeInteger(v) && (v as number) >= 1).toBe(true) },
  },
  {
    name: 'replicationsFromPilot',
    args: fc.tuple(fc.oneof(bigSample(50), samples), mostly(fc.double({ min: 0.1, max: 10, noNaN: true })), alpha, beta, fc.oneof(fc.constant(undefined), anything)),
    call: (pilot, detectable, a, b, margin) => replicationsFromPilot({ pilot, detectable, alpha: a, beta: b, margin } as never),
    options: { check: (v) => expect(Number.isSafeInteger(v) && (v as number) >= 1).toBe(true) },
  },
  {
    name: 'OnlineMoments',
    args: fc.tuple(fc.array(entry, { maxLength: 8 }), fc.array(entry, { maxLength: 8 })),
    call: (xs, ys) => {
      const m = new OnlineMoments();
      for (const x of xs as number[]) m.push(x);
      const other = new OnlineMoments();
      for (const y of ys as number[]) other.push(y);
      m.merge(other);
      return { count: m.count, mean: m.mean, variance: m.variance, se: m.count >= 2 ? m.standardError : 0 };
    },
    expectRefusals: false,
  },
  { name: 'summarize', args: fc.tuple(samples), call: (s) => { const r = summarize(s as never); return { ...r, standardError: r.n >= 2 ? r.standardError : 0 }; }, expectRefusals: false },
  { name: 'timeAverage', args: fc.tuple(samples, countArgOf(30), fc.oneof(fc.constant(undefined), countArgOf(70))), call: (s, start, end) => timeAverage(s as never, start as number, end as number) },
  { name: 'batchMeansVariance', args: fc.tuple(samples, countArgOf(30)), call: (s, b) => batchMeansVariance(s as never, b as number) },
  { name: 'zUpper', args: fc.tuple(mostly(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }))), call: (p) => zUpper(p as number) },
  {
    name: 'replicate',
    args: fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.constant(key) }, { weight: 1, arbitrary: wrongType }), countArgOf(20), fc.oneof(fc.constant(undefined), countArgOf(100)), fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...RUN_FNS) }, { weight: 1, arbitrary: wrongType })),
    call: (k, replications, first, run) => replicate({ key: k, replications, first, run } as never),
  },
  {
    name: 'alphaFor',
    args: fc.tuple(fc.oneof(fc.constantFrom('engine.fuzz', 'constructor', 'toString', '__proto__', 'hasOwnProperty', '', ...CLAIM_IDS.slice(0, 5)), fc.string({ maxLength: 8 }), wrongType)),
    call: (id) => alphaFor(id as string),
    options: { check: (v) => expect(typeof v === 'number' && v > 0 && v < 1).toBe(true) },
  },
  { name: 'totalBudget', args: fc.tuple(fc.oneof(fc.constant(undefined), countArgOf(1000), anyNumber)), call: (u) => totalBudget(u as number) },
  {
    name: 'column',
    args: fc.tuple(anyVector, countArgOf(5), countArgOf(5)),
    call: (m, width, c) => column(m as Float64Array, width as number, c as number),
  },
];

describe('fuzz src/stats: a CheckResult / finite value, UnderpoweredError naming the label, or InvalidArgumentError naming the parameter', () => {
  for (const target of targets) {
    it(target.name, () => {
      fuzz(target, RUNS, seedOf(target.name));
    });
  }
});

describe('defects found by the stats fuzz (regressions)', () => {
  const refused = (fn: () => unknown, parameter: RegExp) => expect(fn).toThrow(parameter);

  it('samples that are not arrays of finite numbers are refused naming them (no TypeError, no NaN result)', () => {
    const ok = Float64Array.from({ length: 120 }, (_, i) => Math.sin(i));
    refused(() => checkQuantile({ label: 'q', samples: null as never, q: 0.5, oracle: 0, alpha: 0.05, detectable: 0.3 }), /^samples must be/);
    refused(() => checkPairedSign({ label: 'p', differences: false as never, direction: 'negative', expectedEffect: 4, alpha: 0.05 }), /^differences must be/);
    refused(() => checkBoundedMean({ label: 'b', samples: Symbol('s') as never, lower: -5, upper: 5, oracle: 0, alpha: 0.05, detectable: 1 }), /^samples must be/);
    refused(() => checkDKW({ label: 'd', samples: ok, cdf: null as never, alpha: 0.05 }), /^cdf must be/);
    refused(() => twoSampleKolmogorovDistance(ok, null as never), /^second must be/);
    refused(() => timeAverage(undefined as never, 2), /^trajectory must be/);
    refused(() => batchMeansVariance(Symbol('s') as never, 26), /^series must be/);
    refused(() => summarize([1, NaN, 2]), /^samples\[1\] must be a finite number/);
    refused(() => replicationsFromPilot({ pilot: ok.subarray(0, 45), detectable: 0.1, alpha: 0.05 }), /^pilot\.length must be at least 50/);
    refused(() => checkMean({ label: 'm', summary: { n: 485, mean: 29, variance: -1 }, oracle: 0, alpha: 1e-3, detectable: 1.8 }), /^sample variance must be/);
  });

  it('helpers validate their arguments and report overflow instead of ±Infinity / NaN', () => {
    refused(() => dkwEpsilon({} as never, 0.01), /^replications must be/);
    expect(Number.isFinite(dkwEpsilon(935, 1.5e-323))).toBe(true);
    expect(dkwEpsilon(100, 0.05)).toBe(Math.sqrt(Math.log(2 / 0.05) / 200));
    refused(() => boundedMeanHalfWidth(5e-324, 0.27, 10n as never, 0.001), /^replications must be/);
    expect(Number.isFinite(boundedMeanHalfWidth(13, 0.72, 9e-323, 2.2250738585072014e-308))).toBe(true);
    refused(() => proportionTrialsNeeded({ p: 0.99, detectable: -1e308, alpha: 0.2, beta: 0.1, side: [NaN] as never }), /^detectable must be/);
    refused(() => proportionTrialsNeeded({ p: 1.4e-69, detectable: 9e-323, alpha: 0.01, beta: 0.01, side: 'at-most' }), /^overflow: /);
    refused(() => requiredReplications({ sd: 0.88, detectable: 7.6e-101, alpha: 0.2, beta: 0.2 }), /^overflow: /);
    refused(() => replicate({ key: '3' as never, replications: 11, run: () => 1 }), /^key must be a StreamKey/);
    refused(() => replicate({ key: rootKey('r'), replications: 6, run: 'abc' as never }), /^run must be/);
    refused(() => column([NaN] as never, 0, 5), /^matrix must be/);
    refused(() => alphaFor('constructor'), /^checkId must be an id of the suite budget/); // returned Object's constructor
    refused(() => alphaFor(3 as never), /^checkId must be/); // TypeError: checkId.startsWith is not a function
    refused(() => totalBudget(NaN), /^unlisted must be/); // returned NaN
    refused(() => column(new Float64Array(6), 0, 5), /^width must be/);
    expect(Array.from(column(Float64Array.of(1, 2, 3, 4), 2, 1))).toEqual([2, 4]);
  });

  it('OnlineMoments refuses non-finite points and reports overflow, keeping its state', () => {
    const m = new OnlineMoments();
    m.push(1);
    refused(() => m.push(NaN), /^x must be a finite number/);
    m.push(3);
    refused(() => m.push(1.7976931348623157e308), /^overflow: /); // (x − mean)² overflows
    expect([m.count, m.mean, m.variance]).toEqual([2, 2, 2]);
  });
});

/**
 * Fuzzed inputs for src/theory (issue 7): every exported closed form on arbitrary numeric arguments — 0, −0, NaN,
 * ±Infinity, 1e308, 5e-324, huge integers (a generation count of 2^53 must be refused or computed at once, never
 * looped over), fractional counts, wrong types, arrays with NaN entries. Each call returns a finite number (no
 * closed form of src/theory documents an infinite value: divergent limits and infinite moments are refused with an
 * InvalidArgumentError) or throws InvalidArgumentError whose parameter is one of the function's own parameters
 * (contract in fuzz.harness.ts, plus the parameter-name check below), or NumericalError('overflow') when the exact
 * value is beyond the double range.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyNumber, anyVector, anything, expectContract, float64, mostly, seedOf, show, wrongType } from './fuzz.harness.js';
import * as th from '../src/theory/index.js';
import type { NumericalFailure } from '../src/errors.js';
import { MAX_ROUNDS } from '../src/theory/limits.js';

const RUNS = 200;

const count = (min: number, max: number) => fc.integer({ min, max });
const positive = fc.double({ min: 0.01, max: 10, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
/** A generation / round count: small valid ones, or huge (2^53, 1e12: refused or closed-form, never a hang), or junk. */
const generation = fc.oneof({ weight: 4, arbitrary: count(0, 30) }, { weight: 1, arbitrary: fc.constantFrom(1e7, 1e7 + 1, 1e12, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER) });
const multipliers = fc.oneof({ weight: 3, arbitrary: float64(positive, 0, 6) }, { weight: 1, arbitrary: anyVector });
const sizes = fc.oneof({ weight: 3, arbitrary: fc.array(count(1, 50), { maxLength: 6 }) }, { weight: 1, arbitrary: anyVector });

interface TheoryTarget {
  readonly name: string;
  /** The parameter names an InvalidArgumentError may name (`x[i]`, `x.length` count as `x`). */
  readonly params: readonly string[];
  readonly args: fc.Arbitrary<readonly unknown[]>;
  readonly call: (...args: unknown[]) => unknown;
  /** NumericalError kinds besides 'overflow' the function documents. */
  readonly kinds?: readonly NumericalFailure[];
}

/** An options-object closed form: each field mostly valid, otherwise anything. */
function options(name: string, fields: Record<string, fc.Arbitrary<unknown>>, fn: (o: never) => unknown, extraParams: readonly string[] = []): TheoryTarget {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [field, valid] of Object.entries(fields)) record[field] = mostly(valid, 5);
  return { name, params: [...Object.keys(fields), ...extraParams], args: fc.tuple(fc.record(record)), call: (o) => fn(o as never) };
}

/** A positional closed form. */
function positional(name: string, params: readonly string[], valid: readonly fc.Arbitrary<unknown>[], fn: (...a: never[]) => unknown, extraParams: readonly string[] = []): TheoryTarget {
  return { name, params: [...params, ...extraParams], args: fc.tuple(...valid.map((v) => mostly(v, 5))), call: (...a) => fn(...(a as never[])) };
}

const PHIS: readonly ((u: number) => number)[] = [(u) => u, (u) => u * u, () => 1, (u) => 1 / u, () => NaN, () => Infinity];

const targets: TheoryTarget[] = [
  // weighting.ts
  positional('limitFactor', ['w', 'k'], [unit, positive], th.limitFactor),
  positional('optimalWeight', ['k'], [positive], th.optimalWeight),
  positional('naiveWeight', ['k'], [positive], th.naiveWeight),
  positional('naiveToOptimalRatio', ['k'], [positive], th.naiveToOptimalRatio),
  positional('improvementThreshold', ['k'], [positive], th.improvementThreshold),
  options('freshMeanError', { traceSigma: positive, n: count(1, 50), m: count(1, 50), w: unit, t: generation }, th.freshMeanError),
  positional('geometricSum', ['w', 't'], [unit, generation], th.geometricSum),
  options('freshMeanLimit', { traceSigma: positive, n: count(1, 50), m: count(1, 50), w: unit }, th.freshMeanLimit),
  options('freshCovarianceError', { frobeniusSquared: positive, traceSquared: positive, n: count(2, 50), m: count(2, 50), w: unit, t: generation }, th.freshCovarianceError),
  options('freshCovarianceErrorClosedForm', { frobeniusSquared: positive, traceSquared: positive, n: count(2, 50), m: count(2, 50), w: unit, t: generation }, th.freshCovarianceErrorClosedForm),
  positional('covarianceGrowthRate', ['w', 'm'], [unit, count(2, 50)], th.covarianceGrowthRate),
  positional('covarianceCollapseThreshold', ['m'], [count(2, 50)], th.covarianceCollapseThreshold),
  options('freshCovarianceLimit', { frobeniusSquared: positive, traceSquared: positive, n: count(2, 50), m: count(2, 50), w: fc.double({ min: 0.3, max: 1, noNaN: true }) }, th.freshCovarianceLimit),
  options('fullySyntheticVarianceError', { sigma2: positive, n: count(2, 50), m: count(2, 50), t: generation }, th.fullySyntheticVarianceError),
  positional(
    'linearRuleLimit',
    ['traceSigma', 'realWeights', 'syntheticWeights'],
    [positive, fc.constantFrom([0.25, 0.25], Float64Array.of(0.5), [1]), fc.constantFrom([0.5], [], Float64Array.of(0.2, 0.3))],
    th.linearRuleLimit,
    ['weights'],
  ),
  options('glmScaledError', { traceInverseFisher: positive, k: positive, w: unit, t: generation }, th.glmScaledError),
  options('fixedDesignError', { sigma2: positive, traceXtXInverse: positive, w: unit, t: generation }, th.fixedDesignError),
  options('cvmError', { n: count(1, 50), m: count(1, 50), w: unit, t: generation }, th.cvmError),
  options('cvmLimit', { n: count(1, 50), m: count(1, 50), w: unit }, th.cvmLimit),
  options('categoricalError', { sumSquares: unit, n: count(1, 50), m: count(1, 50), w: unit, t: generation }, th.categoricalError),
  options('categoricalLimit', { sumSquares: unit, n: count(1, 50), m: count(1, 50), w: unit }, th.categoricalLimit),
  positional('cvmOptimalWeight', ['n', 'm'], [count(1, 50), count(2, 50)], th.cvmOptimalWeight),
  positional('cvmImprovementThreshold', ['n', 'm'], [count(1, 50), count(1, 50)], th.cvmImprovementThreshold),
  // schedules.ts
  positional('inverseScheduleSum', ['c'], [multipliers], th.inverseScheduleSum),
  options('scheduleMeanError', { d: count(1, 5), sigma2: positive, n: count(1, 50), S: fc.double({ min: 0, max: 20, noNaN: true }) }, th.scheduleMeanError),
  options('maximalInequalityBound', { n: count(1, 50), delta: positive, sigma2: positive, Sinfinity: fc.double({ min: 0, max: 20, noNaN: true }) }, th.maximalInequalityBound),
  options('exceedanceProbability', { n: count(1, 50), delta: positive, sigma2: positive, S: fc.double({ min: 0, max: 20, noNaN: true }) }, th.exceedanceProbability),
  options('biasDrift', { v: fc.double({ min: -5, max: 5, noNaN: true }), n: count(1, 50), rho: positive, c: multipliers }, th.biasDrift),
  options('varianceMleExpectation', { sigma2: positive, sizes }, th.varianceMleExpectation),
  positional('improvementProbability1D', ['S'], [fc.double({ min: 0, max: 20, noNaN: true })], th.improvementProbability1D),
  positional('improvementProbabilityIsotropic', ['S', 'd'], [fc.double({ min: 0, max: 20, noNaN: true }), count(1, 6)], th.improvementProbabilityIsotropic),
  {
    ...positional(
      'improvementProbabilityGeneral2D',
    ['S', 'V'],
    [fc.double({ min: 0, max: 20, noNaN: true }), fc.constantFrom(Float64Array.of(1, 0, 0, 1), Float64Array.of(2, 0.5, 0.5, 1), Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 0, 0))],
      th.improvementProbabilityGeneral2D,
    ),
    kinds: ['singular'], // V not positive definite (the Cholesky factor of V)
  },
  // accumulate*.ts, shumailov.ts, stability.ts, recursiveStability.ts, uniformCollapse.ts
  positional('inverseSquareSum', ['J'], [generation], th.inverseSquareSum),
  options('accumulateMeanError', { traceSigma: positive, n: count(1, 50), generation }, th.accumulateMeanError),
  options('replaceMeanError', { traceSigma: positive, n: count(1, 50), generation }, th.replaceMeanError),
  options('accumulateFixedDesignError', { sigma2: positive, traceWeightedInverse: positive, generation }, th.accumulateFixedDesignError),
  options('accumulatePoolCovarianceFactor', { n: count(2, 50), generation }, th.accumulatePoolCovarianceFactor),
  options('accumulateEstimatedMeanError', { traceSigma: positive, n: count(2, 50), generation }, th.accumulateEstimatedMeanError),
  options('accumulateMeanParameterError', { variance: positive, curvature: fc.double({ min: -5, max: 5, noNaN: true }), n: count(1, 50), generation }, th.accumulateMeanParameterError),
  positional('shiftedInverseGammaExcess', ['j', 'a', 'k'], [count(0, 5), fc.double({ min: 5, max: 200, noNaN: true }), count(1, 4)], th.shiftedInverseGammaExcess),
  positional('shiftedInverseGammaMoment', ['j', 'a', 'k'], [count(0, 5), fc.double({ min: 5, max: 200, noNaN: true }), count(1, 4)], th.shiftedInverseGammaMoment),
  options('accumulateRateRelativeError', { shape: fc.double({ min: 0.5, max: 4, noNaN: true }), n: count(5, 60), generation: count(0, 3) }, th.accumulateRateRelativeError, ['n·shape']),
  options('accumulateRateSquaredErrorVariance', { shape: fc.double({ min: 0.5, max: 4, noNaN: true }), n: count(5, 60), generation: count(0, 2) }, th.accumulateRateSquaredErrorVariance, ['n·shape']),
  options('augmentStabilityMeanGap', { sdGapSquared: positive, m: count(1, 50), lambda: unit, generation }, th.augmentStabilityMeanGap),
  options('shumailovMeanVariance', { sigma2: positive, n: count(1, 50), sizes }, th.shumailovMeanVariance),
  positional('logChiSquaredMeanDrift', ['k'], [count(1, 50)], th.logChiSquaredMeanDrift),
  options('shumailovLogVarianceMean', { sigma2: positive, n: count(2, 50), M: count(2, 50), generation }, th.shumailovLogVarianceMean),
  options('shumailovVarianceSecondMoment', { sigma2: positive, n: count(2, 50), M: count(2, 50), generation }, th.shumailovVarianceSecondMoment),
  options('augmentMeanError', { sigma2: positive, n: count(1, 50), m: count(1, 50), lambda: unit, generation }, th.augmentMeanError),
  {
    name: 'uniformReplaceLogShrinkageCdf',
    params: ['generation', 'x'],
    args: fc.tuple(mostly(generation, 5), anyNumber),
    call: (g, x) => th.uniformReplaceLogShrinkageCdf({ generation: g as number })(x as number),
  },
  options('uniformReplaceMeanRatio', { n: count(1, 50), generation }, th.uniformReplaceMeanRatio),
  // linearRule.ts, randomDesignLinear.ts
  options(
    'linearRuleError',
    { traceSigma: positive, n: count(1, 50), realWeights: fc.constantFrom([0.25, 0.25], Float64Array.of(0.5), [1]), syntheticWeights: fc.constantFrom([0.5], [], Float64Array.of(0.2, 0.3)), t: generation },
    th.linearRuleError,
    ['weights'],
  ),
  positional('betaExpectation', ['phi', 'alpha', 'beta'], [fc.constantFrom(...PHIS), fc.double({ min: 5, max: 100, noNaN: true }), fc.double({ min: 5, max: 100, noNaN: true })], th.betaExpectation),
  options('randomDesignLinearTransition', { n: count(10, 40), m: count(10, 40), w: unit }, th.randomDesignLinearTransition),
  options('randomDesignLinearError', { n: count(10, 40), m: count(10, 40), w: unit, t: generation, noiseVariance: positive, covariateVariance: positive }, th.randomDesignLinearError),
];

/** fuzz() with the parameter-name check: a refusal names one of the target's parameters. */
function fuzzTheory(target: TheoryTarget): void {
  let values = 0;
  let refusals = 0;
  fc.assert(
    fc.property(target.args, (args) => {
      const label = `${target.name}(${args.map(show).join(', ')})`;
      const outcome = expectContract(label, () => target.call(...args), { numericalKinds: ['overflow', ...(target.kinds ?? [])] });
      if (outcome.kind === 'value') values++;
      if (outcome.kind === 'invalid') {
        refusals++;
        const base = outcome.error.parameter.replace(/(\[\d+\]|\.length)$/, '');
        if (!target.params.includes(base)) throw new Error(`${label}: the refusal names ${JSON.stringify(outcome.error.parameter)}, not a parameter of ${target.name} (${target.params.join(', ')}): ${outcome.error.message}`);
      }
    }),
    { seed: seedOf(target.name), numRuns: RUNS, endOnFailure: true },
  );
  expect(values, `${target.name}: no valid call`).toBeGreaterThan(0);
  expect(refusals, `${target.name}: no refused call`).toBeGreaterThan(0);
}

describe('fuzz src/theory: a finite value, InvalidArgumentError naming a parameter, or NumericalError("overflow")', () => {
  for (const target of targets) {
    it(target.name, () => fuzzTheory(target));
  }

  it('every exported function of src/theory is fuzzed', () => {
    const exported = Object.entries(th).filter(([, v]) => typeof v === 'function').map(([k]) => k).sort();
    expect(exported).toEqual(targets.map((t) => t.name).sort());
  });

  it('wrong types for the options object itself are not part of the contract (the fields are)', () => {
    expect(wrongType).toBeDefined();
    expect(anything).toBeDefined();
  });
});

describe('defects found by the theory fuzz (regressions)', () => {
  const timed = (fn: () => unknown): void => {
    const started = performance.now();
    expect(fn).toThrow(/^(generation|t|J) must be an integer ≥ 0 and ≤ /);
    expect(performance.now() - started).toBeLessThan(100);
  };

  it('round counts of 2^53 are refused at once instead of looping (inverseSquareSum, accumulate*, freshCovarianceError, cvm/categoricalError, randomDesignLinearError)', () => {
    const huge = Number.MAX_SAFE_INTEGER;
    timed(() => th.inverseSquareSum(huge));
    timed(() => th.accumulateMeanError({ traceSigma: 1, n: 2, generation: huge }));
    timed(() => th.accumulatePoolCovarianceFactor({ n: 2, generation: huge }));
    timed(() => th.accumulateEstimatedMeanError({ traceSigma: 1, n: 2, generation: huge }));
    timed(() => th.accumulateMeanParameterError({ variance: 1, curvature: 0, n: 2, generation: huge }));
    timed(() => th.freshCovarianceError({ frobeniusSquared: 1, traceSquared: 1, n: 5, m: 5, w: 0.5, t: huge }));
    timed(() => th.cvmError({ n: 5, m: 5, w: 0.5, t: huge }));
    timed(() => th.categoricalError({ sumSquares: 0.5, n: 5, m: 5, w: 0.5, t: huge }));
    timed(() => th.randomDesignLinearError({ n: 20, m: 20, w: 0.5, t: huge, noiseVariance: 1, covariateVariance: 1 }));
    timed(() => th.accumulateRateRelativeError({ shape: 1, n: 200, generation: 501 }));
    expect(th.inverseSquareSum(MAX_ROUNDS + 1)).toBeCloseTo(Math.PI ** 2 / 6, 6);
  });

  it('overflowing closed forms report overflow instead of returning ±Infinity or NaN', () => {
    expect(() => th.fullySyntheticVarianceError({ sigma2: 7, n: 11, m: 7, t: 1e12 })).toThrow(/^overflow: fullySyntheticVarianceError/);
    expect(() => th.limitFactor(4e-323, 2)).toThrow(/^overflow: limitFactor/);
    expect(() => th.scheduleMeanError({ d: 4, sigma2: 2, n: 18, S: 1e308 })).toThrow(/^overflow: /);
    expect(() => th.accumulateMeanParameterError({ variance: 0.27, curvature: -9e235, n: 46, generation: 14 })).toThrow(/^overflow: /);
    expect(() => th.biasDrift({ v: 1e-295, n: 9, rho: 1e308, c: [0.4] })).toThrow(/^overflow: /);
  });

  it('optimalWeight of a huge k is finite (k² overflowed to NaN), naiveToOptimalRatio validates k first', () => {
    expect(th.optimalWeight(Number.MAX_VALUE)).toBe(1);
    expect(th.optimalWeight(1)).toBeCloseTo(0.6180339887498949, 15);
    expect(() => th.naiveToOptimalRatio(10n as unknown as number)).toThrow(/^k must be/);
  });

  it('unvalidated arguments are refused naming the parameter (geometricSum, freshCovarianceErrorClosedForm/Limit, linearRule*, arrays, V, phi, n·shape)', () => {
    expect(() => th.geometricSum(52, 2)).toThrow(/^w must be/);
    expect(() => th.freshCovarianceErrorClosedForm({ frobeniusSquared: NaN, traceSquared: 1, n: 6, m: 3, w: 0.5, t: 2 })).toThrow(/^frobeniusSquared must be/);
    expect(() => th.freshCovarianceLimit({ frobeniusSquared: 1, traceSquared: 'NaN' as unknown as number, n: 28, m: 17, w: 0.5 })).toThrow(/^traceSquared must be/);
    expect(() => th.linearRuleLimit(1, 'abc' as unknown as number[], [0.5])).toThrow(/^realWeights must be/);
    expect(() => th.linearRuleError({ traceSigma: 1, n: 3, realWeights: [1], syntheticWeights: null as unknown as number[], t: 1 })).toThrow(/^syntheticWeights must be/);
    expect(() => th.inverseScheduleSum(undefined as unknown as number[])).toThrow(/^c must be/);
    expect(() => th.varianceMleExpectation({ sigma2: 1, sizes: undefined as unknown as number[] })).toThrow(/^sizes must be/);
    expect(() => th.shumailovMeanVariance({ sigma2: 1, n: 2, sizes: null as unknown as number[] })).toThrow(/^sizes must be/);
    expect(() => th.improvementProbabilityGeneral2D(0.5, ' 3 ' as unknown as Float64Array)).toThrow(/^V must be/);
    expect(() => th.accumulateRateRelativeError({ shape: Number.MAX_VALUE, n: 18, generation: 2 })).toThrow(/^n·shape must be a finite number > 2/);
    expect(() => th.betaExpectation(() => NaN, 52, 100)).toThrow(/^phi must be/);
    expect(th.linearRuleLimit(1, Float64Array.of(0.5), [0.5])).toBeCloseTo(0.5 / 0.75, 15);
  });
});

/**
 * Object arguments of src/theory, src/stats and src/loop (the options bags, check inputs, schedules, policies,
 * configs, models, keys): null, undefined, 5 and 'x' in an object position are refused with an InvalidArgumentError
 * whose parameter is that position's name and whose message says it must be an object — never a TypeError
 * ("Cannot read properties of null") from inside the function.
 *
 * OBJECT_ARGUMENTS lists every exported function of the three index files that takes an object, with valid
 * arguments for its other positions; NO_OBJECT lists every other exported function (and class) with the reason.
 * The completeness test fails when an export is in neither list (a new export must be classified) or when a
 * listed name is no longer exported.
 */
import { describe, expect, it } from 'vitest';
import { expectContract, show } from './fuzz.harness.js';
import * as theory from '../src/theory/index.js';
import * as stats from '../src/stats/index.js';
import * as loop from '../src/loop/index.js';
import { gaussianModel } from '../src/models/index.js';
import { rootKey } from '../src/rng/stream.js';

const MODULES = { theory, stats, loop } as const;
type ModuleName = keyof typeof MODULES;

/** The values every object position must refuse. */
const NOT_OBJECTS: readonly unknown[] = [null, undefined, 5, 'x'];

interface ObjectTarget {
  readonly module: ModuleName;
  readonly name: string;
  /** Valid arguments (the object positions are replaced one at a time). */
  readonly args: () => unknown[];
  /** The object positions: [argument index, parameter name as in the signature]. */
  readonly objects: readonly (readonly [number, string])[];
}

const key = () => rootKey('fuzz.objectArguments');
const model = gaussianModel({ dim: 1 });
const truth = { mean: Float64Array.of(0), covariance: Float64Array.of(1) };
const meta = { id: 'OBJ-1', paper: 'p', section: '§1', statement: 's', oracle: 'o', provenance: 'DERIVED', assumptions: [] };
const checkResult = { label: 'l', kind: 'mean', pass: true, alpha: 0.01, estimate: 0, interval: [0, 0], oracle: 0, replications: 100, assumption: 'a' };

/** A single options-object function: its only parameter is named `param`. */
const single = (module: ModuleName, name: string, param = 'options'): ObjectTarget => ({ module, name, args: () => [{}], objects: [[0, param]] });

const THEORY_OPTIONS = [
  'categoricalError', 'categoricalLimit', 'cvmError', 'cvmLimit', 'fixedDesignError', 'freshCovarianceError', 'freshCovarianceErrorClosedForm',
  'freshCovarianceLimit', 'freshMeanError', 'freshMeanLimit', 'fullySyntheticVarianceError', 'glmScaledError', 'biasDrift', 'exceedanceProbability',
  'maximalInequalityBound', 'scheduleMeanError', 'varianceMleExpectation', 'accumulateFixedDesignError', 'accumulateMeanError', 'replaceMeanError',
  'shumailovLogVarianceMean', 'shumailovMeanVariance', 'shumailovVarianceSecondMoment', 'augmentMeanError', 'accumulateEstimatedMeanError',
  'accumulatePoolCovarianceFactor', 'accumulateMeanParameterError', 'accumulateRateRelativeError', 'accumulateRateSquaredErrorVariance',
  'uniformReplaceLogShrinkageCdf', 'uniformReplaceMeanRatio', 'augmentStabilityMeanGap', 'linearRuleError', 'randomDesignLinearError',
  'randomDesignLinearTransition',
] as const;

const OBJECT_ARGUMENTS: readonly ObjectTarget[] = [
  ...THEORY_OPTIONS.map((name) => single('theory', name)),
  // stats
  ...(['checkArgminOnGrid', 'checkBoundedMean', 'checkDKW', 'checkMean', 'checkPairedSign', 'checkProportion', 'checkQuantile', 'checkTwoSample'] as const).map(
    (name) => single('stats', name, 'input'),
  ),
  ...(['proportionTrialsNeeded', 'requiredReplications', 'replicationsFromPilot', 'sampleToPower', 'replicate', 'replicateRows'] as const).map((name) =>
    single('stats', name),
  ),
  single('stats', 'describeCheck', 'r'),
  { module: 'stats', name: 'expectPass', args: () => [checkResult, 'context: '], objects: [[0, 'result']] },
  { module: 'stats', name: 'expectReject', args: () => [{ ...checkResult, pass: false }, 'context: '], objects: [[0, 'result']] },
  { module: 'stats', name: 'recordOutcome', args: () => ['OBJ-1', { event: 'x' }], objects: [[1, 'record']] },
  { module: 'stats', name: 'verifyClaim', args: () => [meta, { arbitrary: undefined, numRuns: 1, check: () => checkResult }], objects: [[0, 'meta'], [1, 'options']] },
  { module: 'stats', name: 'rejectsWrongEngine', args: () => [meta, 'wrong', {}, () => ({ ...checkResult, pass: false }), 1], objects: [[0, 'meta']] },
  { module: 'stats', name: 'replicationKey', args: () => [key(), 0], objects: [[0, 'key']] },
  // loop
  { module: 'loop', name: 'recurse', args: () => [{ model, truth, policy: { kind: 'replace', n: 5 }, generations: 1, key: key() }], objects: [[0, 'config']] },
  { module: 'loop', name: 'recurseSufficient', args: () => [{ model, truth, policy: { kind: 'replace', n: 5 }, generations: 1, key: key() }], objects: [[0, 'config']] },
  { module: 'loop', name: 'validateRecurseConfig', args: () => [{ model, truth, policy: { kind: 'replace', n: 5 }, generations: 1, key: key() }], objects: [[0, 'config']] },
  { module: 'loop', name: 'validatePolicy', args: () => [{ kind: 'replace', n: 5 }], objects: [[0, 'policy']] },
  { module: 'loop', name: 'validateSchedule', args: () => [{ kind: 'linear' }], objects: [[0, 'schedule']] },
  { module: 'loop', name: 'scheduleMultiplier', args: () => [{ kind: 'linear' }, 2], objects: [[0, 'schedule']] },
  { module: 'loop', name: 'checkedMultiplier', args: () => [{ kind: 'linear' }, 2], objects: [[0, 'schedule']] },
  { module: 'loop', name: 'syntheticSize', args: () => [10, { kind: 'linear' }, 2], objects: [[1, 'schedule']] },
  { module: 'loop', name: 'scheduleSum', args: () => [{ kind: 'linear' }, 3], objects: [[0, 'schedule']] },
  { module: 'loop', name: 'planGenerations', args: () => [{ kind: 'replace', n: 5 }, 2, 5, 1000], objects: [[0, 'policy']] },
  { module: 'loop', name: 'drawRole', args: () => [model, truth, 3, key(), 1, 'real'], objects: [[0, 'model'], [3, 'key']] },
  { module: 'loop', name: 'generationSources', args: () => [{}, 1, truth], objects: [[0, 'context']] },
];

/** Every other export that is a function, with the reason it takes no object argument. */
const NO_OBJECT: Readonly<Record<ModuleName, Readonly<Record<string, string>>>> = {
  theory: {
    covarianceCollapseThreshold: 'm: a number',
    covarianceGrowthRate: 'w, m: numbers',
    cvmImprovementThreshold: 'n, m: numbers',
    cvmOptimalWeight: 'n, m: numbers',
    geometricSum: 'w, t: numbers',
    improvementThreshold: 'k: a number',
    limitFactor: 'w, k: numbers',
    linearRuleLimit: 'traceSigma a number, realWeights / syntheticWeights vectors (validated as arrays)',
    naiveToOptimalRatio: 'k: a number',
    naiveWeight: 'k: a number',
    optimalWeight: 'k: a number',
    improvementProbability1D: 'S: a number',
    improvementProbabilityGeneral2D: 'S a number, V a 2 × 2 matrix as a vector (finiteVector)',
    improvementProbabilityIsotropic: 'S, d: numbers',
    inverseScheduleSum: 'c: a vector of multipliers',
    inverseSquareSum: 'J: a number',
    logChiSquaredMeanDrift: 'k: a number',
    shiftedInverseGammaExcess: 'j, a, k: numbers',
    shiftedInverseGammaMoment: 'j, a, k: numbers',
    betaExpectation: 'phi a function (checked), alpha, beta numbers',
  },
  stats: {
    zUpper: 'p: a number',
    CheckFailedError: 'class built by expectPass / expectReject from an already checked result (its message goes through describeCheck)',
    UnderpoweredError: 'class: label and message strings, needed a number',
    OnlineMoments: 'class: no constructor arguments (push takes numbers)',
    boundedMeanHalfWidth: 'replications, range, variance, alpha: numbers',
    clopperPearson: 'successes, trials, alpha: numbers',
    dkwEpsilon: 'replications, alpha: numbers',
    twoSampleKolmogorovDistance: 'first, second: sample vectors',
    alphaFor: 'checkId: a string',
    configurationsPerClaim: 'base: a number',
    profile: 'no arguments (reads the environment)',
    suiteKey: 'no arguments (reads the environment)',
    suiteSeed: 'no arguments (reads the environment)',
    calibrationAlpha: 'no arguments (reads the environment)',
    totalBudget: 'unlisted: a number',
    fastCheckSeed: 'id: a string',
    column: 'matrix a Float64Array (checked with instanceof), width and column numbers',
    batchMeansVariance: 'series a sample vector, batches a number',
    timeAverage: 'trajectory a sample vector, start and end numbers',
    summarize: 'samples: a sample vector',
  },
  loop: {
    DatasetPool: 'class: dim, hasResponses, capacity are a number, a boolean and a number',
    roundedSize: 'n, c: numbers',
  },
};

function exportedFunctions(module: ModuleName): string[] {
  return Object.entries(MODULES[module])
    .filter(([, value]) => typeof value === 'function')
    .map(([name]) => name)
    .sort();
}

describe('object arguments of src/theory, src/stats, src/loop: not-an-object is an InvalidArgumentError naming the parameter', () => {
  it('every exported function is classified: in OBJECT_ARGUMENTS or in NO_OBJECT with a reason, and no listed name is stale', () => {
    for (const module of Object.keys(MODULES) as ModuleName[]) {
      const listed = OBJECT_ARGUMENTS.filter((t) => t.module === module).map((t) => t.name);
      const exempt = Object.keys(NO_OBJECT[module]);
      const both = listed.filter((name) => exempt.includes(name));
      expect(both, `${module}: listed both as taking an object and as not`).toEqual([]);
      const unclassified = exportedFunctions(module).filter((name) => !listed.includes(name) && !exempt.includes(name));
      expect(unclassified, `${module}: exports that are in neither OBJECT_ARGUMENTS nor NO_OBJECT (classify them)`).toEqual([]);
      const stale = [...listed, ...exempt].filter((name) => typeof (MODULES[module] as Record<string, unknown>)[name] !== 'function');
      expect(stale, `${module}: listed names that are not exported functions`).toEqual([]);
      expect(new Set(listed).size, `${module}: a function listed twice`).toBe(listed.length);
      for (const [name, reason] of Object.entries(NO_OBJECT[module])) expect(reason.trim(), `${module}.${name}: reason`).not.toBe('');
    }
  });

  for (const target of OBJECT_ARGUMENTS) {
    for (const [index, param] of target.objects) {
      it(`${target.module}.${target.name}: ${param} (argument ${index + 1}) = null, undefined, 5, 'x' is refused naming ${param}`, () => {
        const fn = (MODULES[target.module] as Record<string, unknown>)[target.name] as (...args: unknown[]) => unknown;
        for (const bad of NOT_OBJECTS) {
          const args = target.args();
          args[index] = bad;
          const label = `${target.name}(${args.map(show).join(', ')})`;
          const outcome = expectContract(label, () => fn(...args)); // no TypeError, no NaN, parameter starts the message
          expect(outcome.kind, label).toBe('invalid');
          if (outcome.kind !== 'invalid') continue;
          expect(outcome.error.parameter, label).toBe(param);
          expect(outcome.error.message, label).toMatch(new RegExp(`^${param} must be an object`));
          expect(outcome.error.value, label).toBe(bad);
        }
      });
    }
  }
});

describe('objects of the wrong shape (not null): an InvalidArgumentError naming the missing member, not a TypeError', () => {
  // [call, parameter named, what the error's "allowed" text must say]
  const wrongShape: ReadonlyArray<readonly [string, () => unknown, string, RegExp]> = [
    ['drawRole({}, …)', () => loop.drawRole({} as never, truth as never, 3, key(), 1, 'real'), 'model.sample', /^a function \(θ, size, stream\) → Dataset$/],
    ['drawRole(model, …, key = {})', () => loop.drawRole(model, truth as never, 3, {} as never, 1, 'real'), 'key', /^a StreamKey .*roleStream/],
    ['generationSources({}, …)', () => loop.generationSources({} as never, 1, truth), 'context.policy', /a validated Policy/],
    ['generationSources({ policy }, …)', () => loop.generationSources({ policy: { kind: 'replace' } } as never, 1, truth), 'context.plan', /planGenerations/],
    ['generationSources({ policy, plan: {} }, …)', () => loop.generationSources({ policy: { kind: 'replace' }, plan: {} } as never, 1, truth), 'context.plan.syntheticSizes', /^an array of sizes per generation/],
    ['expectPass({})', () => stats.expectPass({} as never), 'result.label', /^a string \(a CheckResult\)$/],
    ['expectPass({ label })', () => stats.expectPass({ label: 'l' } as never), 'result.pass', /^a boolean \(a CheckResult\)$/],
    ['expectReject({ label, pass })', () => stats.expectReject({ label: 'l', pass: true } as never), 'result.interval', /^an array \[lower, upper\] \(a CheckResult\)$/],
    ['describeCheck({ …, interval: [0] })', () => stats.describeCheck({ ...checkResult, interval: [0] } as never), 'r.interval', /^an array \[lower, upper\]/],
  ];
  for (const [label, call, param, allowed] of wrongShape) {
    it(`${label} → InvalidArgumentError naming ${param}`, () => {
      const outcome = expectContract(label, call);
      expect(outcome.kind, label).toBe('invalid');
      if (outcome.kind !== 'invalid') return;
      expect(outcome.error.parameter, label).toBe(param);
      expect(outcome.error.allowed, label).toMatch(allowed);
    });
  }

  it('not-an-object model and key of drawRole, context of generationSources: the error says what is expected', () => {
    expect(() => loop.drawRole(null as never, truth as never, 3, key(), 1, 'real')).toThrow(/^model must be an object \{ sample, … \} \(a Model\)/);
    expect(() => loop.drawRole(model, truth as never, 3, null as never, 1, 'real')).toThrow(/^key must be an object \(a StreamKey, e\.g\. rootKey\(seed\)\.child\(…\)\)/);
    expect(() => loop.generationSources(null as never, 1, truth)).toThrow(/^context must be an object \{ model, truth, policy, key, plan, initialData, pool \} \(a GenerationContext\)/);
  });

  it('well-shaped inputs are unchanged: expectPass returns its result, describeCheck still formats it', () => {
    expect(stats.expectPass(checkResult as never)).toBe(checkResult);
    expect(stats.describeCheck(checkResult as never)).toMatch(/^\[PASS\] l \(mean\)/);
  });
});

/**
 * Argmin on a grid with a stated tolerance, under common random numbers across the grid.
 *
 * values[r·G + g] is replication r's error at grid point g, all grid points of one replication computed on
 * the same streams. The claim: the argmin of the mean curve lies within ±tolerance of `target`. The check
 * takes the grid point nearest the target as the reference (the first such point on a tie) and, for each grid
 * point outside the band (farther than tolerance + 1e-12 from the target, the 1e-12 absorbing rounding in the
 * grid values) that it is asked to rule out, requires a significant paired excess over the reference (checkPairedSign,
 * Bonferroni over those points). Assumption (stated by the claim): the mean curve is unimodal, so ruling
 * out the two grid points next to the band rules out every point beyond them; pass `ruleOut: 'all'` to
 * test every outside point instead.
 *
 * expectedGap(g) is the theory's predicted excess of grid point g over the reference (used for power).
 * The reported estimate is the grid point with the smallest mean (the first such point on a tie).
 */
import type { CheckResult } from './check.js';
import { checkPairedSign } from './checkPairedSign.js';
import { InvalidArgumentError } from '../errors.js';
import { finiteNumber, integerInRange, numberInRange, oneOf, optionsObject } from '../validate.js';
import { finiteSamples } from './sample.js';

export interface ArgminCheckInput {
  readonly label: string;
  readonly grid: ArrayLike<number>;
  /** Row-major R × G matrix of per-replication errors. */
  readonly values: Float64Array;
  readonly replications: number;
  readonly target: number;
  readonly tolerance: number;
  readonly expectedGap: (gridValue: number, referenceValue: number) => number;
  readonly alpha: number;
  readonly beta?: number;
  readonly ruleOut?: 'neighbours' | 'all';
}

export interface ArgminCheckResult extends CheckResult {
  readonly comparisons: readonly CheckResult[];
  readonly means: Float64Array;
}

export function checkArgminOnGrid(input: ArgminCheckInput): ArgminCheckResult {
  optionsObject('input', input, '{ label, grid, values, replications, target, tolerance, expectedGap, alpha, beta?, ruleOut? }');
  const G = finiteSamples('grid', input.grid, 1).length;
  const R = integerInRange('replications', input.replications, 100);
  finiteSamples('values', input.values);
  finiteNumber('target', input.target);
  numberInRange('alpha', input.alpha, Number.MIN_VALUE, 0.5);
  if (typeof input.expectedGap !== 'function') throw new InvalidArgumentError('expectedGap', input.expectedGap, 'a function (gridValue, referenceValue) => number');
  if (input.ruleOut !== undefined) oneOf('ruleOut', input.ruleOut, ['neighbours', 'all'] as const);
  if (input.values.length !== R * G) throw new InvalidArgumentError('values.length', input.values.length, `replications × grid length = ${R * G}`);
  const tolerance = numberInRange('tolerance', input.tolerance, 0, Number.MAX_VALUE);
  let reference = 0;
  for (let g = 1; g < G; g++) if (Math.abs(input.grid[g] - input.target) < Math.abs(input.grid[reference] - input.target)) reference = g;
  const outside: number[] = [];
  for (let g = 0; g < G; g++) if (Math.abs(input.grid[g] - input.target) > tolerance + 1e-12) outside.push(g);
  let toTest = outside;
  if ((input.ruleOut ?? 'neighbours') === 'neighbours') {
    const below = outside.filter((g) => input.grid[g] < input.target);
    const above = outside.filter((g) => input.grid[g] > input.target);
    toTest = [];
    if (below.length) toTest.push(below.reduce((a, b) => (input.grid[a] > input.grid[b] ? a : b)));
    if (above.length) toTest.push(above.reduce((a, b) => (input.grid[a] < input.grid[b] ? a : b)));
  }
  const means = new Float64Array(G);
  for (let r = 0; r < R; r++) for (let g = 0; g < G; g++) means[g] += input.values[r * G + g] / R;
  const alphaEach = input.alpha / Math.max(1, toTest.length);
  const comparisons = toTest.map((g) => {
    const diff = new Float64Array(R);
    for (let r = 0; r < R; r++) diff[r] = input.values[r * G + g] - input.values[r * G + reference];
    return checkPairedSign({
      label: `${input.label}: f(${input.grid[g]}) > f(${input.grid[reference]})`,
      differences: diff,
      direction: 'positive',
      expectedEffect: input.expectedGap(input.grid[g], input.grid[reference]),
      alpha: alphaEach,
      beta: input.beta,
    });
  });
  let argmin = 0;
  for (let g = 1; g < G; g++) if (means[g] < means[argmin]) argmin = g;
  return {
    label: input.label,
    kind: 'argmin on a grid (paired, CRN)',
    pass: comparisons.every((c) => c.pass),
    alpha: input.alpha,
    beta: input.beta ?? 1e-2,
    estimate: input.grid[argmin],
    interval: [input.target - tolerance, input.target + tolerance],
    oracle: input.target,
    replications: R,
    assumption: 'unimodal mean curve; paired CLT under common random numbers',
    detail: comparisons.map((c) => `${c.label}: ${c.pass ? 'ruled out' : 'NOT ruled out'} (mean excess ${c.estimate.toPrecision(3)})`).join('; '),
    comparisons,
    means,
  };
}

/**
 * Distribution-free test that the mean of a bounded quantity X ∈ [lower, upper] equals an oracle.
 * Half-width: the smaller of Hoeffding's (b − a)·√(ln(4/α)/(2R)) and the empirical Bernstein bound of
 * Maurer & Pontil (2009), √(2·V·ln(8/α)/R) + 7(b − a)·ln(8/α)/(3(R − 1)), each taken at α/2 so that
 * the union has coverage ≥ 1 − α. No CLT: valid for any R ≥ 2 and any law on [a, b].
 *
 * Power: the check detects a deviation `detectable` with probability ≥ 1 − α when the half-width is at
 * most detectable/2 (then |x̄ − oracle| ≥ detectable − half > half on the coverage event); otherwise it
 * refuses to run (UnderpoweredError).
 *
 * @example checkBoundedMean({ label: 'CvM', samples, lower: 0, upper: 1/3, oracle: 1/6, alpha: 1e-6, detectable: 0.01 })
 */
import { type CheckResult, UnderpoweredError } from './check.js';
import { summarize } from './welford.js';
import { finiteNumber, integerInRange, numberInRange, positiveNumber, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { finiteSamples } from './sample.js';

export interface BoundedMeanCheckInput {
  readonly label: string;
  readonly samples: ArrayLike<number>;
  readonly lower: number;
  readonly upper: number;
  readonly oracle: number;
  readonly alpha: number;
  readonly detectable: number;
  /** Derived allowance added to the half-width (default 0). */
  readonly tolerance?: number;
}

/** The (1 − α) half-width for the mean of R values in [a, b] with sample variance V. */
export function boundedMeanHalfWidth(replications: number, range: number, variance: number, alpha: number): number {
  integerInRange('replications', replications, 2);
  positiveNumber('range', range);
  numberInRange('variance', variance, 0, Number.MAX_VALUE);
  numberInRange('alpha', alpha, Number.MIN_VALUE, 1);
  const logOf = (c: number) => (c / alpha === Infinity ? Math.log(c) - Math.log(alpha) : Math.log(c / alpha)); // alpha below c/MAX_VALUE (issue 7)
  const hoeffding = range * Math.sqrt(logOf(4) / (2 * replications));
  const log = logOf(8);
  const bernstein = Math.sqrt((2 * variance * log) / replications) + (7 * range * log) / (3 * (replications - 1));
  return Math.min(hoeffding, bernstein);
}

export function checkBoundedMean(input: BoundedMeanCheckInput): CheckResult {
  optionsObject('input', input, '{ label, samples, lower, upper, oracle, alpha, detectable, tolerance? }');
  const alpha = numberInRange('alpha', input.alpha, Number.MIN_VALUE, 0.5);
  const lower = finiteNumber('lower', input.lower);
  const upper = finiteNumber('upper', input.upper);
  if (!(upper > lower)) throw new InvalidArgumentError('upper', upper, `a number > lower = ${lower}`);
  const oracle = finiteNumber('oracle', input.oracle);
  const detectable = numberInRange('detectable', input.detectable, Number.MIN_VALUE, Number.MAX_VALUE);
  const tolerance = numberInRange('tolerance', input.tolerance ?? 0, 0, Number.MAX_VALUE);
  const n = finiteSamples('samples', input.samples).length;
  if (n < 2) throw new InvalidArgumentError('samples.length', n, 'at least 2');
  for (let i = 0; i < n; i++) {
    const x = input.samples[i];
    if (!(x >= lower && x <= upper)) throw new InvalidArgumentError(`samples[${i}]`, x, `a number in [${lower}, ${upper}] (the declared bounds)`);
  }
  const { mean, variance } = summarize(input.samples);
  const half = boundedMeanHalfWidth(n, upper - lower, variance, alpha) + tolerance;
  if (2 * half > detectable + tolerance) {
    // powered iff 2·h + tolerance ≤ detectable (h the statistical half-width, ∝ 1/√R or faster): R·(2h/(δ − tol))² suffice
    const scale = ((2 * (half - tolerance)) / (detectable - tolerance)) ** 2;
    throw new UnderpoweredError(input.label, `half-width ${half.toPrecision(3)} cannot detect ${detectable}`, detectable > tolerance ? n * scale : Infinity);
  }
  return {
    label: input.label,
    kind: 'bounded mean (Hoeffding / empirical Bernstein)',
    pass: Math.abs(mean - oracle) <= half,
    alpha,
    beta: alpha,
    detectable,
    estimate: mean,
    interval: [mean - half, mean + half],
    oracle,
    replications: n,
    pValue: Math.min(1, 2 * Math.exp((-2 * n * Math.max(0, Math.abs(mean - oracle) - tolerance) ** 2) / (upper - lower) ** 2)),
    assumption: `values in [${lower}, ${upper}]; distribution-free (p-value: Hoeffding, conservative)`,
  };
}

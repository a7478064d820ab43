/**
 * The result of a statistical assertion, and the errors a check raises.
 *
 * Every check declares two rates:
 * - `alpha`, its false-failure rate: the probability that it fails although the claim is true. It is drawn
 *   from the suite budget (src/stats/budget.ts).
 * - `beta`, its false-pass rate at the declared smallest detectable error `detectable`: the probability
 *   that it passes although the truth is off by `detectable`. A check whose sample cannot reach that power
 *   refuses to run (UnderpoweredError) instead of passing weakly.
 */
import { optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';

export interface CheckResult {
  readonly label: string;
  readonly kind: string;
  readonly pass: boolean;
  /** False-failure rate of this assertion. */
  readonly alpha: number;
  /** False-pass rate at `detectable` (where the check has one). */
  readonly beta?: number;
  /** The smallest error (in the units of `estimate`) the check is guaranteed to detect with rate 1 − beta. */
  readonly detectable?: number;
  readonly estimate: number;
  /** A (1 − alpha) interval for the estimated quantity. */
  readonly interval: readonly [number, number];
  readonly oracle: number;
  readonly replications: number;
  /**
   * The p-value of the claim's null hypothesis (the oracle is right, or the law is F), such that the check passes
   * iff pValue > alpha (exact, or a conservative bound where the check is distribution-free). Calibration tests
   * its uniformity across seeds.
   */
  readonly pValue?: number;
  /** The assumption the interval rests on (e.g. "CLT, finite variance"). */
  readonly assumption: string;
  readonly detail?: string;
}

/** Thrown by `expectPass` when a check fails. */
export class CheckFailedError extends Error {
  readonly result: CheckResult;
  constructor(result: CheckResult, context = '') {
    super(`${context}${describeCheck(result)}`);
    this.name = 'CheckFailedError';
    this.result = result;
  }
}

/** Thrown when a check cannot detect its declared smallest error with the data it was given. */
export class UnderpoweredError extends Error {
  readonly needed: number;
  constructor(label: string, message: string, needed: number) {
    super(`${label}: under-powered check refused: ${message} (about ${Number.isFinite(needed) ? Math.ceil(needed) : '∞'} replications needed)`);
    this.name = 'UnderpoweredError';
    this.needed = needed;
  }
}

const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x));

const CHECK_RESULT_SHAPE = '{ label, kind, pass, estimate, oracle, interval, alpha, replications, assumption, … } (a CheckResult)';

/** Throws InvalidArgumentError unless `value` has a CheckResult's label, boolean pass and two-number interval. */
function checkResultShape(name: string, value: CheckResult): void {
  optionsObject(name, value, CHECK_RESULT_SHAPE);
  if (typeof value.label !== 'string') throw new InvalidArgumentError(`${name}.label`, value.label, 'a string (a CheckResult)');
  if (typeof value.pass !== 'boolean') throw new InvalidArgumentError(`${name}.pass`, value.pass, 'a boolean (a CheckResult)');
  const interval: unknown = value.interval;
  if (!Array.isArray(interval) || interval.length !== 2) throw new InvalidArgumentError(`${name}.interval`, interval, 'an array [lower, upper] (a CheckResult)');
}

/** One line describing a result, for failure messages and reports. */
export function describeCheck(r: CheckResult): string {
  checkResultShape('r', r);
  return (
    `[${r.pass ? 'PASS' : 'FAIL'}] ${r.label} (${r.kind}): estimate ${fmt(r.estimate)} vs oracle ${fmt(r.oracle)}; ` +
    `interval [${fmt(r.interval[0])}, ${fmt(r.interval[1])}] at false-failure rate ${r.alpha.toExponential(2)}` +
    (r.detectable !== undefined ? `; detects ${fmt(r.detectable)} with false-pass rate ${(r.beta ?? 0).toExponential(2)}` : '') +
    `; R = ${r.replications}; assumes ${r.assumption}` +
    (r.detail ? `; ${r.detail}` : '')
  );
}

/** Throws a CheckFailedError unless the check passed. */
export function expectPass(result: CheckResult, context = ''): CheckResult {
  checkResultShape('result', result);
  if (!result.pass) throw new CheckFailedError(result, context);
  return result;
}

/** Throws unless the check failed: for negative controls, where a wrong engine must be rejected. */
export function expectReject(result: CheckResult, context = ''): CheckResult {
  checkResultShape('result', result);
  if (result.pass) {
    throw new CheckFailedError(result, `${context}negative control was NOT rejected: `);
  }
  return result;
}

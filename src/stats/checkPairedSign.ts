/**
 * One-sided paired comparison under common random numbers: the claim is that E[d] > 0 (direction
 * 'positive') or E[d] < 0 ('negative') for per-replication differences d_r = A_r − B_r computed on the same
 * streams. Passes iff the mean difference is significant at the false-pass level β:
 *   positive: d̄ − z_{1−β}·s/√R > 0.
 *
 * Here significance is required to pass, so the false-failure rate is a power: the claim's theory gives
 * the effect it expects (`expectedEffect` > 0), and the check refuses to run unless that effect is
 * detected with false-failure rate α: expectedEffect ≥ (z_{1−β} + z_{1−α})·s/√R. A wrong engine with no
 * effect, or the opposite effect, passes with probability ≤ β.
 *
 * @example checkPairedSign({ label: 'optimal < naive', differences, direction: 'negative', expectedEffect: 0.02, alpha: 1e-6 })
 */
import { type CheckResult, UnderpoweredError } from './check.js';
import { summarize } from './welford.js';
import { zUpper } from './quantiles.js';
import { numberInRange, oneOf, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';

export interface PairedSignCheckInput {
  readonly label: string;
  readonly differences: ArrayLike<number>;
  readonly direction: 'positive' | 'negative';
  /** |E d| predicted by the theory, the effect that must be detected (absolute units). */
  readonly expectedEffect: number;
  /** False-failure rate at the expected effect (from the suite budget). */
  readonly alpha: number;
  /** False-pass rate when there is no effect (default 1e-2). */
  readonly beta?: number;
}

export function checkPairedSign(input: PairedSignCheckInput): CheckResult {
  optionsObject('input', input, '{ label, differences, direction, expectedEffect, alpha, beta? }');
  const direction = oneOf('direction', input.direction, ['positive', 'negative'] as const);
  const alpha = numberInRange('alpha', input.alpha, Number.MIN_VALUE, 0.5);
  const beta = numberInRange('beta', input.beta ?? 1e-2, Number.MIN_VALUE, 0.5);
  const effect = numberInRange('expectedEffect', input.expectedEffect, Number.MIN_VALUE, Number.MAX_VALUE);
  const { n, mean, variance } = summarize(input.differences, 'differences'); // validates: an array of finite numbers
  if (n < 100) throw new InvalidArgumentError('differences.length', n, 'at least 100 paired replications (CLT)');
  const se = Math.sqrt(variance / n);
  const zB = zUpper(beta);
  const zA = zUpper(alpha);
  if ((zA + zB) * se > effect) {
    throw new UnderpoweredError(input.label, `paired se ${se.toPrecision(3)} cannot detect the expected effect ${effect.toPrecision(3)}`, n * (((zA + zB) * se) / effect) ** 2);
  }
  const signed = direction === 'positive' ? mean : -mean;
  return {
    label: input.label,
    kind: `paired sign (CRN, ${direction})`,
    pass: signed - zB * se > 0,
    alpha,
    beta,
    detectable: effect,
    estimate: mean,
    interval: direction === 'positive' ? [mean - zB * se, Infinity] : [-Infinity, mean + zB * se],
    oracle: direction === 'positive' ? effect : -effect,
    replications: n,
    assumption: 'i.i.d. paired replications on common random numbers, finite variance, CLT',
    detail: `se ${se.toPrecision(3)}`,
  };
}

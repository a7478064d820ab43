/**
 * Two-sided test that a mean equals an oracle, by the central limit theorem with the sample variance.
 *
 * Passes iff |x̄ − oracle| ≤ tolerance + z_{1−α/2}·s/√R. Assumption: i.i.d. replications with finite variance
 * and R large enough for the CLT (R ≥ 100 is enforced); for heavy-tailed quantities use checkQuantile or
 * checkBoundedMean instead (CLAIMS §6.5). `tolerance` is a known, derived allowance (e.g. the O(1/n) gap of
 * an asymptotic oracle) — never a number widened until the test passes.
 *
 * Power: the check must detect a true mean `detectable` away from the oracle with false-pass rate β, which
 * needs detectable ≥ tolerance + (z_{1−α/2} + z_{1−β})·s/√R; otherwise it throws UnderpoweredError.
 *
 * @example checkMean({ label: 'E x', samples, oracle: 1, alpha: 1e-6, detectable: 0.05 })
 */
import { type CheckResult, UnderpoweredError } from './check.js';
import { summarize } from './welford.js';
import { zUpper } from './quantiles.js';
import { normalCdf } from '../special/index.js';
import { finiteNumber, numberInRange, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';

export interface MeanCheckInput {
  readonly label: string;
  /** The replications, or a summary of them. */
  readonly samples?: ArrayLike<number>;
  readonly summary?: { readonly n: number; readonly mean: number; readonly variance: number };
  readonly oracle: number;
  /** False-failure rate of this assertion (from the suite budget). */
  readonly alpha: number;
  /** Smallest |E x − oracle| the check must detect (absolute units). */
  readonly detectable: number;
  /** False-pass rate at `detectable` (default 1e-2). */
  readonly beta?: number;
  /** Derived allowance added to the statistical half-width (default 0). */
  readonly tolerance?: number;
}

export function checkMean(input: MeanCheckInput): CheckResult {
  optionsObject('input', input, '{ label, samples | summary, oracle, alpha, detectable, beta?, tolerance? }');
  const { label } = input;
  const alpha = numberInRange('alpha', input.alpha, Number.MIN_VALUE, 0.5);
  const beta = numberInRange('beta', input.beta ?? 1e-2, Number.MIN_VALUE, 0.5);
  const oracle = finiteNumber('oracle', input.oracle);
  const detectable = numberInRange('detectable', input.detectable, Number.MIN_VALUE, Number.MAX_VALUE);
  const tolerance = numberInRange('tolerance', input.tolerance ?? 0, 0, Number.MAX_VALUE);
  let stats: { n: number; mean: number; variance: number };
  if (input.samples !== undefined) stats = summarize(input.samples);
  else if (input.summary !== undefined) stats = input.summary;
  else throw new InvalidArgumentError('samples', undefined, 'a sample (ArrayLike<number>) or a summary {n, mean, variance}');
  if (!(stats.n >= 100)) throw new InvalidArgumentError('samples.length', stats.n, 'at least 100 replications (CLT)');
  finiteNumber('sample mean', stats.mean);
  numberInRange('sample variance', stats.variance, 0, Number.MAX_VALUE);
  const se = Math.sqrt(stats.variance / stats.n);
  const zA = zUpper(alpha / 2);
  const zB = zUpper(beta);
  const needed = detectable - tolerance;
  if (!(needed > 0) || (zA + zB) * se > needed) {
    const neededR = needed > 0 ? stats.n * ((zA + zB) * se / needed) ** 2 : Infinity;
    throw new UnderpoweredError(label, `standard error ${se.toPrecision(3)} cannot detect ${detectable} (tolerance ${tolerance}) at α = ${alpha.toExponential(2)}, β = ${beta}`, neededR);
  }
  const half = tolerance + zA * se;
  return {
    label,
    kind: 'mean (CLT)',
    pass: Math.abs(stats.mean - oracle) <= half,
    alpha,
    beta,
    detectable,
    estimate: stats.mean,
    interval: [stats.mean - half, stats.mean + half],
    oracle,
    replications: stats.n,
    pValue: se > 0 ? Math.min(1, 2 * normalCdf(-Math.max(0, Math.abs(stats.mean - oracle) - tolerance) / se)) : Math.abs(stats.mean - oracle) <= tolerance ? 1 : 0,
    assumption: 'i.i.d. replications, finite variance, CLT at R ≥ 100',
    detail: `se ${se.toPrecision(3)}${tolerance > 0 ? `, derived tolerance ${tolerance.toPrecision(3)}` : ''}`,
  };
}

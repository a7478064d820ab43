/**
 * Exact test of a probability: passes iff p lies in the Clopper–Pearson (1 − α) interval of
 * successes/trials (two-sided), or — with `side` — iff the interval does not lie wholly above ('at-most')
 * or below ('at-least') p. Distribution-free: only the binomial model of independent trials.
 *
 * Power: a true probability `detectable` away from p (in the tested direction) is rejected with
 * probability ≥ 1 − β when the interval's half-width is at most detectable/2 … checked with a normal
 * approximation of the binomial standard deviation at p; an under-powered check throws.
 *
 * @example checkProportion({ label: 'P(T)', successes: 877, trials: 10000, p: 0.0877, alpha: 1e-6, detectable: 0.02 })
 */
import { type CheckResult, UnderpoweredError } from './check.js';
import { clopperPearson } from './clopperPearson.js';
import { zUpper } from './quantiles.js';
import { binomialCdf, regularizedBeta } from '../special/index.js';
import { integerInRange, numberInRange, oneOf, optionsObject } from '../validate.js';
import { finiteResult } from '../finiteResult.js';

export interface ProportionCheckInput {
  readonly label: string;
  readonly successes: number;
  readonly trials: number;
  readonly p: number;
  readonly alpha: number;
  /** Smallest |true p − p| to detect; omit only for bounds checks with no alternative of interest. */
  readonly detectable?: number;
  readonly beta?: number;
  /** 'two-sided' (default): p inside the interval; 'at-most': the truth is ≤ p; 'at-least': the truth is ≥ p. */
  readonly side?: 'two-sided' | 'at-most' | 'at-least';
}

/**
 * Trials a proportion check needs to detect a true probability `detectable` away from p with false-failure
 * rate α and false-pass rate β: ((z_{α'} + z_β)·sd/δ)² with α' = α/2 two-sided, α one-sided, and sd the largest
 * binomial sd √(q(1 − q)) over the band [lo, hi] = [p − δ, p + δ] ∩ [0, 1]. q(1 − q) is concave with its top at
 * ½, so the worst q is ½ when the band holds it, else the band end nearest ½ (the ends taken as computed:
 * filtering candidates by |q − p| ≤ δ would drop an end to rounding, e.g. |0.9 − 0.2 − 0.9| > 0.2).
 *
 * @example proportionTrialsNeeded({ p: 0.5, detectable: 0.05, alpha: 1e-3, beta: 0.01, side: 'two-sided' }) // ≈ 2.0e3
 */
export function proportionTrialsNeeded(options: { p: number; detectable: number; alpha: number; beta: number; side: 'two-sided' | 'at-most' | 'at-least' }): number {
  optionsObject('options', options, '{ p, detectable, alpha, beta, side }');
  const { p, detectable, alpha, beta, side } = options;
  numberInRange('p', p, 0, 1);
  numberInRange('detectable', detectable, Number.MIN_VALUE, 1);
  numberInRange('alpha', alpha, Number.MIN_VALUE, 0.5);
  numberInRange('beta', beta, Number.MIN_VALUE, 0.5);
  oneOf('side', side, ['two-sided', 'at-most', 'at-least'] as const);
  return finiteResult('the trials needed', trialsNeeded(options)); // a detectable of 1e-322 needs more than 1e308 trials (issue 7)
}

/** proportionTrialsNeeded on validated options (may be +Infinity: checkProportion reports it as under-powered). */
function trialsNeeded(options: { p: number; detectable: number; alpha: number; beta: number; side: 'two-sided' | 'at-most' | 'at-least' }): number {
  const { p, detectable, alpha, beta, side } = options;
  const zA = zUpper(side === 'two-sided' ? alpha / 2 : alpha);
  const zB = zUpper(beta);
  const lo = Math.max(0, p - detectable);
  const hi = Math.min(1, p + detectable);
  const worst = lo <= 0.5 && 0.5 <= hi ? 0.5 : Math.abs(lo - 0.5) < Math.abs(hi - 0.5) ? lo : hi;
  return ((zA + zB) * Math.sqrt(worst * (1 - worst)) / detectable) ** 2;
}

export function checkProportion(input: ProportionCheckInput): CheckResult {
  optionsObject('input', input, '{ label, successes, trials, p, alpha, detectable?, beta?, side? }');
  const trials = integerInRange('trials', input.trials, 1);
  const successes = integerInRange('successes', input.successes, 0, trials);
  const p = numberInRange('p', input.p, 0, 1);
  const alpha = numberInRange('alpha', input.alpha, Number.MIN_VALUE, 0.5);
  const beta = numberInRange('beta', input.beta ?? 1e-2, Number.MIN_VALUE, 0.5);
  const side = oneOf('side', input.side ?? 'two-sided', ['two-sided', 'at-most', 'at-least'] as const);
  const twoSidedAlpha = side === 'two-sided' ? alpha : 2 * alpha;
  if (input.detectable !== undefined) {
    const detectable = numberInRange('detectable', input.detectable, Number.MIN_VALUE, 1);
    const neededTrials = trialsNeeded({ p, detectable, alpha, beta, side });
    if (trials < neededTrials) throw new UnderpoweredError(input.label, `${trials} trials cannot detect ${detectable} around p = ${p}`, neededTrials);
  }
  const [lower, upper] = clopperPearson(successes, trials, twoSidedAlpha);
  const pass = side === 'two-sided' ? lower <= p && p <= upper : side === 'at-most' ? lower <= p : upper >= p;
  return {
    label: input.label,
    kind: `proportion (Clopper–Pearson, ${side})`,
    pass,
    alpha,
    beta: input.detectable === undefined ? undefined : beta,
    detectable: input.detectable,
    estimate: successes / trials,
    interval: [lower, upper],
    oracle: p,
    replications: trials,
    pValue: binomialPValue(successes, trials, p, side),
    assumption: 'independent Bernoulli trials; exact',
  };
}

/**
 * Exact binomial p-value matching the Clopper–Pearson decision: two-sided, 2·min(P(X ≤ k), P(X ≥ k)) capped at
 * 1 (the interval excludes p iff this is below α); 'at-most', P(X ≥ k) under p; 'at-least', P(X ≤ k) under p.
 */
export function binomialPValue(successes: number, trials: number, p: number, side: 'two-sided' | 'at-most' | 'at-least'): number {
  const lowerTail = binomialCdf(successes, trials, p);
  // P(X ≥ k) = I_p(k, n − k + 1): precise in the far upper tail
  const upperTail = successes === 0 ? 1 : p === 0 ? 0 : p === 1 ? 1 : regularizedBeta(p, successes, trials - successes + 1);
  if (side === 'at-most') return Math.min(1, upperTail);
  if (side === 'at-least') return Math.min(1, lowerTail);
  return Math.min(1, 2 * Math.min(lowerTail, upperTail));
}

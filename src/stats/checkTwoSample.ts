/**
 * Two-sample test that two independent samples come from the same law (e.g. a fast path against explicit
 * sampling), in two distribution-free / CLT parts that share the false-failure rate α:
 *
 * 1. Distribution (two-sample Kolmogorov–Smirnov with DKW bands, rate α/2): under the null both empirical
 *    CDFs F₁ (R₁ points) and F₂ (R₂ points) lie within their own Massart–DKW band around the common F,
 *    sup|F_i − F| ≤ ε_i = √(ln(2/a)/(2R_i)) each with probability ≥ 1 − a, a = α/4; by the triangle
 *    inequality and a union bound, P(sup|F₁ − F₂| > ε₁ + ε₂) ≤ α/2. No continuity or independence between
 *    the two samples is needed for this part. Power: a pair of laws whose CDFs differ by Δ > 2(ε₁ + ε₂)
 *    somewhere is rejected with probability ≥ 1 − α/2.
 * 2. Means (two-sided CLT z-test with both sample variances, rate α/2): passes iff
 *    |x̄₁ − x̄₂| ≤ z_{1−α/4}·se, se = √(s₁²/R₁ + s₂²/R₂). Assumes independent samples, finite variances,
 *    R_i ≥ 100. Power: a mean difference δ is detected with false-pass rate β when
 *    δ ≥ (z_{1−α/4} + z_{1−β})·se; with `detectable` given the check refuses to run (UnderpoweredError)
 *    below that power, otherwise it reports the δ its standard error detects.
 *
 * The check passes iff both parts pass (false-failure rate ≤ α/2 + α/2 = α).
 * Sources: Massart, "The tight constant in the Dvoretzky–Kiefer–Wolfowitz inequality", Ann. Probab. 18
 * (1990); the two-sample z-test (e.g. Lehmann & Romano, Testing Statistical Hypotheses, §11.3).
 *
 * @example
 *   checkTwoSample({ label: 'err_3: explicit vs sufficient', first: explicitErrors, second: fastErrors,
 *                    alpha: 1e-7, detectable: 0.02, beta: 1e-2 })
 */
import { type CheckResult, UnderpoweredError } from './check.js';
import { summarize } from './welford.js';
import { zUpper } from './quantiles.js';
import { dkwEpsilon } from './checkDKW.js';
import { numberInRange, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { finiteSamples } from './sample.js';

export interface TwoSampleCheckInput {
  readonly label: string;
  /** The first sample (e.g. explicit sampling), R₁ ≥ 100 finite values. */
  readonly first: ArrayLike<number>;
  /** The second sample (e.g. the fast path), R₂ ≥ 100 finite values, independent of the first. */
  readonly second: ArrayLike<number>;
  /** False-failure rate of this assertion (split α/2 distribution, α/2 means). */
  readonly alpha: number;
  /** Smallest |E first − E second| the mean part must detect (absolute units); omitted: reported, not enforced. */
  readonly detectable?: number;
  /** False-pass rate at `detectable` (default 1e-2). */
  readonly beta?: number;
}

/** sup_x |F₁(x) − F₂(x)| of two empirical CDFs, by a merge of the sorted samples (ties handled). */
export function twoSampleKolmogorovDistance(first: ArrayLike<number>, second: ArrayLike<number>): number {
  finiteSamples('first', first, 1);
  finiteSamples('second', second, 1);
  const a = Float64Array.from(first).sort();
  const b = Float64Array.from(second).sort();
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sup = 0;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] === x) i++;
    while (j < n2 && b[j] === x) j++;
    const gap = Math.abs(i / n1 - j / n2);
    if (gap > sup) sup = gap;
  }
  return sup;
}

/** A sample of at least 100 finite numbers (the CLT part needs them). */
function cltSample(name: string, sample: unknown): void {
  const { length } = finiteSamples(name, sample);
  if (!(length >= 100)) throw new InvalidArgumentError(`${name}.length`, length, 'at least 100 replications (CLT)');
}

export function checkTwoSample(input: TwoSampleCheckInput): CheckResult {
  optionsObject('input', input, '{ label, first, second, alpha, detectable?, beta? }');
  const { label } = input;
  const alpha = numberInRange('alpha', input.alpha, Number.MIN_VALUE, 0.5);
  const beta = numberInRange('beta', input.beta ?? 1e-2, Number.MIN_VALUE, 0.5);
  cltSample('first', input.first);
  cltSample('second', input.second);
  const r1 = input.first.length;
  const r2 = input.second.length;

  // Part 1: DKW bands, α/4 each.
  const epsilon1 = dkwEpsilon(r1, alpha / 4);
  const epsilon2 = dkwEpsilon(r2, alpha / 4);
  const threshold = epsilon1 + epsilon2;
  const distance = twoSampleKolmogorovDistance(input.first, input.second);
  const distributionPass = distance <= threshold;

  // Part 2: means, two-sided at α/2.
  const s1 = summarize(input.first);
  const s2 = summarize(input.second);
  const se = Math.sqrt(s1.variance / r1 + s2.variance / r2);
  const zA = zUpper(alpha / 4);
  const zB = zUpper(beta);
  let detectable: number;
  if (input.detectable !== undefined) {
    detectable = numberInRange('detectable', input.detectable, Number.MIN_VALUE, Number.MAX_VALUE);
    if ((zA + zB) * se > detectable) {
      const needed = Math.max(r1, r2) * ((zA + zB) * se / detectable) ** 2;
      throw new UnderpoweredError(label, `standard error ${se.toPrecision(3)} of the mean difference cannot detect ${detectable} at α = ${alpha.toExponential(2)}, β = ${beta}`, needed);
    }
  } else {
    detectable = (zA + zB) * se;
  }
  const difference = s1.mean - s2.mean;
  const half = zA * se;
  const meanPass = Math.abs(difference) <= half;

  return {
    label,
    kind: 'two-sample (DKW bands + CLT means)',
    pass: distributionPass && meanPass,
    alpha,
    beta,
    detectable,
    estimate: difference,
    interval: [difference - half, difference + half],
    oracle: 0,
    replications: Math.min(r1, r2),
    assumption: 'independent i.i.d. samples; distribution part distribution-free, mean part CLT with finite variances (R ≥ 100)',
    detail:
      `sup|F₁ − F₂| = ${distance.toPrecision(4)} vs ε₁ + ε₂ = ${threshold.toPrecision(4)} (${distributionPass ? 'ok' : 'REJECT'}; detects CDF gaps > ${(2 * threshold).toPrecision(3)}); ` +
      `means ${s1.mean.toPrecision(6)} (R₁ = ${r1}) vs ${s2.mean.toPrecision(6)} (R₂ = ${r2}), se ${se.toPrecision(3)} (${meanPass ? 'ok' : 'REJECT'})`,
  };
}

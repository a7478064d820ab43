/**
 * Distribution-free test that `oracle` is the q-quantile of a continuous law: the number of replications
 * below the oracle is Binomial(R, q) under the claim; passes iff q lies in the Clopper–Pearson interval of
 * that count. Robust to heavy tails (CLAIMS §6.5: test medians or log-moments, not means).
 *
 * Power, in probability units: a true P(X < oracle) that differs from q by `detectable` is detected with
 * false-pass rate β (checked as in checkProportion).
 *
 * @example checkQuantile({ label: 'median log σ²', samples, q: 0.5, oracle: -2.68, alpha: 1e-6, detectable: 0.05 })
 */
import type { CheckResult } from './check.js';
import { checkProportion } from './checkProportion.js';
import { finiteNumber, numberInRange, optionsObject } from '../validate.js';
import { finiteSamples } from './sample.js';

export interface QuantileCheckInput {
  readonly label: string;
  readonly samples: ArrayLike<number>;
  readonly q: number;
  readonly oracle: number;
  readonly alpha: number;
  /** Smallest |P(X < oracle) − q| to detect. */
  readonly detectable: number;
  readonly beta?: number;
}

export function checkQuantile(input: QuantileCheckInput): CheckResult {
  optionsObject('input', input, '{ label, samples, q, oracle, alpha, detectable, beta? }');
  const q = numberInRange('q', input.q, Number.MIN_VALUE, 1 - Number.EPSILON);
  const oracle = finiteNumber('oracle', input.oracle);
  finiteSamples('samples', input.samples);
  let below = 0;
  for (let i = 0; i < input.samples.length; i++) if (input.samples[i] < oracle) below++;
  const result = checkProportion({
    label: input.label,
    successes: below,
    trials: input.samples.length,
    p: q,
    alpha: input.alpha,
    detectable: input.detectable,
    beta: input.beta,
  });
  const sorted = Float64Array.from(input.samples).sort();
  const empirical = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    ...result,
    kind: 'quantile (binomial count, Clopper–Pearson)',
    assumption: 'i.i.d. replications of a continuous law; distribution-free',
    detail: `empirical ${q}-quantile ${empirical.toPrecision(6)}, oracle ${oracle.toPrecision(6)}, fraction below ${(below / input.samples.length).toPrecision(4)}`,
  };
}

/**
 * Distribution-free test that a sample comes from a continuous CDF F: the Dvoretzky–Kiefer–Wolfowitz
 * inequality with Massart's constant, P(sup_x |F_R(x) − F(x)| > ε) ≤ 2·exp(−2Rε²), so the check passes
 * iff sup|F_R − F| ≤ ε = √(ln(2/α)/(2R)). For a discrete law pass `discrete: true`: the supremum is then
 * taken at the atoms (left and right limits), and the bound still holds (it is conservative).
 *
 * Power: any law whose CDF differs from F by more than 2ε somewhere is rejected with probability ≥ 1 − α.
 * `detectable` is therefore 2ε (reported).
 *
 * @example checkDKW({ label: 'normal', samples, cdf: normalCdf, alpha: 1e-6 })
 */
import type { CheckResult } from './check.js';
import { integerInRange, numberInRange, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { finiteSamples } from './sample.js';

export interface DKWCheckInput {
  readonly label: string;
  readonly samples: ArrayLike<number>;
  readonly cdf: (x: number) => number;
  readonly alpha: number;
  /** Integer-valued law: compare F at the integers (default false). */
  readonly discrete?: boolean;
}

/** ε of the DKW–Massart band for R points at level α. */
export function dkwEpsilon(replications: number, alpha: number): number {
  integerInRange('replications', replications, 1);
  numberInRange('alpha', alpha, Number.MIN_VALUE, 1);
  const log = 2 / alpha === Infinity ? Math.LN2 - Math.log(alpha) : Math.log(2 / alpha); // alpha below 2/MAX_VALUE (issue 7)
  return Math.sqrt(log / (2 * replications));
}

export function checkDKW(input: DKWCheckInput): CheckResult {
  optionsObject('input', input, '{ label, samples, cdf, alpha, discrete? }');
  const alpha = numberInRange('alpha', input.alpha, Number.MIN_VALUE, 0.5);
  if (typeof input.cdf !== 'function') throw new InvalidArgumentError('cdf', input.cdf, 'a function x ↦ F(x)');
  const n = finiteSamples('samples', input.samples).length;
  if (n < 1) throw new InvalidArgumentError('samples.length', n, 'at least 1');
  const sorted = Float64Array.from(input.samples).sort();
  let sup = 0;
  let i = 0;
  while (i < n) {
    const x = sorted[i];
    let j = i;
    while (j < n && sorted[j] === x) j++;
    const below = i / n; // F_R just below x
    const at = j / n; // F_R at x
    const fx = input.cdf(x);
    const fLeft = input.discrete ? input.cdf(x - 1) : fx; // F(x−) for integer-valued laws
    if (!(fx >= 0 && fx <= 1)) throw new InvalidArgumentError('cdf(x)', fx, `a probability in [0, 1] (at x = ${x})`);
    sup = Math.max(sup, Math.abs(at - fx), Math.abs(below - fLeft));
    i = j;
  }
  const epsilon = dkwEpsilon(n, alpha);
  return {
    label: input.label,
    kind: 'distribution (DKW–Massart)',
    pass: sup <= epsilon,
    alpha,
    beta: alpha,
    detectable: 2 * epsilon,
    estimate: sup,
    interval: [0, epsilon],
    oracle: 0,
    replications: n,
    pValue: Math.min(1, 2 * Math.exp(-2 * n * sup * sup)),
    assumption: 'i.i.d. draws; distribution-free (p-value: the Massart bound, conservative)',
    detail: `sup|F_R − F| = ${sup.toPrecision(4)}, ε = ${epsilon.toPrecision(4)}`,
  };
}

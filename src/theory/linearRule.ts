/**
 * Exact finite-t mean error of a fixed linear rule (GR-13; He, Xu & Cheng, arXiv 2502.18049, §3.1 Prop 1;
 * CLAIMS.md §1.6, derivation DERIVED there and below).
 *
 * Setting: round 0 fits the plain mean of n real points, μ_0 = x̄_0. Round t ≥ 1 uses the same weights every
 * round, μ_t = Σ_i a_i x_{t,i} + Σ_j b_j y_{t,j} with Σa + Σb = 1, fresh real x_{t,i} ~ N(μ, Σ) and synthetic
 * y_{t,j} ~ N(μ_{t−1}, Σ_{t−1}) with E Σ_{t−1} = Σ (known Σ, or the unbiased estimate).
 *
 * Derivation: μ_t − μ = Σ a_i(x_{t,i} − μ) + Σ b_j(y_{t,j} − μ_{t−1}) + S·(μ_{t−1} − μ), S = Σb, by Σa + Σb = 1.
 * The three terms are uncorrelated (fresh real data; synthetic noise conditionally centred given the past), so
 * with q = Σa² + Σb²:  e_t = trΣ·q + S²·e_{t−1},  e_0 = trΣ/n, i.e.
 *   e_t = L + (trΣ/n − L)·S^{2t},   L = trΣ·q/(1 − S²)   (|S| < 1; L is linearRuleLimit, Prop 1).
 *
 * @example linearRuleError({ traceSigma: 1, n: 2, realWeights: [0.25, 0.25], syntheticWeights: [0.5], t: 0 }) // 0.5
 * @example linearRuleError({ traceSigma: 1, n: 2, realWeights: [0.25, 0.25], syntheticWeights: [0.5], t: 1 }) // 0.375 + 0.25·0.5 = 0.5
 */
import { integerInRange, positiveNumber, finiteVector, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { weightVector } from './limits.js';

export function linearRuleError(options: {
  readonly traceSigma: number;
  readonly n: number;
  readonly realWeights: ArrayLike<number>;
  readonly syntheticWeights: ArrayLike<number>;
  readonly t: number;
}): number {
  optionsObject('options', options, '{ traceSigma, n, realWeights, syntheticWeights, t }');
  const traceSigma = positiveNumber('traceSigma', options.traceSigma);
  const n = integerInRange('n', options.n, 1);
  const t = integerInRange('t', options.t, 0);
  const a = weightVector('realWeights', options.realWeights);
  const b = weightVector('syntheticWeights', options.syntheticWeights);
  let sa = 0;
  let q = 0;
  let S = 0;
  for (let i = 0; i < a.length; i++) { sa += a[i]; q += a[i] * a[i]; }
  for (let j = 0; j < b.length; j++) { S += b[j]; q += b[j] * b[j]; }
  if (Math.abs(sa + S - 1) > 1e-9) throw new InvalidArgumentError('weights', sa + S, 'real and synthetic weights summing to 1');
  if (!(Math.abs(S) < 1)) throw new InvalidArgumentError('syntheticWeights', S, 'a total synthetic weight with |Σb| < 1');
  const limit = (traceSigma * q) / (1 - S * S);
  return limit + (traceSigma / n - limit) * (S * S) ** t;
}

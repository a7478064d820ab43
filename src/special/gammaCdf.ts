/**
 * CDF of the Gamma(shape, rate) distribution.
 */
import { finiteNumber, positiveNumber } from '../validate.js';
import { incompleteGammaRatio } from './incompleteGammaRatio.js';

/**
 * F(x; α, β) = P(α, βx) for x ≥ 0 and 0 for x < 0, the CDF of the Gamma distribution with shape α and
 * rate β (density β^α x^(α−1) e^(−βx)/Γ(α)).
 *
 * @param x a finite number
 * @param shape α, a finite number > 0
 * @param rate β, a finite number > 0 (scale = 1/β)
 * @example gammaCdf(1, 1, 2) // 1 − e^(−2) = 0.8646647167633873
 */
export function gammaCdf(x: number, shape: number, rate: number): number {
  finiteNumber('x', x);
  positiveNumber('shape', shape);
  positiveNumber('rate', rate);
  if (x <= 0) return 0;
  const scaled = rate * x;
  return incompleteGammaRatio(shape, scaled === Infinity ? Number.MAX_VALUE : scaled, false);
}

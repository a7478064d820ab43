/**
 * CDF of the chi-squared distribution.
 */
import { finiteNumber, positiveNumber } from '../validate.js';
import { incompleteGammaRatio } from './incompleteGammaRatio.js';

/**
 * F(x; k) = P(k/2, x/2) for x ≥ 0 and 0 for x < 0: the CDF of χ²_k (A&S 26.4.19). k may be non-integer.
 *
 * @param x a finite number
 * @param df degrees of freedom k, a finite number > 0
 * @example chiSquaredCdf(2, 2) // 1 − e^(−1) = 0.6321205588285577
 */
export function chiSquaredCdf(x: number, df: number): number {
  finiteNumber('x', x);
  positiveNumber('df', df);
  if (x <= 0) return 0;
  return incompleteGammaRatio(df / 2, x / 2, false);
}

/**
 * δ(j) = ln j! − [(j + ½) ln j − j + ½ ln 2π], the remainder of Stirling's formula at an integer j ≥ 1:
 * from the table of ln j! for j < 16, else by its series 1/(12j) − 1/(360j³) + 1/(1260j⁵) − 1/(1680j⁷) +
 * 1/(1188j⁹) (Abramowitz & Stegun 6.1.40; truncation error < 1e-16 for j ≥ 16). Used by the saddle-point
 * forms of the Poisson and binomial probabilities (Loader 2000).
 *
 * @param j an integer ≥ 1 (not validated: internal)
 * @example stirlingRemainder(16) // 0.005207248… (≈ 1/(12·16))
 */
import { LOG_FACTORIAL_SMALL } from './logFactorialSmall.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export function stirlingRemainder(j: number): number {
  if (j < 16) return LOG_FACTORIAL_SMALL[j] - ((j + 0.5) * Math.log(j) - j + HALF_LOG_TWO_PI);
  const jj = j * j;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * jj)) / jj) / jj) / jj) / j;
}

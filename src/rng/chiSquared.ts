/**
 * Chi-squared variates: χ²_ν = Gamma(shape ν/2, rate 1/2), density x^(ν/2−1) e^(−x/2) / (2^(ν/2) Γ(ν/2)),
 * mean ν, variance 2ν. Any real ν > 0 (not only integers); small ν inherits the log-space boost of
 * `gammaVariate` (draws below 2^−1074 return 0).
 *
 * Source: the identity χ²_ν ≡ Gamma(ν/2, 1/2) (e.g. Johnson, Kotz & Balakrishnan, Continuous Univariate
 * Distributions vol. 1, ch. 18).
 */
import type { Stream } from './stream.js';
import { gammaVariate } from './gamma.js';
import { positiveNumber } from '../validate.js';

/**
 * One draw X ~ χ²(df), df > 0 real (df = degrees of freedom ν), as Gamma(df/2, rate 1/2).
 *
 * @example
 *   chiSquaredVariate(rootKey('demo').stream(), 3); // e.g. 2.41…
 */
export function chiSquaredVariate(stream: Stream, df: number): number {
  positiveNumber('df', df);
  return gammaVariate(stream, 0.5 * df, 0.5);
}

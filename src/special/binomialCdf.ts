/**
 * CDF of the Binomial(n, p) distribution.
 */
import { InvalidArgumentError } from '../errors.js';
import { integerInRange, unitInterval } from '../validate.js';
import { incompleteBetaRatio } from './incompleteBetaRatio.js';

/**
 * P(X ≤ k) = Σ_{j=0}^{k} C(n, j) p^j (1−p)^(n−j) = 1 − I_p(k + 1, n − k) for X ~ Binomial(n, p) and
 * 0 ≤ k < n (A&S 26.5.24), computed as the complement branch of the incomplete beta ratio so it keeps
 * relative precision in both tails (use regularizedBeta(p, k + 1, n − k) for P(X > k)). Returns 0 for k < 0
 * and 1 for k ≥ n.
 *
 * @param k a safe integer
 * @param n number of trials, an integer ≥ 0
 * @param p success probability in [0, 1]
 * @example binomialCdf(1, 2, 0.5) // 3/4
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (typeof k !== 'number' || !Number.isSafeInteger(k)) throw new InvalidArgumentError('k', k, 'a safe integer');
  integerInRange('n', n, 0);
  unitInterval('p', p);
  if (k < 0) return 0;
  if (k >= n) return 1;
  return incompleteBetaRatio(p, k + 1, n - k, true);
}

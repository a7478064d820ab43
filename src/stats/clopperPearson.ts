/**
 * Exact (Clopper–Pearson 1934) two-sided confidence interval for a binomial proportion:
 * lower = B⁻¹(α/2; k, R − k + 1), upper = B⁻¹(1 − α/2; k + 1, R − k), with B⁻¹ the beta quantile
 * (lower = 0 when k = 0, upper = 1 when k = R). Coverage ≥ 1 − α for every p.
 *
 * @example clopperPearson(5, 10, 0.05) // [0.187086…, 0.812913…]
 */
import { betaQuantile } from '../special/index.js';
import { integerInRange, numberInRange } from '../validate.js';

export function clopperPearson(successes: number, trials: number, alpha: number): [number, number] {
  integerInRange('trials', trials, 1);
  integerInRange('successes', successes, 0, trials);
  numberInRange('alpha', alpha, Number.MIN_VALUE, 1);
  const lower = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, trials - successes + 1);
  const upper = successes === trials ? 1 : betaQuantile(1 - alpha / 2, successes + 1, trials - successes);
  return [lower, upper];
}

/**
 * The three GLM families of the weighting paper (CLAIMS §1.9, model (6)), all with their canonical link:
 *
 *   linear    y | x ~ N(η, σ²)              mean μ = η          variance function v(η) = 1 (times σ²)
 *   logistic  y | x ~ Bernoulli(σ(η))        mean μ = σ(η)       v(η) = σ(η)(1 − σ(η))
 *   poisson   y | x ~ Poisson(e^η)           mean μ = e^η        v(η) = e^η
 *
 * with η = xᵀβ. For a canonical link the per-point negative log-likelihood is A(η) − yη (up to terms free
 * of β) with A′ = μ and A″ = v, so the score is Σ ω_i (y_i − μ_i) x_i and the Hessian Σ ω_i v_i x_i x_iᵀ.
 *
 * Source: McCullagh & Nelder, Generalized Linear Models (2nd ed., 1989), §2.2 and Table 2.1.
 */

/** A GLM family with its canonical link. */
export type GlmFamily = 'linear' | 'logistic' | 'poisson';

/** Every supported family, for validation messages. */
export const GLM_FAMILIES: readonly GlmFamily[] = ['linear', 'logistic', 'poisson'];

/**
 * The logistic function σ(η) = 1/(1 + e^(−η)), computed from e^(−|η|) so that it never overflows and keeps
 * full relative precision in both tails.
 *
 * @example
 *   logisticSigmoid(0);    // 0.5
 *   logisticSigmoid(-800); // 0 without overflow (exactly e^-800 underflows)
 */
export function logisticSigmoid(eta: number): number {
  const q = Math.exp(-Math.abs(eta));
  return eta >= 0 ? 1 / (1 + q) : q / (1 + q);
}

/**
 * The logistic variance function v(η) = σ(η)(1 − σ(η)) = e^(−|η|)/(1 + e^(−|η|))², the Bernoulli variance
 * at mean σ(η) (and the second derivative of A(η) = log(1 + e^η)).
 *
 * @example
 *   logisticVariance(0); // 0.25
 */
export function logisticVariance(eta: number): number {
  const q = Math.exp(-Math.abs(eta));
  const inv = 1 / (1 + q);
  return q * inv * inv;
}

/**
 * IM-2, exact for a non-linear MLE: the rate of a Gamma law of KNOWN shape α (α = 1: the exponential rate,
 * MLE 1/x̄) under the accumulate workflow (CLAIMS.md §3.2; the MC table there: n·MSE/λ² = 1.03, 1.29,
 * 1.51, 1.66 at t = 1, 2, 5, 30 for the exponential at n = 200).
 *
 * Derivation [DERIVED here]. The MLE is β̂ = α/M with M the pool mean. The pool after generation g holds
 * n(g + 1) points; set j is drawn from Gamma(α, β̂_{j−1}), whose mean is M_{j−1}, so its sample mean is
 * M_{j−1}·U_j with U_j = Gamma(nα, 1)/(nα) independent of the past, and
 *   M_j = (j·M_{j−1} + M_{j−1}U_j)/(j + 1) = M_{j−1}·(j + U_j)/(j + 1),   M_0 = μ·U_0 (μ = α/β).
 * So X := β̂_g/β = Π_{j=0}^{g} f_j(U_j), f_j(u) = (j + 1)/(j + u), with U_0, …, U_g i.i.d. Gamma(a, rate a),
 * a = nα, and the raw moments factor: E X^k = Π_j E f_j(U)^k.
 *
 * Numerics. Each factor is 1 + d_{j,k} with d small (O(1/a)), so the central moments are computed from the
 * excesses d without forming 1 + d: E X^k − 1 = expm1(Σ_j log1p(d_{j,k})), and
 *   E(X − 1)² = e₂ − 2e₁,   E(X − 1)⁴ = e₄ − 4e₃ + 6e₂ − 4e₁   (e_k = E X^k − 1).
 * j = 0: d_{0,k} = a^k/((a − 1)⋯(a − k)) − 1 in closed form (a > k). j ≥ 1: d_{j,k} = E[f_j(U)^k − 1 − k(1 − U)/(j + 1)]
 * (the subtracted term has mean 0 and removes the first-order part, so the integrand is O((U − 1)²) and the
 * quadrature error is relative to d itself), integrated against the Gamma(a, a) density by composite Simpson
 * (4000 panels) on [max(0, 1 − 40/√a), 1 + 40/√a]; the log-density (a − 1)(log1p(u − 1) − (u − 1)) − (u − 1) + c_a
 * is evaluated with log1pmx (no cancellation for large a). Relative accuracy against a 2·10⁶-panel Simpson of the
 * plain integrand (docs/mutation.md): ≈ 6e-8 at a = 3, ≤ 3e-11 for 5 ≤ a ≤ 1e6.
 * Asymptotically n·E(β̂_g − β)² → (β²/α)·Σ_{j=1}^{g+1} 1/j², tr I(β)⁻¹ = β²/α, with an O(1/n) excess
 * (E(β̂_0/β − 1)² = (a + 2)/((a − 1)(a − 2)) at g = 0).
 */
import { integerInRange, positiveNumber, optionsObject } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';
import { logGamma } from '../special/index.js';
import { log1pmx } from '../special/log1pmx.js';
import { MAX_RATE_MLE_GENERATION, roundCount } from './limits.js';
import { finiteResult } from '../finiteResult.js';

const PANELS = 4000;
const WINDOW = 40;

/**
 * d_{j,k} = E[((j + 1)/(j + U))^k] − 1 for U ~ Gamma(a, rate a) (mean 1), k ∈ 1..4, j ≥ 0, a > 2 (j = 0 needs
 * a > k). Below a = 2 the Gamma(a, a) density is too steep near u = 0 for the composite Simpson rule of j ≥ 1
 * (at a = 1e-300 it returned 4·10³⁰² for a quantity ≤ 15), so such a is refused; the callers need a = nα > 2 anyway.
 *
 * @example shiftedInverseGammaExcess(0, 10, 1) // 10/9 − 1
 */
export function shiftedInverseGammaExcess(j: number, a: number, k: number): number {
  integerInRange('j', j, 0);
  positiveNumber('a', a);
  integerInRange('k', k, 1, 4);
  if (!(a > 2)) throw new InvalidArgumentError('a', a, 'a number > 2 (the quadrature of j ≥ 1 is not accurate below; E U^{−k} at j = 0 needs a > k)');
  if (j === 0) {
    if (!(a > k)) throw new InvalidArgumentError('a', a, `a number > ${k} (E U^{−${k}} is infinite otherwise)`);
    let log = 0;
    for (let i = 1; i <= k; i++) log += Math.log1p(i / (a - i)); // a/(a − i) = 1 + i/(a − i)
    return finiteResult('shiftedInverseGammaExcess', Math.expm1(log));
  }
  const sd = 1 / Math.sqrt(a);
  const lo = Math.max(0, 1 - WINDOW * sd);
  const hi = 1 + WINDOW * sd;
  const h = (hi - lo) / PANELS;
  const logNormaliser = a * Math.log(a) - a - logGamma(a); // log of a^a e^{−a}/Γ(a)
  const integrand = (u: number): number => {
    if (u <= 0) return 0;
    const x = u - 1;
    const logDensity = logNormaliser + (a - 1) * log1pmx(x) - x; // log[a^a u^{a−1} e^{−au}/Γ(a)]
    const f = (j + 1) / (j + u);
    const excess = f ** k - 1 + (k * x) / (j + 1);
    return excess * Math.exp(logDensity);
  };
  let sum = integrand(lo) + integrand(hi);
  for (let i = 1; i < PANELS; i++) sum += (i % 2 === 1 ? 4 : 2) * integrand(lo + i * h);
  return finiteResult('shiftedInverseGammaExcess', (sum * h) / 3);
}

/**
 * E[((j + 1)/(j + U))^k] = 1 + shiftedInverseGammaExcess(j, a, k).
 *
 * @example shiftedInverseGammaMoment(0, 10, 1) // 10/9
 */
export function shiftedInverseGammaMoment(j: number, a: number, k: number): number {
  return 1 + shiftedInverseGammaExcess(j, a, k);
}

/** e_k = E(β̂_g/β)^k − 1 for k = 1..kMax (index k), from the factor excesses. */
function rawMomentExcesses(a: number, g: number, kMax: number): Float64Array {
  const e = new Float64Array(kMax + 1);
  for (let k = 1; k <= kMax; k++) {
    let log = 0;
    for (let j = 0; j <= g; j++) log += Math.log1p(shiftedInverseGammaExcess(j, a, k));
    e[k] = Math.expm1(log);
  }
  return e;
}

/**
 * E(β̂_g/β − 1)², the relative mean squared error of the accumulated rate MLE of a Gamma(α, β) with known
 * shape α after generation g (g = 0: the real-only fit), n points per set; needs nα > 2.
 *
 * @example accumulateRateRelativeError({ shape: 1, n: 200, generation: 0 }) * 200 // 1.0253 (= 200·202/(199·198))
 */
export function accumulateRateRelativeError(options: { shape: number; n: number; generation: number }): number {
  optionsObject('options', options, '{ shape, n, generation }');
  const alpha = positiveNumber('shape', options.shape);
  const n = integerInRange('n', options.n, 1);
  const g = roundCount('generation', options.generation, MAX_RATE_MLE_GENERATION);
  const a = n * alpha;
  if (!(a > 2 && a < Infinity)) throw new InvalidArgumentError('n·shape', a, 'a finite number > 2 (the second moment of 1/x̄ is infinite otherwise)');
  const e = rawMomentExcesses(a, g, 2);
  return e[2] - 2 * e[1];
}

/**
 * Var (β̂_g/β − 1)² = E(X − 1)⁴ − (E(X − 1)²)², X = β̂_g/β, with E(X − 1)⁴ = e₄ − 4e₃ + 6e₂ − 4e₁ (header).
 * Needs nα > 4 (finite fourth moment).
 *
 * @example accumulateRateSquaredErrorVariance({ shape: 1, n: 200, generation: 0 }) // ≈ 2·(1/200)² (χ²₁-like)
 */
export function accumulateRateSquaredErrorVariance(options: { shape: number; n: number; generation: number }): number {
  optionsObject('options', options, '{ shape, n, generation }');
  const alpha = positiveNumber('shape', options.shape);
  const n = integerInRange('n', options.n, 1);
  const g = roundCount('generation', options.generation, MAX_RATE_MLE_GENERATION);
  const a = n * alpha;
  if (!(a > 4 && a < Infinity)) throw new InvalidArgumentError('n·shape', a, 'a finite number > 4 (the fourth moment of 1/x̄ is infinite otherwise)');
  const e = rawMomentExcesses(a, g, 4);
  const second = e[2] - 2 * e[1];
  const fourth = e[4] - 4 * e[3] + 6 * e[2] - 4 * e[1];
  return fourth - second * second;
}

/**
 * One pass over the packed training set: η = Xβ, the gradient and the Hessian of the weighted negative
 * log-likelihood (canonical links, family.ts), and — for Poisson, or on request — the loss itself:
 *
 *   L(β) = Σ ω_i ℓ_i,   ∇L = Σ ω_i (μ_i − y_i) x_i,   ∇²L = Σ ω_i v_i x_i x_iᵀ.
 *
 * Logistic, y ∈ {0, 1}, s = 2y − 1: ℓ = log(1 + e^(−sη)) = max(−sη, 0) + log1p(e^(−|η|)) (every term ≥ 0
 * and exact to rounding), μ − y = −s·σ(−sη), v = e^(−|η|)/(1 + e^(−|η|))². The log1p is the costliest
 * operation of the pass and the loss is only needed by the line search when the step cannot be certified
 * (newton.ts), so it is computed only when `withLoss` is set (else the return value is NaN), or later from
 * the stored η by `logisticLossFromEta`.
 * Poisson: ℓ = e^η − yη (log y! dropped), μ − y = e^η − y, v = e^η; the loss is always computed (it costs
 * no extra exp). A trial with η > EXP_ARGUMENT_MAX returns +∞ at once (the line search shortens the step).
 *
 * Side results in `scratch`: lossScale = Σ ω_i (|A(η_i)| + |y_i η_i|) (Poisson; the rounding scale of L), the
 * largest η and its row, the extreme signed margins min/max s_i η_i (logistic: a separating iterate, all
 * s_i η_i ≥ 0 with some > 0, is seen at no extra cost), and stepReach = max_i |η_i − etaReference_i|.
 */
import type { GlmScratch } from './scratch.js';

/** Largest η whose e^η is evaluated (e^709 ≈ 8.2e307 < Number.MAX_VALUE). */
export const EXP_ARGUMENT_MAX = 709;

/**
 * Fills `eta`, `tail` (logistic: e^(−|η_i|)), `grad`, `hess` (full symmetric p×p) at `beta` for the packed data; returns L(β) (NaN for
 * logistic without `withLoss`).
 *
 * @example
 *   evaluateNegativeLogLikelihood('poisson', scratch, n, p, scratch.beta, scratch.eta, scratch.tail, scratch.grad, scratch.hess, null, true);
 */
export function evaluateNegativeLogLikelihood(
  family: 'logistic' | 'poisson',
  scratch: GlmScratch,
  n: number,
  p: number,
  beta: Float64Array,
  eta: Float64Array,
  tail: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
  etaReference: Float64Array | null,
  withLoss: boolean,
): number {
  if (p === 2) return evaluateTwoCovariates(family, scratch, n, beta, eta, tail, grad, hess, etaReference, withLoss);
  const { x, y, weight } = scratch;
  grad.fill(0);
  hess.fill(0);
  let loss = 0;
  let scale = 0;
  let maxEta = -Infinity;
  let maxEtaRow = -1;
  let minMargin = Infinity;
  let maxMargin = -Infinity;
  let reach = 0;
  const logistic = family === 'logistic';
  for (let i = 0, r = 0; i < n; i++, r += p) {
    let e = 0;
    for (let j = 0; j < p; j++) e += x[r + j] * beta[j];
    eta[i] = e;
    if (e > maxEta) { maxEta = e; maxEtaRow = i; }
    if (etaReference !== null) {
      const moved = Math.abs(e - etaReference[i]);
      if (moved > reach) reach = moved;
    }
    const wi = weight[i];
    const yi = y[i];
    let residual: number; // μ_i − y_i
    let variance: number; // v_i
    if (logistic) {
      const margin = yi === 1 ? e : -e; // s_i η_i
      if (margin < minMargin) minMargin = margin;
      if (margin > maxMargin) maxMargin = margin;
      const q = e === 0 ? 1 : Math.exp(-Math.abs(e)); // e^(−0) = 1 exactly: the whole first pass at β = 0
      tail[i] = q;
      const inv = 1 / (1 + q);
      if (withLoss) loss += wi * ((margin < 0 ? -margin : 0) + Math.log1p(q));
      const other = margin >= 0 ? q * inv : inv; // σ(−s η), the probability of the other label
      residual = yi === 1 ? -other : other;
      variance = q * inv * inv;
    } else {
      if (e > EXP_ARGUMENT_MAX) {
        scratch.maxEta = e;
        scratch.maxEtaRow = i;
        return Infinity;
      }
      const mu = Math.exp(e);
      const ye = yi * e;
      loss += wi * (mu - ye);
      scale += wi * (mu + Math.abs(ye));
      residual = mu - yi;
      variance = mu;
    }
    const g = wi * residual;
    const h = wi * variance;
    for (let j = 0; j < p; j++) {
      const xj = x[r + j];
      grad[j] += g * xj;
      const hx = h * xj;
      const row = j * p;
      for (let k = 0; k <= j; k++) hess[row + k] += hx * x[r + k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) hess[k * p + j] = hess[j * p + k];
  scratch.lossScale = logistic ? loss : scale;
  scratch.maxEta = maxEta;
  scratch.maxEtaRow = maxEtaRow;
  scratch.minMargin = minMargin;
  scratch.maxMargin = maxMargin;
  scratch.stepReach = reach;
  return logistic && !withLoss ? NaN : loss;
}

/**
 * `evaluateNegativeLogLikelihood` for p = 2 with the gradient and Hessian held in locals (the generic
 * p-loops cost as much as the exp at p = 2; this is the papers' main case). Same results and side results.
 */
function evaluateTwoCovariates(
  family: 'logistic' | 'poisson',
  scratch: GlmScratch,
  n: number,
  beta: Float64Array,
  eta: Float64Array,
  tail: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
  etaReference: Float64Array | null,
  withLoss: boolean,
): number {
  const { x, y, weight } = scratch;
  const b0 = beta[0];
  const b1 = beta[1];
  let g0 = 0, g1 = 0, h00 = 0, h10 = 0, h11 = 0;
  let loss = 0;
  let scale = 0;
  let maxEta = -Infinity;
  let maxEtaRow = -1;
  let minMargin = Infinity;
  let maxMargin = -Infinity;
  let reach = 0;
  const logistic = family === 'logistic';
  for (let i = 0, r = 0; i < n; i++, r += 2) {
    const x0 = x[r];
    const x1 = x[r + 1];
    const e = x0 * b0 + x1 * b1;
    eta[i] = e;
    if (e > maxEta) { maxEta = e; maxEtaRow = i; }
    if (etaReference !== null) {
      const moved = Math.abs(e - etaReference[i]);
      if (moved > reach) reach = moved;
    }
    const wi = weight[i];
    const yi = y[i];
    let g: number;
    let h: number;
    if (logistic) {
      const margin = yi === 1 ? e : -e;
      if (margin < minMargin) minMargin = margin;
      if (margin > maxMargin) maxMargin = margin;
      const q = e === 0 ? 1 : Math.exp(-Math.abs(e)); // e^(−0) = 1 exactly: the whole first pass at β = 0
      tail[i] = q;
      const inv = 1 / (1 + q);
      if (withLoss) loss += wi * ((margin < 0 ? -margin : 0) + Math.log1p(q));
      const other = margin >= 0 ? q * inv : inv;
      g = wi * (yi === 1 ? -other : other);
      h = wi * q * inv * inv;
    } else {
      if (e > EXP_ARGUMENT_MAX) {
        scratch.maxEta = e;
        scratch.maxEtaRow = i;
        return Infinity;
      }
      const mu = Math.exp(e);
      const ye = yi * e;
      loss += wi * (mu - ye);
      scale += wi * (mu + Math.abs(ye));
      g = wi * (mu - yi);
      h = wi * mu;
    }
    g0 += g * x0;
    g1 += g * x1;
    const hx0 = h * x0;
    h00 += hx0 * x0;
    h10 += hx0 * x1;
    h11 += h * x1 * x1;
  }
  grad[0] = g0;
  grad[1] = g1;
  hess[0] = h00;
  hess[1] = h10;
  hess[2] = h10;
  hess[3] = h11;
  scratch.lossScale = logistic ? loss : scale;
  scratch.maxEta = maxEta;
  scratch.maxEtaRow = maxEtaRow;
  scratch.minMargin = minMargin;
  scratch.maxMargin = maxMargin;
  scratch.stepReach = reach;
  return logistic && !withLoss ? NaN : loss;
}

/**
 * The logistic loss Σ ω_i log(1 + e^(−s_i η_i)) = Σ ω_i [max(−s_i η_i, 0) + log1p(e^(−|η_i|))] from stored η and
 * e^(−|η|) (every term ≥ 0, so the loss is its own rounding scale).
 *
 * @example
 *   logisticLossFromEta(scratch, n, scratch.eta, scratch.tail); // L at the current iterate
 */
export function logisticLossFromEta(scratch: GlmScratch, n: number, eta: Float64Array, tail: Float64Array): number {
  const { y, weight } = scratch;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const margin = y[i] === 1 ? eta[i] : -eta[i];
    loss += weight[i] * ((margin < 0 ? -margin : 0) + Math.log1p(tail[i]));
  }
  return loss;
}

/**
 * Certificates that a logistic or Poisson MLE does not exist (data separation), without linear programming.
 *
 * Logistic (Albert & Anderson 1984; Silvapulle 1981): with signs s_i = 2y_i − 1, the MLE fails to exist iff
 * some direction d ≠ 0 has s_i x_iᵀd ≥ 0 for every point with positive weight (a weak separating
 * direction). Then t ↦ L(β + t d) is non-increasing for every β and strictly decreasing when some margin is
 * positive, so the infimum of the loss is not attained.
 * Poisson (Santos Silva & Tenreyro 2010; Correia, Guimarães & Zylkin 2019): the MLE fails to exist iff some
 * d has x_iᵀd ≤ 0 for every point, with equality wherever y_i > 0, and strict inequality somewhere — the
 * loss Σ ω_i (e^η_i − y_i η_i) then strictly decreases along d.
 *
 * Both are "margins m_i(d) ≥ 0 with some > 0, and m_i(d) = 0 on a forced set", with m_i = s_i x_iᵀd
 * (logistic) or m_i = −x_iᵀd (Poisson, forced set {y_i > 0}). Newton iterates on such data run off to
 * infinity along d while the other coordinates converge, so a candidate (the iterate β, the last Newton
 * step, or the drift β_k − β_{k−8}) is nearly a separating direction whose "boundary" points Z (those with
 * m_i(d) = 0) have the smallest |cos(x_i, candidate)|. Greedy search: the forced points start Z; then, for
 * rank r = dim span{x_i : i ∈ Z} = 0, 1, …, p − 1, project the candidate on the orthogonal complement of
 * span Z (modified Gram–Schmidt, twice) and verify the projection d′: every point in span Z (to relative
 * precision RANK_TOLERANCE) has |m_i(d′)| ≤ 1e-9·‖d′‖‖x_i‖ and every other point m_i(d′) > 1e-9·‖d′‖‖x_i‖,
 * with at least one such point; if the verification fails, add to Z the point of smallest |cos| outside
 * span Z and repeat. The verification, not the greedy order, is what certifies; its only tolerance is the
 * 1e-9 relative one on the boundary points. At most p verifications of cost O(n p²) per candidate.
 *
 * Sources: A. Albert & J. A. Anderson, "On the existence of maximum likelihood estimates in logistic
 * regression models", Biometrika 71 (1984); J. M. C. Santos Silva & S. Tenreyro, "On the existence of the
 * maximum likelihood estimates in Poisson regression", Economics Letters 107 (2010).
 */
import type { GlmScratch } from './scratch.js';

const RANK_TOLERANCE = 1e-10;
const ZERO_TOLERANCE = 1e-9;

/** m_i(d) for point i (see the module comment). */
function margin(poisson: boolean, x: Float64Array, y: Float64Array, i: number, p: number, d: Float64Array): number {
  let dot = 0;
  for (let j = 0, r = i * p; j < p; j++) dot += x[r + j] * d[j];
  return poisson ? -dot : y[i] === 1 ? dot : -dot;
}

function rowNorm(x: Float64Array, i: number, p: number): number {
  let s = 0;
  for (let j = 0, r = i * p; j < p; j++) s += x[r + j] * x[r + j];
  return Math.sqrt(s);
}

function norm(v: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += v[j] * v[j];
  return Math.sqrt(s);
}

/** Removes from v (length p) its components along the first `rank` rows of `basis`, twice (MGS + reorthogonalisation). */
function projectOut(v: Float64Array, basis: Float64Array, rank: number, p: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let q = 0; q < rank; q++) {
      let dot = 0;
      for (let j = 0; j < p; j++) dot += basis[q * p + j] * v[j];
      for (let j = 0; j < p; j++) v[j] -= dot * basis[q * p + j];
    }
  }
}

/** ‖x_i − proj_span(basis) x_i‖ written via `residual`; returns the residual norm. */
function residualNorm(x: Float64Array, i: number, p: number, basis: Float64Array, rank: number, residual: Float64Array): number {
  for (let j = 0; j < p; j++) residual[j] = x[i * p + j];
  projectOut(residual, basis, rank, p);
  return norm(residual, p);
}

/**
 * Adds x_i to the orthonormal basis when it is independent of it (relative residual > RANK_TOLERANCE);
 * returns the new rank.
 */
function extendBasis(x: Float64Array, i: number, p: number, basis: Float64Array, rank: number, residual: Float64Array): number {
  const xn = rowNorm(x, i, p);
  const rn = residualNorm(x, i, p, basis, rank, residual);
  if (!(rn > RANK_TOLERANCE * xn)) return rank;
  for (let j = 0; j < p; j++) basis[rank * p + j] = residual[j] / rn;
  return rank + 1;
}

/**
 * Verifies d′ = `direction` against the boundary set span(basis): see the module comment.
 */
function verify(poisson: boolean, x: Float64Array, y: Float64Array, n: number, p: number, direction: Float64Array, basis: Float64Array, rank: number, residual: Float64Array): boolean {
  const dNorm = norm(direction, p);
  if (!(dNorm > 0) || !Number.isFinite(dNorm)) return false;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const xn = rowNorm(x, i, p);
    if (xn === 0) continue;
    const c = margin(poisson, x, y, i, p, direction) / (dNorm * xn);
    const boundary = residualNorm(x, i, p, basis, rank, residual) <= RANK_TOLERANCE * xn;
    if (boundary) {
      if (Math.abs(c) > ZERO_TOLERANCE) return false;
    } else {
      if (!(c > ZERO_TOLERANCE)) return false;
      positives++;
    }
  }
  return positives > 0;
}

/**
 * Tries to certify separation along `candidate` by the greedy boundary search; on success leaves the
 * verified direction d′ in scratch.direction and returns true.
 */
function certifyAlong(poisson: boolean, scratch: GlmScratch, n: number, p: number, candidate: Float64Array, order: Int32Array, cosines: Float64Array): boolean {
  const { x, y, basis, direction } = scratch;
  const residual = scratch.betaTry; // free during certification
  const dNorm = norm(candidate, p);
  if (!(dNorm > 0) || !Number.isFinite(dNorm)) return false;
  let rank = 0;
  for (let i = 0; i < n; i++) {
    if (poisson && y[i] > 0) {
      rank = extendBasis(x, i, p, basis, rank, residual);
      if (rank >= p) return false; // the forced set spans ℝ^p: only d = 0 is orthogonal to it
    }
  }
  for (let i = 0; i < n; i++) {
    const xn = rowNorm(x, i, p);
    cosines[i] = xn === 0 ? 0 : Math.abs(margin(poisson, x, y, i, p, candidate)) / (dNorm * xn);
    order[i] = i;
  }
  order.sort((a, b) => cosines[a] - cosines[b]);
  let next = 0;
  for (;;) {
    direction.set(candidate);
    projectOut(direction, basis, rank, p);
    if (verify(poisson, x, y, n, p, direction, basis, rank, residual)) return true;
    if (rank >= p - 1) return false;
    let grown = rank;
    while (grown === rank && next < n) grown = extendBasis(x, order[next++], p, basis, rank, residual);
    if (grown === rank) return false;
    rank = grown;
  }
}

/**
 * Whether the packed data (scratch.x, scratch.y, n rows) admit a separating direction among the candidates;
 * on success scratch.direction holds a verified direction d′ (see the module comment). Allocates two n-sized
 * index/cosine arrays (an error path).
 *
 * @example
 *   // y = 1{x₁ > 0}: the candidate (1, 0) is certified.
 *   certifySeparation('logistic', scratch, n, 2, [new Float64Array([1, 0])]); // true
 */
export function certifySeparation(family: 'logistic' | 'poisson', scratch: GlmScratch, n: number, p: number, candidates: readonly Float64Array[]): boolean {
  const poisson = family === 'poisson';
  const order = new Int32Array(n);
  const cosines = new Float64Array(n);
  for (const candidate of candidates) {
    if (certifyAlong(poisson, scratch, n, p, candidate, order, cosines)) return true;
  }
  return false;
}

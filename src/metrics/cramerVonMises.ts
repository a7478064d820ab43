/**
 * Exact Cramér–von Mises distance between a weighted discrete distribution and a continuous truth.
 */
import { InvalidArgumentError } from '../errors.js';
import { PROBABILITY_SUM_TOLERANCE } from './probabilityVector.js';

/** Largest decrease of the truth's cdf between sorted atoms that is treated as rounding, not an error. */
const MONOTONE_TOLERANCE = 1e-12;

/**
 * ∫ (c − u)² du over [a, b], written (b − a)·((b − c)² + (b − c)(a − c) + (a − c)²)/3 — the factored
 * form of ((b − c)³ − (a − c)³)/3, which has no cancellation when b − a is tiny.
 */
function stepPiece(a: number, b: number, c: number): number {
  const hi = b - c;
  const lo = a - c;
  return ((b - a) * (hi * hi + hi * lo + lo * lo)) / 3;
}

/**
 * The Cramér–von Mises distance of paper 4's Theorem 3 (He, Xu & Cheng; CLAIMS.md §1.10):
 *
 *   ∫ (F_t(x) − F(x))² dF(x) = ∫₀¹ (G(u) − u)² du,   u = F(x),  G = F_t ∘ F⁻¹,
 *
 * where F_t(x) = Σ_{atoms a_i ≤ x} w_i is the (right-continuous) cdf of the weighted atoms and F is the
 * continuous truth. EXACT, no grid and no Monte Carlo: with the distinct atoms sorted, u_j = F(a_(j)),
 * G is the constant c_j (the cumulative weight up to and including a_(j)) on [u_j, u_{j+1}) (c = 0 before
 * u_1 and c = 1 after the last atom), and ∫_{u_j}^{u_{j+1}} (c − u)² du = ((u_{j+1} − c)³ − (u_j − c)³)/3.
 * Ties (equal atoms) are merged by adding their weights. The authors' code approximates the same
 * integral on a 50 000-point grid over [−5, 5] (`cramer_von_mises_statistic_FD`); this is exact.
 *
 * Assumptions: F is continuous (so that F(X) is uniform under the truth) and non-decreasing; `cdf`
 * must return values in [0, 1] that do not decrease along the sorted atoms (a decrease up to 1e-12 is
 * treated as rounding). `weights` are ≥ 0 and sum to 1 within 1e-9 (they are renormalised to sum
 * exactly 1). The result lies in [0, 1/3].
 *
 * Special cases, useful as checks: a single atom x0 gives ((1 − u0)³ + u0³)/3 with u0 = F(x0) (1/12 at
 * the median); n equal weights give the classical statistic W² = n·∫(F_n − F)² dF
 * = 1/(12n) + Σ_i (u_(i) − (2i − 1)/(2n))² (Anderson & Darling, 1952).
 *
 * @example
 *   const uniformCdf = (x: number) => Math.min(1, Math.max(0, x));
 *   cramerVonMises(Float64Array.of(0.5), Float64Array.of(1), uniformCdf); // 1/12
 */
export function cramerVonMises(atoms: Float64Array, weights: Float64Array, cdf: (x: number) => number): number {
  if (!(atoms instanceof Float64Array)) throw new InvalidArgumentError('atoms', atoms, 'a Float64Array');
  if (!(weights instanceof Float64Array)) throw new InvalidArgumentError('weights', weights, 'a Float64Array');
  if (typeof cdf !== 'function') throw new InvalidArgumentError('cdf', cdf, 'a function x ↦ F(x) in [0, 1]');
  const n = atoms.length;
  if (n === 0) throw new InvalidArgumentError('atoms.length', 0, 'at least 1');
  if (weights.length !== n) throw new InvalidArgumentError('weights.length', weights.length, `${n} (the length of atoms)`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(atoms[i])) throw new InvalidArgumentError(`atoms[${i}]`, atoms[i], 'a finite number');
    if (!(weights[i] >= 0 && Number.isFinite(weights[i]))) throw new InvalidArgumentError(`weights[${i}]`, weights[i], 'a finite number ≥ 0');
    total += weights[i];
  }
  if (!(Math.abs(total - 1) <= PROBABILITY_SUM_TOLERANCE)) {
    throw new InvalidArgumentError('weights (sum of entries)', total, `1 (within ${PROBABILITY_SUM_TOLERANCE})`);
  }

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => atoms[i] - atoms[j]);

  let integral = 0;
  let previousU = 0; // u_j, the left end of the current piece
  let level = 0; // c_j = G on [u_j, u_{j+1})
  let cumulative = 0;
  let k = 0;
  while (k < n) {
    const x = atoms[order[k]];
    let tieWeight = 0;
    while (k < n && atoms[order[k]] === x) tieWeight += weights[order[k++]];
    let u = cdf(x);
    if (typeof u !== 'number' || !(u >= 0 && u <= 1)) {
      throw new InvalidArgumentError(`cdf(${x})`, u, 'a number in [0, 1]');
    }
    if (u < previousU) {
      if (previousU - u > MONOTONE_TOLERANCE) throw new InvalidArgumentError(`cdf(${x})`, u, `≥ ${previousU}, the cdf at a smaller atom (cdf must be non-decreasing)`);
      u = previousU;
    }
    integral += stepPiece(previousU, u, level);
    cumulative += tieWeight;
    level = k === n ? 1 : cumulative / total;
    previousU = u;
  }
  integral += stepPiece(previousU, 1, 1);
  return integral;
}

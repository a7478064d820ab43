/**
 * Exact Cramér–von Mises distance between a weighted discrete distribution and a continuous truth.
 */
import { InvalidArgumentError } from '../errors.js';
import { PROBABILITY_SUM_TOLERANCE } from './probabilityVector.js';
import { stableKeySortUnchecked } from './stableKeySort.js';

/** Largest decrease of the truth's cdf between sorted atoms that is treated as rounding, not an error. */
const MONOTONE_TOLERANCE = 1e-12;

/**
 * Reusable sort buffers (sorted atoms, their original indices, merge scratch), grown on demand. `cdf` is user
 * code that could call cramerVonMises again, so a nested call allocates its own (`inUse`).
 */
let sortedAtoms = new Float64Array(256);
let sortedIndex = new Uint32Array(256);
let mergeAtoms = new Float64Array(256);
let mergeIndex = new Uint32Array(256);
let inUse = false;

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

  // The atoms in ascending order, ties in index order (a stable sort: the order the comparator sort
  // (i, j) ↦ atoms[i] − atoms[j] gives, so tie weights are added in the same order, bit for bit).
  const nested = inUse;
  if (!nested && sortedAtoms.length < n) {
    const capacity = Math.max(n, 2 * sortedAtoms.length);
    sortedAtoms = new Float64Array(capacity);
    sortedIndex = new Uint32Array(capacity);
    mergeAtoms = new Float64Array(capacity);
    mergeIndex = new Uint32Array(capacity);
  }
  const keys = nested ? new Float64Array(n) : sortedAtoms;
  const order = nested ? new Uint32Array(n) : sortedIndex;
  for (let i = 0; i < n; i++) {
    keys[i] = atoms[i];
    order[i] = i;
  }
  stableKeySortUnchecked(keys, order, n, nested ? new Float64Array(n) : mergeAtoms, nested ? new Uint32Array(n) : mergeIndex);
  inUse = true;
  try {
    return integrateSorted(keys, order, weights, n, total, cdf);
  } finally {
    inUse = nested;
  }
}

/** The integral of the module comment over atoms already sorted (`keys` ascending, `order` their indices). */
function integrateSorted(keys: Float64Array, order: Uint32Array, weights: Float64Array, n: number, total: number, cdf: (x: number) => number): number {
  let integral = 0;
  let previousU = 0; // u_j, the left end of the current piece
  let level = 0; // c_j = G on [u_j, u_{j+1})
  let cumulative = 0;
  let k = 0;
  while (k < n) {
    const x = keys[k];
    let tieWeight = 0;
    while (k < n && keys[k] === x) tieWeight += weights[order[k++]];
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

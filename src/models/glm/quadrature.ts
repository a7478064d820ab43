/**
 * Gauss–Hermite and Gauss–Legendre rules, computed by Newton's method on the three-term recurrences and
 * cached per order.
 *
 * Gauss–Hermite (weight e^(−t²) on ℝ): ∫ f(t) e^(−t²) dt ≈ Σ w_k f(t_k), exact for polynomials of degree
 * ≤ 2n − 1; hence E f(Z) ≈ π^(−1/2) Σ w_k f(√2 t_k) for Z ~ N(0, 1). Uses the orthonormal recurrence
 * h_{j+1}(t) = t √(2/(j+1)) h_j(t) − √(j/(j+1)) h_{j−1}(t), h_0 = π^(−1/4), and w_k = 2/h_n′(t_k)² with
 * h_n′ = √(2n) h_{n−1}; initial guesses of Numerical Recipes (3rd ed., §4.6, `gauher`).
 * Gauss–Legendre (weight 1 on [−1, 1]): Legendre recurrence, guesses cos(π(k − ¼)/(n + ½)),
 * w_k = 2/((1 − t_k²) P_n′(t_k)²) (Numerical Recipes §4.6, `gauleg`).
 *
 * Source: G. H. Golub & J. H. Welsch, "Calculation of Gauss quadrature rules", Math. Comp. 23 (1969);
 * Press et al., Numerical Recipes (3rd ed., 2007), §4.6.
 */

import { integerInRange } from '../../validate.js';

export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Largest orders computed. The Hermite recurrence underflows at the outer nodes from n ≈ 200 (NaN nodes from
 * n ≈ 700; Σw = √π to 1e-10 holds up to n = 198), so n ≤ 150; Legendre is accurate far beyond, capped at 1000 to
 * bound the O(n²) work and the allocation. Larger or non-integer n → InvalidArgumentError('n').
 */
export const GAUSS_HERMITE_MAX_ORDER = 150;
export const GAUSS_LEGENDRE_MAX_ORDER = 1000;

const hermiteCache = new Map<number, QuadratureRule>();
const legendreCache = new Map<number, QuadratureRule>();

/**
 * The n-point Gauss–Hermite rule for ∫ f(t) e^(−t²) dt (nodes in decreasing order).
 *
 * @example
 *   const { nodes, weights } = gaussHermite(2); // nodes ±1/√2, weights √π/2
 */
export function gaussHermite(n: number): QuadratureRule {
  const cached = hermiteCache.get(n);
  if (cached) return cached;
  integerInRange('n', n, 1, GAUSS_HERMITE_MAX_ORDER);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const PIM4 = Math.pow(Math.PI, -0.25);
  const m = (n + 1) >> 1;
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * nodes[0];
    else if (i === 3) z = 1.91 * z - 0.91 * nodes[1];
    else z = 2 * z - nodes[i - 2];
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      derivative = Math.sqrt(2 * n) * p2;
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    nodes[i] = z;
    nodes[n - 1 - i] = -z;
    weights[i] = 2 / (derivative * derivative);
    weights[n - 1 - i] = weights[i];
  }
  const rule = { nodes, weights };
  hermiteCache.set(n, rule);
  return rule;
}

/**
 * The n-point Gauss–Legendre rule on [−1, 1] (nodes in increasing order).
 *
 * @example
 *   gaussLegendre(2).nodes; // ±1/√3
 */
export function gaussLegendre(n: number): QuadratureRule {
  const cached = legendreCache.get(n);
  if (cached) return cached;
  integerInRange('n', n, 1, GAUSS_LEGENDRE_MAX_ORDER);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const m = (n + 1) >> 1;
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (n * (z * p1 - p2)) / (z * z - 1);
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) <= 1e-16) break;
    }
    nodes[i] = -z;
    nodes[n - 1 - i] = z;
    weights[i] = 2 / ((1 - z * z) * derivative * derivative);
    weights[n - 1 - i] = weights[i];
  }
  const rule = { nodes, weights };
  legendreCache.set(n, rule);
  return rule;
}

/**
 * ln(1 + u) − u with full relative precision for small u.
 */

/**
 * ln(1 + u) − u for u > −1 (≈ −u²/2 near 0). For |u| < ½ it uses v = u/(2 + u):
 * ln(1 + u) − u = −u·v + 2v·Σ_{j≥1} v^{2j}/(2j + 1) (from ln(1+u) = 2 atanh v), which avoids the
 * cancellation of log1p(u) − u; otherwise the direct difference (no cancellation there).
 * This is the "bd0" device of C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 *
 * @param u a number > −1 (not validated: internal; u = −1 gives −Infinity)
 * @example log1pmx(1e-8) // −5.0e−17 (to full precision)
 */
export function log1pmx(u: number): number {
  if (Math.abs(u) >= 0.5) return Math.log1p(u) - u;
  const v = u / (2 + u);
  const v2 = v * v;
  let term = v2; // v^{2j}
  let sum = 0;
  for (let j = 1; j < 40; j++) {
    const next = term / (2 * j + 1);
    sum += next;
    if (next < 1e-17 * sum) break;
    term *= v2;
  }
  return -u * v + 2 * v * sum;
}

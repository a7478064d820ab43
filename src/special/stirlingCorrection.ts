/**
 * The remainder of Stirling's formula, δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] (internal helper).
 */

/**
 * δ(x) = 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³)
 * − 3617/(122400x¹⁵), the Stirling series Σ B_{2k}/(2k(2k−1)x^{2k−1}) (Abramowitz & Stegun 6.1.40).
 * For x ≥ 10 the truncation error is below 2e−18·δ(x), i.e. δ is accurate to rounding.
 *
 * @param x a real number ≥ 10 (not validated: internal)
 * @example stirlingCorrection(10) // 0.008330563433362871
 */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 *
            (1 / 1260 +
              r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))))
  );
}

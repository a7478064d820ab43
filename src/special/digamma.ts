/**
 * The digamma function ψ(x) = d/dx ln Γ(x) for x > 0.
 */
import { positiveNumber } from '../validate.js';
import { NumericalError } from '../errors.js';

/**
 * ψ(x) = Γ′(x)/Γ(x) for x > 0.
 *
 * Method: the recurrence ψ(x) = ψ(x + 1) − 1/x (A&S 6.3.5) moves x up to ≥ 10, then the asymptotic series
 * ψ(x) = ln x − 1/(2x) − Σ_{k≥1} B_{2k}/(2k x^{2k}) (A&S 6.3.18) through B₁₆ (truncation < 4e−18 at
 * x = 10). Absolute error is a few ulps of max(|ψ(x)|, ln 10); relative error is ~1e−15 except within
 * ~1e−3 of the positive root x₀ ≈ 1.4616, where ψ crosses 0 (only absolute accuracy there).
 * Negative arguments are not supported (reflection is not implemented; the Gamma MLE needs x > 0).
 *
 * @param x a finite number > 0
 * @throws NumericalError('overflow') when ψ(x) ≈ −1/x is below the most negative double (x < ~5.6e−309)
 * @example digamma(1) // −γ = −0.5772156649015329
 */
export function digamma(x: number): number {
  positiveNumber('x', x);
  const x0 = x;
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r2 *
    (1 / 12 +
      r2 *
        (-1 / 120 +
          r2 * (1 / 252 + r2 * (-1 / 240 + r2 * (1 / 132 + r2 * (-691 / 32760 + r2 * (1 / 12 + r2 * (-3617 / 8160))))))));
  const value = Math.log(x) - 0.5 * r - series - shift;
  if (!Number.isFinite(value)) throw new NumericalError('overflow', `ψ(${x0}) is below the most negative double`, { x: x0 });
  return value;
}

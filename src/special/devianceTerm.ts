/**
 * bd0(x, m) = x ln(x/m) + m − x ≥ 0, the deviance term of Loader's saddle-point probabilities (C. Loader,
 * "Fast and accurate computation of binomial probabilities", 2000): computed by its series
 * Σ_{j≥0} 2x v^(2j+1)/(2j+1) + (x − m)v with v = (x − m)/(x + m) when |x − m| < 0.1(x + m), where the direct
 * form cancels, else directly (through logs when x/m overflows, i.e. only for a subnormal-tiny m); bd0(0, m) = m.
 *
 * @param x a number ≥ 0, m a number > 0 (not validated: internal)
 * @example devianceTerm(10, 10) // 0
 */
export function devianceTerm(x: number, m: number): number {
  if (x === 0) return m; // the limit of x ln(x/m) as x → 0 is 0 (the direct form would give 0·(−∞) = NaN)
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v = v * v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  const ratio = x / m;
  return x * (ratio === Infinity ? Math.log(x) - Math.log(m) : Math.log(ratio)) + m - x;
}

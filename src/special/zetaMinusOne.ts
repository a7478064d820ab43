/**
 * ζ(s) − 1 = Σ_{n≥2} n^(−s) for real s > 1, by Euler–Maclaurin summation (internal helper of logGamma).
 */

// B_{2j} / (2j)! for j = 1..7 (Bernoulli numbers B2 = 1/6, B4 = −1/30, …, B14 = 7/6).
const BERNOULLI_OVER_FACTORIAL = [
  1 / 6 / 2, -1 / 30 / 24, 1 / 42 / 720, -1 / 30 / 40320, 5 / 66 / 3628800, -691 / 2730 / 479001600,
  7 / 6 / 87178291200,
];
const N = 20;

/**
 * ζ(s) − 1 = Σ_{n=2}^{N−1} n^(−s) + N^(1−s)/(s−1) + N^(−s)/2 + Σ_{j=1}^{7} B_{2j}/(2j)! · s(s+1)…(s+2j−2) · N^(−s−2j+1)
 * with N = 20 (Euler–Maclaurin; remainder below 1e−19·(ζ(s)−1) for s ≥ 2). Used once, at module load, to
 * tabulate the Taylor coefficients of ln Γ around 2; not exported from the package index.
 *
 * @param s a real number ≥ 2 (not validated: internal)
 * @example zetaMinusOne(2) // π²/6 − 1 = 0.6449340668482264
 */
export function zetaMinusOne(s: number): number {
  let tailTerms = 0;
  let rising = s; // s(s+1)…(s+2j−2)
  let power = Math.pow(N, -s - 1); // N^(−s−2j+1)
  for (let j = 0; j < BERNOULLI_OVER_FACTORIAL.length; j++) {
    tailTerms += BERNOULLI_OVER_FACTORIAL[j] * rising * power;
    rising *= (s + 2 * j + 1) * (s + 2 * j + 2);
    power /= N * N;
  }
  let sum = Math.pow(N, 1 - s) / (s - 1) + 0.5 * Math.pow(N, -s) + tailTerms;
  for (let n = N - 1; n >= 2; n--) sum += Math.pow(n, -s);
  return sum;
}

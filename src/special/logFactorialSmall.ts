/**
 * ln j! for j = 0 … 15, as sums of logs (relative error ~1e-16): the exact small-argument branch of the
 * saddle-point samplers (Poisson PTRS, binomial BTRS), where Stirling's series is not yet accurate.
 *
 * @example LOG_FACTORIAL_SMALL[5] // ln 120 = 4.787491742782046
 */
export const LOG_FACTORIAL_SMALL: Float64Array = (() => {
  const table = new Float64Array(16);
  for (let j = 2; j < 16; j++) table[j] = table[j - 1] + Math.log(j);
  return table;
})();

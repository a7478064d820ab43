/**
 * fast-check arbitraries for configurations inside the theorems' assumptions.
 */
import fc from 'fast-check';

/**
 * A double uniform in VALUE on [min, max] (2^31 equally spaced points), unbiased. fc.double is uniform over the
 * bit patterns between min and max, so on [0, 1] almost every draw is tiny; configurations need values spread over
 * the range.
 */
export function uniformDouble(min: number, max: number): fc.Arbitrary<number> {
  const steps = 2 ** 31 - 1;
  return fc.noBias(fc.integer({ min: 0, max: steps })).map((i) => (i === steps ? max : min + ((max - min) * i) / steps));
}

/**
 * A random symmetric positive-definite d × d matrix Σ = AAᵀ/d + εI (row-major), entries of A in [−1, 1],
 * ε ∈ [0.1, 1]: eigenvalues bounded below by 0.1, so Σ is well conditioned.
 */
export function spdMatrix(d: number): fc.Arbitrary<Float64Array> {
  return fc
    .tuple(fc.array(uniformDouble(-1, 1), { minLength: d * d, maxLength: d * d }), uniformDouble(0.1, 1))
    .map(([a, eps]) => {
      const s = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          let v = 0;
          for (let k = 0; k < d; k++) v += a[i * d + k] * a[j * d + k];
          s[i * d + j] = v / d + (i === j ? eps : 0);
        }
      }
      return s;
    });
}

/** trΣ, ‖Σ‖_F² and (trΣ)² of a row-major d × d matrix. */
export function traces(sigma: Float64Array, d: number): { trace: number; frobeniusSquared: number; traceSquared: number } {
  let trace = 0;
  let frobeniusSquared = 0;
  for (let i = 0; i < d; i++) trace += sigma[i * d + i];
  for (let i = 0; i < d * d; i++) frobeniusSquared += sigma[i] * sigma[i];
  return { trace, frobeniusSquared, traceSquared: trace * trace };
}

/** A Gaussian configuration: dimension, covariance and mean. */
export function gaussianTruth(dims: { min: number; max: number }) {
  return fc.noBias(fc.integer(dims)).chain((d) =>
    fc.record({
      d: fc.constant(d),
      sigma: spdMatrix(d),
      mean: fc.array(uniformDouble(-3, 3), { minLength: d, maxLength: d }).map((m) => Float64Array.from(m)),
    }),
  );
}

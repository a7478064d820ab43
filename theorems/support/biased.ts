/**
 * PP-3's toy biased estimator (CLAIMS.md §2.3): M(D_N) = x̄_N + v·N^(−ρ), a Gaussian-mean fit whose bias
 * v·N^(−ρ) decays with the training size N at rate ρ. Wraps a Gaussian model (known covariance or not) and
 * adds v·N^(−ρ) to every coordinate of the fitted mean, N being the number of points fitted (the sum of the
 * sources' sizes; one source under `replace`). The fast path (`summaries.fit`) is wrapped the same way, so
 * explicit and sufficient sampling give the same law.
 *
 * Used with ρ as claimed (the claim) and with a wrong ρ (PP-3's negative control).
 *
 * @example
 *   const model = biasedGaussianMean(gaussianModel({ dim: 1, known: { cov: Float64Array.of(1) } }), 0.5, 0.75);
 *   model.fit([{ data, weight: 1 }]).mean[0]; // x̄ + 0.5·N^(−0.75)
 */
import type { GaussianTheta, Model } from '../../src/models/index.js';
import { InvalidArgumentError } from '../../src/errors.js';

/** Adds v·N^(−ρ) to each coordinate of θ.mean, in place; returns θ. */
function shiftMean(theta: GaussianTheta, v: number, rho: number, size: number): GaussianTheta {
  const bias = v * size ** -rho;
  for (let j = 0; j < theta.mean.length; j++) theta.mean[j] += bias;
  return theta;
}

export function biasedGaussianMean(base: Model<GaussianTheta>, v: number, rho: number): Model<GaussianTheta> {
  if (!Number.isFinite(v)) throw new InvalidArgumentError('v', v, 'a finite number');
  if (!(Number.isFinite(rho) && rho > 0)) throw new InvalidArgumentError('rho', rho, 'a finite number > 0');
  const summaries = base.summaries;
  return {
    ...base,
    name: `${base.name}/biased(v=${v}, rho=${rho})`,
    fit: (sources) => {
      let size = 0;
      for (const s of sources) if (s.weight > 0) size += s.data.size;
      return shiftMean(base.fit(sources), v, rho, size);
    },
    summaries:
      summaries === undefined
        ? undefined
        : {
            ...summaries,
            fit: (sources) => {
              let size = 0;
              for (const s of sources) if (s.weight > 0) size += s.summary.size;
              return shiftMean(summaries.fit(sources), v, rho, size);
            },
          },
  };
}

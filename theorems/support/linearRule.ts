/**
 * The fixed linear rule of Prop 1 (GR-13; CLAIMS.md §1.6) as a wrapper model, written by the GR-2..8/13 engineer.
 *
 * linearRuleModel(base, a, b): fit([{real, ·}, {synthetic, ·}]) returns μ̂ = Σ_i a_i x_i + Σ_j b_j y_j, with a_i
 * the per-point weight of real row i (n = a.length rows) and b_j that of synthetic row j (m = b.length rows),
 * Σa + Σb = 1; the covariance is the base model's fit on the same sources (known Σ, or the per-source unbiased
 * estimate weighted by the sources' weights). A single source (round 0, the real-only fit) is the base fit,
 * μ̂_0 = x̄_0. The wrapper has no sufficient-statistic path (Σ a_i x_i is not a function of x̄): it runs with
 * explicit sampling only, and drops the base's `summaries`.
 */
import type { GaussianTheta, Model, WeightedSource } from '../../src/models/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { finiteVector } from '../../src/validate.js';

/** μ̂ = Σ_i weights_i·x_i over the rows of a row-major `x` (rows = weights.length, `dim` columns), added into `out`. */
function addWeightedRows(x: Float64Array, weights: Float64Array, dim: number, out: Float64Array): void {
  for (let i = 0; i < weights.length; i++) {
    const row = i * dim;
    const a = weights[i];
    for (let j = 0; j < dim; j++) out[j] += a * x[row + j];
  }
}

/**
 * @example
 *   const rule = linearRuleModel(gaussianModel({ dim: 1, known: { cov: Float64Array.of(1) } }), Float64Array.of(0.5, 0.2), Float64Array.of(0.3));
 *   rule.fit([{ data: { size: 2, dim: 1, x: Float64Array.of(1, 2), y: null }, weight: 0.7 }, { data: { size: 1, dim: 1, x: Float64Array.of(10), y: null }, weight: 0.3 }]).mean; // [3.9]
 */
export function linearRuleModel(base: Model<GaussianTheta>, realWeights: Float64Array, syntheticWeights: Float64Array): Model<GaussianTheta> {
  const a = Float64Array.from(finiteVector('realWeights', realWeights));
  const b = Float64Array.from(finiteVector('syntheticWeights', syntheticWeights));
  if (a.length < 1) throw new InvalidArgumentError('realWeights.length', a.length, 'at least 1');
  if (b.length < 1) throw new InvalidArgumentError('syntheticWeights.length', b.length, 'at least 1');
  let total = 0;
  let synthetic = 0;
  for (let i = 0; i < a.length; i++) total += a[i];
  for (let j = 0; j < b.length; j++) synthetic += b[j];
  total += synthetic;
  if (Math.abs(total - 1) > 1e-9) throw new InvalidArgumentError('weights', total, 'real and synthetic per-point weights summing to 1');
  if (!(Math.abs(synthetic) < 1)) throw new InvalidArgumentError('syntheticWeights', synthetic, 'a total synthetic weight with |Σb| < 1');

  function fit(sources: readonly WeightedSource[]): GaussianTheta {
    const fitted = base.fit(sources);
    if (sources.length === 1) return fitted;
    if (sources.length !== 2) throw new InvalidArgumentError('sources.length', sources.length, '1 (round 0) or 2 (real, synthetic)');
    const [real, syn] = sources;
    if (real.data.size !== a.length) throw new InvalidArgumentError('sources[0].data.size', real.data.size, `${a.length} (one real row per weight a_i)`);
    if (syn.data.size !== b.length) throw new InvalidArgumentError('sources[1].data.size', syn.data.size, `${b.length} (one synthetic row per weight b_j)`);
    const dim = real.data.dim;
    const mean = new Float64Array(dim);
    addWeightedRows(real.data.x, a, dim, mean);
    addWeightedRows(syn.data.x, b, dim, mean);
    return { mean, cov: fitted.cov };
  }

  return { name: `${base.name}/linear-rule`, sample: base.sample, fit, metrics: base.metrics, validate: base.validate };
}

/**
 * The exact sufficient-statistic fast path of the categorical model over K classes (issue 5).
 *
 * Summary layout: `stats` = counts (K), counts[c] = #{i : x_i = c}, Σ_c counts[c] = size.
 *
 * Exact law: the counts of N i.i.d. labels with probabilities p are Multinomial(N, p), drawn here by
 * sequential conditional binomials (Devroye, Non-Uniform Random Variate Generation, 1986, §XI.1.4):
 *   counts[c] ~ Binomial(N − Σ_{j<c} counts[j], p_c / Σ_{j≥c} p_j),  c = 0..K−2;  counts[K−1] = the rest,
 * with the exact sampler `binomialVariate` (suffix sums are formed from the end, so every ratio is ≤ 1 and
 * p is normalised by its sum, as the alias table of explicit sampling does). Cost O(K) per summary,
 * independent of N.
 *
 * The fit is categoricalModel's on summaries: p̂_c = Σ_s ω_s counts_s[c] / N_s (ω_s = w_s / Σ_r w_r; sources
 * of weight 0 ignored). Pooling (accumulate) adds the counts.
 */
import type { Dataset, Summary, SummaryCapability } from './types.js';
import type { CategoricalTheta } from './categorical.js';
import type { Stream } from '../rng/stream.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange } from '../validate.js';
import { probabilityVector } from '../metrics/probabilityVector.js';
import { binomialVariate } from '../rng/binomial.js';
import { checkSummaryShape, normalisedSummaryWeights, type SummarySource } from './summaryWeights.js';

/** Checks that a summary's counts are integers ≥ 0 summing to its size. */
function checkCounts(summary: Summary, name: string): void {
  const counts = summary.stats;
  let total = 0;
  for (let c = 0; c < counts.length; c++) {
    const v = counts[c];
    if (!(Number.isInteger(v) && v >= 0)) throw new InvalidArgumentError(`${name}.stats[${c}]`, v, 'a count: an integer ≥ 0');
    total += v;
  }
  if (total !== summary.size) throw new InvalidArgumentError(`${name}.size`, summary.size, `the sum of the counts, ${total}`);
}

/**
 * The categorical summary capability for K = `k` classes (an integer ≥ 1); attached to `categoricalModel(k)`
 * as its `summaries`. See the module comment for the layout, the law and the fit.
 *
 * @example
 *   const summaries = categoricalSummaries(3);
 *   const s = summaries.sample({ probs: Float64Array.of(0.2, 0.3, 0.5) }, 1000, rootKey('demo').stream());
 *   s.stats;                                 // e.g. [207, 289, 504]
 *   summaries.fit([{ summary: s, weight: 1 }]).probs; // [0.207, 0.289, 0.504]
 */
export function categoricalSummaries(k: number): SummaryCapability<CategoricalTheta> {
  const classes = integerInRange('k', k, 1, 2 ** 31 - 1);
  const suffix = new Float64Array(classes);

  function sample(theta: CategoricalTheta, size: number, stream: Stream): Summary {
    if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError('theta', theta, 'an object { probs }');
    if (!(theta.probs instanceof Float64Array)) throw new InvalidArgumentError('theta.probs', theta.probs, `a Float64Array of length ${classes}`);
    const p = probabilityVector('theta.probs', theta.probs, classes);
    integerInRange('size', size, 0);
    const counts = new Float64Array(classes);
    let running = 0;
    for (let c = classes - 1; c >= 0; c--) {
      running += p[c];
      suffix[c] = running;
    }
    let remaining = size;
    for (let c = 0; c < classes - 1 && remaining > 0; c++) {
      const ratio = suffix[c] > 0 ? p[c] / suffix[c] : 0; // ≤ 1: fl(p_c + s) ≥ p_c
      const drawn = binomialVariate(stream, remaining, ratio);
      counts[c] = drawn;
      remaining -= drawn;
    }
    counts[classes - 1] += remaining;
    return { size, stats: counts };
  }

  function fromData(data: Dataset): Summary {
    if (data === null || typeof data !== 'object') throw new InvalidArgumentError('data', data, 'a Dataset { size, dim, x, y }');
    if (data.dim !== 1) throw new InvalidArgumentError('data.dim', data.dim, '1 (one label per row)');
    if (!Number.isSafeInteger(data.size) || data.size < 0) throw new InvalidArgumentError('data.size', data.size, 'an integer ≥ 0');
    const x = data.x;
    if (!(x instanceof Float64Array)) throw new InvalidArgumentError('data.x', x, 'a Float64Array');
    if (x.length !== data.size) throw new InvalidArgumentError('data.x.length', x.length, `${data.size} (size·dim)`);
    const counts = new Float64Array(classes);
    for (let i = 0; i < data.size; i++) {
      const label = x[i];
      if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
        throw new InvalidArgumentError(`data.x[${i}]`, label, `a category label: an integer in [0, ${classes - 1}]`);
      }
      counts[label] += 1;
    }
    return { size: data.size, stats: counts };
  }

  function pool(parts: readonly Summary[]): Summary {
    if (!Array.isArray(parts) || parts.length === 0) throw new InvalidArgumentError('parts', parts, 'a non-empty array of summaries');
    const counts = new Float64Array(classes);
    let total = 0;
    for (let p = 0; p < parts.length; p++) {
      checkSummaryShape(parts[p], classes, `parts[${p}]`);
      checkCounts(parts[p], `parts[${p}]`);
      total += parts[p].size;
      const stats = parts[p].stats;
      for (let c = 0; c < classes; c++) counts[c] += stats[c];
    }
    if (!Number.isSafeInteger(total)) throw new InvalidArgumentError('parts (total size)', total, 'a safe integer');
    return { size: total, stats: counts };
  }

  function fit(sources: readonly SummarySource[]): CategoricalTheta {
    const omega = normalisedSummaryWeights(sources, classes);
    for (let s = 0; s < sources.length; s++) checkCounts(sources[s].summary, `sources[${s}].summary`);
    const probs = new Float64Array(classes);
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) continue;
      const { size, stats } = sources[s].summary;
      const perPoint = omega[s] / size;
      for (let c = 0; c < classes; c++) probs[c] += perPoint * stats[c];
    }
    return { probs };
  }

  return { sample, fromData, pool, fit };
}

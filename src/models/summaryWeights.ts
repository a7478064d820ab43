/**
 * Validation of summarised training sources (the sufficient-statistic fast path) and their normalised
 * weights: the analogue of `normalisedSourceWeights` for { summary, weight } sources.
 */
import type { Summary } from './types.js';
import { InvalidArgumentError } from '../errors.js';

/** A source of the fast path: a sufficient statistic and its total weight (spread evenly over its points). */
export interface SummarySource {
  readonly summary: Summary;
  readonly weight: number;
}

/**
 * Checks a summary's shape: an object with `size` a safe integer ≥ 0 and `stats` a Float64Array of length
 * `statsLength` with finite entries. Throws InvalidArgumentError naming `${name}.size`, `${name}.stats`,
 * `${name}.stats.length` or `${name}.stats[i]`. Returns the summary.
 *
 * @example
 *   checkSummaryShape({ size: 3, stats: Float64Array.of(1, 2) }, 2, 'summary'); // ok
 */
export function checkSummaryShape(summary: unknown, statsLength: number, name: string): Summary {
  if (summary === null || typeof summary !== 'object') throw new InvalidArgumentError(name, summary, 'a Summary { size, stats }');
  const s = summary as Summary;
  if (!Number.isSafeInteger(s.size) || s.size < 0) throw new InvalidArgumentError(`${name}.size`, s.size, 'an integer ≥ 0');
  const stats = s.stats;
  if (!(stats instanceof Float64Array)) throw new InvalidArgumentError(`${name}.stats`, stats, `a Float64Array of length ${statsLength}`);
  if (stats.length !== statsLength) throw new InvalidArgumentError(`${name}.stats.length`, stats.length, `${statsLength} (the summary layout of this model)`);
  for (let i = 0; i < statsLength; i++) {
    if (!Number.isFinite(stats[i])) throw new InvalidArgumentError(`${name}.stats[${i}]`, stats[i], 'a finite number');
  }
  return s;
}

/**
 * Whether `checkSummaryShape(summary, statsLength, name)` would pass (same conditions, no error message built):
 * lets hot loops build the parameter name only when there is an error to report.
 */
function isWellShapedSummary(summary: unknown, statsLength: number): boolean {
  if (summary === null || typeof summary !== 'object') return false;
  const s = summary as Summary;
  if (!Number.isSafeInteger(s.size) || s.size < 0) return false;
  const stats = s.stats;
  if (!(stats instanceof Float64Array) || stats.length !== statsLength) return false;
  for (let i = 0; i < statsLength; i++) if (!Number.isFinite(stats[i])) return false;
  return true;
}

/**
 * Checks summarised `sources` and returns the normalised source weights ω_s = w_s / W (W = Σ_s w_s), with
 * the same rules and messages as `normalisedSourceWeights` (sourceWeights.ts): `sources` a non-empty
 * array; each weight finite and ≥ 0; each summary of the model's layout (`checkSummaryShape`, every source
 * checked, even one of weight 0); a source of positive weight has at least `minSize` points; W finite and
 * > 0. Errors name `${name}[s].weight`, `${name}[s].summary.size`, … .
 *
 * @example
 *   const summary = { size: 2, stats: Float64Array.of(1.5) };
 *   normalisedSummaryWeights([{ summary, weight: 3 }, { summary, weight: 1 }], 1); // Float64Array [0.75, 0.25]
 */
export function normalisedSummaryWeights(sources: readonly SummarySource[], statsLength: number, minSize = 1, name = 'sources'): Float64Array {
  if (!Array.isArray(sources) || sources.length === 0) throw new InvalidArgumentError(name, sources, 'a non-empty array of { summary, weight }');
  const weights = new Float64Array(sources.length);
  let total = 0;
  for (let s = 0; s < sources.length; s++) {
    const source = sources[s];
    if (source === null || typeof source !== 'object') throw new InvalidArgumentError(`${name}[${s}]`, source, 'an object { summary, weight }');
    const w = source.weight;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new InvalidArgumentError(`${name}[${s}].weight`, w, 'a finite number ≥ 0');
    const summary = source.summary;
    if (!isWellShapedSummary(summary, statsLength)) checkSummaryShape(summary, statsLength, `${name}[${s}].summary`); // throws
    if (w > 0 && summary.size < minSize) {
      throw new InvalidArgumentError(`${name}[${s}].summary.size`, summary.size, `at least ${minSize} for a source of positive weight (${w})`);
    }
    weights[s] = w;
    total += w;
  }
  if (!(total > 0) || !Number.isFinite(total)) throw new InvalidArgumentError(`${name} (sum of weights)`, total, 'a finite number > 0');
  for (let s = 0; s < weights.length; s++) weights[s] /= total;
  return weights;
}

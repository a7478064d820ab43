/**
 * Summaries of experiment rows (layouts in specs.ts): per-generation statistics over the replications still
 * running at t (with the fraction alive), per-grid-point statistics over the replications that did not fail,
 * and improvement proportions with exact Clopper–Pearson intervals.
 */
import { zUpper } from '../../src/stats/quantiles.js';
import { clopperPearson } from '../../src/stats/clopperPearson.js';
import { FAILURE_NAMES, rowWidth, type ExperimentSpec, type GridSpec, type TrajectorySpec } from './specs.js';

/** A summarised point: mean over `count` replications with its standard error and 95 % CLT interval. */
export interface MeanPoint {
  readonly x: number;
  readonly y: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Fraction of all replications that contributed (alive at t, or not failed at this grid point). */
  readonly alive: number;
  readonly median?: number;
}

const Z95 = zUpper(0.025);

/** Mean, standard error and 95 % interval of values[0..count). */
export function meanPoint(x: number, values: Float64Array, count: number, total: number, withMedian = false): MeanPoint {
  if (count === 0) return { x, y: 0, se: 0, lower: 0, upper: 0, count: 0, alive: 0 };
  let mean = 0;
  for (let i = 0; i < count; i++) mean += values[i];
  mean /= count;
  let ss = 0;
  for (let i = 0; i < count; i++) ss += (values[i] - mean) ** 2;
  const se = count > 1 ? Math.sqrt(ss / (count - 1) / count) : 0;
  const point: MeanPoint = { x, y: mean, se, lower: mean - Z95 * se, upper: mean + Z95 * se, count, alive: count / total };
  if (!withMedian) return point;
  const scratch = values.slice(0, count);
  const upper = selectKth(scratch, Math.floor(count / 2));
  const median = count % 2 === 1 ? upper : (selectKth(scratch, count / 2 - 1) + upper) / 2;
  return { ...point, median };
}

/**
 * The k-th smallest of a (0-based), by Hoare's selection with a median-of-three pivot: expected O(n), and `a` is
 * partially reordered in place (a sort of 10⁵ doubles per generation would dominate a paper-scale summary).
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Number of replications in the rows. */
export function replicationCount(rows: Float64Array, spec: ExperimentSpec): number {
  return rows.length / rowWidth(spec);
}

/** Per generation t = 0..T: metric `j`'s mean (and, unless `median` is false, median) over the replications alive at t. */
export function trajectoryStats(rows: Float64Array, spec: TrajectorySpec, j: number, median = true): MeanPoint[] {
  const width = rowWidth(spec);
  const R = rows.length / width;
  const T1 = spec.generations + 1;
  const stopCol = spec.metrics.length * T1;
  const values = new Float64Array(R);
  const out: MeanPoint[] = [];
  for (let t = 0; t < T1; t++) {
    let count = 0;
    for (let r = 0; r < R; r++) if (rows[r * width + stopCol] > t) values[count++] = rows[r * width + j * T1 + t];
    out.push(meanPoint(t, values, count, R, median));
  }
  return out;
}

/** How the replications of a trajectory spec ended: counts by NumericalError kind and the stop generations. */
export function stopReport(rows: Float64Array, spec: TrajectorySpec): { total: number; finished: number; byKind: Record<string, number>; firstStop: number | null; medianStop: number | null } {
  const width = rowWidth(spec);
  const R = rows.length / width;
  const stopCol = spec.metrics.length * (spec.generations + 1);
  const byKind: Record<string, number> = {};
  const stops: number[] = [];
  for (let r = 0; r < R; r++) {
    const code = rows[r * width + stopCol + 1];
    if (code !== 0) {
      const name = FAILURE_NAMES[code] ?? `code ${code}`;
      byKind[name] = (byKind[name] ?? 0) + 1;
      stops.push(rows[r * width + stopCol]);
    }
  }
  stops.sort((a, b) => a - b);
  return { total: R, finished: R - stops.length, byKind, firstStop: stops.length ? stops[0] : null, medianStop: stops.length ? stops[Math.floor((stops.length - 1) / 2)] : null };
}

/** Per grid point: metric `j`'s time-averaged error over the replications that did not fail there. */
export function gridStats(rows: Float64Array, spec: GridSpec, j: number, x: (pointIndex: number) => number): MeanPoint[] {
  const width = rowWidth(spec);
  const R = rows.length / width;
  const M = spec.metrics.length;
  const values = new Float64Array(R);
  return spec.points.map((_, p) => {
    let count = 0;
    for (let r = 0; r < R; r++) if (rows[r * width + p * (M + 1) + M] === 0) values[count++] = rows[r * width + p * (M + 1) + j];
    return meanPoint(x(p), values, count, R);
  });
}

/** Failures per grid point, by kind (empty when none failed). */
export function gridFailures(rows: Float64Array, spec: GridSpec): Record<string, number> {
  const width = rowWidth(spec);
  const R = rows.length / width;
  const M = spec.metrics.length;
  const out: Record<string, number> = {};
  for (let r = 0; r < R; r++) {
    for (let p = 0; p < spec.points.length; p++) {
      const code = rows[r * width + p * (M + 1) + M];
      if (code !== 0) out[FAILURE_NAMES[code] ?? `code ${code}`] = (out[FAILURE_NAMES[code] ?? `code ${code}`] ?? 0) + 1;
    }
  }
  return out;
}

/**
 * P(T) = P(err_T < err_0) per T = 0..T_max (metric j), over the replications alive at T, with the exact 95 %
 * Clopper–Pearson interval (paper 1's probability of improvement, CLAIMS §2.5).
 */
export function improvementStats(rows: Float64Array, spec: TrajectorySpec, j: number): MeanPoint[] {
  const width = rowWidth(spec);
  const R = rows.length / width;
  const T1 = spec.generations + 1;
  const stopCol = spec.metrics.length * T1;
  const out: MeanPoint[] = [];
  for (let t = 0; t < T1; t++) {
    let trials = 0;
    let successes = 0;
    for (let r = 0; r < R; r++) {
      if (!(rows[r * width + stopCol] > t)) continue;
      trials++;
      if (rows[r * width + j * T1 + t] < rows[r * width + j * T1]) successes++;
    }
    if (trials === 0) {
      out.push({ x: t, y: 0, se: 0, lower: 0, upper: 0, count: 0, alive: 0 });
      continue;
    }
    const p = successes / trials;
    const [lower, upper] = clopperPearson(successes, trials, 0.05);
    out.push({ x: t, y: p, se: Math.sqrt((p * (1 - p)) / trials), lower, upper, count: trials, alive: trials / R });
  }
  return out;
}

/**
 * Shared pieces of the reproduction targets: the run context, scale presets and small formatting helpers.
 */
import type { RunContext } from './runner.js';
import type { CurveRow } from '../plot.js';
import type { MeanPoint } from './summarize.js';
import type { Series, SeriesPoint } from './output.js';

export type Scale = 'paper' | 'quick' | 'tiny';

export interface TargetContext extends RunContext {
  readonly scale: Scale;
  readonly seed: string;
  /** --data (absolute), fig10 only. */
  readonly data?: string;
}

/** The preset of the current scale. */
export function atScale<T>(scale: Scale, presets: { paper: T; quick: T; tiny: T }): T {
  return presets[scale];
}

/** from, from + step, … (count values), rounded to 10 decimals (np.arange(0.20, 0.80, 0.02) style). */
export function arithmeticGrid(from: number, step: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round((from + i * step) * 1e10) / 1e10);
}

/** Percent with one decimal. */
export const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** A number with 4 significant digits. */
export const sig = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

/** MeanPoints as series points (the median kept when present). */
export function toSeriesPoints(points: readonly MeanPoint[]): SeriesPoint[] {
  return points.map((p) => ({ x: p.x, y: p.y, lower: p.lower, upper: p.upper, se: p.se, count: p.count, alive: p.alive, ...(p.median !== undefined ? { median: p.median } : {}) }));
}

/** Plot rows of a series; on a log axis the band is clipped to positive values and empty points are dropped. */
export function plotRows(series: Series, options: { log?: boolean; band?: boolean; name?: string } = {}): CurveRow[] {
  const style = series.kind === 'theory' ? ('theory' as const) : ('Monte Carlo' as const);
  const rows: CurveRow[] = [];
  for (const p of series.points) {
    if (p.count === 0) continue;
    if (options.log && !(p.y > 0)) continue;
    const row: CurveRow = { x: p.x, y: p.y, series: options.name ?? series.name, style };
    if (options.band !== false && p.lower !== undefined && p.upper !== undefined) {
      const lower = options.log ? Math.max(p.lower, p.y * 1e-2) : p.lower;
      rows.push({ ...row, lower, upper: p.upper });
    } else rows.push(row);
  }
  return rows;
}

/** The first index of the minimum of ys. */
export function argmin(ys: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < ys.length; i++) if (ys[i] < ys[best]) best = i;
  return best;
}

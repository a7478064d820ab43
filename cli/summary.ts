/**
 * Per-generation summary of R trajectories: mean, standard deviation, standard error, a 95 % CLT interval for
 * the mean, the median and the 5 % / 95 % quantiles.
 */
import { zUpper } from '../src/stats/quantiles.js';

export interface StepSummary {
  t: number;
  mean: number;
  sd: number;
  se: number;
  lower: number;
  upper: number;
  median: number;
  q05: number;
  q95: number;
}

export function summarizeTrajectories(rows: Float64Array, width: number, level = 0.95): StepSummary[] {
  const R = rows.length / width;
  const z = zUpper((1 - level) / 2);
  const column = new Float64Array(R);
  const out: StepSummary[] = [];
  for (let t = 0; t < width; t++) {
    let mean = 0;
    for (let r = 0; r < R; r++) {
      column[r] = rows[r * width + t];
      mean += column[r] / R;
    }
    let ss = 0;
    for (let r = 0; r < R; r++) ss += (column[r] - mean) ** 2;
    const sd = R > 1 ? Math.sqrt(ss / (R - 1)) : 0;
    const se = sd / Math.sqrt(R);
    column.sort();
    const q = (p: number) => column[Math.min(R - 1, Math.max(0, Math.round(p * (R - 1))))];
    out.push({ t, mean, sd, se, lower: mean - z * se, upper: mean + z * se, median: q(0.5), q05: q(0.05), q95: q(0.95) });
  }
  return out;
}

export function summaryCsv(rows: readonly StepSummary[]): string {
  const header = 't,mean,sd,se,lower95,upper95,median,q05,q95';
  return [header, ...rows.map((r) => [r.t, r.mean, r.sd, r.se, r.lower, r.upper, r.median, r.q05, r.q95].map((v) => String(v)).join(','))].join('\n') + '\n';
}

/**
 * Paper 000 ("A Probabilistic Perspective on Model Collapse"; CLAIMS.md §2.2, §2.5): fully synthetic
 * replacement of a 1-D Gaussian mean (σ = 2 known, n = 30 real points) where generation t draws n·c_t points,
 * for c_t = 1, t, t·log t, t^1.5 and t². The error E(θ̂_T − θ*)² against its closed form (σ²/n)(1 + S_T), and
 * the probability of improvement P(T) = P(|θ̂_T − θ*| < |θ̂_0 − θ*|) against (1/π)·arctan(2/√S_T), where
 * S_T = Σ_{t ≤ T} 1/c_t — computed from the sizes actually drawn, n/round(n·c_t).
 */
import { roundedSize, scheduleMultiplier } from '../../src/loop/index.js';
import type { Schedule } from '../../src/loop/types.js';
import { improvementProbability1D, scheduleMeanError } from '../../src/theory/index.js';
import { curvesSpec, type CurveRow } from '../plot.js';
import type { TrajectorySpec } from './specs.js';
import { runExperiment, type RunRecord } from './runner.js';
import { improvementStats, stopReport, trajectoryStats, type MeanPoint } from './summarize.js';
import { atScale, plotRows, sig, toSeriesPoints, type TargetContext } from './context.js';
import type { Series, TargetResult } from './output.js';

export const SCHEDULES: readonly { readonly id: string; readonly label: string; readonly schedule: Schedule }[] = [
  { id: 'constant', label: 'c_t = 1', schedule: { kind: 'constant' } },
  { id: 'linear', label: 'c_t = t', schedule: { kind: 'linear' } },
  { id: 't-log-t', label: 'c_t = t·log t', schedule: { kind: 't-log-t' } },
  { id: 't^1.5', label: 'c_t = t^1.5', schedule: { kind: 'polynomial', s: 0.5 } },
  { id: 't^2', label: 'c_t = t²', schedule: { kind: 'polynomial', s: 1 } },
];

/** S_t = Σ_{s=1}^t n/N_s for t = 0..T with N_s = max(1, round(n·c_s)) the sizes the loop draws. */
export function realisedScheduleSums(n: number, schedule: Schedule, T: number): Float64Array {
  const S = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) S[t] = S[t - 1] + n / roundedSize(n, scheduleMultiplier(schedule, t));
  return S;
}

export async function runSchedules(ctx: TargetContext): Promise<TargetResult> {
  const preset = atScale(ctx.scale, { paper: { T: 200, reps: 100_000 }, quick: { T: 100, reps: 4000 }, tiny: { T: 10, reps: 60 } });
  const { T, reps } = preset;
  const n = 30;
  const sigma = 2;
  const sigma2 = sigma * sigma;
  // Summarised as soon as each schedule has run (a paper-scale run holds 100 000 × (T + 3) numbers per schedule).
  const results: { record: RunRecord; error: MeanPoint[]; improvement: MeanPoint[]; report: ReturnType<typeof stopReport> }[] = [];
  for (const s of SCHEDULES) {
    const spec: TrajectorySpec = {
      kind: 'trajectory', target: 'schedules', stream: 'gaussian-mean', seed: ctx.seed, model: { key: 'gaussian-known', dim: 1, scale: sigma2 },
      metrics: ['mean'], generations: T, sampling: 'sufficient', policy: { kind: 'replace', n, schedule: s.schedule }, maxTrainingSize: 2 ** 31 - 1,
    };
    const { rows, record } = await runExperiment(spec, reps, `schedules ${s.id}`, ctx);
    results.push({ record, error: trajectoryStats(rows, spec, 0, false), improvement: improvementStats(rows, spec, 0), report: stopReport(rows, spec) });
  }

  const series: Series[] = [];
  const errorRows: CurveRow[] = [];
  const improvementRows: CurveRow[] = [];
  const findings: string[] = [];
  const marks: Record<string, unknown> = {};
  SCHEDULES.forEach((s, i) => {
    const { error, improvement, report } = results[i];
    const S = realisedScheduleSums(n, s.schedule, T);
    const mcError: Series = { panel: 'error', name: `${s.label}, Monte Carlo`, kind: 'monte-carlo', xName: 'T', yName: '(θ̂_T − θ*)²', points: toSeriesPoints(error) };
    const thError: Series = { panel: 'error', name: `${s.label}, (σ²/n)(1 + S_T)`, kind: 'theory', xName: 'T', yName: '(θ̂_T − θ*)²', points: error.map((p) => ({ x: p.x, y: scheduleMeanError({ d: 1, sigma2, n, S: S[p.x] }) })) };
    const mcP: Series = { panel: 'improvement', name: `${s.label}, Monte Carlo`, kind: 'monte-carlo', xName: 'T', yName: 'P(T)', points: toSeriesPoints(improvement.slice(1)) };
    const thP: Series = { panel: 'improvement', name: `${s.label}, (1/π)·arctan(2/√S_T)`, kind: 'theory', xName: 'T', yName: 'P(T)', points: improvement.slice(1).map((p) => ({ x: p.x, y: improvementProbability1D(S[p.x]) })) };
    series.push(mcError, thError, mcP, thP);
    const positive = (xs: readonly CurveRow[]) => xs.filter((r) => r.x >= 1);
    errorRows.push(...positive(plotRows(mcError, { log: true, name: s.label })), ...positive(plotRows(thError, { log: true, band: false, name: s.label })));
    improvementRows.push(...plotRows(mcP, { name: s.label }), ...plotRows(thP, { band: false, name: s.label }));
    marks[s.id] = { S_T: S[T], errorAtT: error[T].y, theoryErrorAtT: thError.points[T].y, improvementAtT: improvement[T].y, theoryImprovementAtT: improvementProbability1D(S[T]), stopped: report.byKind };
    findings.push(`${s.label}: S_${T} = ${sig(S[T])}; E(θ̂_T − θ*)² = ${sig(error[T].y)} ± ${sig(error[T].se)} (closed form ${sig(thError.points[T].y)}); ` +
      `P(${T}) = ${sig(improvement[T].y)} [${sig(improvement[T].lower)}, ${sig(improvement[T].upper)}] (closed form ${sig(improvementProbability1D(S[T]))})` +
      (report.finished < report.total ? `; ${report.total - report.finished} replications stopped` : '') + '.');
  });
  const scaleNote = ctx.scale !== 'paper' ? [`${ctx.scale} scale: T = ${T}, ${reps} replications per schedule (paper scale here: T = 200, 100 000)`] : [];
  const setup = `1-D Gaussian mean, σ = ${sigma} known, n = ${n}; generation t refits on round(n·c_t) draws from the previous fit only; ${reps} replications per schedule, common random numbers`;
  const panels = [
    {
      id: 'error',
      spec: curvesSpec({
        title: 'Paper 000 — error of fully synthetic replacement under growing sample sizes n·c_t',
        subtitle: [setup, 'solid: Monte Carlo (95 % CI); dashed: closed form (σ²/n)(1 + S_T), S_T = Σ 1/c_t (diverges for 1, t, t·log t; finite for t^1.5, t²)', ...scaleNote],
        rows: errorRows, xTitle: 'generation T', yTitle: 'E(θ̂_T − θ*)²', xLog: true, yLog: true,
        hRules: [{ value: (sigma2 / n) * (1 + Math.PI ** 2 / 6), label: '(σ²/n)(1 + π²/6), the limit for t²' }],
      }),
    },
    {
      id: 'improvement',
      spec: curvesSpec({
        title: 'Paper 000 — probability of improvement P(T) = P(|θ̂_T − θ*| < |θ̂_0 − θ*|)',
        subtitle: [setup, 'solid: Monte Carlo with exact 95 % Clopper–Pearson band; dashed: (1/π)·arctan(2/√S_T) (independent of n and σ, below 1/2)', ...scaleNote],
        rows: improvementRows, xTitle: 'generation T', yTitle: 'P(T)', xLog: true, hRules: [{ value: 0.5, label: '1/2' }],
      }),
    },
  ];
  return {
    target: 'schedules',
    title: 'Sample-size schedules: error and probability of improvement (paper 000)',
    scale: ctx.scale,
    configuration: { n, sigma, d: 1, varianceKnown: true, T, replications: reps, schedules: SCHEDULES.map((s) => ({ id: s.id, label: s.label, schedule: s.schedule })), sampling: 'sufficient', commonRandomNumbers: true },
    series,
    marks,
    panels,
    notes: [
      '## Setup',
      '',
      `Paper 000 (CLAIMS.md §2.2, §2.5): θ̂_0 is the mean of n = ${n} draws from N(0, σ² = ${sigma2}); generation t ≥ 1 draws round(n·c_t) points from N(θ̂_{t−1}, σ²) (σ known) and refits the mean (replace). ` +
        `Closed forms: E(θ̂_T − θ*)² = (σ²/n)(1 + S_T) and P(T) = (1/π)·arctan(2/√S_T), S_T = Σ_{t=1}^T 1/c_t. P(T) is estimated per T as the fraction of replications with |θ̂_T − θ*| < |θ̂_0 − θ*|, with an exact Clopper–Pearson 95 % interval.`,
      '',
      '## Notes',
      '',
      '- The experiments\' setups of paper 000 were not recovered (CLAIMS §2.6); n = 30, σ = 2 follow the Monte Carlo table of CLAIMS §2.5. "Paper scale" here is T = 200 with 100 000 replications per schedule.',
      '- S_T is computed from the sizes the loop actually draws, n/round(n·c_t) (c_1 = 1 for t·log t), so the closed forms are exact for the simulated recursion.',
      '- Sampling through the exact sufficient statistic (the sample mean of N points is N(θ, σ²/N)), so c_t = t² costs the same as c_t = 1.',
      ...(ctx.scale !== 'paper' ? ['', `**${ctx.scale} scale**: T = ${T}, ${reps} replications per schedule.`] : []),
    ],
    findings,
    runs: results.map((r) => r.record),
  };
}

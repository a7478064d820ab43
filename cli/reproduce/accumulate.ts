/**
 * Accumulate against replace for the Gaussian mean (CLAIMS.md §3.2, §5.2; Gerstgrasser et al., Kazdan et al.,
 * Dey & Donoho; paper 3's iterative MLE): n = 10 real points, each generation adds (accumulate) or substitutes
 * (replace) n points drawn from the previous fit, σ² = 1 known or estimated (unbiased). Accumulate:
 * E(θ̂_g − θ*)² = (σ²/n)·Σ_{j=1}^{g+1} 1/j² ≤ (π²/6)·σ²/n; replace: (g + 1)·σ²/n.
 */
import { accumulateMeanError, replaceMeanError } from '../../src/theory/index.js';
import { curvesSpec, type CurveRow } from '../plot.js';
import type { TrajectorySpec } from './specs.js';
import type { Policy } from '../../src/loop/types.js';
import { runExperiment, type RunRecord } from './runner.js';
import { stopReport, trajectoryStats, type MeanPoint } from './summarize.js';
import { atScale, plotRows, sig, toSeriesPoints, type TargetContext } from './context.js';
import type { Series, TargetResult } from './output.js';

export async function runAccumulate(ctx: TargetContext): Promise<TargetResult> {
  const preset = atScale(ctx.scale, { paper: { T: 100, reps: 100_000 }, quick: { T: 50, reps: 5000 }, tiny: { T: 10, reps: 60 } });
  const { T, reps } = preset;
  const n = 10;
  const sigma2 = 1;
  const variants = [
    { id: 'known', label: 'σ² known', key: 'gaussian-known' as const },
    { id: 'estimated', label: 'σ² estimated', key: 'gaussian' as const },
  ];
  const policies: { id: string; policy: Policy }[] = [
    { id: 'accumulate', policy: { kind: 'accumulate', n } },
    { id: 'replace', policy: { kind: 'replace', n } },
  ];
  // Summarised as soon as each curve has run (a paper-scale run holds 100 000 × (T + 3) numbers per curve).
  const runs: { variant: (typeof variants)[number]; policyId: string; record: RunRecord; stats: MeanPoint[]; report: ReturnType<typeof stopReport> }[] = [];
  for (const variant of variants) {
    for (const { id, policy } of policies) {
      const spec: TrajectorySpec = {
        kind: 'trajectory', target: 'accumulate', stream: variant.id, seed: ctx.seed, model: { key: variant.key, dim: 1, scale: sigma2 },
        metrics: ['mean'], generations: T, sampling: 'sufficient', policy,
      };
      const { rows, record } = await runExperiment(spec, reps, `accumulate ${id} ${variant.id}`, ctx);
      runs.push({ variant, policyId: id, record, stats: trajectoryStats(rows, spec, 0, false), report: stopReport(rows, spec) });
    }
  }

  const series: Series[] = [];
  const rows: CurveRow[] = [];
  const findings: string[] = [];
  const marks: Record<string, unknown> = {};
  for (const run of runs) {
    const { stats, report } = run;
    const name = `${run.policyId}, ${run.variant.label}`;
    const mc: Series = { panel: 'error', name: `${name}, Monte Carlo`, kind: 'monte-carlo', xName: 'g', yName: '(θ̂_g − θ*)²', points: toSeriesPoints(stats) };
    series.push(mc);
    rows.push(...plotRows(mc, { log: true, name }));
    const theoryAtT = run.policyId === 'accumulate' ? accumulateMeanError({ traceSigma: sigma2, n, generation: T }) : replaceMeanError({ traceSigma: sigma2, n, generation: T });
    marks[`${run.policyId}-${run.variant.id}`] = { errorAtT: stats[T].y, se: stats[T].se, theoryAtT, stopped: report.byKind };
    findings.push(`${name}: E(θ̂_${T} − θ*)² = ${sig(stats[T].y)} ± ${sig(stats[T].se)} (closed form for σ² known: ${sig(theoryAtT)}; n·error = ${sig((n * stats[T].y) / sigma2)})` +
      (report.finished < report.total ? `; ${report.total - report.finished} replications stopped (${Object.entries(report.byKind).map(([k, c]) => `${c} ${k}`).join(', ')})` : '') + '.');
  }
  const accumulateTheory: Series = { panel: 'error', name: '(σ²/n)·Σ_{j≤g+1} 1/j²', kind: 'theory', xName: 'g', yName: '(θ̂_g − θ*)²', points: Array.from({ length: T + 1 }, (_, g) => ({ x: g, y: accumulateMeanError({ traceSigma: sigma2, n, generation: g }) })) };
  const replaceTheory: Series = { panel: 'error', name: '(g + 1)·σ²/n', kind: 'theory', xName: 'g', yName: '(θ̂_g − θ*)²', points: Array.from({ length: T + 1 }, (_, g) => ({ x: g, y: replaceMeanError({ traceSigma: sigma2, n, generation: g }) })) };
  series.push(accumulateTheory, replaceTheory);
  rows.push(...plotRows(accumulateTheory, { log: true, band: false }), ...plotRows(replaceTheory, { log: true, band: false }));
  const ceiling = (Math.PI ** 2 / 6) * (sigma2 / n);
  marks.ceiling = ceiling;
  const panels = [
    {
      id: 'error',
      spec: curvesSpec({
        title: `Accumulate against replace: Gaussian mean, n = ${n}, σ² = ${sigma2} (${reps} replications)`,
        subtitle: [
          'accumulate: D_0 ∪ S_1 ∪ … ∪ S_g pooled; replace: S_g only; S_g = n draws from the previous fit (σ² known, or its unbiased estimate)',
          `dashed: closed forms for σ² known; dotted: the π²/6·σ²/n ceiling; common random numbers between accumulate and replace`,
          ...(ctx.scale !== 'paper' ? [`${ctx.scale} scale: T = ${T}, ${reps} replications (paper scale here: T = 100, 100 000)`] : []),
        ],
        rows, xTitle: 'generation g (g = 0: real data only)', yTitle: 'E(θ̂_g − θ*)²', yLog: true,
        hRules: [{ value: ceiling, label: 'π²/6·σ²/n' }],
      }),
    },
  ];
  return {
    target: 'accumulate',
    title: 'Accumulate against replace: the π²/6 ceiling (Gaussian mean)',
    scale: ctx.scale,
    configuration: { n, sigma2, d: 1, T, replications: reps, variants: variants.map((v) => v.label), policies: policies.map((p) => p.id), sampling: 'sufficient', commonRandomNumbers: true },
    series,
    marks,
    panels,
    notes: [
      '## Setup',
      '',
      `CLAIMS.md §3.2 (paper 3, iterative MLE on accumulated data) and §5.2 (Gerstgrasser et al. 2024, Kazdan et al. 2024, Dey & Donoho 2024): θ̂_0 is the mean of n = ${n} real draws from N(0, ${sigma2}). ` +
        `Accumulate fits generation g on D_0 ∪ S_1 ∪ … ∪ S_g, replace on S_g alone, where S_g holds n draws from the previous fit N(θ̂_{g−1}, σ²) (σ² known) or N(θ̂_{g−1}, σ̂²_{g−1}) (σ² estimated by the unbiased variance of the training set).`,
      '',
      '## Notes',
      '',
      '- Closed forms (σ² known, exact): accumulate (σ²/n)·Σ_{j=1}^{g+1} 1/j² ≤ π²/6·σ²/n; replace (g + 1)·σ²/n. With σ² estimated, replace keeps the same mean error (E σ̂² = σ²), while the accumulate curve is not covered by the closed form (the pooled variance of a pool whose parts have different means) and is shown as measured.',
      '- Indexing: generation g = 0 is the real-only fit, i.e. the papers\' t = g + 1 fits.',
      '- Sufficient-statistic sampling (exact law): the pool\'s mean and scatter are updated from each synthetic set\'s exact summary.',
      ...(ctx.scale !== 'paper' ? ['', `**${ctx.scale} scale**: T = ${T}, ${reps} replications per curve.`] : []),
    ],
    findings,
    runs: runs.map((r) => r.record),
  };
}

/**
 * What a reproduction writes into --out: <target>.json (configuration, seed, engine version, wall time, every
 * plotted series), <target>.csv (the same series, one row per point), one SVG per panel and <target>.md (setup,
 * deviations from the paper's code, results, timings).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../plot.js';
import { ENGINE_VERSION } from '../runStore.js';
import type { RunRecord } from './runner.js';

export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly se?: number;
  readonly count?: number;
  /** Fraction of the replications that contributed to this point. */
  readonly alive?: number;
  readonly median?: number;
}

export interface Series {
  /** The panel (SVG) the series is drawn on. */
  readonly panel: string;
  readonly name: string;
  readonly kind: 'monte-carlo' | 'theory' | 'alive-fraction';
  readonly xName: string;
  readonly yName: string;
  readonly points: readonly SeriesPoint[];
}

export interface TargetResult {
  readonly target: string;
  readonly title: string;
  readonly scale: 'paper' | 'quick' | 'tiny';
  /** Every parameter of the run (sizes, grids, truths, sampling). */
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly series: readonly Series[];
  /** Marked values (argmins, limits) by panel. */
  readonly marks: Readonly<Record<string, unknown>>;
  readonly panels: readonly { readonly id: string; readonly spec: TopLevelSpec }[];
  /** Markdown paragraphs / bullet lines of the notes, before the generated results and timing sections. */
  readonly notes: readonly string[];
  /** Result lines for the notes (argmins, alive fractions). */
  readonly findings: readonly string[];
  readonly runs: readonly RunRecord[];
}

const csvCell = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The series as CSV: panel, series, kind, x name, x, y name, y, lower, upper, se, count, alive_fraction, median. */
export function seriesCsv(series: readonly Series[]): string {
  const header = 'panel,series,kind,x_name,x,y_name,y,lower95,upper95,se,count,alive_fraction,median';
  const lines = [header];
  for (const s of series) {
    for (const p of s.points) {
      lines.push([s.panel, s.name, s.kind, s.xName, p.x, s.yName, p.y, p.lower, p.upper, p.se, p.count, p.alive, p.median].map(csvCell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** Writes the JSON, CSV, SVGs and notes of a target; returns the files written (relative to `out`). */
export async function writeTargetOutputs(out: string, result: TargetResult, seed: string, wallSeconds: number, command: string): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  const json = {
    target: result.target,
    title: result.title,
    command,
    scale: result.scale,
    seed,
    engineVersion: ENGINE_VERSION,
    node: process.version,
    wallSeconds,
    configuration: result.configuration,
    runs: result.runs.map((r) => ({ ...r, store: r.store })),
    marks: result.marks,
  };
  // Indented header, one line per series (a paper-scale fig7 holds 24 series of 1001 points).
  const head = JSON.stringify(json, null, 2);
  const body = result.series.map((s) => `    ${JSON.stringify(s)}`).join(',\n');
  writeFileSync(join(out, `${result.target}.json`), `${head.slice(0, -2)},\n  "series": [\n${body}\n  ]\n}\n`);
  files.push(`${result.target}.json`);
  writeFileSync(join(out, `${result.target}.csv`), seriesCsv(result.series));
  files.push(`${result.target}.csv`);
  for (const panel of result.panels) {
    const file = `${result.target}-${panel.id}.svg`;
    writeFileSync(join(out, file), await renderSvg(panel.spec));
    files.push(file);
  }
  const computed = result.runs.reduce((s, r) => s + r.computeSeconds, 0);
  const reused = result.runs.reduce((s, r) => s + r.reused, 0);
  const md = [
    `# ${result.title}`,
    '',
    `Command: \`${command}\``,
    '',
    `Scale: **${result.scale}**. Seed \`${seed}\`, engine ${ENGINE_VERSION}, Node ${process.version}. Wall time ${wallSeconds.toFixed(1)} s` +
      ` (Monte Carlo ${computed.toFixed(1)} s${reused > 0 ? `; ${reused} replications reused from the store` : ''}).`,
    '',
    ...result.notes,
    '',
    '## Results',
    '',
    ...result.findings.map((f) => `- ${f}`),
    '',
    '## Runs',
    '',
    '| run | replications | reused | seconds |',
    '|---|---|---|---|',
    ...result.runs.map((r) => `| ${r.label} | ${r.completed}/${r.replications} | ${r.reused} | ${r.computeSeconds.toFixed(1)} |`),
    '',
    `Files: ${[...files, `${result.target}.md`].map((f) => `\`${f}\``).join(', ')}; stored replications under \`runs/\` (a rerun reuses them).`,
    '',
  ];
  writeFileSync(join(out, `${result.target}.md`), md.join('\n'));
  files.push(`${result.target}.md`);
  return files;
}

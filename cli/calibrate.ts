/**
 * `collapse-lab calibrate` (npm run calibrate): reruns the statistical claims under K suite seeds in calibration
 * mode (each configuration at the nominal rate --alpha, failures recorded instead of thrown), then reports per
 * claim the empirical failure rate with its Clopper–Pearson interval next to the declared rate, and whether the
 * checks' p-values look uniform: a one-sided Kolmogorov–Smirnov statistic D⁺ = max_i (i/N − p_(i)) detects
 * p-values that are too small (the dangerous direction), with the DKW bound P(D⁺ > ε) ≤ exp(−2Nε²).
 * Distribution-free checks (DKW, Hoeffding) have conservative p-values, stochastically larger than uniform; that
 * is reported, not flagged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Flags, UsageError } from './args.js';
import { clopperPearson } from '../src/stats/clopperPearson.js';

interface ClaimCalibration {
  id: string;
  configurations: number;
  failures: number;
  declared: number;
  rate: number;
  interval: [number, number];
  aboveDeclared: boolean;
  errors: string[];
  pValues: number;
  ksUpper: number;
  ksPValue: number;
  /** Mean of the recorded p-values; null when the claim's checks record none (e.g. paired sign checks). */
  meanPValue: number | null;
  /** Seeds (record folders) with no record of this claim at all: a run stopped or crashed before the claim ran. */
  missingSeeds: string[];
}

export function uniformityUpper(pValues: readonly number[]): { d: number; p: number } {
  const sorted = [...pValues].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - sorted[i]);
  return { d, p: n === 0 ? 1 : Math.min(1, Math.exp(-2 * n * d * d)) };
}

export function calibrate(argv: readonly string[]): number {
  const flags = new Flags(argv, ['report-only']);
  const seeds = flags.integer('seeds', 200, 1, 100_000);
  // --first K: seeds calibration-K … calibration-(K + seeds − 1), so that runs on several machines can be merged
  const first = flags.integer('first', 0, 0, 1_000_000_000);
  const alpha = flags.number('alpha', 0.05, 1e-6, 0.5);
  const claims = flags.optionalString('claims');
  const out = resolve(flags.string('out', 'out/calibration'));
  const level = flags.number('level', 0.99, 0.5, 0.999999);
  // --report-only: aggregate the records already in --out (e.g. of a run stopped early) without running anything
  const reportOnly = flags.flag('report-only');
  flags.rejectUnknown();
  const root = resolve(new URL('..', import.meta.url).pathname);
  let files = ['theorems'];
  if (claims !== undefined) {
    files = claims.split(',').map((id) => {
      const f = `theorems/${id.trim()}.test.ts`;
      if (!existsSync(join(root, f))) throw new UsageError(`--claims names ${JSON.stringify(id.trim())}, which has no ${f}`);
      return f;
    });
  }
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  if (!reportOnly) rmSync(out, { recursive: true, force: true });
  for (let k = first; k < (reportOnly ? 0 : first + seeds); k++) {
    const dir = join(out, 'records', String(k));
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`calibration seed ${k - first + 1}/${seeds} (calibration-${k})\n`);
    const run = spawnSync(process.execPath, [vitest, 'run', ...files, '--reporter=dot'], {
      cwd: root,
      env: { ...process.env, COLLAPSE_LAB_SEED: `calibration-${k}`, COLLAPSE_LAB_CALIBRATION_ALPHA: String(alpha), COLLAPSE_LAB_REPORT_DIR: dir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // failures are recorded, not thrown, so vitest exits 0 or 1; a signal or another status is a crash
    if (run.signal !== null || (run.status !== 0 && run.status !== 1)) process.stderr.write(`calibration seed calibration-${k}: vitest ended with ${run.signal ?? `status ${run.status}`}; its records may be incomplete\n`);
  }
  if (reportOnly && !existsSync(join(out, 'records'))) throw new UsageError(`--report-only needs the records of an earlier run in ${join(out, 'records')}`);
  const seedDirs = readdirSync(join(out, 'records')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const ranSeeds = seedDirs.length;
  const byClaim = new Map<string, { configurations: number; failures: number; errors: string[]; pValues: number[] }>();
  const seedsOf = new Map<string, Set<string>>();
  for (const k of seedDirs) {
    const dir = join(out, 'records', k);
    for (const file of readdirSync(dir)) {
      const claimId = file.replace(/\.jsonl$/, '');
      if (!seedsOf.has(claimId)) seedsOf.set(claimId, new Set());
      seedsOf.get(claimId)!.add(k);
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as { id: string; event: string; pass?: boolean; message?: string; results?: { pValue?: number }[] };
        if (r.id.startsWith('engine.')) continue;
        const entry = byClaim.get(r.id) ?? { configurations: 0, failures: 0, errors: [], pValues: [] };
        // In calibration mode a check's failure is recorded, not thrown; an 'end' event that did not pass is an
        // error the claim threw (under-powered, numerical trouble, a bug): reported as such, never as a pass.
        if (r.event === 'end' && r.pass === false) {
          entry.errors.push(`${k}: ${(r.message ?? '').split('\n').find((l) => /Error/.test(l)) ?? (r.message ?? '').split('\n')[0]}`);
          byClaim.set(r.id, entry);
          continue;
        }
        if (r.event !== 'configuration') continue;
        entry.configurations++;
        if (r.pass === false) entry.failures++;
        for (const c of r.results ?? []) if (typeof c.pValue === 'number') entry.pValues.push(c.pValue);
        byClaim.set(r.id, entry);
      }
    }
  }
  const rows: ClaimCalibration[] = [...byClaim.entries()].map(([id, e]) => {
    const interval: [number, number] = e.configurations > 0 ? clopperPearson(e.failures, e.configurations, 1 - level) : [0, 1];
    const ks = uniformityUpper(e.pValues);
    return {
      id,
      configurations: e.configurations,
      failures: e.failures,
      declared: alpha,
      rate: e.configurations > 0 ? e.failures / e.configurations : 0,
      interval,
      aboveDeclared: interval[0] > alpha,
      errors: e.errors,
      pValues: e.pValues.length,
      ksUpper: ks.d,
      ksPValue: ks.p,
      meanPValue: e.pValues.length ? e.pValues.reduce((a, b) => a + b, 0) / e.pValues.length : null,
      missingSeeds: seedDirs.filter((k) => !(seedsOf.get(id)?.has(k) ?? false)),
    };
  }).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  writeFileSync(join(out, 'calibration.json'), JSON.stringify({ seeds: ranSeeds, alpha, level, claims: rows }, null, 2) + '\n');
  const md = [
    `# Calibration: ${ranSeeds} suite seeds, nominal rate ${alpha} per configuration, ${Math.round(level * 100)} % Clopper–Pearson intervals`,
    '',
    '| claim | configurations | failures | rate | interval | declared | above declared | errors | p-values | KS D⁺ (small p) | KS p | mean p |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${r.configurations} | ${r.failures} | ${r.rate.toFixed(4)} | [${r.interval[0].toFixed(4)}, ${r.interval[1].toFixed(4)}] | ${r.declared} | ${r.aboveDeclared ? '**yes**' : 'no'} | ${r.errors.length ? `**${r.errors.length}**` : 0} | ${r.pValues} | ${r.ksUpper.toFixed(4)} | ${r.ksPValue.toExponential(2)} | ${r.meanPValue === null ? '—' : r.meanPValue.toFixed(3)} |`),
    '',
    ...rows.flatMap((r) => r.errors.map((e) => `- ${r.id}, seed calibration-${e}`)),
    ...rows.filter((r) => r.missingSeeds.length > 0).map((r) => `- ${r.id} has no records for ${r.missingSeeds.length} of ${ranSeeds} seeds (a run stopped or crashed): ${r.missingSeeds.map((k) => `calibration-${k}`).join(', ')}`),
    '',
  ].join('\n');
  writeFileSync(join(out, 'calibration.md'), md);
  process.stdout.write(md + `\nwritten to ${out}\n`);
  return rows.some((r) => r.aboveDeclared || r.errors.length > 0) ? 1 : 0;
}

/**
 * `collapse-lab verify`: runs the theorem suite (vitest) with COLLAPSE_LAB_REPORT_DIR set, so that every claim
 * records its header, each configuration's checks and its negative controls, then writes the claims report as
 * Markdown, JSON and HTML. Exits non-zero when any claim fails (or the run itself fails).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Flags, UsageError } from './args.js';

interface Record_ {
  event: 'start' | 'configuration' | 'negative' | 'end';
  id: string;
  suiteSeed: string;
  [key: string]: unknown;
}

interface CheckRow {
  label: string;
  kind: string;
  pass: boolean;
  alpha: number;
  beta?: number;
  detectable?: number;
  estimate: number;
  interval: [number, number];
  oracle: number;
  replications: number;
  assumption: string;
}

export interface ClaimReport {
  id: string;
  paper: string;
  section: string;
  provenance: string;
  statement: string;
  oracle: string;
  assumptions: string;
  configurations: number;
  alphaClaim: number;
  replay: { suiteSeed: string; fastCheckSeed: number | null };
  checks: (CheckRow & { simulationSeed: number })[];
  negativeControls: { name: string; rejected: boolean }[];
  verdict: 'pass' | 'fail' | 'error';
  message?: string;
}

function readRecords(dir: string): Map<string, Record_[]> {
  const out = new Map<string, Record_[]>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean);
    const records = lines.map((l) => JSON.parse(l) as Record_);
    if (records.length) out.set(records[0].id, records);
  }
  return out;
}

export function buildReports(records: Map<string, Record_[]>): ClaimReport[] {
  const reports: ClaimReport[] = [];
  for (const [id, list] of records) {
    if (id.startsWith('engine.')) continue;
    const start = list.find((r) => r.event === 'start');
    const meta = (start?.meta ?? {}) as Record<string, string>;
    const configs = list.filter((r) => r.event === 'configuration');
    const negatives = list.filter((r) => r.event === 'negative');
    const end = [...list].reverse().find((r) => r.event === 'end');
    const checks = configs.flatMap((c) => ((c.results as CheckRow[]) ?? []).map((r) => ({ ...r, simulationSeed: c.simulationSeed as number })));
    const negativeControls = negatives.map((n) => ({ name: String(n.name), rejected: Boolean(n.rejected) }));
    let verdict: ClaimReport['verdict'] = 'error';
    if (end?.pass === true && negativeControls.every((n) => n.rejected)) verdict = 'pass';
    else if (end?.pass === false || negativeControls.some((n) => !n.rejected)) verdict = 'fail';
    reports.push({
      id,
      paper: meta.paper ?? '',
      section: meta.section ?? '',
      provenance: meta.provenance ?? '',
      statement: meta.statement ?? '',
      oracle: meta.oracle ?? '',
      assumptions: meta.assumptions ?? '',
      configurations: configs.length,
      alphaClaim: Number(start?.alphaClaim ?? NaN),
      replay: { suiteSeed: String(start?.suiteSeed ?? ''), fastCheckSeed: (start?.fastCheckSeed as number) ?? null },
      checks,
      negativeControls,
      verdict,
      ...(end?.message ? { message: String(end.message).slice(0, 2000) } : {}),
    });
  }
  const order = (id: string) => id.replace(/\d+/g, (d) => d.padStart(3, '0'));
  return reports.sort((a, b) => order(a.id).localeCompare(order(b.id)));
}

const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

export function markdownReport(reports: readonly ClaimReport[], context: { suiteSeed: string; profile: string; exitCode: number }): string {
  const passed = reports.filter((r) => r.verdict === 'pass').length;
  const lines = [
    `# collapse-lab claims report`,
    '',
    `Suite seed \`${context.suiteSeed}\`, profile \`${context.profile}\`: ${passed} of ${reports.length} claims pass; test run exit code ${context.exitCode}.`,
    '',
    '| claim | paper, section | provenance | configurations | false-failure rate | negative controls | verdict |',
    '|---|---|---|---|---|---|---|',
    ...reports.map((r) => `| ${r.id} | ${r.paper}, ${r.section} | ${r.provenance} | ${r.configurations} | ${r.alphaClaim.toExponential(1)} | ${r.negativeControls.filter((n) => n.rejected).length}/${r.negativeControls.length} rejected | **${r.verdict}** |`),
    '',
  ];
  for (const r of reports) {
    lines.push(`## ${r.id}: ${r.verdict}`, '', `*${r.paper}, ${r.section}; ${r.provenance}.* ${r.statement}`, '', `Oracle: ${r.oracle}. Assumptions: ${r.assumptions}.`, '');
    lines.push(`Replay: \`COLLAPSE_LAB_SEED=${JSON.stringify(r.replay.suiteSeed)} npx vitest run -t "${r.id}"\` (fast-check seed ${r.replay.fastCheckSeed}).`, '');
    if (r.checks.length) {
      lines.push('| check | oracle | estimate | interval | R | α | detects | verdict | simulation seed |', '|---|---|---|---|---|---|---|---|---|');
      for (const c of r.checks.slice(0, 40)) {
        lines.push(`| ${c.label.replace(/\|/g, '/')} | ${fmt(c.oracle)} | ${fmt(c.estimate)} | [${fmt(c.interval[0])}, ${fmt(c.interval[1])}] | ${c.replications} | ${c.alpha.toExponential(1)} | ${c.detectable === undefined ? '—' : fmt(c.detectable)} | ${c.pass ? 'pass' : 'FAIL'} | ${c.simulationSeed} |`);
      }
      if (r.checks.length > 40) lines.push(`| … ${r.checks.length - 40} more in report.json | | | | | | | | |`);
      lines.push('');
    }
    if (r.negativeControls.length) lines.push(`Negative controls: ${r.negativeControls.map((n) => `${n.name} (${n.rejected ? 'rejected' : 'NOT rejected'})`).join('; ')}.`, '');
    if (r.message) lines.push('```', r.message, '```', '');
  }
  return lines.join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function htmlReport(reports: readonly ClaimReport[], context: { suiteSeed: string; profile: string; exitCode: number }): string {
  const rows = reports
    .map((r) => `<tr class="${r.verdict}"><td>${r.id}</td><td>${escapeHtml(r.paper)}<br><small>${escapeHtml(r.section)}</small></td><td>${escapeHtml(r.provenance)}</td><td>${escapeHtml(r.statement)}</td><td>${r.configurations}</td><td>${r.checks.length}</td><td>${r.negativeControls.filter((n) => n.rejected).length}/${r.negativeControls.length}</td><td>${r.verdict}</td></tr>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>collapse-lab claims report</title><style>
body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
tr.pass td:last-child{background:#d4f7d4}tr.fail td:last-child{background:#f7d4d4}tr.error td:last-child{background:#f7ecd4}</style></head><body>
<h1>collapse-lab claims report</h1><p>Suite seed <code>${escapeHtml(context.suiteSeed)}</code>, profile <code>${context.profile}</code>, exit code ${context.exitCode}.</p>
<table><tr><th>claim</th><th>paper</th><th>provenance</th><th>statement</th><th>configurations</th><th>checks</th><th>negative controls rejected</th><th>verdict</th></tr>
${rows}</table><p>Details per check: report.json and report.md.</p></body></html>
`;
}

export function verify(argv: readonly string[]): number {
  const flags = new Flags(argv);
  const out = resolve(flags.string('out', 'out/verify'));
  const profile = flags.choice('profile', ['default', 'deep'] as const, 'default');
  const seed = flags.optionalString('seed');
  const claimsFilter = flags.optionalString('claims');
  flags.rejectUnknown();
  const root = resolve(new URL('..', import.meta.url).pathname);
  let files = ['theorems'];
  if (claimsFilter !== undefined) {
    const ids = claimsFilter.split(',').map((s) => s.trim()).filter(Boolean);
    for (const id of ids) if (!existsSync(join(root, 'theorems', `${id}.test.ts`))) throw new UsageError(`--claims names ${JSON.stringify(id)}, which has no theorems/${id}.test.ts`);
    files = ids.map((id) => `theorems/${id}.test.ts`);
  }
  const recordsDir = join(out, 'records');
  rmSync(recordsDir, { recursive: true, force: true });
  mkdirSync(recordsDir, { recursive: true });
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const env = { ...process.env, COLLAPSE_LAB_REPORT_DIR: recordsDir, COLLAPSE_LAB_PROFILE: profile, ...(seed !== undefined ? { COLLAPSE_LAB_SEED: seed } : {}) };
  const run = spawnSync(process.execPath, [vitest, 'run', ...files], { cwd: root, env, stdio: 'inherit' });
  const exitCode = run.status ?? 1;
  const reports = buildReports(readRecords(recordsDir));
  const context = { suiteSeed: seed ?? process.env.COLLAPSE_LAB_SEED ?? 'collapse-lab', profile, exitCode };
  writeFileSync(join(out, 'report.json'), JSON.stringify({ ...context, claims: reports }, null, 2) + '\n');
  writeFileSync(join(out, 'report.md'), markdownReport(reports, context));
  writeFileSync(join(out, 'report.html'), htmlReport(reports, context));
  const failed = reports.filter((r) => r.verdict !== 'pass');
  process.stdout.write(`\n${reports.length - failed.length} of ${reports.length} claims pass${failed.length ? `; failing: ${failed.map((r) => `${r.id} (${r.verdict})`).join(', ')}` : ''}. Report: ${join(out, 'report.md')}\n`);
  return exitCode !== 0 || failed.length > 0 ? 1 : 0;
}

#!/usr/bin/env node
/**
 * Merges StrykerJS JSON reports (mutation-testing-report-schema) of runs over the same source and prints, as
 * Markdown, the score per file and every mutant that no run killed. A mutant is identified by file, location,
 * mutator and replacement; it counts as killed (or timed out) if any run killed it, so a second run of the first
 * run's survivors with a wider test set refines the first (docs/mutation.md, src/models).
 *
 *   node scripts/mutation-survivors.mjs out/mutation/models/mutation.json [out/mutation/models-rerun/mutation.json …]
 *   node scripts/mutation-survivors.mjs --ranges REPORT.json …   # the survivors as Stryker `mutate` ranges (JSON),
 *                                                                # file:line:column-line:column, for a rerun
 *   node scripts/mutation-survivors.mjs --changed src/a.ts,src/b.ts OLD.json … NEW.json
 *       # a.ts and b.ts changed after the earlier runs and a later run mutated them whole: the mutants of each come
 *       # from the last report that has the file (earlier entries have stale positions)
 *
 * Score = (killed + timeout) / (all − compile/runtime errors − ignored), Stryker's "total" score.
 */
import { readFileSync } from 'node:fs';

const ranges = process.argv.includes('--ranges');
const changedAt = process.argv.indexOf('--changed');
/** Files whose source changed after the earlier runs: only the last report's mutants of them count. */
const changed = new Set(changedAt < 0 ? [] : process.argv[changedAt + 1].split(',').map((f) => f.trim()));
const reports = process.argv.slice(2).filter((a, i, all) => a !== '--ranges' && a !== '--changed' && all[i - 1] !== '--changed');
if (reports.length === 0) {
  process.stderr.write('usage: node scripts/mutation-survivors.mjs REPORT.json [MORE.json …]\n');
  process.exit(2);
}

const RANK = { Killed: 5, Timeout: 4, Survived: 3, NoCoverage: 2, RuntimeError: 1, CompileError: 1, Ignored: 0, Pending: 0 };
/** file → id → { status, line, column, mutator, replacement } (best status over the runs) */
const merged = new Map();
const parsed = reports.map((path) => JSON.parse(readFileSync(path, 'utf8')));
/** For a changed file, the index of the last report that has it. */
const lastWith = new Map();
parsed.forEach((report, index) => { for (const file of Object.keys(report.files)) if (changed.has(file)) lastWith.set(file, index); });
for (const [index, report] of parsed.entries()) {
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (changed.has(file) && index !== lastWith.get(file)) continue;
    if (!merged.has(file)) merged.set(file, new Map());
    const byId = merged.get(file);
    for (const m of mutants) {
      const { line, column } = m.location.start;
      // Stryker's mutate ranges count columns from 0, the report from 1
      const range = `${line}:${column - 1}-${m.location.end.line}:${m.location.end.column - 1}`;
      const id = `${range} ${m.mutatorName} ${m.replacement ?? ''}`;
      const previous = byId.get(id);
      if (previous === undefined || (RANK[m.status] ?? 0) > (RANK[previous.status] ?? 0)) {
        byId.set(id, { status: m.status, line, column, range, mutator: m.mutatorName, replacement: m.replacement ?? '' });
      }
    }
  }
}

const rows = [];
const survivors = [];
const total = { all: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
for (const file of [...merged.keys()].sort()) {
  const count = { all: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const m of merged.get(file).values()) {
    if (m.status === 'Ignored' || m.status === 'Pending') continue;
    count.all++;
    if (m.status === 'Killed') count.killed++;
    else if (m.status === 'Timeout') count.timeout++;
    else if (m.status === 'Survived') count.survived++;
    else if (m.status === 'NoCoverage') count.noCoverage++;
    else count.errors++;
    if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push({ file, ...m });
  }
  for (const key of Object.keys(total)) total[key] += count[key];
  rows.push({ file, ...count });
}
if (ranges) {
  process.stdout.write(JSON.stringify([...new Set(survivors.map((s) => `${s.file}:${s.range}`))], null, 0) + '\n');
  process.exit(0);
}
const score = (c) => (c.all - c.errors > 0 ? ((100 * (c.killed + c.timeout)) / (c.all - c.errors)).toFixed(2) : '—');
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 90);

const out = [];
out.push(`Merged from: ${reports.join(', ')}`, '');
out.push('| file | mutants | killed | timeout | survived | no coverage | errors | score |', '|---|---|---|---|---|---|---|---|');
for (const r of rows) out.push(`| ${r.file} | ${r.all} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.errors} | ${score(r)} % |`);
out.push(`| **total** | ${total.all} | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ${total.errors} | **${score(total)} %** |`, '');
out.push(`Mutants no run killed: ${survivors.length}`, '', '| file:line:column | mutator | replacement | status |', '|---|---|---|---|');
for (const s of survivors) out.push(`| ${s.file}:${s.line}:${s.column} | ${s.mutator} | \`${cell(s.replacement)}\` | ${s.status} |`);
process.stdout.write(out.join('\n') + '\n');

/**
 * `npm run bench:compare A.json B.json`: per-task ratio of medians B/A with the spread of each run, and whether
 * the difference exceeds the noise. Noise model: each median's relative uncertainty is taken as its relative
 * median absolute deviation (MAD/median, a robust spread of single calls, conservative for the median of many);
 * a difference counts as real when |ln(B/A)| > 3·√(r_A² + r_B²) and above 3 %.
 */
import { readFileSync } from 'node:fs';
import { table, formatMicros } from './format.js';
import type { BenchResult } from './task.js';

interface BenchFile { environment: { node: string; commit: string; date: string }; results: BenchResult[] }

export interface Comparison { key: string; a: BenchResult; b: BenchResult; ratio: number; noise: number; significant: boolean }

export function compareResults(a: readonly BenchResult[], b: readonly BenchResult[]): Comparison[] {
  const byKey = new Map(a.map((r) => [`${r.group}/${r.name}`, r]));
  const out: Comparison[] = [];
  for (const rb of b) {
    const key = `${rb.group}/${rb.name}`;
    const ra = byKey.get(key);
    if (!ra) continue;
    const ratio = rb.microsPerUnit / ra.microsPerUnit;
    const noise = Math.sqrt((ra.madMs / ra.medianMs) ** 2 + (rb.madMs / rb.medianMs) ** 2);
    out.push({ key, a: ra, b: rb, ratio, noise, significant: Math.abs(Math.log(ratio)) > Math.max(3 * noise, Math.log(1.03)) });
  }
  return out;
}

function load(path: string): BenchFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BenchFile;
  } catch (e) {
    process.stderr.write(`bench:compare: cannot read ${path}: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

if (process.argv[1]?.endsWith('compare.ts')) {
  const [pathA, pathB] = process.argv.slice(2);
  if (!pathA || !pathB) {
    process.stderr.write('usage: npm run bench:compare A.json B.json\n');
    process.exit(2);
  }
  const A = load(pathA);
  const B = load(pathB);
  const rows = compareResults(A.results, B.results);
  process.stdout.write(`A: ${pathA} (Node ${A.environment.node}, ${A.environment.commit.slice(0, 10)}, ${A.environment.date})\nB: ${pathB} (Node ${B.environment.node}, ${B.environment.commit.slice(0, 10)}, ${B.environment.date})\n\n`);
  process.stdout.write(table(['task', 'A median', 'B median', 'B/A', 'noise (±)', 'verdict'], rows.map((c) => [c.key, formatMicros(c.a.microsPerUnit), formatMicros(c.b.microsPerUnit), c.ratio.toFixed(3), `${(100 * c.noise).toFixed(1)} %`, c.significant ? (c.ratio < 1 ? 'faster' : 'SLOWER') : 'within noise'])) + '\n');
  const changed = rows.filter((c) => c.significant);
  process.stdout.write(`\n${changed.length} of ${rows.length} tasks differ beyond the noise.\n`);
}

/**
 * `npm run bench [-- --json FILE] [--filter REGEX] [--time MS]`: runs the benchmark scenarios and prints a table of
 * medians per unit (with the median absolute deviation), marking issue 5's targets. `--json` writes the results with
 * the Node and V8 versions, CPU model, git commit and date, for `npm run bench:compare`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runTasks } from './bench.js';
import { benchEnvironment } from './environment.js';
import { formatMicros, formatRate, table } from './format.js';
import type { BenchTask, BenchResult } from './task.js';
import { samplerTasks } from './scenarios/samplers.js';
import { fitTasks } from './scenarios/fits.js';
import { stepTasks } from './scenarios/steps.js';
import { theoremTasks } from './scenarios/theorem.js';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) {
    process.stderr.write(`bench: --${name} needs a value\n`);
    process.exit(2);
  }
  return v;
}

export function resultRow(r: BenchResult): string[] {
  const target = r.targetMicros === undefined ? '' : r.microsPerUnit <= r.targetMicros ? `≤ ${formatMicros(r.targetMicros)} ✓` : `≤ ${formatMicros(r.targetMicros)} ✗`;
  return [r.group, r.name, `${formatMicros(r.microsPerUnit)} / ${r.unit}`, `± ${((100 * r.madMs) / r.medianMs).toFixed(1)} %`, formatRate(r.unitsPerSecond), target];
}

async function main(): Promise<void> {
  const json = argument('json');
  const filter = argument('filter');
  const timeMs = Number(argument('time') ?? 400);
  if (!(timeMs > 0)) {
    process.stderr.write(`bench: --time must be a positive number of milliseconds\n`);
    process.exit(2);
  }
  const all: BenchTask[] = [...samplerTasks, ...fitTasks, ...stepTasks, ...theoremTasks];
  let pattern: RegExp | undefined;
  if (filter !== undefined) {
    try {
      pattern = new RegExp(filter, 'i');
    } catch {
      process.stderr.write(`bench: --filter must be a regular expression; received ${JSON.stringify(filter)}\n`);
      process.exit(2);
    }
  }
  const tasks = pattern ? all.filter((t) => pattern!.test(`${t.group}/${t.name}`)) : all;
  const environment = benchEnvironment();
  process.stdout.write(`collapse-lab benchmarks: Node ${environment.node} (V8 ${environment.v8}), ${environment.cpu} × ${environment.cores}, load ${environment.loadAverage.join(' ')}, commit ${environment.commit.slice(0, 10)}${environment.dirty ? '+dirty' : ''}\n`);
  const results = await runTasks(tasks, { timeMs, warmupMs: Math.min(200, timeMs / 2), onResult: (r) => process.stderr.write(`  ${r.group}/${r.name}: ${formatMicros(r.microsPerUnit)} / ${r.unit}\n`) });
  process.stdout.write('\n' + table(['group', 'task', 'median', 'MAD', 'rate', 'target'], results.map(resultRow)) + '\n');
  if (json !== undefined) {
    mkdirSync(dirname(json), { recursive: true });
    writeFileSync(json, JSON.stringify({ environment, timeMs, results }, null, 2) + '\n');
    process.stdout.write(`\nwrote ${json}\n`);
  }
}

void main();

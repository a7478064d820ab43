/**
 * `npm run bench:node -- 20 22 24 [--filter REGEX] [--time MS]`: runs the same benchmark suite under each Node major
 * version (fetched from the npm registry with `npx -y node@V`) one after the other, writes out/bench/node-V.json, and
 * prints the medians side by side with the ratio to the first version.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatMicros, table } from './format.js';
import type { BenchResult } from './task.js';

const args = process.argv.slice(2);
const versions: string[] = [];
const passThrough: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--filter' || args[i] === '--time') passThrough.push(args[i], args[++i]);
  else if (/^\d+$/.test(args[i])) versions.push(args[i]);
  else {
    process.stderr.write(`bench:node: unexpected argument ${JSON.stringify(args[i])} (Node major versions, --filter, --time)\n`);
    process.exit(2);
  }
}
if (versions.length === 0) {
  process.stderr.write('usage: npm run bench:node -- 20 22 24 [--filter REGEX] [--time MS]\n');
  process.exit(2);
}
const tsx = import.meta.resolve('tsx');
const runner = fileURLToPath(new URL('./run.ts', import.meta.url));
const files: { version: string; results: BenchResult[]; node: string }[] = [];
for (const v of versions) {
  const out = `out/bench/node-${v}.json`;
  process.stderr.write(`\n== Node ${v} ==\n`);
  const r = spawnSync('npx', ['-y', `node@${v}`, '--import', tsx, runner, '--json', out, ...passThrough], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(`bench:node: Node ${v} failed (exit ${r.status})\n`);
    process.exit(1);
  }
  const data = JSON.parse(readFileSync(out, 'utf8')) as { environment: { node: string }; results: BenchResult[] };
  files.push({ version: v, node: data.environment.node, results: data.results });
}
const keys = files[0].results.map((r) => `${r.group}/${r.name}`);
const rows = keys.map((key) => {
  const base = files[0].results.find((r) => `${r.group}/${r.name}` === key)!;
  return [key, ...files.flatMap((f, i) => {
    const r = f.results.find((x) => `${x.group}/${x.name}` === key);
    if (!r) return ['—'];
    return i === 0 ? [`${formatMicros(r.microsPerUnit)}`] : [`${formatMicros(r.microsPerUnit)} (${(r.microsPerUnit / base.microsPerUnit).toFixed(2)}×)`];
  })];
});
process.stdout.write('\n' + table(['task', ...files.map((f) => `Node ${f.node}`)], rows) + '\n');

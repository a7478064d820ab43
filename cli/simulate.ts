/**
 * `collapse-lab simulate`: Monte Carlo trajectories of one model and policy, summarised per generation and
 * plotted; results are cached under --out by a hash of (configuration, seed, engine version), reused on rerun,
 * and resumed after an interruption (Ctrl-C keeps every finished chunk).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Flags, UsageError } from './args.js';
import { MODELS, policyFromFlags, scenario } from './catalogue.js';
import { RunStore } from './runStore.js';
import { summarizeTrajectories, summaryCsv } from './summary.js';
import { renderSvg, trajectorySpec } from './plot.js';
import { Progress } from './progress.js';
import { computeRows, type SimulationSpec } from './replications.js';
import { runParallel } from './parallel.js';

export const SIMULATE_USAGE = `collapse-lab simulate --model ${MODELS.join('|')} --policy replace|accumulate|augment|fresh
  [--n 100] [--m n] [--w 0.618] [--lambda 0.5] [--schedule constant|linear|poly:s|tlogt|exp:b] [--subsample K]
  [--T 50] [--reps 200] [--seed 1] [--d 2] [--k 5] [--metric NAME] [--sampling explicit|sufficient]
  [--workers 1] [--shard i/N] [--out out/simulate]`;

export interface SimulationOutcome {
  readonly dir: string;
  readonly completed: number;
  readonly interrupted: boolean;
}

/** Parses `--shard i/N` (0 ≤ i < N). */
export function parseShard(text: string | undefined): { index: number; count: number } {
  if (text === undefined) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 0 && index < count)) throw new UsageError(`--shard must be i/N with 0 ≤ i < N (e.g. 0/4); received ${JSON.stringify(text)}`);
  return { index, count };
}

export async function simulate(argv: readonly string[]): Promise<SimulationOutcome> {
  const flags = new Flags(argv);
  const model = flags.choice('model', MODELS);
  const policy = policyFromFlags(flags);
  const generations = flags.integer('T', 50, 0, 100_000);
  const reps = flags.integer('reps', 200, 1, 100_000_000);
  const seed = flags.string('seed', '1');
  const d = flags.integer('d', 2, 1, 1000);
  const k = flags.integer('k', 5, 2, 100_000);
  const metric = flags.optionalString('metric');
  const sampling = flags.choice('sampling', ['explicit', 'sufficient'] as const, 'explicit');
  const workers = flags.integer('workers', 1, 1, 256);
  const shard = parseShard(flags.optionalString('shard'));
  const out = flags.string('out', 'out/simulate');
  flags.rejectUnknown();
  const s = scenario(model, { d, k, metric });
  const spec: SimulationSpec = { model, d, k, metric: s.metric, policy, generations, seed, sampling };
  // The shard's replications: r ≡ index (mod count) would interleave; contiguous blocks keep files appendable.
  const perShard = Math.ceil(reps / shard.count);
  const first = shard.index * perShard;
  const count = Math.max(0, Math.min(reps, first + perShard) - first);
  const store = new RunStore(out, { spec, replications: reps, shard }, generations + 1);
  let done = store.completed();
  if (done > count) throw new UsageError(`the store ${store.dir} holds ${done} replications, more than the ${count} asked for`);
  let interrupted = false;
  const onSigint = () => { interrupted = true; };
  process.once('SIGINT', onSigint);
  const progress = new Progress(`${model}/${policy.kind}`, count, process.stderr, done);
  try {
    const chunk = Math.max(16, Math.min(1024, Math.ceil(count / 100)));
    while (done < count && !interrupted) {
      const size = Math.min(chunk * workers, count - done);
      const rows = workers === 1 ? computeRows(spec, first + done, size) : await runParallel(spec, first + done, size, workers);
      store.append(rows);
      done += size;
      progress.update(done);
      await new Promise((resolve) => setImmediate(resolve)); // let Ctrl-C in
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.finish();
  }
  const rows = store.read(done);
  const summary = summarizeTrajectories(rows, generations + 1);
  mkdirSync(store.dir, { recursive: true });
  const meta = { spec, replications: reps, completed: done, shard, model: s.describe, metric: s.metric, interrupted };
  writeFileSync(join(store.dir, 'summary.json'), JSON.stringify({ ...meta, steps: summary }, null, 2) + '\n');
  writeFileSync(join(store.dir, 'summary.csv'), summaryCsv(summary));
  if (done > 1) {
    const svg = await renderSvg(trajectorySpec({
      title: `${model}, ${policy.kind}: ${s.metric} error, mean and 95 % interval over ${done} replications`,
      rows: summary.map((r) => ({ t: r.t, mean: r.mean, lower: Math.max(r.lower, r.mean * 1e-3), upper: r.upper })),
      yTitle: `${s.metric} error`,
    }));
    writeFileSync(join(store.dir, 'plot.svg'), svg);
  }
  return { dir: store.dir, completed: done, interrupted };
}

/**
 * Runs the replications of an experiment spec into a RunStore (hash of spec, replication count and engine
 * version under <out>/runs/), reusing every stored row: a rerun computes nothing, an interrupted run resumes
 * where it stopped, bit for bit.
 */
import { join } from 'node:path';
import { RunStore } from '../runStore.js';
import { Progress } from '../progress.js';
import { rowWidth, type ExperimentSpec } from './specs.js';
import { experimentRows } from './pool.js';

export interface RunContext {
  readonly out: string;
  readonly workers: number;
  /** True once Ctrl-C was pressed: stop after the chunk in flight. */
  readonly interrupted: () => boolean;
}

export interface RunRecord {
  readonly label: string;
  readonly store: string;
  readonly replications: number;
  readonly completed: number;
  readonly reused: number;
  readonly computeSeconds: number;
}

/** Thrown when Ctrl-C stopped a run before all replications were computed (the finished ones are stored). */
export class InterruptedRun extends Error {
  constructor(label: string, done: number, total: number) {
    super(`${label}: interrupted after ${done} of ${total} replications`);
    this.name = 'InterruptedRun';
  }
}

export interface RunResult {
  readonly rows: Float64Array;
  readonly record: RunRecord;
}

/** Computes (or reuses) `replications` rows of `spec`; throws InterruptedRun when Ctrl-C stops it first. */
export async function runExperiment(spec: ExperimentSpec, replications: number, label: string, ctx: RunContext): Promise<RunResult> {
  const width = rowWidth(spec);
  const store = new RunStore(join(ctx.out, 'runs'), { spec, replications }, width);
  const reused = Math.min(store.completed(), replications);
  let done = reused;
  const started = performance.now();
  const progress = new Progress(label, replications, process.stderr, reused);
  try {
    const chunk = Math.max(1, Math.min(256, Math.ceil(replications / 40)));
    while (done < replications && !ctx.interrupted()) {
      const size = Math.min(chunk * ctx.workers, replications - done);
      store.append(await experimentRows(spec, done, size, ctx.workers));
      done += size;
      progress.update(done);
      await new Promise((resolve) => setImmediate(resolve)); // let Ctrl-C in
    }
  } finally {
    progress.finish();
  }
  if (done < replications) throw new InterruptedRun(label, done, replications);
  const computeSeconds = (performance.now() - started) / 1000;
  return { rows: store.read(done), record: { label, store: store.dir, replications, completed: done, reused, computeSeconds } };
}

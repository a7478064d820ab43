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
    // Replications per worker per chunk, adapted so that a chunk takes about 1–4 s: Ctrl-C is answered within
    // seconds and the progress bar moves even at paper scale (a replication can take seconds), while cheap
    // experiments still go in blocks of up to 256 per worker. The rows do not depend on the chunking.
    let chunk = 1;
    while (done < replications && !ctx.interrupted()) {
      const size = Math.min(chunk * ctx.workers, replications - done);
      const chunkStart = performance.now();
      store.append(await experimentRows(spec, done, size, ctx.workers));
      const seconds = (performance.now() - chunkStart) / 1000;
      if (seconds < 1) chunk = Math.min(256, chunk * 2);
      else if (seconds > 4) chunk = Math.max(1, Math.floor(chunk / 2));
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

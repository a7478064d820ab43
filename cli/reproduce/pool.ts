/**
 * Parallel replications of an experiment spec on a piscina pool (the cli/parallel.ts pattern): the block
 * [first, first + count) is cut into one contiguous sub-block per worker and the results are concatenated in
 * replication order, so the rows are bit-identical for any number of workers.
 */
import { Piscina } from 'piscina';
import type { ExperimentSpec } from './specs.js';
import { computeExperimentRows } from './rows.js';

let pool: Piscina | null = null;
let poolSize = 0;

function getPool(workers: number): Piscina {
  if (pool === null || poolSize !== workers) {
    void pool?.destroy();
    pool = new Piscina({ filename: new URL('./worker.ts', import.meta.url).href, minThreads: workers, maxThreads: workers, execArgv: process.execArgv });
    poolSize = workers;
  }
  return pool;
}

/** Rows of replications [first, first + count): in this thread when workers = 1, else on the pool. */
export async function experimentRows(spec: ExperimentSpec, first: number, count: number, workers: number): Promise<Float64Array> {
  if (workers <= 1) return computeExperimentRows(spec, first, count);
  const p = getPool(workers);
  const per = Math.ceil(count / workers);
  const tasks: Promise<Float64Array>[] = [];
  for (let w = 0; w < workers; w++) {
    const start = first + w * per;
    const size = Math.min(per, first + count - start);
    if (size > 0) tasks.push(p.run({ spec, first: start, count: size }));
  }
  const parts = await Promise.all(tasks);
  const out = new Float64Array(parts.reduce((s, a) => s + a.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export async function closeExperimentPool(): Promise<void> {
  if (pool !== null) await pool.destroy();
  pool = null;
  poolSize = 0;
}

/**
 * Parallel Monte Carlo over replications with a piscina worker pool. The block [first, first + count) is cut
 * into one contiguous sub-block per worker; results are concatenated in replication order, so the output is
 * bit-identical for any number of workers (each replication's streams depend only on its index).
 *
 * Workers load this package's TypeScript through tsx: the process must run under tsx (the bin script starts
 * node with `--import tsx`), whose loader worker threads inherit.
 */
import { Piscina } from 'piscina';
import type { SimulationSpec } from './replications.js';

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

export async function runParallel(spec: SimulationSpec, first: number, count: number, workers: number): Promise<Float64Array> {
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

export async function closePool(): Promise<void> {
  if (pool !== null) await pool.destroy();
  pool = null;
}

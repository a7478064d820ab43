/**
 * Parallel replications of an experiment spec on the shared worker pool (cli/pool.ts): the rows are
 * bit-identical for any number of workers.
 */
import { BlockPool } from '../pool.js';
import type { ExperimentSpec } from './specs.js';
import { computeExperimentRows } from './rows.js';

const pool = new BlockPool<ExperimentSpec>(new URL('./worker.ts', import.meta.url));

/** Rows of replications [first, first + count): in this thread when workers = 1, else on the pool. */
export function experimentRows(spec: ExperimentSpec, first: number, count: number, workers: number): Promise<Float64Array> {
  if (workers <= 1) return Promise.resolve(computeExperimentRows(spec, first, count));
  return pool.rows(spec, first, count, workers);
}

export function closeExperimentPool(): Promise<void> {
  return pool.close();
}

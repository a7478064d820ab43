/**
 * Parallel Monte Carlo over replications of a `simulate` spec on the shared worker pool (cli/pool.ts): bit-identical
 * rows for any number of workers.
 */
import { BlockPool } from './pool.js';
import type { SimulationSpec } from './replications.js';

const pool = new BlockPool<SimulationSpec>(new URL('./worker.ts', import.meta.url));

export function runParallel(spec: SimulationSpec, first: number, count: number, workers: number): Promise<Float64Array> {
  return pool.rows(spec, first, count, workers);
}

export function closePool(): Promise<void> {
  return pool.close();
}

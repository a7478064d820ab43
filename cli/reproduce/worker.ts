/** Worker-thread entry of the reproduce pool (cli/pool.ts): computes a block of replications of one experiment spec. */
import type { BlockTask } from '../pool.js';
import { computeExperimentRows } from './rows.js';
import type { ExperimentSpec } from './specs.js';

export default function run(task: BlockTask<ExperimentSpec>): Float64Array {
  return computeExperimentRows(task.spec, task.first, task.count);
}

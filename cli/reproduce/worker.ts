/** Worker-thread entry of the reproduce pool: computes a block of replications of one experiment spec. */
import { computeExperimentRows } from './rows.js';
import type { ExperimentSpec } from './specs.js';

export default function run(task: { spec: ExperimentSpec; first: number; count: number }): Float64Array {
  return computeExperimentRows(task.spec, task.first, task.count);
}

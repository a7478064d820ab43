/** Worker-thread entry of the `simulate` pool (cli/pool.ts): computes a block of replications. */
import type { BlockTask } from './pool.js';
import { computeRows, type SimulationSpec } from './replications.js';

export default function run(task: BlockTask<SimulationSpec>): Float64Array {
  return computeRows(task.spec, task.first, task.count);
}

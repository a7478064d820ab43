/** Worker-thread entry of the parallel Monte Carlo pool: computes a block of replications. */
import { computeRows, type SimulationSpec } from './replications.js';

export default function run(task: { spec: SimulationSpec; first: number; count: number }): Float64Array {
  return computeRows(task.spec, task.first, task.count);
}

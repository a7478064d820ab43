/**
 * Computes rows of trajectories for replications [first, first + count) of a simulation spec. Pure: the rows
 * depend only on (spec, seed, replication index), so any split of the work (chunks, workers, shards) gives the
 * same bytes.
 */
import { recurse } from '../src/loop/index.js';
import type { Policy } from '../src/loop/types.js';
import { rootKey } from '../src/rng/stream.js';
import { replicateRows } from '../src/stats/monteCarlo.js';
import { scenario, type ModelName } from './catalogue.js';

export interface SimulationSpec {
  readonly model: ModelName;
  readonly d: number;
  readonly k: number;
  readonly metric?: string;
  readonly policy: Policy;
  readonly generations: number;
  readonly seed: string;
  readonly sampling: 'explicit' | 'sufficient';
}

export function computeRows(spec: SimulationSpec, first: number, count: number): Float64Array {
  const s = scenario(spec.model, { d: spec.d, k: spec.k, metric: spec.metric });
  const width = spec.generations + 1;
  const metrics = { [s.metric]: s.model.metrics[s.metric] };
  return replicateRows({
    key: rootKey(`simulate:${spec.seed}`),
    replications: count,
    first,
    width,
    run: (repKey, _r, row) => {
      const result = recurse({ model: s.model, truth: s.truth, policy: spec.policy, generations: spec.generations, key: repKey, metrics, sampling: spec.sampling });
      row.set(result.errors[s.metric]);
    },
  });
}

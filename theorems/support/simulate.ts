/**
 * Monte Carlo over whole recursions, shared by every theorem file: replication r runs `recurse` on
 * key.child('rep', r) and keeps one metric's trajectory. Two schemes simulated with the same key see the same
 * real data in every replication and generation (common random numbers by role).
 */
import { recurse } from '../../src/loop/index.js';
import type { Policy } from '../../src/loop/index.js';
import type { Model } from '../../src/models/index.js';
import type { StreamKey } from '../../src/rng/index.js';
import { replicateRows, column } from '../../src/stats/monteCarlo.js';

export interface TrajectoryOptions<Theta> {
  readonly model: Model<Theta>;
  readonly truth: Theta;
  readonly policy: Policy;
  readonly generations: number;
  readonly key: StreamKey;
  readonly replications: number;
  /** The metric to keep (default: the model's first). */
  readonly metric?: string;
  /** 'sufficient' uses the exact sufficient-statistic fast path (Gaussian, categorical). */
  readonly sampling?: 'explicit' | 'sufficient';
  /** First replication index (default 0): replications [first, first + replications) of the key. */
  readonly first?: number;
  /** Fixed D_0 for every replication (default: drawn per replication). */
  readonly initialData?: import('../../src/models/index.js').Dataset;
}

/** R × (T + 1) row-major matrix of one metric's trajectories. */
export function trajectories<Theta>(options: TrajectoryOptions<Theta>): Float64Array {
  const metric = options.metric ?? Object.keys(options.model.metrics)[0];
  const width = options.generations + 1;
  return replicateRows({
    key: options.key,
    replications: options.replications,
    first: options.first,
    width,
    run: (repKey, _r, row) => {
      const result = recurse({ model: options.model, truth: options.truth, policy: options.policy, generations: options.generations, key: repKey, metrics: { [metric]: options.model.metrics[metric] }, sampling: options.sampling, initialData: options.initialData });
      row.set(result.errors[metric]);
    },
  });
}

/** The errors at generation t of every replication. */
export function atGeneration(matrix: Float64Array, generations: number, t: number): Float64Array {
  return column(matrix, generations + 1, t);
}

/** Per-replication time averages over generations start ≤ t < end. */
export function timeAverages(matrix: Float64Array, generations: number, start: number, end = generations + 1): Float64Array {
  const width = generations + 1;
  const R = matrix.length / width;
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let t = start; t < end; t++) s += matrix[r * width + t];
    out[r] = s / (end - start);
  }
  return out;
}

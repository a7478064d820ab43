/**
 * Monte Carlo replications on derived streams. Replication r runs on key.child('rep', r): independent of
 * every other replication, identical on every run and for any split of the work (sharding), and shared
 * between schemes compared on the same key (common random numbers).
 *
 * @example const errs = replicate({ key, replications: 1000, run: (k) => recurse({...config, key: k}).errors.mean[5] })
 */
import { StreamKey } from '../rng/stream.js';
import { integerInRange, MAX_SAMPLE_ENTRIES, optionsObject } from '../validate.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';

/** The key of replication r under `key`. */
export function replicationKey(key: StreamKey, replication: number): StreamKey {
  optionsObject('key', key, '(a StreamKey, e.g. rootKey(seed).child(…))');
  return key.child('rep', replication);
}

/** Runs `run` for r = first … first + replications − 1 and collects its scalar results. */
export function replicate(options: { key: StreamKey; replications: number; first?: number; run: (repKey: StreamKey, r: number) => number }): Float64Array {
  optionsObject('options', options, '{ key, replications, first?, run }');
  const R = integerInRange('replications', options.replications, 1, MAX_SAMPLE_ENTRIES);
  const first = integerInRange('first', options.first ?? 0, 0);
  if (!(options.key instanceof StreamKey)) throw new InvalidArgumentError('key', options.key, 'a StreamKey');
  if (typeof options.run !== 'function') throw new InvalidArgumentError('run', options.run, 'a function (repKey, r) => number');
  const out = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    const r = first + i;
    const value = options.run(replicationKey(options.key, r), r);
    if (!Number.isFinite(value)) throw new NumericalError('overflow', `replication ${r} returned ${value}`, { replication: r });
    out[i] = value;
  }
  return out;
}

/**
 * Runs `run` for each replication with a row of `width` numbers to fill; returns the R × width matrix
 * (row-major). Used for grids under common random numbers and for whole trajectories.
 */
export function replicateRows(options: { key: StreamKey; replications: number; width: number; first?: number; run: (repKey: StreamKey, r: number, row: Float64Array) => void }): Float64Array {
  optionsObject('options', options, '{ key, replications, width, first?, run }');
  const R = integerInRange('replications', options.replications, 1);
  const width = integerInRange('width', options.width, 1);
  const first = integerInRange('first', options.first ?? 0, 0);
  const out = new Float64Array(R * width);
  for (let i = 0; i < R; i++) {
    const r = first + i;
    const row = out.subarray(i * width, (i + 1) * width);
    options.run(replicationKey(options.key, r), r, row);
    for (let j = 0; j < width; j++) if (!Number.isFinite(row[j])) throw new NumericalError('overflow', `replication ${r}, column ${j} is ${row[j]}`, { replication: r, column: j });
  }
  return out;
}

/** Column `column` of a row-major R × width matrix. */
export function column(matrix: Float64Array, width: number, column: number): Float64Array {
  if (!(matrix instanceof Float64Array)) throw new InvalidArgumentError('matrix', matrix, 'a Float64Array (row-major R × width)');
  integerInRange('width', width, 1);
  if (matrix.length % width !== 0) throw new InvalidArgumentError('width', width, `a divisor of matrix.length = ${matrix.length}`);
  integerInRange('column', column, 0, width - 1);
  const R = matrix.length / width;
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) out[r] = matrix[r * width + column];
  return out;
}

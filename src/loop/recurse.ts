/**
 * # recurse: the one recursive-training loop
 *
 * Every framework of the model-collapse papers is this loop with a data policy (DESIGN.md):
 *
 *   θ̂_0 = fit([{D_0, 1}]),   D_0 = initialData ?? n draws from θ* with key.child(0, 'real')
 *   for t = 1..T:  sources_t = policy(t, θ̂_{t−1}, history);  θ̂_t = fit(sources_t);  record d(θ̂_t, θ*)
 *
 * Policies (src/loop/policy.ts): `replace` (n·c_t draws from θ̂_{t−1}, schedules in schedule.ts),
 * `accumulate` (D_0 ∪ S_1 ∪ … ∪ S_t, optionally subsampled to K points), `augment` (fixed D_0 with
 * weight λ plus m synthetic points) and `fresh` (n new real points with weight w plus m synthetic).
 * Generation t's real data come from key.child(t, 'real'), its synthetic data from key.child(t,
 * 'synthetic'), its subsample from key.child(t, 'subsample'): two configurations run with the same key see
 * the same real data (common random numbers), and the same config and key give bit-identical results.
 *
 * @example A fresh-data recursion of a 2-D Gaussian (paper 4, Thm 1 setting), one replication:
 *   import { recurse } from './loop/index.js';
 *   import { gaussianModel } from './models/gaussian.js';
 *   import { rootKey } from './rng/stream.js';
 *
 *   const model = gaussianModel({ dim: 2 });   // θ = { mean, cov }, metrics mean and cov
 *   const truth = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
 *   const policy = { kind: 'fresh', n: 20, m: 10, w: 0.3 } as const;
 *   const run = recurse({ model, truth, policy, generations: 15, key: rootKey('demo').child('fresh-2d', 0) });
 *   run.errors.mean[15];     // ‖μ̂_15 − μ‖² of this replication (average over replications for Err(μ_15))
 *   run.trainingSizes[15];   // 30 = n + m
 */
import type { RecurseConfig, RecurseResult, Policy } from './types.js';
import type { Dataset, Metric, Model } from '../models/types.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange } from '../validate.js';
import { StreamKey } from '../rng/stream.js';
import { dataset } from '../models/dataset.js';
import { validatePolicy, generationSources, type GenerationContext } from './policy.js';
import { planGenerations } from './plan.js';
import { DatasetPool } from './pool.js';
import { drawRole } from './draw.js';
import { recurseSufficient } from './recurseSufficient.js';
import { Trajectory } from './trajectory.js';
import { enterRecursion, exitRecursion } from '../models/rowStorage.js';
import { oneOf } from '../validate.js';

/** Default cap on any generation's training set (RecurseConfig.maxTrainingSize). */
export const DEFAULT_MAX_TRAINING_SIZE = 10_000_000;
/** Largest T accepted: the result arrays hold T + 1 entries each. */
export const MAX_GENERATIONS = 10_000_000;

/** A record of metric functions, checked entry by entry. */
function validateMetrics<Theta>(metrics: unknown, name: string): Readonly<Record<string, Metric<Theta>>> {
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    throw new InvalidArgumentError(name, metrics, 'a record { name: (estimate, truth) => number }');
  }
  for (const [metricName, fn] of Object.entries(metrics)) {
    if (typeof fn !== 'function') throw new InvalidArgumentError(`${name}.${metricName}`, fn, 'a function (estimate, truth) => number');
  }
  return metrics as Readonly<Record<string, Metric<Theta>>>;
}

/** D_0 supplied by the caller: a dataset with at least one row and finite entries. */
function validateInitialData(data: unknown): Dataset {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || ArrayBuffer.isView(data)) throw new InvalidArgumentError('initialData', data, 'a Dataset { size, dim, x, y } or absent');
  const d = data as Dataset;
  const checked = dataset(d.x, d.dim, d.y, 'initialData');
  if (d.size !== checked.size) throw new InvalidArgumentError('initialData.size', d.size, `${checked.size} (x.length / dim)`);
  if (d.size < 1) throw new InvalidArgumentError('initialData.size', d.size, 'an integer ≥ 1 (θ̂_0 is fitted on D_0)');
  return d;
}

/** The validated pieces of a RecurseConfig. */
interface CheckedConfig<Theta> {
  readonly model: Model<Theta>;
  readonly policy: Policy;
  readonly generations: number;
  readonly key: StreamKey;
  readonly metrics: Readonly<Record<string, Metric<Theta>>>;
  readonly keepEstimates: boolean;
  readonly initialData: Dataset | undefined;
  readonly maxTrainingSize: number;
}

/**
 * Checks every field of a RecurseConfig, each failure an InvalidArgumentError naming the field:
 * model (sample, fit, validate functions and a metrics record), truth (model.validate(truth, 'truth')),
 * policy (validatePolicy), generations (integer in [0, 10⁷]), key (a StreamKey), metrics (a record of
 * functions), keepEstimates (boolean), initialData (a Dataset with ≥ 1 finite row), maxTrainingSize
 * (integer in [1, 2³¹ − 1]).
 *
 * @example
 *   validateRecurseConfig({ ...config, generations: -1 });  // throws: generations must be an integer ≥ 0 …
 */
export function validateRecurseConfig<Theta>(config: RecurseConfig<Theta>): CheckedConfig<Theta> {
  if (typeof config !== 'object' || config === null) throw new InvalidArgumentError('config', config, 'an object { model, truth, policy, generations, key, … }');
  const model = config.model as unknown;
  if (typeof model !== 'object' || model === null) throw new InvalidArgumentError('model', model, 'a Model { name, sample, fit, metrics, validate }');
  const m = model as Model<Theta>;
  for (const method of ['sample', 'fit', 'validate'] as const) {
    if (typeof m[method] !== 'function') throw new InvalidArgumentError(`model.${method}`, m[method], 'a function');
  }
  validateMetrics<Theta>(m.metrics, 'model.metrics');
  m.validate(config.truth, 'truth');
  const policy = validatePolicy(config.policy, 'policy');
  const generations = integerInRange('generations', config.generations, 0, MAX_GENERATIONS);
  if (!(config.key instanceof StreamKey)) throw new InvalidArgumentError('key', config.key, 'a StreamKey (e.g. rootKey(seed).child(claim, config, replication))');
  const metrics = config.metrics === undefined ? m.metrics : validateMetrics<Theta>(config.metrics, 'metrics');
  if (config.keepEstimates !== undefined && typeof config.keepEstimates !== 'boolean') {
    throw new InvalidArgumentError('keepEstimates', config.keepEstimates, 'a boolean or absent');
  }
  const initialData = config.initialData === undefined ? undefined : validateInitialData(config.initialData);
  const maxTrainingSize =
    config.maxTrainingSize === undefined ? DEFAULT_MAX_TRAINING_SIZE : integerInRange('maxTrainingSize', config.maxTrainingSize, 1, 2 ** 31 - 1);
  return { model: m, policy, generations, key: config.key, metrics, keepEstimates: config.keepEstimates === true, initialData, maxTrainingSize };
}

/**
 * Runs one replication of a recursive-training loop (see the file header for the loop, the policies
 * and the streams) and returns errors[metric][t] = d(θ̂_t, θ*) for t = 0..T, the number of points of
 * positive weight each generation was fitted on, and θ̂_0..θ̂_T when `keepEstimates`.
 *
 * Assumptions and failures: the config is validated first (`validateRecurseConfig`); every
 * generation's size is planned and checked against `maxTrainingSize` before any data is drawn
 * (`planGenerations`), so an exploding schedule fails at once; a metric returning a non-finite value
 * throws NumericalError('overflow') naming the metric and t; errors of `model.fit` (e.g. a singular
 * covariance) propagate unchanged.
 *
 * @example
 *   const run = recurse({ model, truth, policy: { kind: 'replace', n: 50 }, generations: 100, key });
 *   run.errors.mean;  // Float64Array(101)
 */
export function recurse<Theta>(config: RecurseConfig<Theta>): RecurseResult<Theta> {
  const sampling = config?.sampling === undefined ? 'explicit' : oneOf('sampling', config.sampling, ['explicit', 'sufficient'] as const);
  if (sampling === 'sufficient') return recurseSufficient(config);
  const checked = validateRecurseConfig(config);
  const { model, policy, generations, key, metrics } = checked;
  const truth = config.truth;
  const initialSize = checked.initialData === undefined ? policy.n : checked.initialData.size;
  const plan = planGenerations(policy, generations, initialSize, checked.maxTrainingSize);

  const trajectory = new Trajectory(metrics, truth, generations, checked.keepEstimates);
  const record = (t: number, estimate: Theta): void => trajectory.record(t, estimate);
  const trainingSizes = new Int32Array(generations + 1);

  // The datasets drawn below live inside this loop only: the models may carve them from shared chunks
  // (src/models/rowStorage.ts), which saves an allocation per dataset.
  enterRecursion();
  try {
    const initialData = checked.initialData ?? drawRole(model, truth, policy.n, key, 0, 'real');
    let estimate = model.fit([{ data: initialData, weight: 1 }]);
    trainingSizes[0] = initialData.size;
    record(0, estimate);

    let pool: DatasetPool | null = null;
    if (policy.kind === 'accumulate' && generations >= 1) {
      pool = new DatasetPool(initialData.dim, initialData.y !== null, plan.heldSizes[generations]);
      pool.append(initialData, 'initialData');
    }
    const context: GenerationContext<Theta> = { model, truth, policy, key, plan, initialData, pool };

    for (let t = 1; t <= generations; t++) {
      const sources = generationSources(context, t, estimate);
      estimate = model.fit(sources);
      let size = 0;
      for (let s = 0; s < sources.length; s++) size += sources[s].data.size;
      trainingSizes[t] = size;
      record(t, estimate);
    }
  } finally {
    exitRecursion();
  }
  return { errors: trajectory.errors, estimates: trajectory.estimates, trainingSizes };
}

/**
 * Rows of replications [first, first + count) of an experiment spec (layouts in specs.ts). Pure: a row depends
 * only on (spec, replication index), so any split of the work (chunks, worker threads, reruns) gives the same
 * bytes. Replication r of a spec runs on rootKey(`reproduce:${seed}`).child(target, stream).child('rep', r),
 * the same key for every point of a grid (common random numbers across w, k and weighting rules).
 *
 * A replication that hits a typed NumericalError (separation, overflow, singular covariance, …) is not NaN: its
 * errors up to the failing generation are kept, the generation is recorded, and the rest of the row is 0.
 */
import { recurse } from '../../src/loop/index.js';
import type { Policy } from '../../src/loop/types.js';
import type { Metric } from '../../src/models/types.js';
import { NumericalError } from '../../src/errors.js';
import { rootKey, type StreamKey } from '../../src/rng/stream.js';
import { replicationKey } from '../../src/stats/monteCarlo.js';
import { FAILURE_CODES, rowWidth, type ExperimentSpec, type GridSpec, type TrajectorySpec } from './specs.js';
import { scenarioFor, type Scenario } from './scenarios.js';

/** The root key of a spec's replications. */
export function experimentKey(spec: ExperimentSpec): StreamKey {
  return rootKey(`reproduce:${spec.seed}`).child(spec.target, spec.stream);
}

interface Outcome {
  /** Generations fully recorded: T + 1 when the run finished, else the generation that failed. */
  readonly recorded: number;
  /** FAILURE_CODES of the error, 0 when the run finished. */
  readonly failure: number;
}

/**
 * Runs one recursion and writes metric j's error at generation t into errors[j·(T + 1) + t]. The metrics are
 * wrapped to record as the loop reports them, so a NumericalError keeps the generations before it.
 */
export function runRecorded(scenario: Scenario, spec: ExperimentSpec, policy: Policy, key: StreamKey, errors: Float64Array): Outcome {
  const M = spec.metrics.length;
  const width = spec.generations + 1;
  let calls = 0;
  let recorded = 0;
  const metrics: Record<string, Metric<unknown>> = {};
  spec.metrics.forEach((name, j) => {
    const fn = scenario.metrics[name];
    if (typeof fn !== 'function') throw new Error(`experiment ${spec.target}/${spec.stream}: the model has no metric ${JSON.stringify(name)}`);
    metrics[name] = (estimate, truth) => {
      const value = fn(estimate, truth);
      const t = Math.floor(calls / M);
      calls++;
      if (Number.isFinite(value)) {
        errors[j * width + t] = value;
        if (j === M - 1) recorded = t + 1;
      }
      return value;
    };
  });
  try {
    recurse({
      model: scenario.model, truth: scenario.truth, policy, generations: spec.generations, key, metrics, sampling: spec.sampling,
      ...(spec.maxTrainingSize !== undefined ? { maxTrainingSize: spec.maxTrainingSize } : {}),
    });
    return { recorded: width, failure: 0 };
  } catch (error) {
    if (!(error instanceof NumericalError)) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`engine error in reproduce ${spec.target}/${spec.stream}: ${message}`, { cause: error });
    }
    for (let j = 0; j < M; j++) errors.fill(0, j * width + recorded, (j + 1) * width);
    return { recorded, failure: FAILURE_CODES[error.kind] ?? 9 };
  }
}

function trajectoryRow(scenario: Scenario, spec: TrajectorySpec, key: StreamKey, row: Float64Array): void {
  const M = spec.metrics.length;
  const width = spec.generations + 1;
  const outcome = runRecorded(scenario, spec, spec.policy, key, row.subarray(0, M * width));
  row[M * width] = outcome.recorded;
  row[M * width + 1] = outcome.failure;
}

function gridRow(scenario: Scenario, spec: GridSpec, key: StreamKey, row: Float64Array, errors: Float64Array): void {
  const M = spec.metrics.length;
  const width = spec.generations + 1;
  const steps = width - spec.start;
  spec.points.forEach((point, p) => {
    const policy: Policy = { kind: 'fresh', n: spec.n, m: point.m, w: point.w };
    const outcome = runRecorded(scenario, spec, policy, key, errors);
    const base = p * (M + 1);
    for (let j = 0; j < M; j++) {
      let sum = 0;
      if (outcome.failure === 0) for (let t = spec.start; t < width; t++) sum += errors[j * width + t];
      row[base + j] = sum / steps;
    }
    row[base + M] = outcome.failure;
  });
}

/**
 * The R × width rows (row-major) of replications first … first + count − 1.
 *
 * @example computeExperimentRows(spec, 0, 100); // Float64Array(100 · rowWidth(spec))
 */
export function computeExperimentRows(spec: ExperimentSpec, first: number, count: number): Float64Array {
  const scenario = scenarioFor(spec.model);
  const key = experimentKey(spec);
  const width = rowWidth(spec);
  const out = new Float64Array(count * width);
  const errors = new Float64Array(spec.metrics.length * (spec.generations + 1));
  for (let i = 0; i < count; i++) {
    const row = out.subarray(i * width, (i + 1) * width);
    const repKey = replicationKey(key, first + i);
    if (spec.kind === 'trajectory') trajectoryRow(scenario, spec, repKey, row);
    else gridRow(scenario, spec, repKey, row, errors);
  }
  return out;
}

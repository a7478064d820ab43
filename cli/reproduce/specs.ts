/**
 * Experiment specifications of `collapse-lab reproduce`: plain JSON (hashed by the RunStore, sent to worker
 * threads), one per Monte Carlo run. Two kinds:
 *
 *   trajectory  one recursion per replication (replace / accumulate, any schedule); the row holds every
 *               metric's error at t = 0..T, then the generation at which the replication stopped (T + 1 when
 *               it ran to the end) and the NumericalError kind that stopped it (FAILURE_CODES, 0 = none).
 *   grid        one fresh-data recursion per grid point (n real with weight w, m synthetic) under the SAME
 *               replication key (common random numbers across the grid); the row holds, per point, every
 *               metric's error averaged over t = start..T, then the failure code of that point.
 */
import type { Policy } from '../../src/loop/types.js';
import type { NumericalFailure } from '../../src/errors.js';

/** The models the reproductions use (see scenarios.ts for each truth). */
export type ModelKey = 'gaussian' | 'gaussian-known' | 'linear' | 'logistic' | 'poisson' | 'ecdf' | 'adult-logistic' | 'adult-categorical';

export interface ModelSpec {
  readonly key: ModelKey;
  /** d of a Gaussian, p of a GLM (1 for the others). */
  readonly dim: number;
  /** Σ = scale·I_d (Gaussian truth, or the known covariance), Σ_x = scale·I_p (GLM covariates); 1 otherwise. */
  readonly scale: number;
  /** Adult: the data directory (absolute) and, for the categorical experiment, the column. */
  readonly data?: string;
  readonly column?: string;
}

interface CommonSpec {
  /** Target (fig7 …) and the key label: specs with the same (seed, target, stream) share replication keys. */
  readonly target: string;
  readonly stream: string;
  readonly seed: string;
  readonly model: ModelSpec;
  /** Metric names recorded, in row order. */
  readonly metrics: readonly string[];
  /** T: generations after the real-only fit (t = 0..T are recorded). */
  readonly generations: number;
  readonly sampling: 'explicit' | 'sufficient';
  readonly maxTrainingSize?: number;
}

export interface TrajectorySpec extends CommonSpec {
  readonly kind: 'trajectory';
  readonly policy: Policy;
}

export interface GridPoint {
  readonly m: number;
  readonly w: number;
}

export interface GridSpec extends CommonSpec {
  readonly kind: 'grid';
  readonly n: number;
  readonly points: readonly GridPoint[];
  /** First generation of the time average (the average runs over t = start..T). */
  readonly start: number;
}

export type ExperimentSpec = TrajectorySpec | GridSpec;

/** Codes of the NumericalError kinds in a row (0: the replication ran to the end). */
export const FAILURE_CODES: Readonly<Record<NumericalFailure, number>> = { separation: 1, overflow: 2, 'non-convergence': 3, singular: 4, degenerate: 5 };
export const FAILURE_NAMES: readonly string[] = ['none', 'separation', 'overflow', 'non-convergence', 'singular', 'degenerate'];

/** Numbers per replication: M·(T + 1) + 2 for a trajectory, P·(M + 1) for a grid. */
export function rowWidth(spec: ExperimentSpec): number {
  const M = spec.metrics.length;
  return spec.kind === 'trajectory' ? M * (spec.generations + 1) + 2 : spec.points.length * (M + 1);
}

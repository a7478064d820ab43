/**
 * A benchmark task: a name, a group, how many units one call does (e.g. 10 000 normals, or 50 recursion steps)
 * and the unit's name, and a setup that returns the function to time (allocations happen in setup, not in the
 * timed call).
 */
export interface BenchTask {
  readonly group: string;
  readonly name: string;
  /** Units of work per call (results are reported per unit). */
  readonly unitsPerCall: number;
  /** e.g. 'normal', 'fit', 'step'. */
  readonly unit: string;
  /** Issue 5's target for the median time per unit, in microseconds, when there is one. */
  readonly targetMicros?: number;
  readonly setup: () => () => unknown;
}

/** One task's measured result. */
export interface BenchResult {
  readonly group: string;
  readonly name: string;
  readonly unit: string;
  readonly unitsPerCall: number;
  /** Median latency of one call (ms) and its median absolute deviation (ms). */
  readonly medianMs: number;
  readonly madMs: number;
  readonly meanMs: number;
  readonly rme: number;
  readonly samples: number;
  /** Median time per unit (µs) and units per second at the median. */
  readonly microsPerUnit: number;
  readonly unitsPerSecond: number;
  readonly targetMicros?: number;
}

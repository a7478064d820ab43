/**
 * The per-generation record of a recursion, shared by `recurse` and `recurseSufficient`: one Float64Array of
 * T + 1 values per metric (errors[name][t] = metric(θ̂_t, θ*)), and optionally the estimates θ̂_0 … θ̂_T.
 * A metric value that is not a finite number stops the run with NumericalError('overflow') naming the metric
 * and the generation, so no trajectory ever holds NaN or ±Infinity.
 *
 * @example
 *   const trajectory = new Trajectory(model.metrics, truth, 10, false);
 *   trajectory.record(0, model.fit(sources)); // errors.mean[0] = ‖μ̂_0 − μ‖², …
 */
import type { Metric } from '../models/types.js';
import { NumericalError, describeValue } from '../errors.js';

export class Trajectory<Theta> {
  /** errors[name][t] for t = 0 … T, in the metrics' key order. */
  readonly errors: Record<string, Float64Array> = {};
  /** θ̂_0 … θ̂_T when kept, else empty. */
  readonly estimates: Theta[] = [];
  private readonly names: string[];
  private readonly metricFns: Metric<Theta>[];
  private readonly series: Float64Array[];

  constructor(
    metrics: Readonly<Record<string, Metric<Theta>>>,
    private readonly truth: Theta,
    generations: number,
    private readonly keepEstimates: boolean,
  ) {
    this.names = Object.keys(metrics);
    this.metricFns = this.names.map((name) => metrics[name]);
    this.series = this.names.map(() => new Float64Array(generations + 1));
    // defineProperty: a metric named like an Object.prototype member ("constructor", "__proto__") is still a plain entry
    this.names.forEach((name, i) => Object.defineProperty(this.errors, name, { value: this.series[i], enumerable: true, writable: true, configurable: true }));
  }

  /** Records every metric of θ̂_t (and θ̂_t itself when kept). */
  record(t: number, estimate: Theta): void {
    for (let i = 0; i < this.metricFns.length; i++) {
      const value = this.metricFns[i](estimate, this.truth);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new NumericalError('overflow', `metric "${this.names[i]}" returned ${describeValue(value)} at generation t = ${t}`, {
          metric: this.names[i],
          generation: t,
          value,
        });
      }
      this.series[i][t] = value;
    }
    if (this.keepEstimates) this.estimates.push(estimate);
  }
}

/**
 * Test-only models for the loop's properties (no statistics in them, only bookkeeping):
 * - `toyLocationModel()`: θ a real number; sample x_i = θ + width·(u_i − ½) with u_i uniform from the stream;
 *   fit the weighted mean of the sources (per-point weight w_s/size_s), computed as
 *   ref + Σ ω_i (x_i − ref) / Σ ω_i with ref the first row of the first positive-weight source, so that
 *   constant data give back exactly that constant.
 * - `degenerateModel()`: the same fit, but sample returns `size` copies of θ.
 * - `recording(model)`: wraps a model and records every sample call and every fit's sources.
 */
import type { Dataset, Model, WeightedSource } from '../../src/models/types.js';
import type { Stream } from '../../src/rng/stream.js';
import { InvalidArgumentError } from '../../src/errors.js';

function weightedMeanFit(sources: readonly WeightedSource[]): number {
  if (sources.length === 0) throw new InvalidArgumentError('sources', sources, 'a non-empty array');
  let ref = NaN;
  for (const s of sources) {
    if (!(s.weight >= 0)) throw new InvalidArgumentError('sources.weight', s.weight, '≥ 0');
    if (s.weight > 0 && s.data.size > 0 && Number.isNaN(ref)) ref = s.data.x[0];
  }
  if (Number.isNaN(ref)) throw new InvalidArgumentError('sources', sources, 'some source of positive weight and size');
  let num = 0;
  let den = 0;
  for (const s of sources) {
    if (s.weight === 0) continue;
    const perPoint = s.weight / s.data.size;
    for (let i = 0; i < s.data.size; i++) num += perPoint * (s.data.x[i] - ref);
    den += s.weight;
  }
  return ref + num / den;
}

const metrics = {
  absoluteError: (estimate: number, truth: number) => Math.abs(estimate - truth),
  squaredError: (estimate: number, truth: number) => (estimate - truth) ** 2,
};

function validate(theta: number, name = 'theta'): void {
  if (typeof theta !== 'number' || !Number.isFinite(theta)) throw new InvalidArgumentError(name, theta, 'a finite number');
}

/** Uniform location model on [θ − width/2, θ + width/2]. */
export function toyLocationModel(width = 1, name = 'toy-location'): Model<number> {
  return {
    name,
    sample(theta: number, size: number, stream: Stream): Dataset {
      const x = new Float64Array(size);
      for (let i = 0; i < size; i++) x[i] = theta + width * (stream.nextDouble() - 0.5);
      return { size, dim: 1, x, y: null };
    },
    fit: weightedMeanFit,
    metrics,
    validate,
  };
}

/** Degenerate model: every sample is θ itself (no randomness consumed). */
export function degenerateModel(): Model<number> {
  return {
    name: 'degenerate',
    sample(theta: number, size: number): Dataset {
      return { size, dim: 1, x: new Float64Array(size).fill(theta), y: null };
    },
    fit: weightedMeanFit,
    metrics,
    validate,
  };
}

export interface SampleCall<Theta> {
  readonly theta: Theta;
  readonly size: number;
  readonly data: Dataset;
}

export interface Recording<Theta> {
  readonly model: Model<Theta>;
  readonly samples: SampleCall<Theta>[];
  /** The sources of every fit, copied (datasets deep-copied) at the time of the call. */
  readonly fits: WeightedSource[][];
}

function copyDataset(d: Dataset): Dataset {
  return { size: d.size, dim: d.dim, x: Float64Array.from(d.x), y: d.y === null ? null : Float64Array.from(d.y) };
}

/** Wraps `model`, recording its sample calls and fit sources. */
export function recording<Theta>(model: Model<Theta>): Recording<Theta> {
  const samples: SampleCall<Theta>[] = [];
  const fits: WeightedSource[][] = [];
  return {
    samples,
    fits,
    model: {
      name: model.name,
      metrics: model.metrics,
      validate: (theta, name) => model.validate(theta, name),
      sample(theta, size, stream) {
        const data = model.sample(theta, size, stream);
        samples.push({ theta, size, data: copyDataset(data) });
        return data;
      },
      fit(sources) {
        fits.push(sources.map((s) => ({ data: copyDataset(s.data), weight: s.weight })));
        return model.fit(sources);
      },
    },
  };
}

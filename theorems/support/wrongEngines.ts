/**
 * Deliberately wrong engine variants for negative controls. Each wraps a correct model and breaks exactly one
 * thing a theorem depends on; a claim's check must reject it.
 */
import type { Model, WeightedSource } from '../../src/models/index.js';

/** Synthetic data drawn from the truth instead of the previous model (no feedback loop at all). */
export function syntheticFromTruth<Theta>(model: Model<Theta>, truth: Theta): Model<Theta> {
  return { ...model, name: `${model.name}/synthetic-from-truth`, sample: (_theta, size, stream) => model.sample(truth, size, stream) };
}

/** The weights of a two-source fit swapped: w on synthetic, 1 − w on real. */
export function swappedWeights<Theta>(model: Model<Theta>): Model<Theta> {
  return {
    ...model,
    name: `${model.name}/swapped-weights`,
    fit: (sources: readonly WeightedSource[]) =>
      model.fit(sources.length === 2 ? [{ data: sources[0].data, weight: sources[1].weight }, { data: sources[1].data, weight: sources[0].weight }] : sources),
  };
}

/** Every source weighted by its size (naive pooling) whatever the policy asked for. */
export function pooledWeights<Theta>(model: Model<Theta>): Model<Theta> {
  return { ...model, name: `${model.name}/pooled`, fit: (sources) => model.fit(sources.map((s) => ({ data: s.data, weight: s.data.size }))) };
}

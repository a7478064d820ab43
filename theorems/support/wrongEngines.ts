/**
 * Deliberately wrong engine variants for negative controls. Each wraps a correct model and breaks exactly one
 * thing a theorem depends on; a claim's check must reject it.
 */
import type { Model, WeightedSource } from '../../src/models/index.js';

// Every wrapper breaks BOTH sampling paths: explicit rows (sample/fit) and the exact sufficient-statistic fast
// path (summaries.sample/summaries.fit). A wrapper that left `summaries` untouched would make a negative control
// under sampling: 'sufficient' test the correct engine.

/** Synthetic data drawn from the truth instead of the previous model (no feedback loop at all). */
export function syntheticFromTruth<Theta>(model: Model<Theta>, truth: Theta): Model<Theta> {
  const summaries = model.summaries;
  return {
    ...model,
    name: `${model.name}/synthetic-from-truth`,
    sample: (_theta, size, stream) => model.sample(truth, size, stream),
    summaries: summaries && { ...summaries, sample: (_theta, size, stream) => summaries.sample(truth, size, stream) },
  };
}

function swapTwo<S extends { weight: number }>(sources: readonly S[]): S[] {
  return sources.length === 2 ? [{ ...sources[0], weight: sources[1].weight }, { ...sources[1], weight: sources[0].weight }] : [...sources];
}

/** The weights of a two-source fit swapped: w on synthetic, 1 − w on real. */
export function swappedWeights<Theta>(model: Model<Theta>): Model<Theta> {
  const summaries = model.summaries;
  return {
    ...model,
    name: `${model.name}/swapped-weights`,
    fit: (sources: readonly WeightedSource[]) => model.fit(swapTwo(sources)),
    summaries: summaries && { ...summaries, fit: (sources) => summaries.fit(swapTwo(sources)) },
  };
}

/** Every source weighted by its size (naive pooling) whatever the policy asked for. */
export function pooledWeights<Theta>(model: Model<Theta>): Model<Theta> {
  const summaries = model.summaries;
  return {
    ...model,
    name: `${model.name}/pooled`,
    fit: (sources) => model.fit(sources.map((s) => ({ data: s.data, weight: s.data.size }))),
    summaries: summaries && { ...summaries, fit: (sources) => summaries.fit(sources.map((s) => ({ summary: s.summary, weight: s.summary.size }))) },
  };
}

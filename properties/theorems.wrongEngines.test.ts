/**
 * The negative-control wrappers must break the engine on both sampling paths: a wrapper that left the exact
 * sufficient-statistic fast path untouched would let a control under sampling: 'sufficient' test the correct
 * engine (found by measuring: both wrappers gave the correct engine's error). Deterministic: one replication, the
 * estimates must differ from the correct engine's.
 */
import { describe, expect, it } from 'vitest';
import { gaussianModel } from '../src/models/index.js';
import { recurse } from '../src/loop/index.js';
import { rootKey } from '../src/rng/stream.js';
import { pooledWeights, swappedWeights, syntheticFromTruth } from '../theorems/support/wrongEngines.js';

describe('negative-control wrappers break both sampling paths', () => {
  const model = gaussianModel({ dim: 2 });
  const truth = { mean: Float64Array.of(1, -1), cov: Float64Array.of(1, 0.2, 0.2, 0.5) };
  const policy = { kind: 'fresh', n: 10, m: 20, w: 0.3 } as const;
  const run = (m: typeof model, sampling: 'explicit' | 'sufficient') =>
    recurse({ model: m, truth, policy, generations: 5, key: rootKey('wrappers'), sampling, keepEstimates: true }).estimates[5].mean;
  for (const sampling of ['explicit', 'sufficient'] as const) {
    it(`${sampling}: each wrapper changes θ̂_5`, () => {
      const right = run(model, sampling);
      for (const wrong of [swappedWeights(model), syntheticFromTruth(model, truth), pooledWeights(model)]) {
        expect(Array.from(run(wrong, sampling))).not.toEqual(Array.from(right));
      }
    });
  }
});

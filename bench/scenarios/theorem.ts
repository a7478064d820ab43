/** One whole theorem check: a GR-1 configuration (fresh, d = 2, n = m = 20, w = 0.3, t = 6), planned and checked. */
import type { BenchTask } from '../task.js';
import { rootKey } from '../../src/rng/stream.js';
import { recurse } from '../../src/loop/index.js';
import { gaussianModel } from '../../src/models/index.js';
import { freshMeanError } from '../../src/theory/index.js';
import { checkMean } from '../../src/stats/assert.js';
import { replicate } from '../../src/stats/monteCarlo.js';

export const theoremTasks: BenchTask[] = (['explicit', 'sufficient'] as const).map((sampling) => ({
  group: 'theorem',
  name: `GR-1 one configuration, R = 20 000 (${sampling})`,
  unitsPerCall: 1,
  unit: 'check',
  setup: () => {
    const model = gaussianModel({ dim: 2 });
    const truth = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
    const policy = { kind: 'fresh', n: 20, m: 20, w: 0.3 } as const;
    const oracle = freshMeanError({ traceSigma: 1.5, n: 20, m: 20, w: 0.3, t: 6 });
    let round = 0;
    return () => {
      const key = rootKey('bench').child('theorem', sampling, round++);
      const samples = replicate({ key, replications: 20_000, run: (k) => recurse({ model, truth, policy, generations: 6, key: k, metrics: { mean: model.metrics.mean }, sampling }).errors.mean[6] });
      return checkMean({ label: 'GR-1', samples, oracle, alpha: 2e-6, detectable: 0.1 * oracle });
    };
  },
}));

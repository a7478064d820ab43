/** Each model's weighted fit at n ∈ {100, 1 000, 10 000}, d ∈ {2, 10} (one source of weight 1). */
import type { BenchTask } from '../task.js';
import { rootKey } from '../../src/rng/stream.js';
import { gaussianModel, gammaModel, empiricalModel, standardNormalTruth, categoricalModel, glmModel } from '../../src/models/index.js';
import type { Model } from '../../src/models/types.js';

function identity(d: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) a[i * d + i] = 1;
  return a;
}

function fitTask<Theta>(name: string, n: number, model: Model<Theta>, truth: Theta): BenchTask {
  const calls = Math.max(1, Math.round(20_000 / n)); // enough work per call for the timer
  return {
    group: 'fits',
    name: `${name} n=${n}`,
    unitsPerCall: calls,
    unit: 'fit',
    setup: () => {
      const data = model.sample(truth, n, rootKey('bench').child('fit', name, n).stream());
      const sources = [{ data, weight: 1 }];
      return () => { let last: Theta | undefined; for (let i = 0; i < calls; i++) last = model.fit(sources); return last; };
    },
  };
}

const tasks: BenchTask[] = [];
for (const n of [100, 1000, 10_000]) {
  for (const d of [2, 10]) {
    tasks.push(fitTask(`gaussian d=${d}`, n, gaussianModel({ dim: d }), { mean: new Float64Array(d), cov: identity(d) }));
    for (const family of ['linear', 'logistic', 'poisson'] as const) {
      // β scaled so that η = xᵀβ has unit variance: keeps Poisson means and logistic probabilities moderate at d = 10
      const beta = new Float64Array(d).fill(1 / Math.sqrt(d));
      tasks.push(fitTask(`${family} d=${d}`, n, glmModel({ family, dim: d }), { beta }));
    }
  }
  tasks.push(fitTask('gamma', n, gammaModel(), { shape: 2, rate: 1 }));
  tasks.push(fitTask('ecdf (weighted atoms)', n, empiricalModel(), standardNormalTruth()));
  tasks.push(fitTask('categorical K=5', n, categoricalModel(5), { probs: Float64Array.of(0.5, 0.2, 0.15, 0.1, 0.05) }));
}
// Issue 2's reference point: one logistic fit at n = 200, d = 2 (the size of a fresh step's training set at n = m = 100).
tasks.push(fitTask('logistic d=2', 200, glmModel({ family: 'logistic', dim: 2 }), { beta: Float64Array.of(1 / Math.SQRT2, 1 / Math.SQRT2) }));

export const fitTasks = tasks;

/**
 * One recursion step per policy and model at n = m = 100, d = 2: a whole recursion of 40 generations per call,
 * reported per generation (sampling, fitting and the metric of one generation).
 *
 * Fully synthetic logistic and Poisson chains drift outward and some stop with a typed NumericalError
 * (separation, overflow) before generation 40. The setup therefore runs candidate replications once, untimed,
 * and the timed calls cycle over those that run to the end (at least 8 of the first 256), so every timed call
 * does exactly 40 generations. The cost is then that of chains that survive, which is the cost of a step.
 */
import type { BenchTask } from '../task.js';
import { rootKey } from '../../src/rng/stream.js';
import { recurse } from '../../src/loop/index.js';
import type { Policy } from '../../src/loop/types.js';
import { gaussianModel, gammaModel, empiricalModel, standardNormalTruth, categoricalModel, glmModel } from '../../src/models/index.js';
import type { Model } from '../../src/models/types.js';
import { NumericalError } from '../../src/errors.js';

const T = 40;
const policies: Record<string, Policy> = {
  replace: { kind: 'replace', n: 100 },
  accumulate: { kind: 'accumulate', n: 100, subsample: 200 },
  augment: { kind: 'augment', n: 100, lambda: 0.5, m: 100 },
  fresh: { kind: 'fresh', n: 100, m: 100, w: 0.618 },
};

interface Case { name: string; model: Model<unknown>; truth: unknown; sampling?: 'sufficient'; targetMicros?: number }
const cases: Case[] = [
  { name: 'gaussian', model: gaussianModel({ dim: 2 }) as Model<unknown>, truth: { mean: new Float64Array(2), cov: Float64Array.of(1, 0, 0, 1) }, targetMicros: 6 },
  { name: 'gaussian (sufficient statistics)', model: gaussianModel({ dim: 2 }) as Model<unknown>, truth: { mean: new Float64Array(2), cov: Float64Array.of(1, 0, 0, 1) }, sampling: 'sufficient', targetMicros: 0.5 },
  { name: 'linear', model: glmModel({ family: 'linear', dim: 2 }) as unknown as Model<unknown>, truth: { beta: Float64Array.of(1, 1) }, targetMicros: 10 },
  { name: 'logistic', model: glmModel({ family: 'logistic', dim: 2 }) as unknown as Model<unknown>, truth: { beta: Float64Array.of(1, 1) }, targetMicros: 20 },
  { name: 'poisson', model: glmModel({ family: 'poisson', dim: 2 }) as unknown as Model<unknown>, truth: { beta: Float64Array.of(0.5, 0.5) }, targetMicros: 20 },
  { name: 'gamma', model: gammaModel() as Model<unknown>, truth: { shape: 2, rate: 1 } },
  { name: 'ecdf (exact CvM)', model: empiricalModel() as Model<unknown>, truth: standardNormalTruth(), targetMicros: 20 },
  { name: 'categorical K=5', model: categoricalModel(5) as Model<unknown>, truth: { probs: Float64Array.of(0.5, 0.2, 0.15, 0.1, 0.05) } },
];

const WANTED = 16;
const CANDIDATES = 256;

/** Replication indices (of the first CANDIDATES) whose chain runs T generations without a NumericalError. */
export function survivingReplications(run: (r: number) => unknown, label: string): number[] {
  const kept: number[] = [];
  for (let r = 0; r < CANDIDATES && kept.length < WANTED; r++) {
    try {
      run(r);
      kept.push(r);
    } catch (error) {
      if (!(error instanceof NumericalError)) throw error;
    }
  }
  if (kept.length < 8) throw new Error(`bench steps/${label}: only ${kept.length} of ${CANDIDATES} replications run ${T} generations without a NumericalError; the scenario needs at least 8`);
  return kept;
}

const tasks: BenchTask[] = [];
for (const c of cases) {
  for (const [policyName, policy] of Object.entries(policies)) {
    if (c.sampling === 'sufficient' && policyName === 'accumulate') continue; // subsampling needs rows
    tasks.push({
      group: 'steps',
      name: `${c.name} / ${policyName}`,
      unitsPerCall: T,
      unit: 'step',
      ...(policyName === 'fresh' && c.targetMicros !== undefined ? { targetMicros: c.targetMicros } : {}),
      setup: () => {
        const key = rootKey('bench').child('steps', c.name, policyName);
        const run = (r: number) => recurse({ model: c.model, truth: c.truth, policy, generations: T, key: key.child(r), ...(c.sampling ? { sampling: c.sampling } : {}) });
        const replications = survivingReplications(run, `${c.name} / ${policyName}`);
        let i = 0;
        return () => run(replications[i++ % replications.length]);
      },
    });
  }
}

export const stepTasks = tasks;

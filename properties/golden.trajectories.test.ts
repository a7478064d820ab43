/**
 * Golden VALUE-STABILITY trajectories of the recursive-training loop (src/loop/recurse.ts): for each data policy
 * (replace, accumulate — whole and subsampled —, augment, fresh) a short fixed-seed recursion of the 2-D
 * Gaussian model (n = 20, T = 3), plus one fresh recursion of a logistic GLM, whose per-generation error
 * trajectory must stay the same bit for bit (each float64 written as the 16 hex digits of its IEEE-754 bits).
 *
 * Like the golden draws of rng.golden.test.ts, these constants are NOT correctness references: they were copied
 * from the code's own output, once. What makes them trustworthy as a record of "the" result is checked
 * separately:
 *   - the same bits come out on Node 20, 22 and 24 (scripts/node-matrix.sh, `npm run golden:node`: V8's libm
 *     and JIT may not change a single bit of a trajectory);
 *   - the replace and fresh trajectories are recomputed below by a loop written from the documented contract
 *     (θ̂_0 = fit([{D_0, 1}]) with D_0 from key.child(0, 'real'); generation t's real data from
 *     key.child(t, 'real'), synthetic data from key.child(t, 'synthetic'); sources of weight 0 dropped),
 *     with model.sample / model.fit / model.metrics directly, not through recurse;
 *   - the t = 0 error is the same for every policy (all start from the same D_0).
 * A change of these constants must be a deliberate, documented change of the random sequence or of an estimator.
 */
import { describe, expect, it } from 'vitest';
import { recurse } from '../src/loop/index.js';
import type { Policy, RecurseResult } from '../src/loop/index.js';
import { gaussianModel, type GaussianTheta } from '../src/models/gaussian.js';
import { glmModel } from '../src/models/glm/index.js';
import type { Model, WeightedSource } from '../src/models/types.js';
import { rootKey, type StreamKey } from '../src/rng/stream.js';

const view = new DataView(new ArrayBuffer(8));
/** The IEEE-754 bits of a double as 16 hex digits (big-endian). */
function bits(value: number): string {
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

/** errors[metric][t] as bit strings. */
function trajectory(errors: Readonly<Record<string, Float64Array>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([name, values]) => [name, Array.from(values, bits)]));
}

const T = 3;
const gaussian = gaussianModel({ dim: 2 }) as Model<GaussianTheta>;
const gaussianTruth: GaussianTheta = { mean: Float64Array.of(0.5, -1), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
const keyOf = (label: string): StreamKey => rootKey('golden.trajectories').child(label, 0);
/** Every Gaussian case runs with this key, so all of them share D_0 (and fresh's real data). */
const gaussianKey = keyOf('gaussian');

interface Case {
  readonly label: string;
  readonly key: StreamKey;
  readonly model: Model<unknown>;
  readonly truth: unknown;
  readonly policy: Policy;
}

const logistic = glmModel({ family: 'logistic', dim: 2 });
const g = { key: gaussianKey, model: gaussian as Model<unknown>, truth: gaussianTruth as unknown };
const cases: readonly Case[] = [
  { label: 'gaussian-replace', ...g, policy: { kind: 'replace', n: 20 } },
  { label: 'gaussian-accumulate', ...g, policy: { kind: 'accumulate', n: 20 } },
  { label: 'gaussian-accumulate-subsample', ...g, policy: { kind: 'accumulate', n: 20, subsample: 30 } },
  { label: 'gaussian-augment', ...g, policy: { kind: 'augment', n: 20, lambda: 0.5, m: 20 } },
  { label: 'gaussian-fresh', ...g, policy: { kind: 'fresh', n: 20, m: 20, w: 0.3 } },
  {
    label: 'logistic-fresh',
    key: keyOf('logistic'),
    model: logistic as unknown as Model<unknown>,
    truth: { beta: Float64Array.of(0.5, -1) },
    policy: { kind: 'fresh', n: 100, m: 100, w: 0.5 },
  },
];

const run = (c: Case): RecurseResult<unknown> => recurse({ model: c.model, truth: c.truth, policy: c.policy, generations: T, key: c.key });

/**
 * The replace / fresh recursion written from the contract of recurse (src/loop/recurse.ts and types.ts), with
 * the model's own sample / fit / metrics and the streams key.child(t, role).stream(): an independent loop.
 */
function replay(c: Case): Record<string, Float64Array> {
  const { model, truth, policy, key } = c;
  const errors: Record<string, Float64Array> = Object.fromEntries(Object.keys(model.metrics).map((name) => [name, new Float64Array(T + 1)]));
  const record = (t: number, estimate: unknown): void => {
    for (const [name, metric] of Object.entries(model.metrics)) errors[name][t] = metric(estimate, truth);
  };
  const d0 = model.sample(truth, policy.n, key.child(0, 'real').stream());
  let estimate = model.fit([{ data: d0, weight: 1 }]);
  record(0, estimate);
  for (let t = 1; t <= T; t++) {
    let sources: WeightedSource[];
    if (policy.kind === 'replace') {
      sources = [{ data: model.sample(estimate, policy.n, key.child(t, 'synthetic').stream()), weight: 1 }];
    } else if (policy.kind === 'fresh') {
      const real = model.sample(truth, policy.n, key.child(t, 'real').stream());
      const synthetic = model.sample(estimate, policy.m, key.child(t, 'synthetic').stream());
      sources = [{ data: real, weight: policy.w }, { data: synthetic, weight: 1 - policy.w }].filter((s) => s.weight > 0);
    } else {
      throw new Error(`replay covers replace and fresh, not ${policy.kind}`);
    }
    estimate = model.fit(sources);
    record(t, estimate);
  }
  return errors;
}

/** Copied once from the code's output (see the header); identical on Node 20, 22 and 24. */
const GOLDEN: Record<string, Record<string, string[]>> = {
  'gaussian-replace': {
    mean: ['3fb2377ba3126e86', '3fc778f67b14f54b', '3fe09a15fba27db1', '3fdf6a4840b3e0ff'],
    cov: ['3fd2dbc6744547da', '3fcd8d0ce3dd1b8c', '3fe98fc3b0312ec6', '3fdf58927c3c1bac'],
  },
  'gaussian-accumulate': {
    mean: ['3fb2377ba3126e86', '3fba5d90cd8c55d9', '3fc256ed384bd436', '3fbb6303f1db05ca'],
    cov: ['3fd2dbc6744547da', '3fcf4d7d02a7440c', '3fd88dc11c598c52', '3fd61b320e456761'],
  },
  'gaussian-accumulate-subsample': {
    mean: ['3fb2377ba3126e86', '3fb77648869d2bd6', '3fd69d135de9744f', '3fd0becdfd8933cf'],
    cov: ['3fd2dbc6744547da', '3fc6daf6ab8516a4', '3fd7d443ad8dbf49', '3fdc33a9518b629f'],
  },
  'gaussian-augment': {
    mean: ['3fb2377ba3126e86', '3fba5d90cd8c55d4', '3fc00a6348a115dd', '3f9e82ee18813199'],
    cov: ['3fd2dbc6744547da', '3fcff7212abefc42', '3fe07639f0da846c', '3fd5bc43df37d2e6'],
  },
  'gaussian-fresh': {
    mean: ['3fb2377ba3126e86', '3fb1e8afa5c71f8a', '3fc5bc1d0f84e3f5', '3faa922ad0429705'],
    cov: ['3fd2dbc6744547da', '3fc308edba5bc09f', '3fdc2727e44c6bfa', '3fd93c63a10339c4'],
  },
  'logistic-fresh': {
    beta: ['3fa5503695c89d24', '3fbe3f512e98f882', '3f9ca063dd3b18fe', '3f9d80a1c7d07972'],
  },
};

describe('golden value-stability: per-generation error trajectories, bit for bit', () => {
  for (const c of cases) {
    it(`${c.label} (${JSON.stringify(c.policy)}, T = ${T})`, () => {
      const got = trajectory(run(c).errors);
      if (process.env.GOLDEN_PRINT) console.log(JSON.stringify({ [c.label]: got }));
      expect(got).toEqual(GOLDEN[c.label]);
    });
  }

  for (const label of ['gaussian-replace', 'gaussian-fresh', 'logistic-fresh']) {
    it(`${label}: an independent loop written from the contract gives the same bits`, () => {
      const c = cases.find((x) => x.label === label) as Case;
      expect(trajectory(replay(c))).toEqual(GOLDEN[label]);
    });
  }

  it('every Gaussian policy starts from the same D_0, hence the same error at t = 0', () => {
    const gaussianCases = Object.keys(GOLDEN).filter((label) => label.startsWith('gaussian-'));
    expect(gaussianCases.length).toBe(5);
    for (const label of gaussianCases) {
      expect(GOLDEN[label].mean[0]).toBe(GOLDEN['gaussian-replace'].mean[0]);
      expect(GOLDEN[label].cov[0]).toBe(GOLDEN['gaussian-replace'].cov[0]);
    }
  });
});

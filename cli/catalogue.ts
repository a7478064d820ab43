/**
 * The models and policies the command line offers, built from flags. Truths follow the papers' experiments
 * (CLAIMS.md §1.11): μ = 0 and Σ = I_d for the Gaussian; β = 1_p and x ~ N(0, I_p) for the GLMs; the standard
 * normal for the ECDF; p = (0.5, 0.2, 0.15, 0.1, 0.05) for the categorical (K = 5, else a geometric p).
 */
import { gaussianModel, gammaModel, empiricalModel, standardNormalTruth, categoricalModel } from '../src/models/index.js';
import { glmModel } from '../src/models/glm/index.js';
import type { Model } from '../src/models/types.js';
import type { Policy, Schedule } from '../src/loop/types.js';
import { Flags, UsageError } from './args.js';

export const MODELS = ['gaussian', 'linear', 'logistic', 'poisson', 'gamma', 'ecdf', 'categorical'] as const;
export type ModelName = (typeof MODELS)[number];
export const POLICIES = ['replace', 'accumulate', 'augment', 'fresh'] as const;

export interface Scenario {
  readonly model: Model<unknown>;
  readonly truth: unknown;
  readonly metric: string;
  readonly describe: string;
}

function identity(d: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) a[i * d + i] = 1;
  return a;
}

/** The model, its truth and the metric to report. */
export function scenario(name: ModelName, options: { d: number; k: number; metric?: string }): Scenario {
  const { d, k } = options;
  let model: Model<unknown>;
  let truth: unknown;
  let describe: string;
  switch (name) {
    case 'gaussian':
      model = gaussianModel({ dim: d }) as Model<unknown>;
      truth = { mean: new Float64Array(d), cov: identity(d) };
      describe = `N(0, I_${d}), unbiased per-source covariance`;
      break;
    case 'linear':
    case 'logistic':
    case 'poisson':
      model = glmModel({ family: name, dim: d }) as unknown as Model<unknown>;
      truth = { beta: new Float64Array(d).fill(1) };
      describe = `${name} regression, β = 1_${d}, x ~ N(0, I_${d})`;
      break;
    case 'gamma':
      model = gammaModel() as Model<unknown>;
      truth = { shape: 2, rate: 1 };
      describe = 'Gamma(shape 2, rate 1)';
      break;
    case 'ecdf':
      model = empiricalModel() as Model<unknown>;
      truth = standardNormalTruth();
      describe = 'weighted empirical distribution, truth N(0, 1), Cramér–von Mises error';
      break;
    case 'categorical': {
      model = categoricalModel(k) as Model<unknown>;
      const p = k === 5 ? Float64Array.of(0.5, 0.2, 0.15, 0.1, 0.05) : Float64Array.from({ length: k }, (_, i) => 2 ** -(i + 1));
      if (k !== 5) p[k - 1] *= 2; // geometric, normalised
      truth = { probs: p };
      describe = `categorical over ${k} classes`;
      break;
    }
  }
  const metrics = Object.keys(model.metrics);
  const metric = options.metric ?? metrics[0];
  if (!metrics.includes(metric)) throw new UsageError(`--metric must be one of ${metrics.join(', ')} for --model ${name}; received ${JSON.stringify(metric)}`);
  return { model, truth, metric, describe };
}

/**
 * A schedule from its text form: constant[:c], linear[:slope], poly:s (c_t = t^(1+s)), tlogt, exp:base.
 */
export function parseSchedule(text: string): Schedule {
  const [kind, arg, ...extra] = text.split(':');
  const num = (what: string, min: number) => {
    const v = arg === undefined || arg.trim() === '' || extra.length > 0 ? NaN : Number(arg); // 'poly:' is not s = 0 (issue 7)
    if (!Number.isFinite(v) || v < min) throw new UsageError(`--schedule ${kind} needs ${what} ≥ ${min} after a colon (e.g. ${kind}:${Math.max(min, 1)}); received ${JSON.stringify(text)}`);
    return v;
  };
  switch (kind) {
    case 'constant':
      return arg === undefined ? { kind: 'constant' } : { kind: 'constant', c: num('c', Number.MIN_VALUE) };
    case 'linear':
      return arg === undefined ? { kind: 'linear' } : { kind: 'linear', slope: num('slope', Number.MIN_VALUE) };
    case 'poly':
      return { kind: 'polynomial', s: num('s', -0.999999) };
    case 'tlogt':
      return { kind: 't-log-t' };
    case 'exp':
      return { kind: 'exponential', base: num('base', 1) };
    default:
      throw new UsageError(`--schedule must be one of constant[:c], linear[:slope], poly:s, tlogt, exp:base; received ${JSON.stringify(text)}`);
  }
}

/** The policy from flags (each policy reads only its own flags). */
export function policyFromFlags(flags: Flags): Policy {
  const kind = flags.choice('policy', POLICIES, 'fresh');
  const n = flags.integer('n', 100, 1, 10_000_000);
  switch (kind) {
    case 'replace':
      return { kind, n, schedule: parseSchedule(flags.string('schedule', 'constant')) };
    case 'accumulate': {
      const subsample = flags.has('subsample') ? flags.integer('subsample', undefined, 1) : undefined;
      return { kind, n, schedule: parseSchedule(flags.string('schedule', 'constant')), ...(subsample !== undefined ? { subsample } : {}) };
    }
    case 'augment':
      return { kind, n, lambda: flags.number('lambda', 0.5, 0, 1), m: flags.integer('m', n, 1, 10_000_000) };
    case 'fresh':
      return { kind, n, m: flags.integer('m', n, 1, 10_000_000), w: flags.number('w', 0.618, 0, 1) };
  }
}

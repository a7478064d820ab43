/**
 * Data policies of the one loop (DESIGN.md, "The one loop"): which real and synthetic sets generation
 * t ≥ 1 trains on, their sizes and their weights.
 *
 *   replace     [{S_t, 1}]                        S_t: round(n·c_t) draws from θ̂_{t−1}
 *   accumulate  [{D_0 ∪ S_1 ∪ … ∪ S_t, 1}]         equal weight per point; or K points of it (subsample)
 *   augment     [{D_0, λ}, {S_t, 1 − λ}]           S_t: m (default n) draws from θ̂_{t−1}
 *   fresh       [{R_t, w}, {S_t, 1 − w}]           R_t: n new real draws, S_t: m draws from θ̂_{t−1}
 *
 * A set whose weight is 0 (w = 1, λ = 1, w = 0, λ = 0) is still drawn, so that every other stream stays
 * aligned across configurations, but it is not passed to the fit: with w = 1 the fit is exactly
 * fit([{R_t, 1}]).
 */
import type { Policy } from './types.js';
import type { Dataset, Model, WeightedSource } from '../models/types.js';
import type { StreamKey } from '../rng/stream.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange, oneOf, unitInterval, optionsObject } from '../validate.js';
import { validateSchedule } from './schedule.js';
import { drawRole } from './draw.js';
import { sampleWithoutReplacement, takeRows } from '../models/dataset.js';
import type { DatasetPool } from './pool.js';
import type { GenerationPlan } from './plan.js';

export const POLICY_KINDS = ['replace', 'accumulate', 'augment', 'fresh'] as const;

/** The fields each policy kind may carry (besides `kind`). */
const POLICY_FIELDS: Readonly<Record<Policy['kind'], readonly string[]>> = {
  replace: ['n', 'schedule'],
  accumulate: ['n', 'schedule', 'subsample'],
  augment: ['n', 'lambda', 'm'],
  fresh: ['n', 'm', 'w'],
};

/**
 * Checks a policy: kind one of "replace", "accumulate", "augment", "fresh"; n an integer ≥ 1; m an
 * integer ≥ 1 (required for fresh, optional for augment); w and lambda in [0, 1]; subsample an integer
 * ≥ 1; schedule valid (see `validateSchedule`). Fields that do not belong to the kind are refused (a
 * `w` on an augment policy is a typo for `lambda`). Throws an InvalidArgumentError naming `${name}.<field>`.
 * Whether `subsample` fits in the pool is checked by `planGenerations`, which knows |D_0|.
 *
 * @example
 *   validatePolicy({ kind: 'fresh', n: 20, m: 10, w: 0.3 });  // ok
 *   validatePolicy({ kind: 'fresh', n: 20, m: 10, w: 1.2 });  // throws: policy.w must be a finite number in [0, 1]
 */
export function validatePolicy(policy: unknown, name = 'policy'): Policy {
  if (typeof policy !== 'object' || policy === null) {
    throw new InvalidArgumentError(name, policy, `an object { kind: ${POLICY_KINDS.map((k) => JSON.stringify(k)).join(' | ')}, n, … }`);
  }
  const p = policy as Record<string, unknown>;
  const kind = oneOf(`${name}.kind`, p.kind, POLICY_KINDS);
  const allowed = POLICY_FIELDS[kind];
  for (const field of Object.keys(p)) {
    if (field !== 'kind' && !allowed.includes(field) && p[field] !== undefined) {
      throw new InvalidArgumentError(`${name}.${field}`, p[field], `absent for policy kind "${kind}" (its fields: kind, ${allowed.join(', ')})`);
    }
  }
  integerInRange(`${name}.n`, p.n, 1);
  switch (kind) {
    case 'replace':
      if (p.schedule !== undefined) validateSchedule(p.schedule, `${name}.schedule`);
      break;
    case 'accumulate':
      if (p.schedule !== undefined) validateSchedule(p.schedule, `${name}.schedule`);
      if (p.subsample !== undefined) integerInRange(`${name}.subsample`, p.subsample, 1);
      break;
    case 'augment':
      unitInterval(`${name}.lambda`, p.lambda);
      if (p.m !== undefined) integerInRange(`${name}.m`, p.m, 1);
      break;
    case 'fresh':
      integerInRange(`${name}.m`, p.m, 1);
      unitInterval(`${name}.w`, p.w);
      break;
  }
  return policy as Policy;
}

/** What generation t's sources are built from. */
export interface GenerationContext<Theta> {
  readonly model: Model<Theta>;
  /** θ*, the truth real data come from. */
  readonly truth: Theta;
  /** A validated policy. */
  readonly policy: Policy;
  /** The replication's key; roles are key.child(t, 'real' | 'synthetic' | 'subsample'). */
  readonly key: StreamKey;
  /** Sizes planned (and checked against maxTrainingSize) by `planGenerations`. */
  readonly plan: GenerationPlan;
  /** D_0, generation 0's real data. */
  readonly initialData: Dataset;
  /** accumulate only: the pool, holding D_0 ∪ S_1 ∪ … ∪ S_{t−1} on entry (S_t is appended here). */
  readonly pool: DatasetPool | null;
}

/** The sources of positive weight among [{a, wa}, {b, wb}], in that order. */
function positive(a: Dataset, weightA: number, b: Dataset, weightB: number): WeightedSource[] {
  const out: WeightedSource[] = [];
  if (weightA > 0) out.push({ data: a, weight: weightA });
  if (weightB > 0) out.push({ data: b, weight: weightB });
  return out;
}

/**
 * Draws generation t's data (t ≥ 1) from θ̂_{t−1} (`previous`) and the truth, and returns the weighted
 * sources the model is fitted on (only those of positive weight). Streams: real key.child(t, 'real'),
 * synthetic key.child(t, 'synthetic'), subsample key.child(t, 'subsample'). Side effect: accumulate
 * appends S_t to `context.pool`. Formulas in the file header; sources: DESIGN.md, CLAIMS.md §1.1
 * (fresh), §2.1 (replace with c_t), §3.1 and §5.2 (accumulate, accumulate-subsample), §4.2 (augment).
 *
 * @example
 *   const sources = generationSources(context, 1, thetaHat0);  // fresh: [{R_1, w}, {S_1, 1 − w}]
 *   const thetaHat1 = model.fit(sources);
 */
export function generationSources<Theta>(context: GenerationContext<Theta>, t: number, previous: Theta): WeightedSource[] {
  optionsObject('context', context, '{ model, truth, policy, key, plan, initialData, pool } (a GenerationContext)');
  const { model, truth, policy, key, plan } = context;
  optionsObject('context.policy', policy, '{ kind, … } (a validated Policy)');
  optionsObject('context.plan', plan, '{ syntheticSizes, … } (planGenerations(policy, …))');
  if (!Array.isArray(plan.syntheticSizes) && !ArrayBuffer.isView(plan.syntheticSizes)) {
    throw new InvalidArgumentError('context.plan.syntheticSizes', plan.syntheticSizes, 'an array of sizes per generation (planGenerations)');
  }
  const syntheticCount = plan.syntheticSizes[t];
  switch (policy.kind) {
    case 'replace':
      return [{ data: drawRole(model, previous, syntheticCount, key, t, 'synthetic'), weight: 1 }];
    case 'accumulate': {
      const pool = context.pool as DatasetPool;
      pool.append(drawRole(model, previous, syntheticCount, key, t, 'synthetic'), `synthetic data of generation ${t}`);
      const all = pool.view();
      if (policy.subsample === undefined) return [{ data: all, weight: 1 }];
      const rows = sampleWithoutReplacement(all.size, policy.subsample, key.roleStream(t, 'subsample'));
      return [{ data: takeRows(all, rows), weight: 1 }];
    }
    case 'augment': {
      const synthetic = drawRole(model, previous, syntheticCount, key, t, 'synthetic');
      return positive(context.initialData, policy.lambda, synthetic, 1 - policy.lambda);
    }
    case 'fresh': {
      const real = drawRole(model, truth, policy.n, key, t, 'real');
      const synthetic = drawRole(model, previous, syntheticCount, key, t, 'synthetic');
      return positive(real, policy.w, synthetic, 1 - policy.w);
    }
  }
}

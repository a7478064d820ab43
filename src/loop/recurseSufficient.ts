/**
 * # recurseSufficient: the one loop on sufficient statistics (RecurseConfig.sampling = 'sufficient')
 *
 * The same recursion as `recurse` (recurse.ts, policy.ts), but every source is a sufficient statistic
 * drawn from its exact law (Model.summaries, types.ts) instead of explicit rows:
 *
 *   S_0 = fromData(initialData) or summaries.sample(θ*, n, key.child(0, 'real'));  θ̂_0 = fit([{S_0, 1}])
 *   replace     [{S_t, 1}]                            S_t = sample(θ̂_{t−1}, round(n·c_t), key.child(t, 'synthetic'))
 *   accumulate  [{pool(S_0, S_1, …, S_t), 1}]
 *   augment     [{S_0, λ}, {S_t, 1 − λ}]              S_t of m (default n) points
 *   fresh       [{R_t, w}, {S_t, 1 − w}]              R_t = sample(θ*, n, key.child(t, 'real'))
 *
 * Sources of weight 0 are drawn (as in `recurse`) but not fitted. Because a summary has exactly the law of
 * the summary of explicit rows, and the model's fit depends on the rows only through it, every θ̂_t — hence
 * every recorded error — has exactly the law it has under `recurse` with explicit sampling (the draws
 * themselves differ). Sizes come from the same `planGenerations` (same maxTrainingSize refusals), the same
 * stream roles are used, and metrics are recorded exactly as in `recurse`. Cost per generation is
 * independent of the sample sizes (O(d³) for a Gaussian, O(K) for a categorical).
 *
 * Not available (InvalidArgumentError naming `sampling`): models without `summaries`, and accumulate with
 * `subsample` (a subsample drawn without replacement from the pool is not a function of the pool's
 * sufficient statistic).
 *
 * @example 1000 generations of a fresh-data recursion at n = m = 10⁶ in milliseconds:
 *   const model = gaussianModel({ dim: 2 });
 *   const truth = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
 *   const run = recurseSufficient({ model, truth, policy: { kind: 'fresh', n: 1e6, m: 1e6, w: 0.3 },
 *                                   generations: 1000, key: rootKey('demo').child('fast', 0) });
 *   run.errors.mean[1000];
 */
import type { RecurseConfig, RecurseResult } from './types.js';
import type { Summary, SummaryCapability } from '../models/types.js';
import type { StreamKey } from '../rng/stream.js';
import { InvalidArgumentError } from '../errors.js';
import { validateRecurseConfig } from './recurse.js';
import { planGenerations } from './plan.js';
import { Trajectory } from './trajectory.js';

/** A summarised source of positive weight. */
interface SummarySource {
  readonly summary: Summary;
  readonly weight: number;
}

/** The model's summaries capability, or the InvalidArgumentError('sampling', …) of a model without one. */
function summariesOf<Theta>(summaries: unknown): SummaryCapability<Theta> {
  if (summaries === undefined) throw new InvalidArgumentError('sampling', 'sufficient', 'a model with summaries (gaussian, categorical)');
  if (typeof summaries !== 'object' || summaries === null) throw new InvalidArgumentError('model.summaries', summaries, 'a SummaryCapability { sample, fromData, pool, fit } or absent');
  const capability = summaries as SummaryCapability<Theta>;
  for (const method of ['sample', 'fromData', 'pool', 'fit'] as const) {
    if (typeof capability[method] !== 'function') throw new InvalidArgumentError(`model.summaries.${method}`, capability[method], 'a function');
  }
  return capability;
}

/** The summary of `size` draws from P_θ with the stream key.child(t, role), checked to hold `size` points. */
function drawSummary<Theta>(summaries: SummaryCapability<Theta>, theta: Theta, size: number, key: StreamKey, t: number, role: 'real' | 'synthetic'): Summary {
  const summary = summaries.sample(theta, size, key.roleStream(t, role));
  if (typeof summary !== 'object' || summary === null || summary.size !== size) {
    throw new InvalidArgumentError(
      `model.summaries.sample (generation ${t}, role "${role}")`,
      typeof summary === 'object' && summary !== null ? summary.size : summary,
      `a summary of exactly the ${size} points requested`,
    );
  }
  return summary;
}

/** The sources of positive weight among [{a, wa}, {b, wb}], in that order. */
function positive(a: Summary, weightA: number, b: Summary, weightB: number): SummarySource[] {
  const out: SummarySource[] = [];
  if (weightA > 0) out.push({ summary: a, weight: weightA });
  if (weightB > 0) out.push({ summary: b, weight: weightB });
  return out;
}

/**
 * Runs one replication of the recursive-training loop on sufficient statistics (see the file header) and
 * returns the same RecurseResult as `recurse`: errors[metric][t] for t = 0..T, the number of points of
 * positive weight each generation was fitted on, and θ̂_0..θ̂_T when `keepEstimates`. Each θ̂_t has exactly
 * the law of `recurse`'s θ̂_t.
 *
 * Assumptions and failures: the config is validated by `validateRecurseConfig`; `config.sampling` must be
 * 'sufficient' or absent; the model must carry `summaries` and the policy must not be accumulate with
 * `subsample` (both InvalidArgumentError naming `sampling`); sizes are planned and checked against
 * maxTrainingSize first (`planGenerations`); a non-finite metric throws NumericalError('overflow');
 * errors of the summaries' sample and fit (e.g. a singular covariance) propagate unchanged.
 *
 * @example
 *   const run = recurseSufficient({ model, truth, policy: { kind: 'replace', n: 50 }, generations: 100, key });
 *   run.errors.mean;  // Float64Array(101), same law as recurse(...).errors.mean
 */
export function recurseSufficient<Theta>(config: RecurseConfig<Theta>): RecurseResult<Theta> {
  const checked = validateRecurseConfig(config);
  if (config.sampling !== undefined && config.sampling !== 'sufficient') {
    throw new InvalidArgumentError('sampling', config.sampling, '"sufficient" or absent when calling recurseSufficient (recurse dispatches on it)');
  }
  const { model, policy, generations, key, metrics } = checked;
  const summaries = summariesOf<Theta>(model.summaries);
  if (policy.kind === 'accumulate' && policy.subsample !== undefined) {
    throw new InvalidArgumentError(
      'sampling',
      'sufficient',
      `"explicit" for an accumulate policy with subsample = ${policy.subsample} (a subsample drawn without replacement from the pool is not a function of the pool's sufficient statistic)`,
    );
  }
  const truth = config.truth;
  const initialSize = checked.initialData === undefined ? policy.n : checked.initialData.size;
  const plan = planGenerations(policy, generations, initialSize, checked.maxTrainingSize);

  const trajectory = new Trajectory(metrics, truth, generations, checked.keepEstimates);
  const record = (t: number, estimate: Theta): void => trajectory.record(t, estimate);
  const trainingSizes = new Int32Array(generations + 1);

  const initialSummary =
    checked.initialData === undefined ? drawSummary(summaries, truth, policy.n, key, 0, 'real') : summaries.fromData(checked.initialData);
  let estimate = summaries.fit([{ summary: initialSummary, weight: 1 }]);
  trainingSizes[0] = initialSummary.size;
  record(0, estimate);

  let pooled = initialSummary;
  for (let t = 1; t <= generations; t++) {
    const syntheticCount = plan.syntheticSizes[t];
    let sources: SummarySource[];
    switch (policy.kind) {
      case 'replace':
        sources = [{ summary: drawSummary(summaries, estimate, syntheticCount, key, t, 'synthetic'), weight: 1 }];
        break;
      case 'accumulate':
        pooled = summaries.pool([pooled, drawSummary(summaries, estimate, syntheticCount, key, t, 'synthetic')]);
        sources = [{ summary: pooled, weight: 1 }];
        break;
      case 'augment':
        sources = positive(initialSummary, policy.lambda, drawSummary(summaries, estimate, syntheticCount, key, t, 'synthetic'), 1 - policy.lambda);
        break;
      case 'fresh': {
        const real = drawSummary(summaries, truth, policy.n, key, t, 'real');
        const synthetic = drawSummary(summaries, estimate, syntheticCount, key, t, 'synthetic');
        sources = positive(real, policy.w, synthetic, 1 - policy.w);
        break;
      }
    }
    estimate = summaries.fit(sources);
    let size = 0;
    for (let s = 0; s < sources.length; s++) size += sources[s].summary.size;
    trainingSizes[t] = size;
    record(t, estimate);
  }
  return { errors: trajectory.errors, estimates: trajectory.estimates, trainingSizes };
}

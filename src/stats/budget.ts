/**
 * The suite-wide false-failure budget: the one table from which every statistical assertion draws its rate.
 *
 * A whole `npm test` fails by chance with probability at most the sum of these rates (Bonferroni over every
 * assertion in the suite), and SUITE_FALSE_FAILURE_RATE bounds that sum (a test enforces it). Inside a claim
 * the rate is split again, Bonferroni, over its configurations and assertions (src/stats/claim.ts).
 *
 * Ids: `engine.<area>.<topic>` for the engine's own properties; the claim ids of CLAIMS.md §8 (GR-1 …) for the
 * theorems; `<claim id>.negative` for a claim's negative control, whose false-failure event is "the check
 * passes on a deliberately wrong engine": that rate is the check's false-pass rate at the wrong engine's error,
 * guaranteed by the check's power requirement (it refuses to run under-powered).
 */
import { InvalidArgumentError } from '../errors.js';
import { integerInRange } from '../validate.js';

export const SUITE_FALSE_FAILURE_RATE = 1e-3;

/** Rate for an engine check id that is not (yet) in the table; a test lists such ids so they get added. */
export const UNLISTED_ENGINE_RATE = 1e-7;

const ENGINE = 1e-6; // per engine check id (≈ 60 ids → ≤ 6e-5)
const CLAIM = 1.2e-5; // per theorem claim (≈ 45 claims → ≤ 5.4e-4)
const NEGATIVE = 2e-6; // per negative control (≈ 45 → ≤ 9e-5)

const claimIds = [
  // paper 003 (golden ratio)
  'GR-1', 'GR-2', 'GR-3', 'GR-4', 'GR-5', 'GR-6', 'GR-7', 'GR-8', 'GR-9', 'GR-10', 'GR-11', 'GR-12', 'GR-13',
  'GR-14', 'GR-15', 'GR-16', 'GR-17', 'GR-18', 'GR-19', 'GR-20', 'GR-21', 'GR-22', 'GR-S3',
  // paper 000 (schedules)
  'PP-1', 'PP-2', 'PP-3', 'PP-4', 'PP-5', 'PP-6', 'PP-7',
  // paper 002 and the accumulate background
  'IM-1', 'IM-2', 'IM-3', 'AC-1', 'NR-1',
  // Shumailov et al.; paper 001 (real-data proportion, recursive stability)
  'SH-1', 'SH-2', 'RS-1', 'RS-2',
] as const;

const engineIds = [
  'engine.rng.normal', 'engine.rng.normal.power', 'engine.rng.gamma', 'engine.rng.gamma.power', 'engine.rng.chiSquared',
  'engine.rng.chiSquared.power', 'engine.rng.bernoulli.power', 'engine.rng.streams.power', 'engine.rng.uniform.power', 'engine.rng.binomial', 'engine.rng.binomial.power',
  'engine.rng.poisson', 'engine.rng.poisson.power', 'engine.rng.bernoulli', 'engine.rng.categorical',
  'engine.rng.categorical.power', 'engine.rng.multivariateNormal', 'engine.rng.multivariateNormal.power',
  'engine.rng.wishart', 'engine.rng.wishart.power', 'engine.rng.streams', 'engine.rng.uniform',
  'engine.models.gamma', 'engine.models.gamma.power', 'engine.models.gaussian', 'engine.models.gaussian.power',
  'engine.models.empirical', 'engine.models.empirical.power', 'engine.models.categorical.power',
  'engine.models.categorical', 'engine.models.glm', 'engine.models.glm.power', 'engine.loop', 'engine.fastpath', 'engine.fastpath.power',
  'engine.stats.calibration', 'engine.stats.calibration.power',
] as const;

function table(): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of engineIds) out[id] = ENGINE;
  for (const id of claimIds) {
    out[id] = CLAIM;
    out[`${id}.negative`] = NEGATIVE;
  }
  return Object.freeze(out);
}

/** Every budgeted id and its false-failure rate. */
export const BUDGET: Readonly<Record<string, number>> = table();

/** The ids of the theorem claims, in catalogue order. */
export const CLAIM_IDS: readonly string[] = claimIds;

/** The false-failure rate of a check id. Engine ids not in the table get UNLISTED_ENGINE_RATE; unknown claim ids throw. */
export function alphaFor(checkId: string): number {
  // (issue 7) a non-string id threw a TypeError, and 'constructor' returned Object's constructor, not a rate
  if (typeof checkId !== 'string') throw new InvalidArgumentError('checkId', checkId, 'an id of the suite budget (src/stats/budget.ts)');
  const rate = Object.hasOwn(BUDGET, checkId) ? BUDGET[checkId] : undefined;
  if (rate !== undefined) return rate;
  if (checkId.startsWith('engine.')) return UNLISTED_ENGINE_RATE;
  throw new InvalidArgumentError('checkId', checkId, 'an id of the suite budget (src/stats/budget.ts)');
}

/** Sum of every budgeted rate plus `unlisted` engine ids at the default rate. */
export function totalBudget(unlisted = 0): number {
  integerInRange('unlisted', unlisted, 0);
  let sum = unlisted * UNLISTED_ENGINE_RATE;
  for (const rate of Object.values(BUDGET)) sum += rate;
  return sum;
}

export { suiteKey, suiteSeed, profile, configurationsPerClaim } from './env.js';

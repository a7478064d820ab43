/**
 * The recursive-training loop: `recurse(config)` drives every data policy (replace, accumulate, augment,
 * fresh) with sample-size schedules c_t; see recurse.ts for a worked example.
 */
export { recurse, validateRecurseConfig, DEFAULT_MAX_TRAINING_SIZE, MAX_GENERATIONS } from './recurse.js';
export { recurseSufficient } from './recurseSufficient.js';
export { scheduleMultiplier, syntheticSize, scheduleSum, validateSchedule, checkedMultiplier, roundedSize, MAX_SCHEDULE_SUM_TERMS } from './schedule.js';
export { validatePolicy, generationSources, POLICY_KINDS } from './policy.js';
export type { GenerationContext } from './policy.js';
export { planGenerations } from './plan.js';
export type { GenerationPlan } from './plan.js';
export { DatasetPool } from './pool.js';
export { drawRole } from './draw.js';
export type { Schedule, Policy, RecurseConfig, RecurseResult } from './types.js';

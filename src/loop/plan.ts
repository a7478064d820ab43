/**
 * Sizes of every generation of a recursion, computed (and checked against `maxTrainingSize`) before any
 * data is drawn, so that a schedule needing 10¹² points fails at once with a clear error instead of
 * hanging or exhausting memory.
 */
import type { Policy, Schedule } from './types.js';
import { InvalidArgumentError } from '../errors.js';
import { checkedMultiplier, roundedSize } from './schedule.js';
import { optionsObject } from '../validate.js';

export interface GenerationPlan {
  /** Synthetic points drawn at generation t (index 0, the real-only fit, holds 0). */
  readonly syntheticSizes: Int32Array;
  /** Points generation t holds: its training set before weighting (the whole pool for accumulate). */
  readonly heldSizes: Int32Array;
}

const CONSTANT_ONE: Schedule = { kind: 'constant' };

/**
 * Plans a recursion of T generations after the real-only fit on |D_0| = `initialSize` points:
 *   replace     synthetic_t = held_t = max(1, round(n·c_t))
 *   accumulate  synthetic_t = max(1, round(n·c_t)),  held_t = |D_0| + Σ_{j ≤ t} synthetic_j
 *   augment     synthetic_t = m (default n),          held_t = |D_0| + m
 *   fresh       synthetic_t = m,                      held_t = n + m
 * (c_t ≡ 1 without a schedule.) Any held_t > maxTrainingSize throws an InvalidArgumentError naming the
 * policy and generation; an accumulate `subsample` larger than the generation-1 pool throws one naming
 * `policy.subsample`. Assumes a validated policy, T an integer ≥ 0, maxTrainingSize an integer in
 * [1, 2³¹ − 1].
 *
 * @example
 *   planGenerations({ kind: 'replace', n: 1, schedule: { kind: 'exponential', base: 10 } }, 12, 1, 1e7);
 *   // throws: training size of policy "replace" at generation 8 must be at most maxTrainingSize = 10000000 …
 */
export function planGenerations(policy: Policy, generations: number, initialSize: number, maxTrainingSize: number): GenerationPlan {
  optionsObject('policy', policy, '{ kind, n, … } (a validated Policy)');
  const syntheticSizes = new Int32Array(generations + 1);
  const heldSizes = new Int32Array(generations + 1);
  const refuse = (t: number, size: number, how: string): never => {
    throw new InvalidArgumentError(
      `training size of policy "${policy.kind}" at generation ${t}`,
      size,
      `at most maxTrainingSize = ${maxTrainingSize} points (${how})`,
    );
  };
  if (initialSize > maxTrainingSize) refuse(0, initialSize, '|D_0|');
  heldSizes[0] = initialSize;
  let pool = initialSize;
  for (let t = 1; t <= generations; t++) {
    let synthetic: number;
    let held: number;
    switch (policy.kind) {
      case 'replace':
      case 'accumulate': {
        const c = checkedMultiplier(policy.schedule ?? CONSTANT_ONE, t, 'policy.schedule');
        synthetic = roundedSize(policy.n, c);
        if (policy.kind === 'replace') {
          held = synthetic;
          if (!(held <= maxTrainingSize)) refuse(t, held, `round(n·c_t) with n = ${policy.n}, c_t = ${c}`);
        } else {
          held = pool + synthetic;
          if (!(held <= maxTrainingSize)) refuse(t, held, `the accumulated pool |D_0| + Σ_{j≤t} round(n·c_j), here c_t = ${c}`);
        }
        break;
      }
      case 'augment':
        synthetic = policy.m ?? policy.n;
        held = initialSize + synthetic;
        if (!(held <= maxTrainingSize)) refuse(t, held, `|D_0| + m = ${initialSize} + ${synthetic}`);
        break;
      case 'fresh':
        synthetic = policy.m;
        held = policy.n + synthetic;
        if (!(held <= maxTrainingSize)) refuse(t, held, `n + m = ${policy.n} + ${synthetic}`);
        break;
    }
    syntheticSizes[t] = synthetic;
    heldSizes[t] = held;
    pool = held;
  }
  if (policy.kind === 'accumulate' && policy.subsample !== undefined && generations >= 1 && policy.subsample > heldSizes[1]) {
    throw new InvalidArgumentError(
      'policy.subsample',
      policy.subsample,
      `an integer ≤ the pool size at generation 1, |D_0| + round(n·c_1) = ${heldSizes[1]} (points are drawn without replacement)`,
    );
  }
  return { syntheticSizes, heldSizes };
}

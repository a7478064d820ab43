/**
 * Sample-size schedules c_t (paper 1, "growing synthetic size n·c_t"): generation t ≥ 1 of a `replace`
 * or `accumulate` recursion draws round(n·c_t) synthetic points (at least 1). The Gaussian-mean risk of
 * fully synthetic replacement is (σ²/n)(1 + S_T) with S_T = Σ_{t=1}^T 1/c_t, so whether S_∞ is finite
 * decides collapse (CLAIMS.md §2.2).
 */
import type { Schedule } from './types.js';
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { integerInRange, oneOf, positiveNumber, optionsObject } from '../validate.js';

const SCHEDULE_KINDS = ['constant', 'linear', 'polynomial', 't-log-t', 'exponential', 'function'] as const;

/** The fields each schedule kind may carry (besides `kind`). */
const SCHEDULE_FIELDS: Readonly<Record<Schedule['kind'], readonly string[]>> = {
  constant: ['c'],
  linear: ['slope'],
  polynomial: ['s'],
  't-log-t': [],
  exponential: ['base'],
  function: ['c', 'label'],
};

/**
 * Checks a schedule's kind and parameters: constant c > 0 (default 1), linear slope > 0 (default 1),
 * polynomial s > −1, exponential base ≥ 1, function c a function (its values are checked per t by
 * `scheduleMultiplier`). Fields that do not belong to the kind are refused (they are usually typos).
 * Throws an InvalidArgumentError naming `${name}.<field>`.
 *
 * @example
 *   validateSchedule({ kind: 'polynomial', s: 0.5 });     // ok
 *   validateSchedule({ kind: 'exponential', base: 0.9 });  // throws: schedule.base must be a finite number ≥ 1
 */
export function validateSchedule(schedule: unknown, name = 'schedule'): Schedule {
  if (typeof schedule !== 'object' || schedule === null) {
    throw new InvalidArgumentError(name, schedule, `an object { kind: ${SCHEDULE_KINDS.map((k) => JSON.stringify(k)).join(' | ')}, … }`);
  }
  const s = schedule as Record<string, unknown>;
  const kind = oneOf(`${name}.kind`, s.kind, SCHEDULE_KINDS);
  const allowed = SCHEDULE_FIELDS[kind];
  for (const field of Object.keys(s)) {
    if (field !== 'kind' && !allowed.includes(field) && s[field] !== undefined) {
      throw new InvalidArgumentError(`${name}.${field}`, s[field], `absent for schedule kind "${kind}" (its fields: kind${allowed.map((f) => ', ' + f).join('')})`);
    }
  }
  switch (kind) {
    case 'constant':
      if (s.c !== undefined) positiveNumber(`${name}.c`, s.c);
      break;
    case 'linear':
      if (s.slope !== undefined) positiveNumber(`${name}.slope`, s.slope);
      break;
    case 'polynomial':
      if (typeof s.s !== 'number' || !Number.isFinite(s.s) || !(s.s > -1)) {
        throw new InvalidArgumentError(`${name}.s`, s.s, 'a finite number > -1 (c_t = t^(1+s) must grow)');
      }
      break;
    case 't-log-t':
      break;
    case 'exponential':
      if (typeof s.base !== 'number' || !Number.isFinite(s.base) || !(s.base >= 1)) {
        throw new InvalidArgumentError(`${name}.base`, s.base, 'a finite number ≥ 1');
      }
      break;
    case 'function':
      if (typeof s.c !== 'function') throw new InvalidArgumentError(`${name}.c`, s.c, 'a function t ↦ c_t > 0');
      if (s.label !== undefined && typeof s.label !== 'string') throw new InvalidArgumentError(`${name}.label`, s.label, 'a string or absent');
      break;
  }
  return schedule as Schedule;
}

/**
 * The multiplier c_t of generation t ≥ 1:
 *   constant: c (default 1);  linear: slope·t (default slope 1);  polynomial: t^(1+s);
 *   t-log-t: t·ln t for t ≥ 2 and c_1 = 1;  exponential: base^t;  function: schedule.c(t).
 * Assumes nothing of the schedule: it is validated here, and c_t must come out finite and > 0 (a function
 * schedule returning NaN, 0 or a negative number, or an exponential overflowing, throws an
 * InvalidArgumentError naming `${name}.c(t)` with t and the value). Source: paper 1 (CLAIMS.md §2.1).
 *
 * @example
 *   scheduleMultiplier({ kind: 'polynomial', s: 1 }, 3);  // 9  (t²)
 *   scheduleMultiplier({ kind: 't-log-t' }, 1);            // 1
 */
export function scheduleMultiplier(schedule: Schedule, t: number, name = 'schedule'): number {
  validateSchedule(schedule, name);
  integerInRange('t', t, 1);
  return checkedMultiplier(schedule, t, name);
}

/**
 * c_t of an already validated schedule at an integer t ≥ 1, with the finiteness / positivity check of
 * `scheduleMultiplier` (for loops that validated the schedule once).
 */
export function checkedMultiplier(schedule: Schedule, t: number, name = 'schedule'): number {
  optionsObject(name, schedule, '{ kind, … } (a validated Schedule)');
  let c: number;
  switch (schedule.kind) {
    case 'constant':
      c = schedule.c ?? 1;
      break;
    case 'linear':
      c = (schedule.slope ?? 1) * t;
      break;
    case 'polynomial':
      c = Math.pow(t, 1 + schedule.s);
      break;
    case 't-log-t':
      c = t === 1 ? 1 : t * Math.log(t);
      break;
    case 'exponential':
      c = Math.pow(schedule.base, t);
      break;
    case 'function':
      c = schedule.c(t);
      break;
  }
  if (typeof c !== 'number' || !Number.isFinite(c) || !(c > 0)) {
    const label = schedule.kind === 'function' && schedule.label ? ` ("${schedule.label}")` : '';
    throw new InvalidArgumentError(`${name}.c(${t})`, c, `a finite number > 0 (the multiplier c_t of schedule kind "${schedule.kind}"${label} at t = ${t})`);
  }
  return c;
}

/** max(1, round(n·c)): the rounding shared by `syntheticSize` and the loop's planning. */
export function roundedSize(n: number, c: number): number {
  // never a NaN or infinite size (issue 7): n and c finite numbers, n·c within the double range
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new InvalidArgumentError('n', n, 'a finite number');
  if (typeof c !== 'number' || !Number.isFinite(c)) throw new InvalidArgumentError('c', c, 'a finite number');
  const size = Math.max(1, Math.round(n * c));
  if (!Number.isFinite(size)) throw new InvalidArgumentError('c', c, `a finite number with n·c within the double range (n = ${n})`);
  return size;
}

/**
 * The synthetic sample size of generation t ≥ 1: n_t = max(1, round(n·c_t)) (round half up). n is an
 * integer ≥ 1; the result must be a safe integer, otherwise an InvalidArgumentError names the schedule
 * and t (the loop additionally caps sizes at its `maxTrainingSize`). Source: paper 1, n_t = n·c_t.
 *
 * @example
 *   syntheticSize(10, { kind: 'linear', slope: 0.25 }, 3);  // round(7.5) = 8
 *   syntheticSize(10, { kind: 'constant', c: 0.01 }, 1);    // 1 (never empty)
 */
export function syntheticSize(n: number, schedule: Schedule, t: number, name = 'schedule'): number {
  integerInRange('n', n, 1);
  const c = scheduleMultiplier(schedule, t, name);
  const size = roundedSize(n, c);
  if (!(size <= Number.MAX_SAFE_INTEGER)) {
    throw new InvalidArgumentError(`${name} at t = ${t}`, size, `a schedule whose size round(n·c_t) is a safe integer (n = ${n}, c_t = ${c})`);
  }
  return size;
}

/** Largest T of `scheduleSum`: the loop's MAX_GENERATIONS (recurse.ts), 10⁷ terms (about 0.1 s). */
export const MAX_SCHEDULE_SUM_TERMS = 10_000_000;

/**
 * S_T = Σ_{t=1}^T 1/c_t (0 for T = 0, T ≤ 10⁷), summed with Neumaier's compensation. The Gaussian-mean MSE of
 * fully synthetic replacement is (σ²/n)(1 + S_T), and P(θ̂_T improves on θ̂_0) = (1/π)·arctan(2/√S_T)
 * (paper 1, Thm 5; CLAIMS.md §2.2, §2.5). Throws like `scheduleMultiplier` if some c_t is invalid, and
 * NumericalError('overflow') if the sum exceeds the double range (some c_t below ~5.6e-309).
 *
 * @example
 *   scheduleSum({ kind: 'linear' }, 3);               // 1 + 1/2 + 1/3 = 1.8333…
 *   scheduleSum({ kind: 'polynomial', s: 1 }, 1e6);   // ≈ π²/6 − 1e-6
 */
export function scheduleSum(schedule: Schedule, T: number, name = 'schedule'): number {
  validateSchedule(schedule, name);
  integerInRange('T', T, 0, MAX_SCHEDULE_SUM_TERMS); // a sum of 10¹² terms would run for hours (issue 7)
  let sum = 0;
  let compensation = 0;
  for (let t = 1; t <= T; t++) {
    const c = checkedMultiplier(schedule, t, name);
    const term = 1 / c;
    const next = sum + term;
    if (next === Infinity) {
      // c_t below ~5.6e-309 makes 1/c_t (or the sum) overflow; the compensation would turn it into NaN (issue 7)
      throw new NumericalError('overflow', `S_T = Σ 1/c_t of ${name} exceeds the double range at t = ${t} (c_t = ${c})`, { t, c });
    }
    if (Math.abs(sum) >= Math.abs(term)) compensation += sum - next + term;
    else compensation += term - next + sum;
    sum = next;
  }
  return sum + compensation;
}

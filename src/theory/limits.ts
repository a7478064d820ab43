/**
 * Caps on the round / generation counts of the closed forms that iterate over rounds (issue 7): a count of 2^53
 * is refused with an InvalidArgumentError naming it instead of looping for hours. 10⁷ rounds (the loop's
 * MAX_GENERATIONS) take about 0.1 s; the rate-MLE moments cost ~1.5 ms per generation, hence their lower cap.
 */
import { finiteVector, integerInRange } from '../validate.js';
import { InvalidArgumentError } from '../errors.js';

/** Largest round count of the iterated closed forms (the loop's MAX_GENERATIONS). */
export const MAX_ROUNDS = 10_000_000;

/** Largest generation of accumulateRateRelativeError / accumulateRateSquaredErrorVariance (~1 s of quadrature). */
export const MAX_RATE_MLE_GENERATION = 500;

/** A round count: an integer in [0, max] (max defaults to MAX_ROUNDS). */
export function roundCount(name: string, value: unknown, max: number = MAX_ROUNDS): number {
  return integerInRange(name, value, 0, max);
}

/** An array or typed array (its entries are checked by the caller). */
export function arrayLike(name: string, value: unknown): ArrayLike<number> {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new InvalidArgumentError(name, value, 'an array or typed array of numbers');
  }
  return value as ArrayLike<number>;
}

/** An array or typed array of finite numbers, as a Float64Array. */
export function weightVector(name: string, value: unknown): Float64Array {
  return finiteVector(name, Array.from(arrayLike(name, value), Number).map((v, i) => (typeof (value as ArrayLike<unknown>)[i] === 'number' ? v : NaN)));
}

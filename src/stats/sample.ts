/**
 * Validation of the samples the checks and helpers of src/stats receive (issue 7): an array or typed array of finite
 * numbers, so that an empty, NaN-holding or wrong-typed sample is refused with an InvalidArgumentError naming it
 * instead of a TypeError or a NaN result.
 */
import { InvalidArgumentError } from '../errors.js';

/** `value` when it is an Array or a (non-BigInt) typed array of at least `minLength` finite numbers; else throws. */
export function finiteSamples(name: string, value: unknown, minLength = 0): ArrayLike<number> {
  const typed = ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
  if (!Array.isArray(value) && !typed) throw new InvalidArgumentError(name, value, 'an array or typed array of finite numbers');
  const sample = value as ArrayLike<unknown>;
  if (sample.length < minLength) throw new InvalidArgumentError(`${name}.length`, sample.length, `at least ${minLength}`);
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidArgumentError(`${name}[${i}]`, x, 'a finite number');
  }
  return sample as ArrayLike<number>;
}

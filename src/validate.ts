/**
 * Argument validation shared by every public function. Each helper throws an InvalidArgumentError
 * naming the parameter, the received value and the allowed set, and returns the value typed.
 */
import { InvalidArgumentError } from './errors.js';

/** A finite number (not NaN, not ±Infinity). */
export function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidArgumentError(name, value, 'a finite number');
  return value;
}

/** A finite number strictly greater than zero. */
export function positiveNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new InvalidArgumentError(name, value, 'a finite number > 0');
  }
  return value;
}

/** A finite number in the closed interval [min, max]. */
export function numberInRange(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidArgumentError(name, value, `a finite number in [${min}, ${max}]`);
  }
  return value;
}

/** A probability or weight in [0, 1]. */
export function unitInterval(name: string, value: unknown): number {
  return numberInRange(name, value, 0, 1);
}

/** A safe integer in [min, max] (max defaults to Number.MAX_SAFE_INTEGER). */
export function integerInRange(name: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const upper = max === Number.MAX_SAFE_INTEGER ? '' : ` and ≤ ${max}`;
    throw new InvalidArgumentError(name, value, `an integer ≥ ${min}${upper}`);
  }
  return value;
}

/**
 * Largest number of entries (rows × columns) a model draws in one call: 2^27 doubles, 1 GiB. A larger
 * request (a schedule c_t grown past the machine, a fuzzed 2^31) gets a clear error instead of an
 * allocation that takes the process down or runs for minutes.
 */
export const MAX_SAMPLE_ENTRIES = 2 ** 27;

/**
 * A sample size: an integer in [0, ⌊MAX_SAMPLE_ENTRIES / rowLength⌋], rowLength = entries per row.
 *
 * @example
 *   sampleSize('size', 200, 2); // 200
 *   sampleSize('size', 2 ** 31, 1); // throws: size must be an integer ≥ 0 and ≤ 134217728 …
 */
export function sampleSize(name: string, value: unknown, rowLength = 1): number {
  return integerInRange(name, value, 0, Math.floor(MAX_SAMPLE_ENTRIES / rowLength));
}

/**
 * An object argument (an options bag, an input record, a model, a stream key): anything but null, an array or a
 * primitive, returned as given. Guards the top of a function that dereferences the argument, so that null, undefined
 * or a number is refused with an error naming the parameter and its expected shape instead of a TypeError from
 * inside (`shape` lists the fields, as in `{ traceSigma, n, generation }`).
 *
 * @example
 *   optionsObject('options', { n: 3 }, '{ n }'); // { n: 3 }
 *   optionsObject('options', null, '{ n }');     // throws: options must be an object { n }; received null
 */
export function optionsObject<T>(name: string, value: T, shape: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError(name, value, `an object ${shape}`);
  return value;
}

/** One of a fixed set of string options. */
export function oneOf<T extends string>(name: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(name, value, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
  }
  return value as T;
}

/** A Float64Array (or number array, copied) of the given length whose entries are all finite. */
export function finiteVector(name: string, value: unknown, length?: number): Float64Array {
  let out: Float64Array;
  if (value instanceof Float64Array) out = value;
  else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) out = Float64Array.from(value as number[]);
  else throw new InvalidArgumentError(name, value, length === undefined ? 'a Float64Array or number[]' : `a Float64Array or number[] of length ${length}`);
  if (length !== undefined && out.length !== length) {
    throw new InvalidArgumentError(`${name}.length`, out.length, `${length}`);
  }
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new InvalidArgumentError(`${name}[${i}]`, out[i], 'a finite number');
  }
  return out;
}

/**
 * The `name` argument of a function that reports errors under a caller-chosen parameter name (a model's
 * `validate(theta, name)`, `dataset(…, name)`, `normalisedSourceWeights(…, name)`): `fallback` when it is
 * undefined, else it must be a non-empty string — an error naming a number or a symbol would name no parameter.
 *
 * @example
 *   parameterName(undefined, 'theta'); // 'theta'
 *   parameterName(700, 'theta');       // throws: name must be a non-empty string …; received 700
 */
export function parameterName(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentError('name', value, 'a non-empty string (the parameter name used in error messages) or undefined');
  }
  return value;
}
